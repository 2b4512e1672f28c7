import * as path from 'node:path';
import { chooseRoles } from '../../src/verify';
import { modelDeployment, pairHalves } from '../../src/verify/models';
import { AZURE_DEFAULT_POLICY } from '../../src/verify/clouds/azure/model';
import { espProposals, ikeProposals } from '../../src/verify/models/proposals';
import { readDeployment } from '../../src/verify/read-output';
import type { TunnelHalf } from '../../src/verify/types';

const fixture = (name: string) => path.join(__dirname, 'fixtures', name);
const awsAzure = readDeployment([fixture('aws-azure')]);
const awsAzureModel = modelDeployment(awsAzure);
const half = (model: { halves: readonly TunnelHalf[] }, suffix: string) => {
  const h = model.halves.find((x) => x.key.endsWith(suffix));
  if (!h) throw new Error(`no half ${suffix} in ${model.halves.map((x) => x.key).join(', ')}`);
  return h;
};

describe('proposal building blocks', () => {
  test('IKEv2 proposals are compact, IKEv1-capable ones one per combination; AEAD apart with a PRF', () => {
    expect(ikeProposals(['aes256', 'aes128gcm16'], ['sha256', 'sha1'], ['modp2048'], false)).toEqual(['aes256-sha256-sha1-modp2048', 'aes128gcm16-prfsha256-prfsha1-modp2048']);
    expect(ikeProposals(['aes256', 'aes128'], ['sha256'], ['modp2048', 'modp1024'], true)).toHaveLength(4);
  });

  test('ESP proposals: DH means PFS, optional PFS adds modpnone, AEAD carries no integrity', () => {
    expect(espProposals(['aes256'], ['sha256'], ['modp2048'], false)).toEqual(['aes256-sha256-modp2048']);
    expect(espProposals(['aes256gcm16'], ['sha256'], [], false)).toEqual(['aes256gcm16']);
    expect(espProposals(['aes256'], ['sha1'], ['modp2048'], false, true)).toEqual(['aes256-sha1-modp2048-modpnone']);
  });
});

describe('AWS model', () => {
  const t1 = half(awsAzureModel, '#tunnel1');
  const t2 = half(awsAzureModel, '#tunnel2');

  test('explicit tunnel options become exactly one proposal each, IKEv2 only, AWS initiating', () => {
    expect(t1).toMatchObject({
      ikeVersion: 2, ikeProposals: ['aes256-sha256-modp2048'], esp: { offers: ['aes256-sha256-modp2048'] },
      initiation: { initiates: 'always', responds: true }, ikeLifetimeSeconds: 27000, childLifetimeSeconds: 3600,
      dpd: { timeoutSeconds: 30, action: 'restart' }, routing: 'bgp',
      inside: { address: '169.254.21.1', peerAddress: '169.254.21.2', prefixLength: 30 },
      bgp: { localAsn: 64512, peerAsn: 65000, passive: false, holdTimeSeconds: 30 },
      localTs: ['0.0.0.0/0'], remoteTs: ['0.0.0.0/0'], advertise: ['10.10.0.0/16'],
    });
  });

  test('unset options take AWS\'s defaults: every algorithm, IKEv1 and IKEv2 (one proposal per combination), AWS waits', () => {
    expect(t2.ikeVersion).toBe(0);
    // 2 CBC × 4 integrity × 12 DH + 2 GCM × 4 PRF × 12 DH
    expect(t2.ikeProposals).toHaveLength(192);
    expect(t2.ikeProposals).toContain('aes128-sha1-modp1024');
    expect(t2.ikeProposals).toContain('aes256gcm16-prfsha512-ecp521');
    expect(t2.esp.offers.every((p) => /-(modp|ecp)\d/.test(p))).toBe(true); // PFS always
    expect(t2.initiation).toMatchObject({ initiates: 'never', setting: 'StartupAction=add' });
    expect(t2.dpd).toMatchObject({ timeoutSeconds: 30, action: 'clear' });
    expect(t2.notes.join('\n')).toMatch(/Phase1DHGroupNumbers not set/);
  });

  test('outside and peer addresses are the symbolic ones of the resolved endpoints', () => {
    expect(t1.outsideAddress).toMatch(/^192\.0\.2\./);
    expect(t1.peerAddress).toBe(awsAzure.endpoints.get('azure:azure/azurerm_public_ip.Gw_PublicIp0_AAAA')!.address);
    expect(t1.localId).toBe(t1.outsideAddress);
  });
});

