/**
 * Runs the project's TypeScript source as the CDK Terrain flavour, for the examples and the
 * benchmarks: `CCVPN_ENGINE=cdktn node -r @swc-node/register -r ./scripts/engine-register.js …`.
 * Every `require` of a cdktf specifier is answered as `scripts/engine-flavours.js` spells it for
 * the engine (the build does the same swap in `lib/cdktn/`, jest with `moduleNameMapper`).
 * Without `CCVPN_ENGINE`, or with `cdktf`, it changes nothing.
 */
'use strict';

const Module = require('node:module');
const { DEFAULT_ENGINE, engine, mapSpecifier } = require('./engine-flavours');

const name = process.env.CCVPN_ENGINE || DEFAULT_ENGINE;
try {
  engine(name);
} catch (e) {
  process.stderr.write(`CCVPN_ENGINE: ${e.message}\n`);
  process.exit(2);
}
if (name !== DEFAULT_ENGINE) {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function resolveForEngine(request, ...rest) {
    return resolve.call(this, typeof request === 'string' ? mapSpecifier(name, request) : request, ...rest);
  };
}
