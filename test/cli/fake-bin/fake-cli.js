#!/usr/bin/env node
// Stand-in for the `cdk` and `cdktf` CLIs in deploy tests: records its arguments (one JSON line
// per call, written when the call ends, with its start and end times in ms), sleeps on request
// (CCVPN_FAKE_SLEEP: {"<stack>": ms}), fails on request, and writes the outputs file the real
// tools write. It prints a line or two, as the tools do, to its log.
const fs = require('fs');
const path = require('path');
const tool = path.basename(process.argv[1]);
const args = process.argv.slice(2);
const start = Date.now();
const stack = args[1];
const record = () => fs.appendFileSync(process.env.CCVPN_FAKE_LOG, `${JSON.stringify({ tool, args, start, end: Date.now() })}\n`);
const sleep = JSON.parse(process.env.CCVPN_FAKE_SLEEP || '{}')[stack] || 0;
console.log(`${tool} ${args[0]} ${stack}: starting (stand-in)`);
// CCVPN_FAKE_PRINT: a line the tool prints, e.g. a plan showing an attribute (split over writes).
if (process.env.CCVPN_FAKE_PRINT) {
  const text = `${process.env.CCVPN_FAKE_PRINT}\n`;
  process.stdout.write(text.slice(0, 12));
  process.stdout.write(text.slice(12));
}
setTimeout(() => {
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
}, sleep);