describe('Azure model', () => {
  test('an active-active connection runs from both instances with their own custom APIPA address; BGP passive', () => {
    const i0 = half(awsAzureModel, 'Gw_link_conn1#instance0');
    const i1 = half(awsAzureModel, 'Gw_link_conn1#instance1');
    expect(i0.inside).toMatchObject({ address: '169.254.21.2', peerAddress: '169.254.21.1', source: 'custom_bgp_addresses.primary' });
    expect(i1.inside).toMatchObject({ address: '169.254.22.2', source: 'custom_bgp_addresses.secondary' });
    expect(i0.bgp).toMatchObject({ localAsn: 65000, peerAsn: 64512, passive: true });
    expect(i0.outsideAddress).not.toBe(i1.outsideAddress);
    expect(i0.group).toBe(i1.group);
  });

  test('a custom policy is the only proposal; ResponderOnly answers only; phase 1 lifetime fixed at 28800 s', () => {
    const i0 = half(awsAzureModel, 'Gw_link_conn1#instance0');
    expect(i0).toMatchObject({
      ikeVersion: 2, ikeProposals: ['aes256-sha256-modp2048'], esp: { offers: ['aes256-sha256-modp2048'], accepts: ['aes256-sha256-modp2048'] },
      initiation: { initiates: 'never', responds: true }, ikeLifetimeSeconds: 28800, childLifetimeSeconds: 27000,
      dpd: { timeoutSeconds: 45, action: 'clear' },
    });
  });

  test('without ipsec_policy: Azure\'s default policy, DH group 2 only, no PFS as initiator but PFS accepted as responder', () => {
    const c2 = half(awsAzureModel, 'Gw_link_conn2#instance0');
    expect(c2.ikeProposals).toEqual(AZURE_DEFAULT_POLICY.ike);
    expect(c2.ikeProposals.every((p) => p.endsWith('-modp1024'))).toBe(true);
    expect(c2.esp.offers.some((p) => /modp|ecp/.test(p))).toBe(false);
    expect(c2.esp.accepts.some((p) => p.includes('modp2048'))).toBe(true);
    expect(c2).toMatchObject({ routing: 'static', routes: ['10.10.0.0/16'], initiation: { initiates: 'always', responds: true } });
  });

  test('a custom BGP address serves the instance whose APIPA list holds it, as the provider maps it (a swap is an acceptance violation, test/verify/clouds/azure.test.ts)', () => {
    const d = readDeployment([fixture('aws-azure')]);
    const conn = d.azure.find((c) => c.label === 'conn1')!;
    const body = conn.body as { custom_bgp_addresses: { primary: string; secondary: string } };
    const swapped = { ...conn, body: { ...conn.body, custom_bgp_addresses: { primary: body.custom_bgp_addresses.secondary, secondary: body.custom_bgp_addresses.primary } } };
    const m = modelDeployment({ ...d, azure: [swapped, ...d.azure.filter((c) => c !== conn)] });
    expect(half(m, 'Gw_link_conn1#instance0').inside).toMatchObject({ address: '169.254.21.2', source: 'custom_bgp_addresses.secondary' });
    expect(half(m, 'Gw_link_conn1#instance1').inside).toMatchObject({ address: '169.254.22.2', source: 'custom_bgp_addresses.primary' });
    expect(half(m, 'Gw_link_conn1#instance0').problems).toEqual([]);
  });
});

