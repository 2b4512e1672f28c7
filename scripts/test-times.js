#!/usr/bin/env node
// Where `jest`'s time goes, per test file: CPU seconds (the worker's own and its reaped
// children's: tsc, the cdktf/cdktn CLIs, the lab's daemons), wall seconds, and the wall not
// spent on CPU ("wait": daemons' timers, polling, other processes on the machine), with totals.
// Measured inside the worker by scripts/test-times-env.js, so it is right under any
// --maxWorkers; wall is only meaningful on an otherwise idle machine, CPU always is. A child's
// CPU counts when it is reaped: the lab's command runner (src/verify/exec.ts) exits 10 s after
// its last command, so its commands' CPU can land in a later file's row (or, when jest ends
// first, in none).
// Likewise the engine-flavour synth (test/verify/clouds/flavour-outputs.ts) counts for whichever
// file needs it first.
//
//   node scripts/test-times.js [jest args…]     run jest (e.g. a file, --runInBand), then print
//   node scripts/test-times.js --print FILE…    print the JSON lines saved by an earlier run
//
// With --save FILE the lines are kept (default: a temporary file, removed).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The table: one row per (project, file), slowest CPU first, then totals. */
function render(lines) {
  const rows = lines.map((l) => ({ ...l, cpu: l.self + l.children, wait: Math.max(0, l.wall - l.self - l.children) }));
  rows.sort((a, b) => b.cpu - a.cpu);
  const fmt = (n) => n.toFixed(1).padStart(7);
  const out = [`${'cpu s'.padStart(7)}${'self'.padStart(7)}${'child'.padStart(7)}${'wall s'.padStart(7)}${'wait'.padStart(7)}  project  file`];
  for (const r of rows) out.push(`${fmt(r.cpu)}${fmt(r.self)}${fmt(r.children)}${fmt(r.wall)}${fmt(r.wait)}  ${r.project.padEnd(7)}  ${r.file}`);
  const sum = (k) => rows.reduce((s, r) => s + r[k], 0);
  out.push(`${fmt(sum('cpu'))}${fmt(sum('self'))}${fmt(sum('children'))}${fmt(sum('wall'))}${fmt(sum('wait'))}  total    ${rows.length} file runs`);
  for (const p of [...new Set(rows.map((r) => r.project))]) {
    const mine = rows.filter((r) => r.project === p);
    out.push(`${fmt(mine.reduce((s, r) => s + r.cpu, 0))}${' '.repeat(14)}${fmt(mine.reduce((s, r) => s + r.wall, 0))}${fmt(mine.reduce((s, r) => s + r.wait, 0))}  ${p.padEnd(7)}  ${mine.length} files`);
  }
  return out.join('\n');
}

const read = (f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

const args = process.argv.slice(2);
if (args[0] === '--print') {
  console.log(render(args.slice(1).flatMap(read)));
  process.exit(0);
}
const saveAt = args.indexOf('--save');
const file = saveAt >= 0 ? path.resolve(args.splice(saveAt, 2)[1]) : path.join(os.tmpdir(), `ccvpn-test-times-${process.pid}.jsonl`);
fs.rmSync(file, { force: true });
const started = Date.now();
const jest = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...args], { stdio: 'inherit', env: { ...process.env, CCVPN_TEST_TIMES: file } });
const wall = (Date.now() - started) / 1000;
if (fs.existsSync(file)) {
  console.log(`\n${render(read(file))}\njest wall ${wall.toFixed(1)} s`);
  if (saveAt < 0) fs.rmSync(file, { force: true });
}
process.exit(jest.status ?? 1);
