// jest globalSetup (jest.config.js), in the process that starts the workers: they and their
// children inherit its environment. One folder per jest run for the outputs that several test
// files synthesize alike (test/lib/output-cache.ts), named to the workers by CCVPN_TEST_CACHE;
// removed by test/global-teardown.js. A run started by hand without jest has none, and each file
// synthesizes its own.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async () => {
  // The tests' node children that load TypeScript through @swc-node/register (the examples under
  // the real CLIs, the labs' and synthesis children) keep swc's source maps inline only, without
  // @swc-node/sourcemap-support: that support maps every frame of every stack trace captured,
  // and cdktf captures one for each token it creates (a mesh synthesis: 1.85 → 1.5 CPU-s).
  // What the children do is the same; only a child's own stack traces are left unmapped.
  process.env.SWC_NODE_SOURCE_MAP_MODE ??= 'inline';
  // The aws-cdk CLI the tests run sends no telemetry: a test sends nothing off this machine, and
  // the CLI started a sender process of its own for it (~0.2 CPU-s a run).
  process.env.CDK_DISABLE_CLI_TELEMETRY ??= 'true';
  if (process.env.CCVPN_TEST_CACHE) return; // an outer run's (jest started by a test): share it
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-test-cache-'));
  process.env.CCVPN_TEST_CACHE = dir;
  globalThis.__ccvpnTestCacheOwned = dir;
};
