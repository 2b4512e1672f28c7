import { LinkSpec, SiteSpec, Topology, planVpn } from '../../src/plan';
import { TEST_SECRET, aliSite, awsSite, azureSite, topo } from './fixtures';

const awsAzure = (link: Partial<LinkSpec> = {}, sites: Partial<Record<'aws' | 'azure', Partial<SiteSpec>>> = {}): Topology =>
  topo([{ ...awsSite, ...sites.aws }, { ...azureSite, ...sites.azure }], [{ between: ['aws-tokyo', 'azure-east'], ...link }]);
const awsAli = (link: Partial<LinkSpec> = {}): Topology => topo([awsSite, aliSite], [{ between: ['aws-tokyo', 'ali-hz'], ...link }]);
const run = (t: Topology) => () => planVpn(t, { masterSecret: TEST_SECRET });

// Each row: a bad input, and what the error must say: the field path, the value, what is allowed.
describe('fails when', () => {
  test.each<[string, Topology, RegExp]>([
    ['a CIDR is malformed', awsAzure({}, { aws: { cidrs: ['10.0.999.0/16'] } }), /sites\[0\]\.cidrs\[0\]: '10\.0\.999\.0\/16' is not a valid IPv4 prefix/],
    ['a CIDR has host bits set', awsAzure({}, { aws: { cidrs: ['10.0.0.1/16'] } }), /sites\[0\]\.cidrs\[0\]: .*host bits are set; the network address is 10\.0\.0\.0\/16/],
    ['the networks on a link overlap', awsAzure({}, { azure: { cidrs: ['10.10.128.0/17'] } }), /links\[0\]\.between: the networks of 'aws-tokyo' \(10\.10\.0\.0\/16\) and 'azure-east' \(10\.10\.128\.0\/17\) overlap/],
    ['a link goes to itself', topo([awsSite, azureSite], [{ between: ['aws-tokyo', 'aws-tokyo'] }]), /links\[0\]\.between: a link needs two different sites, got 'aws-tokyo' twice/],
    ['a link is declared twice', topo([awsSite, azureSite], [{ between: ['aws-tokyo', 'azure-east'] }, { id: 'other', between: ['azure-east', 'aws-tokyo'] }]), /links\[1\]\.between: .*already linked by links\[0\]/],
    ['a link names an unknown site', topo([awsSite, azureSite], [{ between: ['aws-tokyo', 'gcp'] }]), /links\[0\]\.between\[1\]: 'gcp' is not a site id; known: aws-tokyo, azure-east/],
    ['two gateways of one cloud are linked', topo([awsSite, { ...awsSite, id: 'aws-2', cidrs: ['10.99.0.0/16'] }], [{ between: ['aws-tokyo', 'aws-2'] }]), /both AWS gateways; allowed: links between two different clouds/],
    ['an ASN is reserved by Azure', awsAzure({}, { azure: { asn: 65517 } }), /sites\[1\]\.asn: 65517 is not allowed for an Azure gateway; allowed: .*65516-65520/],
    ['an AWS gateway ASN is public', awsAzure({}, { aws: { asn: 16509 } }), /sites\[0\]\.asn: 16509 is not allowed for an AWS gateway; allowed: 64512-65534 or 4200000000-4294967294/],
    ['an ASN cannot be registered as a peer (45104 on Alibaba)', topo([{ ...awsSite }, { ...azureSite, asn: 45104 }, aliSite], [{ between: ['azure-east', 'ali-hz'] }]), /sites\[1\]\.asn: 45104 cannot be registered as a peer ASN on Alibaba Cloud; allowed: .*except 45104/],
    ['both ends use the same ASN', awsAzure({}, { aws: { asn: 65000 }, azure: { asn: 65000 } }), /links\[0\]\.between: 'aws-tokyo' and 'azure-east' both use ASN 65000; .*need different ASNs/],
    ['a pinned /30 is misaligned', awsAzure({ tunnels: [{ insideCidr: '169.254.21.2/30' }] }), /links\[0\]\.tunnels\[0\]\.insideCidr: '169\.254\.21\.2\/30' is not a valid prefix \(host bits are set.*allowed: an aligned \/30 in 169\.254\.21\.0\/24 or 169\.254\.22\.0\/24/],
    ['a pinned inside CIDR is not a /30', awsAzure({ tunnels: [{ insideCidr: '169.254.21.0/29' }] }), /insideCidr: '169\.254\.21\.0\/29' is a \/29; allowed: an aligned \/30/],
    ['a pinned /30 is outside Azure\'s APIPA range', awsAzure({ tunnels: [{ insideCidr: '169.254.30.0/30' }] }), /tunnels\[0\]\.insideCidr: '169\.254\.30\.0\/30' is outside Azure's range \(169\.254\.21\.0\/24, 169\.254\.22\.0\/24\)/],
    ['a pinned /30 is reserved by AWS', awsAli({ tunnels: [{ insideCidr: '169.254.5.0/30' }] }), /tunnels\[0\]\.insideCidr: '169\.254\.5\.0\/30' is reserved by AWS; allowed: .*outside 169\.254\.0\.0\/30/],
    ['a pinned /30 is reserved by Alibaba Cloud', awsAli({ tunnels: [{ insideCidr: '169.254.6.0/30' }] }), /'169\.254\.6\.0\/30' is reserved by Alibaba Cloud/],
    ['a pinned /30 is used twice', awsAzure({ tunnels: [{ insideCidr: '169.254.21.0/30' }, { insideCidr: '169.254.21.0/30' }] }), /tunnels\[1\]\.insideCidr: '169\.254\.21\.0\/30' is already used by tunnel aws-tokyo--azure-east:1/],
    ['a pinned key has characters AWS rejects', awsAzure({ tunnels: [{ presharedKey: 'abcdefgh-ijklmnop-qrst' }] }), /tunnels\[0\]\.presharedKey: the pinned key is rejected: AWS takes only letters, digits, "\." and "_"/],
    ['a pinned key is too short', awsAzure({ tunnels: [{ presharedKey: 'abc1234' }] }), /presharedKey: the pinned key is rejected: AWS takes 8-64 characters, got 7/],
    ['a pinned key starts with 0 facing AWS', awsAzure({ tunnels: [{ presharedKey: '0abcdefghijklmnopqrstuvw' }] }), /AWS: must not start with "0"/],
    ['a pinned algorithm is not supported by one side', awsAli({ proposal: { phase1: { encryption: 'aes256gcm16' } } }), /proposal\.phase1\.encryption: 'aes256gcm16' is not supported by Alibaba Cloud; Alibaba Cloud supports: aes256, aes192, aes128/],
    ['a pinned DH group is not supported by one side', awsAzure({ proposal: { phase1: { dhGroup: 21 } } }), /proposal\.phase1\.dhGroup: 21 is not supported by Azure; Azure supports: 14, 20, 19, 24/],
    ['a pinned weak algorithm is not allowed', awsAzure({ proposal: { phase1: { integrity: 'sha1' } } }), /phase1\.integrity: 'sha1' is weak; set allowWeakCrypto: true/],
    ['IKEv1 is pinned without allowWeakCrypto', awsAzure({ proposal: { ikeVersion: 'ikev1' } }), /proposal\.ikeVersion: 'ikev1' is weak/],
    ['no PFS is pinned facing AWS', awsAzure({ allowWeakCrypto: true, proposal: { phase2: { pfsGroup: 'none' } } }), /phase2\.pfsGroup: 'none' is not supported by AWS \(PFS is always on\)/],
    ['a phase 2 lifetime is above AWS\'s maximum', awsAzure({ proposal: { phase2: { lifetimeSeconds: 7200 } } }), /proposal\.phase2\.lifetimeSeconds: 7200 s is outside AWS's phase2 lifetime range; allowed: 900-3600 s/],
    ['a phase 1 lifetime would leave Azure waiting', topo([azureSite, aliSite], [{ between: ['azure-east', 'ali-hz'], proposal: { phase1: { lifetimeSeconds: 43200 } } }]), /phase1\.lifetimeSeconds: 43200 s would leave Azure \(phase 1 fixed at 28800 s\) waiting/],
    ['phase 2 outlives phase 1', awsAli({ proposal: { phase1: { lifetimeSeconds: 1800 }, phase2: { lifetimeSeconds: 3600 } } }), /phase2\.lifetimeSeconds: 3600 s must be below the phase 1 lifetime of AWS \(1800 s\)/],
    ['a virtual private gateway needs more than 10 VPN connections', topo(
      [awsSite, ...[1, 2, 3, 4, 5, 6].map((n) => ({ id: `az${n}`, cloud: 'azure' as const, cidrs: [`10.${100 + n}.0.0/16`] }))],
      [1, 2, 3, 4, 5, 6].map((n) => ({ between: ['aws-tokyo', `az${n}`] as const, routing: 'static' as const })),
    ), /sites\[0\]: gateway 'aws-tokyo' needs 12 VPN connections but an AWS vpn-gateway allows 10/],
    ['an Azure Basic gateway needs more than its 10 S2S tunnels', topo(
      [{ ...azureSite, sku: 'Basic' }, ...[1, 2, 3].map((n) => ({ id: `aws${n}`, cloud: 'aws' as const, cidrs: [`10.${100 + n}.0.0/16`] }))],
      [1, 2, 3].map((n) => ({ between: [`aws${n}`, 'azure-east'] as const })),
    ), /gateway 'azure-east' needs 24 S2S tunnels \(12 connections, 2 tunnels each on an active-active gateway\) but an Azure Basic gateway allows 10/],
    ['a cloud is unknown', topo([awsSite, { ...azureSite, cloud: 'gcp' as never }], []), /sites\[1\]\.cloud: 'gcp' is not a supported cloud; allowed: aws, azure, alicloud/],
    ['a gateway kind is unknown for the cloud', topo([{ ...awsSite, gateway: 'active-active' }], []), /sites\[0\]\.gateway: 'active-active' is not a gateway kind of AWS; allowed: vpn-gateway, transit-gateway/],
    ['site ids repeat', topo([awsSite, { ...awsSite, cidrs: ['10.99.0.0/16'] }], []), /sites\[1\]\.id: 'aws-tokyo' is already the id of sites\[0\]/],
    ['an Azure SKU is unknown', awsAzure({}, { azure: { sku: 'VpnGw9' } }), /sites\[1\]\.sku: 'VpnGw9' is not an Azure VPN gateway SKU/],
    ['policy routing facing AWS has more than one prefix a side', topo([{ ...awsSite, cidrs: ['10.10.0.0/16', '10.11.0.0/16'] }, aliSite], [{ between: ['aws-tokyo', 'ali-hz'], routing: 'policy' }]), /selectors\.aws-tokyo: AWS takes one local and one remote prefix per VPN connection/],
    ['a routing mode is unknown', awsAzure({ routing: 'ospf' as never }), /links\[0\]\.routing: 'ospf' is not a routing mode; allowed: bgp, static, policy/],
    ['more pins than tunnels', awsAzure({ tunnels: [{}, {}, {}, {}, {}] }), /links\[0\]\.tunnels: 5 pins given, but the link has 4 tunnels/],
  ])('%s', (_, topology, message) => {
    expect(run(topology)).toThrow(message);
  });

  test('no master secret is given: the error says how to provide one', () => {
    expect(() => planVpn(awsAzure())).toThrow(/masterSecret: 4 tunnel\(s\) need a derived pre-shared key but no master secret was given; set the CCVPN_MASTER_SECRET environment variable/);
  });

  test('the master secret is too short', () => {
    expect(() => planVpn(awsAzure(), { masterSecret: 'short' })).toThrow(/masterSecret: the master secret must be at least 16 characters, got 5/);
  });

  test('the Azure APIPA pool runs out', () => {
    // 33 AWS gateways × 4 BGP tunnels = 132 /30s > the 128 in 169.254.21.0-169.254.22.255
    const aws = Array.from({ length: 33 }, (_, n) => ({ id: `aws${n}`, cloud: 'aws' as const, cidrs: [`10.${n}.0.0/16`] }));
    const t = topo([{ ...azureSite, cidrs: ['172.16.0.0/16'], sku: 'VpnGw5AZ', maxConnections: 200 }, ...aws], aws.map((a) => ({ between: [a.id, 'azure-east'] as const })));
    expect(run(t)).toThrow(/insideCidr: no free inside \/30 left for tunnel .*all 128 blocks .* are used/);
  });

  test('an error never contains the pinned key', () => {
    const key = 'secret-with-dashes-1234567890';
    expect.assertions(1);
    try {
      run(awsAzure({ tunnels: [{ presharedKey: key }] }))();
    } catch (e) {
      expect(String(e)).not.toContain(key);
    }
  });
});