describe('Alibaba Cloud model', () => {
  const m = modelDeployment(readDeployment([fixture('alicloud')]));

  test('a fully written tunnel: IKEv2, its proposal, BGP with the other host of the /30 as peer, initiating at once', () => {
    const master = half(m, '#master');
    expect(master).toMatchObject({
      ikeVersion: 2, ikeProposals: ['aes256-sha256-modp2048'], esp: { offers: ['aes256-sha256-modp2048'] },
      ikeLifetimeSeconds: 27000, childLifetimeSeconds: 3600, initiation: { initiates: 'always' },
      inside: { address: '169.254.23.1', peerAddress: '169.254.23.2', prefixLength: 30 },
      bgp: { localAsn: 65100, peerAsn: 65000, passive: false }, routing: 'bgp', advertise: ['10.30.0.0/16'],
    });
    expect(master.outsideAddress).toMatch(/^203\.0\.113\.1\d$/);
  });

  test('an unwritten tunnel config takes the API defaults: IKEv1 main mode, AES-128, MD5, DH 2, 86400 s', () => {
    const slave = half(m, '#slave');
    expect(slave).toMatchObject({
      ikeVersion: 1, aggressive: false, ikeProposals: ['aes128-md5-modp1024'], esp: { offers: ['aes128-md5-modp1024'] },
      ikeLifetimeSeconds: 86400, childLifetimeSeconds: 86400,
    });
  });

  test('each half lists the resources shaping it and the assumptions it relies on', () => {
    const master = half(m, '#master');
    expect(master.resources.every((k) => k.startsWith('cdktf:'))).toBe(true);
    expect(master.resources.map((k) => k.split('/')[1].split('.')[0]).sort()).toEqual(['alicloud_vpn_connection', 'alicloud_vpn_customer_gateway', 'alicloud_vpn_gateway']);
    expect(master.assumptions.map((a) => a.id).sort()).toEqual(['alicloud-bgp-active', 'alicloud-bgp-peer-address', 'alicloud-bgp-timers', 'alicloud-dpd-timers', 'alicloud-responder-proposal']);
    expect(half(m, '#slave').assumptions.map((a) => a.id)).toContain('alicloud-aes-key-size');
  });

  test('the Azure side\'s GCM policy without PFS is modelled as such', () => {
    const azure = half(m, 'Conn#instance0');
    expect(azure.esp.offers).toEqual(['aes256gcm16']);
    expect(azure.bgp).toMatchObject({ localAsn: 65000, peerAsn: 65100, passive: true });
  });
});

describe('pairHalves', () => {
  test('pairs halves whose addresses answer each other; spare Azure instance halves are idle', () => {
    const p = pairHalves(awsAzureModel.halves);
    expect(p.pairs.map((x) => x.halves.map((h) => h.key.split('/').pop()))).toEqual([
      ['Conn1A2B3C4D#tunnel1', 'azurerm_virtual_network_gateway_connection.Gw_link_conn1#instance0'],
      ['Conn1A2B3C4D#tunnel2', 'azurerm_virtual_network_gateway_connection.Gw_link_conn2#instance0'],
    ]);
    expect(p.unpaired.map((u) => [u.half.label, u.idle])).toEqual([['conn1 instance1', true], ['conn2 instance1', true]]);
  });

  test('a half whose peer is outside the deployment is idle; a resource none of whose halves pairs fails', () => {
    const p = pairHalves(modelDeployment(readDeployment([fixture('alicloud')])).halves);
    expect(p.unpaired).toEqual([expect.objectContaining({ idle: true, reason: expect.stringMatching(/203\.0\.113\.99 is outside the deployment/) })]);
    const lonely = { ...awsAzureModel.halves[0], group: 'lonely', peerAddress: '198.51.100.99', peerEndpoint: 'azure:x/y' };
    const q = pairHalves([lonely]);
    expect(q.unpaired[0]).toMatchObject({ idle: false, reason: expect.stringMatching(/no other tunnel of the same resource pairs/) });
  });

  test('fails halves that share outside and peer addresses (IKE could not tell them apart)', () => {
    const [a, b] = pairHalves(awsAzureModel.halves).pairs[0].halves;
    const p = pairHalves([a, b, { ...b, key: `${b.key}-copy` }]);
    expect(p.pairs).toHaveLength(0);
    expect(p.unpaired.every((u) => !u.idle && /same outside and peer addresses/.test(u.reason))).toBe(true);
  });
});

describe('chooseRoles', () => {
  const [aws, azure] = pairHalves(awsAzureModel.halves).pairs[0].halves;

  test('the half that starts at once initiates; the shorter CHILD lifetime rekeys first', () => {
    expect(chooseRoles([aws, azure])).toEqual({ initiator: 0, rekeyer: 0 });
    expect(chooseRoles([azure, aws])).toEqual({ initiator: 1, rekeyer: 1 });
  });

  test('fails when neither end starts IKE', () => {
    const waiting = { ...aws, initiation: { initiates: 'never' as const, responds: true, setting: 'StartupAction=add' } };
    expect(chooseRoles([waiting, azure])).toEqual({ reason: expect.stringMatching(/neither end starts IKE.+StartupAction=add.+ResponderOnly/) });
  });

  test('an Alibaba tunnel that waits for traffic still initiates when the peer only answers', () => {
    const onTraffic = { ...aws, initiation: { initiates: 'on-traffic' as const, responds: true, setting: 'effect_immediately=false' } };
    expect(chooseRoles([onTraffic, azure])).toMatchObject({ initiator: 0 });
  });
});
