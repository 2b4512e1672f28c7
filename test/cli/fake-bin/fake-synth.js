#!/usr/bin/env node
// Stand-in for an app's synth in staged-deploy tests: reads the allocation record the way a
// CrossCloudVpn with allocationsFile does, and writes a cloud assembly, a cdktf output and the
// deployment manifest whose stacks hold what the record says about their tunnels (key
// generation and whether settings are recorded) — so a step changes exactly the stacks of its
// tunnels' halves. Usage: fake-synth.js <allocations file> <out dir>.
//
// Stacks: phase 1 AwsGateway (cdk), azure-gateway (cdktf); phase 2 AwsLinks (cdk: the AWS
// halves of link aws--azure), azure-ali-links (cdktf: Azure halves of link ali--azure),
// ali-links (cdktf: Alibaba halves of ali--azure); phase 3 azure-links (cdktf: Azure halves of
// aws--azure, its active tunnels only, reading AwsLinks' outside IP). CCVPN_FAKE_REPLACE=1: the AWS halves' outside IP
// changes with their key generations (a replaced VPN connection).
const fs = require('fs');
const path = require('path');
const [allocations, out] = process.argv.slice(2);
const record = JSON.parse(fs.readFileSync(allocations, 'utf8'));
const tunnels = record.tunnels || {};
// An idle tunnel is configured on its AWS end only.
const half = (link, activeOnly) => Object.fromEntries(Object.entries(tunnels).filter(([, t]) => t.link === link && (!activeOnly || t.state === 'active')).map(([id, t]) => [id, { gen: t.keyGeneration || 0, held: t.settings !== undefined && t.pending !== undefined }]));
const gens = Object.values(half('aws--azure')).reduce((n, t) => n + t.gen, 0);
const outsideIp = process.env.CCVPN_FAKE_REPLACE ? `203.0.113.${10 + gens}` : '203.0.113.5';
fs.appendFileSync(process.env.CCVPN_FAKE_LOG, `${JSON.stringify({ tool: 'synth', generations: Object.fromEntries(Object.entries(tunnels).map(([id, t]) => [id, t.keyGeneration || 0])) })}\n`);

const cdk = {
  AwsGateway: { Resources: { Gateway: { Type: 'AWS::EC2::VPNGateway' } } },
  AwsLinks: { Resources: { Connections: { Type: 'AWS::EC2::VPNConnection', Tunnels: half('aws--azure') } }, FakeOutputs: { Conn1Tunnel1OutsideIp: outsideIp } },
};
const tf = {
  'azure-gateway': { resource: { gateway: {} } },
  'azure-ali-links': { resource: { connections: half('ali--azure', true) } },
  'ali-links': { resource: { connections: half('ali--azure', true) } },
  'azure-links': { variable: { aws_conn1_tunnel1_ip: {} }, resource: { connections: half('aws--azure', true) } },
};
const cdkOut = path.join(out, 'cdk.out');
const tfOut = path.join(out, 'cdktf.out');
fs.mkdirSync(cdkOut, { recursive: true });
const artifacts = {};
for (const [name, template] of Object.entries(cdk)) {
  fs.writeFileSync(path.join(cdkOut, `${name}.template.json`), JSON.stringify(template, null, 1));
  artifacts[name] = { type: 'aws:cloudformation:stack', properties: { templateFile: `${name}.template.json` } };
}
fs.writeFileSync(path.join(cdkOut, 'manifest.json'), JSON.stringify({ version: '41.0.0', artifacts }));
const stacks = {};
for (const [name, json] of Object.entries(tf)) {
  fs.mkdirSync(path.join(tfOut, 'stacks', name), { recursive: true });
  fs.writeFileSync(path.join(tfOut, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json, null, 1));
  stacks[name] = { name, synthesizedStackPath: `stacks/${name}/cdk.tf.json` };
}
fs.writeFileSync(path.join(tfOut, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks }));
fs.writeFileSync(path.join(out, 'ccvpn.manifest.json'), JSON.stringify({
  version: 1, cdkOut: 'cdk.out', cdktfOut: 'cdktf.out',
  keys: { derivation: 'bound', deployment: 'fake', demoSecret: false },
  phases: [
    { phase: 1, description: 'gateways', stacks: [
      { name: 'AwsGateway', engine: 'cdk', inputs: [], outputs: [] },
      { name: 'azure-gateway', engine: 'cdktf', inputs: [], outputs: [] },
    ] },
    { phase: 2, description: 'AWS connections and links between gateways that know each other', stacks: [
      { name: 'AwsLinks', engine: 'cdk', inputs: [], outputs: ['Conn1Tunnel1OutsideIp'] },
      { name: 'azure-ali-links', engine: 'cdktf', inputs: [], outputs: [] },
      { name: 'ali-links', engine: 'cdktf', inputs: [], outputs: [] },
    ] },
    { phase: 3, description: 'links that need the AWS tunnel outside IPs', stacks: [
      { name: 'azure-links', engine: 'cdktf', inputs: [{ name: 'aws_conn1_tunnel1_ip', from: { stack: 'AwsLinks', output: 'Conn1Tunnel1OutsideIp' } }], outputs: [] },
    ] },
  ],
}));
// The app writes the plan's allocations back (CrossCloudVpn allocationsFile).
fs.writeFileSync(allocations, `${JSON.stringify(record, null, 2)}\n`);
