#!/usr/bin/env node
/**
 * `npm run build`: a clean lib/ from src/ (tsc -p tsconfig.build.json), then every `bin` entry of
 * package.json made executable. tsc writes files with mode 0644, so without the last step
 * `npx ccvpn` fails with "Permission denied" after every rebuild (npm sets the mode only when it
 * installs a package, not for the repository's own bin).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** Adds the execute bits (u+x, g+x, o+x where read is set) to every bin of the package in `root`. */
function markBinsExecutable(root) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const bins = typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin || {});
  for (const bin of bins) {
    const file = path.join(root, bin);
    const mode = fs.statSync(file).mode & 0o777;
    fs.chmodSync(file, mode | ((mode & 0o444) >> 2));
  }
  return bins;
}

function build(root) {
  fs.rmSync(path.join(root, 'lib'), { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  markBinsExecutable(root);
}

module.exports = { markBinsExecutable };
if (require.main === module) build(path.join(__dirname, '..'));
