#!/usr/bin/env node
/**
 * Generates the Alibaba Cloud (aliyun/alicloud) bindings for each Terraform engine
 * (`scripts/engine-flavours.js`, `ENGINES`) from the one pinned schema in
 * `providers/alicloud/schema.json`, each with that engine's official generator — the code its
 * `get` command runs — offline:
 *
 * | engine | generator                           | codemaker (the generator's own dependency) | output                          |
 * | ------ | ----------------------------------- | ------------------------------------------ | ------------------------------- |
 * | cdktf  | `@cdktf/provider-generator` 0.21.0  | 1.112.0                                    | `src/alicloud/generated/cdktf/` |
 * | cdktn  | `@cdktn/provider-generator` 0.24.0  | 1.128.0                                    | `src/alicloud/generated/cdktn/` |
 *
 *   npm run gen:alicloud                              # writes both folders
 *   node scripts/gen-alicloud.js --engine cdktn       # writes src/alicloud/generated/cdktn/ only
 *   node scripts/gen-alicloud.js --engine cdktn DIR   # writes DIR instead (the tests compare DIR with the committed folder)
 *
 * Each generator, its codemaker and its commons package are resolved from the generator's own
 * package (never the project root's), and their installed versions are checked against the pins
 * below: the bytes depend only on the schema, the provider version and those versions. The output
 * folder is emptied first; running twice gives the same bytes. Generated files are never edited
 * by hand.
 *
 * Both folders have the same shape: exactly what the generator's code maker holds (per resource
 * and data source `providers/alicloud/<name>/index.ts` + `README.md`, plus
 * `providers/alicloud/index.ts` and `lazy-index.ts`); neither engine's `get` extras (`versions.json`,
 * `constraints.json`, which `get`'s ConstructsMaker adds around the generator) are written, and
 * the pinned schema has no provider functions or ephemeral resources (which 0.24 would emit and
 * 0.21 cannot). Beyond `cdktf` → `cdktn` and `CDKTF` → `CDKTN`, the two outputs differ in three
 * ways (measured with `diff -r`, in 14 of the 28 files):
 * - `providers/alicloud/index.ts` exports `./<name>/index` (0.24 spells the file; 0.21 `./<name>`);
 * - the 6 `…List extends ComplexList` classes over sets: 0.21's constructor redeclares
 *   `protected terraformResource`, `terraformAttribute`, `wrapsSet` as parameter properties, 0.24
 *   passes plain parameters to `super` (the members are the base class's either way);
 * - the "complex element was used as configuration" error links
 *   `https://cdktn.io/docs/concepts/resources#references` instead of
 *   `https://cdk.tf/complex-object-as-configuration`.
 * `lazy-index.ts`, the READMEs and everything the constructs use (class names, config
 * interfaces, `terraformResourceType`, `providerVersion`, synthesized attribute names) are the same.
 */
'use strict';

// Both commons packages read these when they load: no telemetry, no update check.
process.env.CHECKPOINT_DISABLE = '1';
process.env.DISABLE_VERSION_CHECK = 'true';

const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');
const { ENGINES, engine } = require('./engine-flavours');

const ROOT = path.resolve(__dirname, '..');
const SCHEMA = path.join(ROOT, 'providers', 'alicloud', 'schema.json');
const GENERATED = path.join(ROOT, 'src', 'alicloud', 'generated');
/** The provider release the schema was taken from (providers/alicloud/README.md). */
const PROVIDER_VERSION = '1.289.0';

/**
 * Per engine: the official generator package and version, the module inside it that holds
 * `TerraformProviderGenerator` (the package index also loads jsii/jsii-pacmak, which generation
 * does not need), and the commons package it takes its targets from.
 */
const GENERATORS = {
  cdktf: { package: '@cdktf/provider-generator', version: '0.21.0', module: 'lib/get/generator/provider-generator', commons: '@cdktf/commons' },
  cdktn: { package: '@cdktn/provider-generator', version: '0.24.0', module: 'build/get/generator/provider-generator', commons: '@cdktn/commons' },
};

for (const name of Object.keys(ENGINES)) {
  if (!GENERATORS[name]) throw new Error(`gen-alicloud.js: engine ${name} (scripts/engine-flavours.js) has no generator entry`);
}

/** Bad arguments or a wrong installation: reported as one line, without a stack. */
class UsageError extends Error {}

/** The committed output folder of `engineName`. */
function defaultOut(engineName) {
  return path.join(GENERATED, engine(engineName).name);
}

