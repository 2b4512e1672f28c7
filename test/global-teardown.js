// jest globalTeardown: removes the run's output cache that test/global-setup.js created.
const fs = require('node:fs');

module.exports = async () => {
  const dir = globalThis.__ccvpnTestCacheOwned;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  delete process.env.CCVPN_TEST_CACHE;
};
