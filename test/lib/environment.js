// The jest test environment of every test file: node's, plus one CloudFormation validation
// engine per set of rules, shared by all the files a worker runs (below); code caches for the
// modules the worker compiles, and jest's source-map formatter for errors only (further down:
// what a test file costs to run, never what it proves).
//
// aws-cdk-lib validates every synthesized template with `@aws/cloudformation-validate` (a WASM
// engine) and keeps the engine for the rest of the process, re-creating it only when a template
// brings resource types whose rules it lacks. Jest gives each test file a module registry of its
// own, so each file built the engine again: 1.3 s of CPU for its first synth alone, over a minute
// in all (scripts/test-times.js; bench/README has the profile). This environment is loaded once
// per worker, outside the files' registries: it loads the validator there, and
// test/lib/cfn-validate.js (jest.config.js maps the package to it) hands each file that one
// module, whose `CompositeEngine` returns the worker's engine for the same configuration. The
// validation is the same (same engine, same rules, the same calls); a file only stops paying to
// build it. aws-cdk-lib frees its engine when it replaces it; here the cache owns the engines, so
// `free` is a no-op on the handle a file holds.
const { isNativeError } = require('node:util').types;
const { TestEnvironment } = require('jest-environment-node');

/** The validator aws-cdk-lib itself loads. */
const VALIDATOR = require('./validator-path');
/** At most this many engines per worker (one per distinct rule set; each a few MB). */
const MAX_ENGINES = 24;

/**
 * `value` with its plain objects and arrays rebuilt in this realm. A test file's objects come from
 * its own context (its own `Object.prototype`), which the validator's bindings refuse as config
 * ("must contain only plain objects"); instances of the validator's classes pass as they are.
 */
function here(value, real) {
  if (value === null || typeof value !== 'object') return value;
  if (Object.values(real).some((c) => typeof c === 'function' && c.prototype && value instanceof c)) return value;
  return JSON.parse(JSON.stringify(value));
}

let shared;
function sharedValidator() {
  if (shared) return shared;
  // Its 9 MB WASM module compiled by V8's baseline compiler only (Liftoff): the optimizing tier
  // compiled it again on the other cores for 1.6-2 CPU-seconds per worker, which a worker's few
  // hundred validations never paid back (measured: engine plus 40 validations of the mesh's
  // templates, 5.0-5.4 CPU-s with tier-up, 3.4 without, each validation as fast). The same
  // module, the same verdicts: only how V8 compiles it differs.
  require('node:v8').setFlagsFromString('--liftoff-only');
  const real = require(VALIDATOR);
  const engines = new Map();
  function engineFor(config) {
    const key = JSON.stringify(config ?? null);
    let engine = engines.get(key);
    if (engine) {
      engines.delete(key); // most recently used last
    } else {
      engine = new real.CompositeEngine(here(config, real));
      if (engines.size >= MAX_ENGINES) {
        const [oldest, old] = engines.entries().next().value;
        engines.delete(oldest);
        old.free();
      }
    }
    engines.set(key, engine);
    return engine;
  }
  /** Methods of `target` called with their arguments rebuilt here; `free` a no-op when `keep`. */
  const handle = (target, keep) => new Proxy(target, {
    get(t, prop) {
      if (keep && (prop === 'free' || prop === Symbol.dispose)) return () => undefined;
      const value = Reflect.get(t, prop, t);
      return typeof value === 'function' ? (...args) => value.apply(t, args.map((a) => here(a, real))) : value;
    },
  });
  // `new CompositeEngine(config)`: the worker's engine for that configuration.
  function CompositeEngine(config) {
    return handle(engineFor(config), true);
  }
  shared = new Proxy(real, {
    get(target, prop) {
      if (prop === 'CompositeEngine') return CompositeEngine;
      const value = Reflect.get(target, prop);
      if (typeof value !== 'function') return value;
      // classes (TemplateContent, …) and functions take the test file's values rebuilt here
      return new Proxy(value, {
        construct: (c, args) => Reflect.construct(c, args.map((a) => here(a, real))),
        apply: (f, self, args) => Reflect.apply(f, self, args.map((a) => here(a, real))),
      });
    },
  });
  return shared;
}

/**
 * Jest's stack formatter (installed on this realm's `Error` before each file's environment is
 * set up), for errors only. cdktf records the whole stack of every token it creates
 * (`captureStackTrace` into a plain `{ stack }` object, kept to say where an unresolvable token
 * was made), and aws-cdk-lib and constructs do the same for construct metadata; jest's formatter
 * maps each frame of those through the files' source maps, which cost a mesh synthesis about
 * 0.16 s of CPU (a profile of test/verify/change-e2e.test.ts: 0.8 of its 4.9 s of synthesis).
 * Those traces are never shown by a test; a real error's stack (a failing assertion, a thrown
 * `Error` of any realm) still goes through jest's formatter and points into the sources.
 */
function mapErrorsOnly() {
  const jestFormat = Error.prepareStackTrace;
  if (typeof jestFormat !== 'function' || jestFormat[MAPS_ERRORS_ONLY]) return;
  const format = (target, frames) => (isNativeError(target) || target instanceof Error
    ? jestFormat(target, frames)
    : `Error\n${frames.map((f) => `    at ${f}`).join('\n')}`);
  format[MAPS_ERRORS_ONLY] = true;
  Error.prepareStackTrace = format;
}
const MAPS_ERRORS_ONLY = Symbol('ccvpn: jest formats errors only');

/**
 * V8 code caches for the modules jest compiles, kept for the worker's lifetime. Jest gives each
 * test file a module registry and a context of its own and compiles every module the file loads
 * with `vm.compileFunction`, which V8's in-isolate compilation cache does not serve, so each file
 * parsed aws-cdk-lib, cdktf and the bindings again. The first compile of a source produces its
 * code cache; later compiles of the same source take it (measured over ten synthesis-heavy files,
 * ~5,600 module compiles: 1.45 s of compiling, 0.71 s with the caches, which hold ~11 MB per
 * worker). V8 checks a cache against the source and its own flags and rejects one that does not
 * match (the module then compiles as before), so what runs is what jest compiled: only the parse
 * is skipped.
 */
function cacheCompiledModules() {
  const vm = require('node:vm');
  if (vm.compileFunction[CACHES_CODE]) return;
  const compile = vm.compileFunction;
  const caches = new Map();
  const cached = function compileFunction(code, params, options) {
    const file = options && options.filename;
    if (typeof file !== 'string' || typeof code !== 'string' || options.cachedData !== undefined || options.produceCachedData) return compile.call(this, code, params, options);
    const key = `${file}\0${code.length}`;
    const data = caches.get(key);
    const fn = compile.call(this, code, params, data ? { ...options, cachedData: data } : { ...options, produceCachedData: true });
    if (data ? fn.cachedDataRejected : !fn.cachedData) caches.delete(key);
    else if (!data) caches.set(key, fn.cachedData);
    return fn;
  };
  cached[CACHES_CODE] = true;
  vm.compileFunction = cached;
}
const CACHES_CODE = Symbol('ccvpn: compileFunction with code caches');
cacheCompiledModules();

class Environment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.__ccvpnCloudFormationValidate = sharedValidator();
  }

  async setup() {
    await super.setup();
    mapErrorsOnly();
  }
}

module.exports = Environment;
