#!/usr/bin/env node
// Stand-in for the `cdk` and `cdktf` CLIs in deploy tests: records its arguments (one JSON line
// per call, written when the call ends, with its start and end times in ms), sleeps on request
// (CCVPN_FAKE_SLEEP: {"<stack>": ms}), fails on request, and writes the outputs file the real
// tools write. It prints a line or two, as the tools do, to its log.
//
// CCVPN_FAKE_MEET: {"<stack>": ["<other stack>", …]}: the call waits, before its sleep, until the
// calls for those stacks have started too (each call leaves `<log>.started.<stack>` when it
// starts), and fails after 20 s if they do not. Stacks that meet each other are provably
// deployed side by side, however slowly the machine starts processes; a deployer that ran them
// one after the other fails the meeting instead of passing by luck.
const fs = require('fs');
const path = require('path');
const tool = path.basename(process.argv[1]);
const args = process.argv.slice(2);
const start = Date.now();
const stack = args[1];
const record = () => fs.appendFileSync(process.env.CCVPN_FAKE_LOG, `${JSON.stringify({ tool, args, start, end: Date.now() })}\n`);
const sleep = JSON.parse(process.env.CCVPN_FAKE_SLEEP || '{}')[stack] || 0;
const meet = JSON.parse(process.env.CCVPN_FAKE_MEET || '{}')[stack] || [];
const marker = (s) => `${process.env.CCVPN_FAKE_LOG}.started.${s}`;
fs.writeFileSync(marker(stack), '');
console.log(`${tool} ${args[0]} ${stack}: starting (stand-in)`);
// CCVPN_FAKE_PRINT: a line the tool prints, e.g. a plan showing an attribute (split over writes).
if (process.env.CCVPN_FAKE_PRINT) {
  const text = `${process.env.CCVPN_FAKE_PRINT}\n`;
  process.stdout.write(text.slice(0, 12));
  process.stdout.write(text.slice(12));
}
function whenMet(then) {
  const missing = meet.filter((s) => !fs.existsSync(marker(s)));
  if (missing.length === 0) return then();
  if (Date.now() - start > 20000) {
    console.error(`${tool}: ${stack} waited 20 s for ${missing.join(', ')} to start alongside it (stand-in)`);
    record();
    process.exit(1);
  }
  setTimeout(() => whenMet(then), 20);
}

whenMet(() => setTimeout(() => {
  if ((process.env.CCVPN_FAKE_FAIL || '').split(',').includes(stack)) {
    console.error(`${tool}: ${stack} failed (stand-in)`);
    record();
    process.exit(1);
  }
  const i = args.indexOf('--outputs-file');
  if (i >= 0) {
    const outputs = JSON.parse(process.env.CCVPN_FAKE_OUTPUTS || '{}');
    // A template written by fake-synth.js may carry the outputs its stack reports.
    const app = args.indexOf('--app') >= 0 ? args[args.indexOf('--app') + 1] : undefined;
    const template = app && path.join(app, `${stack}.template.json`);
    if (outputs[stack] === undefined && template && fs.existsSync(template)) outputs[stack] = JSON.parse(fs.readFileSync(template, 'utf8')).FakeOutputs;
    const text = JSON.stringify({ [stack]: outputs[stack] || {} });
    // CCVPN_FAKE_TRUNCATE: write half the file, as a tool killed mid-write would.
    fs.writeFileSync(args[i + 1], process.env.CCVPN_FAKE_TRUNCATE ? text.slice(0, Math.floor(text.length / 2)) : text);
  }
  console.log(`${tool} ${args[0]} ${stack}: done (stand-in)`);
  record();
}, sleep));
