import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assignAddresses, loadStacks, readDeployment } from '../../src/verify/read-output';

const FIXTURES = path.join(__dirname, 'fixtures');
const fixture = (...p: string[]) => path.join(FIXTURES, ...p);

describe('loadStacks', () => {
  test('reads a manifest folder as both engines\' stacks, by the names the manifest uses', () => {
    // WHEN
    const { stacks, manifest, warnings } = loadStacks([fixture('aws-azure')]);
    // THEN
    expect(stacks.map((s) => `${s.engine}:${s.name}`).sort()).toEqual(['cdk:Aws', 'cdk:AwsLinks', 'cdktf:azure', 'cdktf:azure-links']);
    expect(manifest?.phases).toHaveLength(3);
    expect(warnings).toEqual([]);
  });

  test('finds the manifest beside an engine folder given directly', () => {
    const { stacks, manifest } = loadStacks([fixture('aws-azure', 'cdk.out'), fixture('aws-azure', 'cdktf.out')]);
    expect(stacks).toHaveLength(4);
    expect(manifest).toBeDefined();
  });

  test('warns when a folder holds no synthesized stack', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-verify-test-'));
    try {
      expect(loadStacks([empty]).warnings.join('\n')).toMatch(/no synthesized stacks found/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('readDeployment (AWS ↔ Azure fixture)', () => {
  const d = readDeployment([fixture('aws-azure')]);
  const endpoint = (key: string | undefined) => (key === undefined ? undefined : d.endpoints.get(key));

  test('follows the customer gateway address: Ref parameter → manifest input → Terraform output → Azure public IP', () => {
    const cgw = d.aws[0].customerGateway.address;
    expect(cgw.kind).toBe('endpoint');
    expect(cgw.kind === 'endpoint' && cgw.endpoint).toBe('azure:azure/azurerm_public_ip.Gw_PublicIp0_AAAA');
    expect(cgw.trail.join(' ')).toMatch(/AwsLinks\.AzureInstance0Ip ← azure\.endpoint_instance0/);
  });

  test('follows Azure local network gateway addresses to AWS tunnels through the outside-IP lookup\'s attributes', () => {
    const byLng = Object.fromEntries(d.azure.map((c) => [c.label, c.localNetworkGateway!.address]));
    expect(byLng.conn1).toMatchObject({ kind: 'endpoint', endpoint: 'aws:AwsLinks/Conn1A2B3C4D#tunnel1' });
    expect(byLng.conn2).toMatchObject({ kind: 'endpoint', endpoint: 'aws:AwsLinks/Conn1A2B3C4D#tunnel2' });
  });

  test('finds the AWS gateway across stacks (Fn::ImportValue) with its ASN and attached VPC CIDR', () => {
    expect(d.aws[0].gateway).toMatchObject({ key: 'aws:Aws/VpnGateway1234ABCD', kind: 'vpn-gateway', asn: 64512, networks: ['10.10.0.0/16'] });
  });

  test('finds the Azure gateway across stacks (remote state) with instances, APIPA addresses and VNet space', () => {
    const gw = d.azure[0].gateway!;
    expect(gw).toMatchObject({ name: 'azure-gw', activeActive: true, asn: 65000, networks: ['10.20.0.0/16'] });
    expect(gw.instances.map((i) => [i.name, i.apipa])).toEqual([['instance0', ['169.254.21.2']], ['instance1', ['169.254.22.2']]]);
  });

  test('assigns every endpoint a documentation-range address, per cloud', () => {
    const aws = endpoint('aws:AwsLinks/Conn1A2B3C4D#tunnel1')!;
    const azure = endpoint('azure:azure/azurerm_public_ip.Gw_PublicIp0_AAAA')!;
    expect(aws.address).toMatch(/^192\.0\.2\./);
    expect(azure.address).toMatch(/^198\.51\.100\./);
    expect(new Set([...d.endpoints.values()].map((e) => e.address)).size).toBe(d.endpoints.size);
  });

  test('reads pre-shared keys as redacted objects: fingerprints only when printed', () => {
    const t1 = d.aws[0].tunnels[0].psk;
    expect('key' in t1).toBe(true);
    const key = 'key' in t1 ? t1.key : undefined;
    expect(JSON.stringify(d)).not.toContain('fixtureKeyNotSecret');
    expect(String(key)).toMatch(/^<psk:pinned fp:[0-9a-f]{12}>$/);
    // Both halves of tunnel 1 carry the same key (same fingerprint).
    const azureKey = d.azure.find((c) => c.label === 'conn1')!.sharedKey;
    expect('key' in azureKey && azureKey.key.fingerprint).toBe(key!.fingerprint);
  });
});

describe('readDeployment (Alibaba Cloud fixture, one cdktf app)', () => {
  const d = readDeployment([fixture('alicloud')]);

  test('maps the dual-tunnel roles to the gateway\'s two IPs and resolves customer gateways through remote state', () => {
    const conn = d.alicloud[0];
    expect(conn.gateway?.endpoints).toEqual({ master: 'alicloud:ali/alicloud_vpn_gateway.Gw#master', slave: 'alicloud:ali/alicloud_vpn_gateway.Gw#slave' });
    expect(conn.tunnels[0].customerGateway?.address).toMatchObject({ kind: 'endpoint', endpoint: 'azure:azure2/azurerm_public_ip.Pip0' });
    expect(conn.tunnels[1].customerGateway?.address).toMatchObject({ kind: 'literal', value: '203.0.113.99' });
    expect(conn.gateway?.networks).toEqual(['10.30.0.0/16']);
  });

  test('a literal peer IP becomes an outside endpoint with its own symbolic address', () => {
    const outside = d.endpoints.get('ip:203.0.113.99')!;
    expect(outside.cloud).toBe('outside');
    expect(outside.address).toMatch(/^203\.0\.113\.2\d\d$/);
  });
});

describe('assignAddresses', () => {
  test('is deterministic and keeps clouds apart', () => {
    const labels = new Map([['azure:s/b', 'b'], ['aws:s/a#tunnel1', 'a'], ['alicloud:s/g#master', 'g'], ['aws:s/a#tunnel2', 'a2']]);
    const a = assignAddresses(labels);
    const b = assignAddresses(new Map([...labels.entries()].reverse()));
    expect([...a.values()].map((e) => [e.key, e.address])).toEqual([...b.values()].map((e) => [e.key, e.address]));
    expect(a.get('aws:s/a#tunnel1')!.address).toBe('192.0.2.10');
    expect(a.get('aws:s/a#tunnel2')!.address).toBe('192.0.2.11');
    expect(a.get('azure:s/b')!.address).toBe('198.51.100.10');
    expect(a.get('alicloud:s/g#master')!.address).toBe('203.0.113.10');
  });

  test('spills into the next range when one is exhausted', () => {
    const labels = new Map(Array.from({ length: 250 }, (_, i) => [`aws:s/c${String(i).padStart(3, '0')}#tunnel1`, 'x'] as [string, string]));
    const a = assignAddresses(labels);
    expect(a.get('aws:s/c000#tunnel1')!.address).toBe('192.0.2.10');
    expect(a.get('aws:s/c249#tunnel1')!.address).toMatch(/^198\.51\.100\./);
  });
});

/** Reads a copy of the AWS ↔ Azure fixture with its AWS link template changed by `mutate`. */
type Template = {
  Parameters: Record<string, unknown>;
  Resources: Record<string, { Properties: { TunnelInsideCidrs: unknown[] } }>;
};

function readMutated(mutate: (template: Template) => void) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-verify-test-'));
  try {
    fs.cpSync(fixture('aws-azure'), dir, { recursive: true });
    const file = path.join(dir, 'cdk.out', 'AwsLinks.template.json');
    const t = JSON.parse(fs.readFileSync(file, 'utf8'));
    mutate(t);
    fs.writeFileSync(file, JSON.stringify(t));
    return readDeployment([dir]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('readDeployment, tunnel outside IPs', () => {
  const lngAddress = (d: ReturnType<typeof readDeployment>, label: string) => d.azure.find((c) => c.label === label)!.localNetworkGateway!.address;

  test('are matched to the connection\'s tunnels by the lookup\'s inside CIDRs, not by position', () => {
    // GIVEN the lookup lists tunnel 2's inside CIDR first
    const d = readMutated((t) => t.Resources.ConnTunnelOutsideIps11111111.Properties.TunnelInsideCidrs.reverse());
    // THEN Tunnel1OutsideIp is the connection's tunnel 2
    expect(lngAddress(d, 'conn1')).toMatchObject({ kind: 'endpoint', endpoint: 'aws:AwsLinks/Conn1A2B3C4D#tunnel2' });
    expect(lngAddress(d, 'conn2')).toMatchObject({ kind: 'endpoint', endpoint: 'aws:AwsLinks/Conn1A2B3C4D#tunnel1' });
  });

  test('an inside CIDR no tunnel has, or a deploy-time one, is reported unknown with the reason', () => {
    const stray = readMutated((t) => { t.Resources.ConnTunnelOutsideIps11111111.Properties.TunnelInsideCidrs[0] = '169.254.23.0/30'; });
    expect(lngAddress(stray, 'conn1')).toMatchObject({ kind: 'unknown', why: 'no tunnel of Conn1A2B3C4D has inside CIDR 169.254.23.0/30' });
    const param = readMutated((t) => {
      t.Parameters.Cidr = { Type: 'String' };
      t.Resources.ConnTunnelOutsideIps11111111.Properties.TunnelInsideCidrs[0] = { Ref: 'Cidr' };
    });
    expect(lngAddress(param, 'conn1')).toMatchObject({ kind: 'unknown', why: expect.stringMatching(/deploy-time value/) });
  });
});

describe('readDeployment, unresolved values', () => {
  test('an AWS key from Secrets Manager or a parameter without a manifest is reported missing, not guessed', () => {
    // GIVEN a copy of the fixture without the manifest and with a dynamic-reference key
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-verify-test-'));
    try {
      fs.cpSync(fixture('aws-azure', 'cdk.out'), path.join(dir, 'cdk.out'), { recursive: true });
      const file = path.join(dir, 'cdk.out', 'AwsLinks.template.json');
      const t = JSON.parse(fs.readFileSync(file, 'utf8'));
      t.Resources.Conn1A2B3C4D.Properties.VpnTunnelOptionsSpecifications[0].PreSharedKey = '{{resolve:secretsmanager:vpn:SecretString:tunnel1}}';
      fs.writeFileSync(file, JSON.stringify(t));
      // WHEN
      const d = readDeployment([path.join(dir, 'cdk.out')]);
      // THEN
      expect(d.aws[0].tunnels[0].psk).toEqual({ missing: expect.stringMatching(/dynamic reference resolved at deploy time/) });
      expect(d.aws[0].customerGateway.address).toMatchObject({ kind: 'unknown', why: expect.stringMatching(/no deployment manifest/) });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
