// jest globalSetup (jest.config.js): one folder per jest run for the outputs that several test
// files synthesize alike (test/lib/output-cache.ts), named to the workers by CCVPN_TEST_CACHE
// (workers inherit the environment of the process that starts them). Removed by
// test/global-teardown.js; a run started by hand without jest has none, and each file
// synthesizes its own.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async () => {
  if (process.env.CCVPN_TEST_CACHE) return; // an outer run's (jest started by a test): share it
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-test-cache-'));
  process.env.CCVPN_TEST_CACHE = dir;
  globalThis.__ccvpnTestCacheOwned = dir;
};
