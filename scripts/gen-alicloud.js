#!/usr/bin/env node
/**
 * Generates the cdktf bindings of the aliyun/alicloud provider from the pinned schema in
 * `providers/alicloud/schema.json`, with the official generator (@cdktf/provider-generator 0.21.0,
 * the code `cdktf get` runs), offline.
 *
 *   npm run gen:alicloud              # writes src/alicloud/generated/cdktf/
 *   node scripts/gen-alicloud.js DIR  # writes DIR instead (the tests compare DIR with the committed folder)
 *
 * The output folder is emptied first; the output depends only on the schema and the generator
 * version, so running it twice gives the same bytes. Generated files are never edited by hand.
 */
'use strict';

// @cdktf/commons reads these when it loads: no telemetry, no update check.
process.env.CHECKPOINT_DISABLE = '1';
process.env.DISABLE_VERSION_CHECK = 'true';

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SCHEMA = path.join(ROOT, 'providers', 'alicloud', 'schema.json');
const DEFAULT_OUT = path.join(ROOT, 'src', 'alicloud', 'generated', 'cdktf');
/** The provider release the schema was taken from (providers/alicloud/README.md). */
const PROVIDER_VERSION = '1.289.0';

async function generate(outdir) {
  // The package index also loads jsii/jsii-pacmak, which the generator itself does not need:
  // import the generator module directly.
  const { TerraformProviderGenerator } = require('@cdktf/provider-generator/lib/get/generator/provider-generator');
  const { CodeMaker } = require('codemaker');
  const { TerraformProviderConstraint, ConstructsMakerProviderTarget, Language } = require('@cdktf/commons');

  const schema = JSON.parse(fs.readFileSync(SCHEMA, 'utf8'));
  const fqpn = Object.keys(schema.provider_schemas)[0];
  // `cdktf get` reads the version from the lock file; here it is the pinned release.
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

module.exports = { generate, DEFAULT_OUT, SCHEMA, PROVIDER_VERSION };

if (require.main === module) {
  const outdir = path.resolve(process.argv[2] ?? DEFAULT_OUT);
  generate(outdir)
    .then((dir) => console.log(`alicloud bindings written to ${path.relative(process.cwd(), dir) || '.'}`))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