/** `pkg`'s package.json as `req` resolves it, or a clear error. */
function manifest(req, pkg, from) {
  try {
    return req(`${pkg}/package.json`);
  } catch {
    throw new UsageError(`${pkg} is not installed (resolved from ${from})`);
  }
}

/**
 * The generator of `engineName`, with the codemaker and commons it depends on (resolved from the
 * generator's own folder), after checking every installed version against the pins.
 */
function loadGenerator(engineName) {
  const g = GENERATORS[engine(engineName).name];
  const pkgJson = manifest(require, g.package, ROOT);
  if (pkgJson.version !== g.version) {
    throw new UsageError(`${g.package} ${pkgJson.version} is installed; the bindings are pinned to ${g.version}`);
  }
  const req = createRequire(require.resolve(`${g.package}/package.json`));
  const from = path.dirname(req.resolve(`${g.package}/package.json`));
  for (const dep of ['codemaker', g.commons]) {
    const got = manifest(req, dep, from).version;
    const want = pkgJson.dependencies[dep];
    if (got !== want) throw new UsageError(`${g.package} ${g.version} depends on ${dep} ${want}, but ${got} resolves from ${from}`);
  }
  return {
    ...g,
    TerraformProviderGenerator: req(`${g.package}/${g.module}`).TerraformProviderGenerator,
    CodeMaker: req('codemaker').CodeMaker,
    commons: req(g.commons),
  };
}

/** Writes the bindings of `engineName` into `outdir` (emptied first); resolves to `outdir`. */
async function generate(engineName, outdir = defaultOut(engineName)) {
  const { TerraformProviderGenerator, CodeMaker, commons } = loadGenerator(engineName);
  const { TerraformProviderConstraint, ConstructsMakerProviderTarget, Language } = commons;

  const schema = JSON.parse(fs.readFileSync(SCHEMA, 'utf8'));
  const fqpn = Object.keys(schema.provider_schemas)[0];
  // `get` reads the version from the lock file; here it is the pinned release.
  schema.provider_versions = { [fqpn]: PROVIDER_VERSION };

  fs.rmSync(outdir, { recursive: true, force: true });
  fs.mkdirSync(outdir, { recursive: true });
  const code = new CodeMaker();
  new TerraformProviderGenerator(code, schema).generate(
    new ConstructsMakerProviderTarget(new TerraformProviderConstraint(`aliyun/alicloud@${PROVIDER_VERSION}`), Language.TYPESCRIPT),
  );
  await code.save(outdir);
  return outdir;
}

/** `{ engines, outdir }` from the command line, or a UsageError. */
function parseArgs(argv) {
  const allowed = Object.keys(ENGINES);
  let engineName;
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--engine') {
      engineName = argv[++i];
      if (engineName === undefined) throw new UsageError(`--engine needs a value; allowed: ${allowed.join(', ')}`);
    } else if (a.startsWith('--engine=')) engineName = a.slice('--engine='.length);
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${JSON.stringify(a.slice(0, 40))}; usage: gen-alicloud.js [--engine ${allowed.join('|')} [DIR]]`);
    else rest.push(a);
  }
  if (rest.length > 1) throw new UsageError(`one output folder at most, got ${rest.length}`);
  if (engineName === undefined) {
    if (rest.length) throw new UsageError('an output folder needs --engine (without it both engines are written to src/alicloud/generated/<engine>/)');
    return { engines: allowed, outdir: undefined };
  }
  if (!allowed.includes(engineName)) {
    throw new UsageError(`engine ${JSON.stringify(engineName).slice(0, 40)} is not known; allowed: ${allowed.join(', ')}`);
  }
  return { engines: [engineName], outdir: rest[0] && path.resolve(rest[0]) };
}

module.exports = { generate, defaultOut, loadGenerator, GENERATORS, SCHEMA, PROVIDER_VERSION };

if (require.main === module) {
  (async () => {
    const { engines, outdir } = parseArgs(process.argv.slice(2));
    for (const name of engines) {
      const t0 = process.hrtime.bigint();
      const dir = await generate(name, outdir ?? defaultOut(name));
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const g = GENERATORS[name];
      console.log(`alicloud bindings (${name}, ${g.package} ${g.version}) written to ${path.relative(process.cwd(), dir) || '.'} in ${ms.toFixed(0)} ms`);
    }
  })().catch((e) => {
    console.error(e instanceof UsageError ? `gen-alicloud.js: ${e.message}` : e);
    process.exit(1);
  });
}
