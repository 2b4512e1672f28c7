#!/usr/bin/env node
// `npm test`: the static checks (type-check, lint, API docs up to date) and jest, side by side.
// Each check is one mostly single-threaded process and jest's lab tests mostly wait on daemons,
// so on a 2-core machine running them one after the other left a core idle most of the time.
// jest gets JEST_WORKERS workers (default 3: its files' CPU plus the labs' waiting); every other
// argument goes to jest. The checks' output is printed when each ends (so it does not
// interleave with jest's); the exit status is non-zero when any of the four fails.
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const bin = (pkg, file) => path.join(ROOT, 'node_modules', pkg, file);
const CHECKS = [
  { name: 'typecheck', args: [bin('typescript', 'bin/tsc'), '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint', args: [bin('eslint', 'bin/eslint.js'), 'src', 'test', 'examples', 'bench', 'scripts'] },
  { name: 'docs:check', args: [path.join(ROOT, 'scripts', 'docs.mjs'), '--check'] },
];

function run(name, args, buffered) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const out = [];
    if (buffered) {
      child.stdout.on('data', (d) => out.push(d));
      child.stderr.on('data', (d) => out.push(d));
    }
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const text = Buffer.concat(out).toString();
      process.stdout.write(`\n== ${name}: ${code === 0 ? 'ok' : `FAILED (${signal ?? `exit ${code}`})`} in ${seconds} s\n${code === 0 ? '' : text}`);
      resolve(code === 0);
    });
  });
}

const workers = process.env.JEST_WORKERS ?? '3';
Promise.all([
  ...CHECKS.map((c) => run(c.name, c.args, true)),
  run('jest', [bin('jest', 'bin/jest.js'), `--maxWorkers=${workers}`, ...process.argv.slice(2)], false),
]).then((ok) => {
  process.exitCode = ok.every(Boolean) ? 0 : 1;
});
