// Where snapshots live, per jest project (jest.config.js): the default (cdktf) project's in
// `__snapshots__/<file>.snap` as jest puts them, the CDK Terrain project's in
// `__snapshots__/cdktn/<file>.snap`, so each engine's output is reviewed on its own.
// Both projects map either layout back to its test file: jest deletes, under `-u`, every
// snapshot file whose test it cannot find, so each project must recognise the other's files.
const path = require('node:path');

/** A resolver that writes into `__snapshots__/<sub>/` (`sub` '' for jest's own layout). */
function snapshotResolver(sub) {
  return {
    resolveSnapshotPath: (testPath, ext) => path.join(path.dirname(testPath), '__snapshots__', sub, path.basename(testPath) + ext),
    resolveTestPath: (snapshotPath, ext) => {
      const dir = path.dirname(snapshotPath);
      const up = path.basename(dir) === '__snapshots__' ? 1 : 2;
      return path.join(dir, ...Array(up).fill('..'), path.basename(snapshotPath, ext));
    },
    testPathForConsistencyCheck: path.join('test', 'azure', 'example.test.ts'),
  };
}

module.exports = Object.assign(snapshotResolver(''), { snapshotResolver });
