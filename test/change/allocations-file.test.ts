/**
 * `CrossCloudVpn` `allocationsFile` on the three-cloud mesh example, synthesized for real: the
 * file is written at synth and read back, and a rollout step's record changes exactly the
 * synthesized stacks that hold its tunnels' halves (what the staged deploy compares).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { threeCloudMesh } from '../../examples/three-cloud-mesh';
import { synthExample } from '../../examples/lib/example-apps';
import { planRotation } from '../../src/change/rotation';
import { AllocationRecord, CrossCloudVpn, PlanError } from '../../src';

const SECRET = 'k2J9v+Qx7LmW/3pZ8rTb1sYc0Hd6FgNe';
let tmp: string;
let saved: string | undefined;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-allocfile-'));
  saved = process.env.CCVPN_MASTER_SECRET;
  process.env.CCVPN_MASTER_SECRET = SECRET;
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  if (saved === undefined) delete process.env.CCVPN_MASTER_SECRET;
  else process.env.CCVPN_MASTER_SECRET = saved;
});

/** Digest per synthesized stack file (templates and Terraform JSON). */
function stackDigests(name: string, file: string): { digests: Map<string, string>; vpn: CrossCloudVpn } {
  const r = synthExample(name, (apps) => threeCloudMesh(apps, { allocationsFile: file }), tmp);
  const digests = new Map<string, string>();
  for (const f of fs.readdirSync(r.cdkOut).filter((x) => x.endsWith('.template.json'))) digests.set(`cdk:${f}`, createHash('sha256').update(fs.readFileSync(path.join(r.cdkOut, f))).digest('hex'));
  for (const s of fs.readdirSync(path.join(r.cdktfOut, 'stacks'))) digests.set(`cdktf:${s}`, createHash('sha256').update(fs.readFileSync(path.join(r.cdktfOut, 'stacks', s, 'cdk.tf.json'))).digest('hex'));
  return { digests, vpn: r.vpn };
}

test('the file is written at synth, read back unchanged, and a step record changes only the stacks of its tunnels', () => {
  // GIVEN the mesh synthesized with an allocations file that does not exist yet
  const file = path.join(tmp, 'mesh.allocations.json');
  const first = stackDigests('first', file);
  const written = JSON.parse(fs.readFileSync(file, 'utf8')) as AllocationRecord;
  expect(written).toEqual(JSON.parse(JSON.stringify(first.vpn.plan.allocations)));
  expect(Object.keys(written.tunnels!)).toHaveLength(first.vpn.plan.tunnels.length);
  // WHEN synthesized again from it: nothing changes
  const again = stackDigests('again', file);
  expect(again.digests).toEqual(first.digests);
  // AND WHEN the first step of a key rotation of the AWS ↔ Alibaba link is written into it
  const link = first.vpn.plan.links.find((l) => l.between.includes('aws-tokyo') && l.between.includes('ali-hangzhou'))!.id;
  const rotation = planRotation(written, { links: [link], keys: true, settings: false });
  fs.writeFileSync(file, JSON.stringify(rotation.records[0]));
  const step1 = stackDigests('step1', file);
  // THEN exactly the link stacks holding that link's halves change: no gateway stack, no other link's
  const changed = [...step1.digests.keys()].filter((k) => step1.digests.get(k) !== first.digests.get(k)).sort();
  expect(changed).toEqual(['cdk:AwsTokyoLinks2.template.json', 'cdktf:ali-hangzhou-links-3']);
  const tunnel = rotation.rollout.steps[0].tunnels[0];
  expect(step1.vpn.plan.tunnels.find((t) => t.id === tunnel)!.presharedKey.fingerprint).not.toBe(first.vpn.plan.tunnels.find((t) => t.id === tunnel)!.presharedKey.fingerprint);
  // and the file now holds the step's generation
  expect((JSON.parse(fs.readFileSync(file, 'utf8')) as AllocationRecord).tunnels![tunnel].keyGeneration).toBe(1);
}, 120000);

test('a file that is not JSON, and previous together with allocationsFile, are refused with one error', () => {
  const bad = path.join(tmp, 'bad.json');
  fs.writeFileSync(bad, '{ not json');
  expect(() => synthExample('bad', (apps) => threeCloudMesh(apps, { allocationsFile: bad }), tmp)).toThrow(PlanError);
  expect(() => synthExample('bad', (apps) => threeCloudMesh(apps, { allocationsFile: bad }), tmp)).toThrow(/\[Mesh\] allocationsFile: .*bad\.json is not valid JSON .*restore it from version control, or delete it to allocate afresh/);
  const { AwsSite, AzureSite } = jest.requireActual<typeof import('../../examples/lib/sites')>('../../examples/lib/sites');
  expect(() => synthExample('both', (apps) => {
    const aws = new AwsSite(apps.cdk, 'A', { siteId: 'a', cidr: '10.1.0.0/16', asn: 64512 });
    const azure = new AzureSite(apps.terraform, 'b', { siteId: 'b', cidr: '10.2.0.0/16', gatewaySubnet: '10.2.255.0/27', asn: 65000 });
    return new CrossCloudVpn('Both', { links: [{ between: [aws.gateway, azure.gateway] }], previous: { insideCidrs: {}, asns: {} }, allocationsFile: path.join(tmp, 'x.json') });
  }, tmp)).toThrow(/\[Both\] allocationsFile: give previous or allocationsFile, not both/);
}, 60000);
