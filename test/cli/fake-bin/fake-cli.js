#!/usr/bin/env node
// Stand-in for the `cdk` and `cdktf` CLIs in deploy tests: records its arguments, fails on
// request, and writes the outputs file the real tools write.
const fs = require('fs');
const path = require('path');
const tool = path.basename(process.argv[1]);
const args = process.argv.slice(2);
fs.appendFileSync(process.env.CCVPN_FAKE_LOG, `${JSON.stringify({ tool, args })}\n`);
const stack = args[1];
if ((process.env.CCVPN_FAKE_FAIL || '').split(',').includes(stack)) {
  console.error(`${tool}: ${stack} failed (stand-in)`);
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
