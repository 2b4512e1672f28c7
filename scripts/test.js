#!/usr/bin/env node
// `npm test`: the static checks and jest, side by side: scripts/static-checks.ts (the type
// check, the API-docs rules and the API reference up to date, on one TypeScript program) and
// eslint. Each check is one mostly single-threaded process and jest's lab tests mostly wait on
// daemons, so on a 2-core machine running them one after the other left a core idle most of the
// time.
// jest gets JEST_WORKERS workers (default 3: its files' CPU plus the labs' waiting); every other
// argument goes to jest. The checks' output is printed when each ends (so it does not
// interleave with jest's); the exit status is non-zero when any of them fails.
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const bin = (pkg, file) => path.join(ROOT, 'node_modules', pkg, file);
// Both checks remember what passed: the type check keeps TypeScript's incremental build
// information (scripts/static-checks.ts), eslint its cache of each file's results by content.
// Either checks again what changed (a file, what depends on it, the config, the tool's version),
// and both live under node_modules/.cache, so a fresh install or `rm -rf node_modules/.cache`
// starts cold; CI's clean clone always runs cold.
const LINT_CACHE = ['--cache', '--cache-strategy', 'content', '--cache-location', path.join(ROOT, 'node_modules', '.cache', 'eslint') + path.sep];
const CHECKS = [
  // (LC_ALL=C, which it would otherwise start itself again for: TypeDoc sorts in the process's locale)
  { name: 'typecheck, api-docs, docs', args: ['-r', '@swc-node/register', path.join(ROOT, 'scripts', 'static-checks.ts')], env: { LC_ALL: 'C', LANG: 'C' } },
  { name: 'lint', args: [bin('eslint', 'bin/eslint.js'), ...LINT_CACHE, 'src', 'test', 'examples', 'bench', 'scripts'] },
];

function run(name, args, buffered, env = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
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
  ...CHECKS.map((c) => run(c.name, c.args, true, c.env)),
  run('jest', [bin('jest', 'bin/jest.js'), `--maxWorkers=${workers}`, ...process.argv.slice(2)], false),
]).then((ok) => {
  process.exitCode = ok.every(Boolean) ? 0 : 1;
});
