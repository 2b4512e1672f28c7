/**
 * What the planner must get right so that real clouds accept the output and plans stay stable
 * (issue 14): each cloud's documented ASN ranges in both roles, one default AWS ASN, Azure's
 * tunnel count on active-active gateways, retired Azure SKUs, and custom BGP addresses that
 * depend on nothing but their own link.
 */
import { App, Stack } from 'aws-cdk-lib/core';
import { AwsGatewayKind, AwsVpnGateway } from '../../src/aws';
import {
  AWS_DEFAULT_AMAZON_SIDE_ASN, AZURE_TUNNELS_PER_CONNECTION, AwsLinkResources, AzureLinkResources, LinkSpec, PlanError, SiteSpec, VpnPlan,
  ownAsnProblem, peerAsnProblem, planVpn,
} from '../../src/plan';
import { TEST_SECRET, aliSite, awsSite, azureSite, topo } from './fixtures';

const plan = (sites: SiteSpec[], links: LinkSpec[], previous?: VpnPlan['allocations']) => planVpn(topo(sites, links), { masterSecret: TEST_SECRET, previous });
const gateway = (p: VpnPlan, site: string) => p.gateways.find((g) => g.site === site)!;
const linkOf = <T>(p: VpnPlan, site: string, link: string): T => gateway(p, site).links.find((l) => l.link === link) as unknown as T;
const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    if (e instanceof PlanError) return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  return [];
};

describe('ASNs follow each cloud\'s documented range in both roles', () => {
  test.each([
    // [cloud, role, asn, accepted]
    ['azure', 'own', 4200000001, true], // 32-bit ASNs are supported (Azure BGP FAQ)
    ['azure', 'own', 65515, true], // Azure's own default
    ['azure', 'own', 65516, false], // outside the FAQ's usable private ranges
    ['azure', 'own', 429496729, false], // listed by the FAQ as IANA-reserved
    ['azure', 'own', 4294967295, false],
    ['azure', 'peer', 4200000002, true],
    ['azure', 'peer', 131072, true],
    ['azure', 'peer', 65515, false],
    ['azure', 'peer', 65551, false],
    ['azure', 'peer', 12076, false],
    ['aws', 'peer', 4200000002, true], // BgpAsnExtended: 2,147,483,648-4,294,967,295
    ['aws', 'peer', 2147483648, true],
    ['aws', 'peer', 4294967294, true],
    ['aws', 'peer', 4294967295, false],
    ['aws', 'peer', 7224, false],
    ['aws', 'own', 4200000000, true],
    ['aws', 'own', 4294967295, false],
  ] as const)('%s as %s ASN: %d accepted = %s', (cloud, role, asn, accepted) => {
    const problem = role === 'own' ? ownAsnProblem(cloud, asn) : peerAsnProblem(cloud, asn);
    expect(problem === undefined).toBe(accepted);
  });

  test('a 32-bit peer ASN toward AWS plans: the customer gateways register 4200000002', () => {
    // GIVEN an Azure gateway with a 4-byte ASN facing AWS over BGP
    const p = plan([awsSite, { ...azureSite, asn: 4200000002 }], [{ between: ['aws-tokyo', 'azure-east'] }]);
    // THEN AWS registers it, and Azure's local network gateways register AWS's
    expect(linkOf<AwsLinkResources>(p, 'aws-tokyo', 'aws-tokyo--azure-east').customerGateways.map((c) => c.bgpAsn)).toEqual([4200000002, 4200000002]);
    expect(gateway(p, 'azure-east').asn).toBe(4200000002);
  });

  test('a 32-bit Alibaba Cloud ASN toward Azure plans (Azure registers it as a peer)', () => {
    const p = plan([azureSite, { ...aliSite, asn: 4200000003 }], [{ between: ['azure-east', 'ali-hz'] }]);
    expect(linkOf<AzureLinkResources>(p, 'azure-east', 'ali-hz--azure-east').localNetworkGateways.map((l) => l.bgp!.asn)).toEqual([4200000003, 4200000003]);
  });

  test('the refusal states the documented range', () => {
    expect(issuesOf(() => plan([awsSite, { ...azureSite, asn: 65516 }], [{ between: ['aws-tokyo', 'azure-east'] }]))).toEqual([
      expect.stringMatching(/^sites\[1\]\.asn: 65516 is not allowed for an Azure gateway; allowed: 1-4294967294 \(32-bit ASNs supported\), except .*65516-65520/),
    ]);
  });
});

describe('one default ASN for an AWS gateway', () => {
  test('an AWS site without an ASN gets the same ASN from the planner as from AwsVpnGateway', () => {
    // GIVEN the construct's default, read from a real AwsVpnGateway without amazonSideAsn
    const stack = new Stack(new App(), 'Aws');
    const construct = new AwsVpnGateway(stack, 'Gw', { kind: AwsGatewayKind.transitGateway(), cidrs: ['10.10.0.0/16'] });
    // WHEN the planner plans the same site without an ASN, facing two other clouds
    const p = plan([awsSite, azureSite, aliSite], [{ between: ['aws-tokyo', 'azure-east'] }, { between: ['aws-tokyo', 'ali-hz'] }]);
    // THEN both give AWS's default
    expect(construct.amazonSideAsn).toBe(AWS_DEFAULT_AMAZON_SIDE_ASN);
    expect(gateway(p, 'aws-tokyo').asn).toBe(AWS_DEFAULT_AMAZON_SIDE_ASN);
    expect(p.allocations.asns['aws-tokyo']).toBe(64512);
  });

  test('every AWS site without an ASN gets 64512, and no other site is allocated it', () => {
    const sites: SiteSpec[] = [
      awsSite, { id: 'aws-osaka', cloud: 'aws', cidrs: ['10.11.0.0/16'] },
      ...Array.from({ length: 30 }, (_, i): SiteSpec => ({ id: `az${i}`, cloud: 'azure', cidrs: [`10.${100 + i}.0.0/16`] })),
    ];
    const p = plan(sites, [{ between: ['aws-tokyo', 'az0'] }, { between: ['aws-osaka', 'az1'] }]);
    expect(p.gateways.filter((g) => g.cloud === 'aws').map((g) => g.asn)).toEqual([64512, 64512]);
    expect(p.gateways.filter((g) => g.cloud !== 'aws').map((g) => g.asn)).not.toContain(64512);
  });

  test('a BGP peer pinned to 64512 makes an AWS site without an ASN fail with a clear error', () => {
    expect(issuesOf(() => plan([awsSite, { ...azureSite, asn: 64512 }], [{ between: ['aws-tokyo', 'azure-east'] }]))).toEqual([
      expect.stringMatching(/^sites\[0\]\.asn: 'aws-tokyo' pins no ASN, so it takes AWS's default 64512 \(as the AWS constructs do\), which its BGP peer 'azure-east' also uses .*pin asn on one of them/),
    ]);
  });
});

describe('Azure capacity counts S2S tunnels: two per connection on an active-active gateway', () => {
  test('an active-active gateway facing one AWS gateway (4 connections) uses 8 S2S tunnels; active-standby static uses 2', () => {
    expect(AZURE_TUNNELS_PER_CONNECTION['active-active']).toBe(2);
    expect(gateway(plan([awsSite, azureSite], [{ between: ['aws-tokyo', 'azure-east'] }]), 'azure-east')).toMatchObject({ connectionCount: 8, connectionLimit: 30 });
    const standby = plan([awsSite, { ...azureSite, gateway: 'active-standby' }], [{ between: ['aws-tokyo', 'azure-east'], routing: 'static' }]);
    expect(gateway(standby, 'azure-east')).toMatchObject({ connectionCount: 2, connectionLimit: 30 });
  });

  test('4 AWS links on a VpnGw2AZ active-active gateway need 32 of its 30 S2S tunnels: refused, with the count explained', () => {
    const aws = [1, 2, 3, 4].map((n): SiteSpec => ({ id: `aws${n}`, cloud: 'aws', cidrs: [`10.${100 + n}.0.0/16`] }));
    const links = aws.map((a): LinkSpec => ({ between: [a.id, 'azure-east'] }));
    expect(issuesOf(() => plan([azureSite, ...aws], links))).toEqual([
      expect.stringMatching(/^sites\[0\]: gateway 'azure-east' needs 32 S2S tunnels \(16 connections, 2 tunnels each on an active-active gateway\) but an Azure VpnGw2AZ gateway allows 30/),
    ]);
    // the guide's layout (2 connections a link) fits: 4 × 2 × 2 = 16
    expect(() => plan([azureSite, ...aws], links.map((l) => ({ ...l, layout: 'minimal' as const })))).not.toThrow();
  });
});

describe('retired Azure SKUs', () => {
  test('a non-AZ SKU plans as an existing gateway\'s, with a warning naming the AZ SKU a new gateway needs', () => {
    const p = plan([awsSite, { ...azureSite, sku: 'VpnGw3' }], [{ between: ['aws-tokyo', 'azure-east'] }]);
    expect(p.warnings).toContainEqual(expect.stringMatching(/^sites\[1\]\.sku: 'VpnGw3' is a non-AZ SKU, which Azure no longer creates \(NonAzSkusNotAllowedForVPNGateway since 2025-11-01\).*A new gateway needs VpnGw3AZ/));
    expect(plan([awsSite, { ...azureSite, sku: 'VpnGw3AZ' }], [{ between: ['aws-tokyo', 'azure-east'] }]).warnings.filter((w) => w.includes('sku'))).toEqual([]);
  });

  test('a prototype key is no SKU', () => {
    expect(issuesOf(() => plan([awsSite, { ...azureSite, sku: 'toString' }], []))).toEqual([expect.stringMatching(/^sites\[1\]\.sku: 'toString' is not an Azure VPN gateway SKU/)]);
  });
});

describe('an Azure connection\'s custom BGP addresses depend on its own link only', () => {
  // Azure active-active with a single-tunnel Alibaba gateway (its one tunnel on instance0) and an AWS gateway.
  const sites: SiteSpec[] = [azureSite, { ...aliSite, gateway: 'single-tunnel' }, awsSite];
  const aliLink: LinkSpec = { between: ['azure-east', 'ali-hz'] };
  const awsLink: LinkSpec = { between: ['aws-tokyo', 'azure-east'] };
  const aliConnections = (p: VpnPlan) => linkOf<AzureLinkResources>(p, 'azure-east', 'ali-hz--azure-east').connections;

  test('removing or adding an unrelated link leaves them as they were', () => {
    const both = plan(sites, [aliLink, awsLink]);
    const without = plan(sites, [aliLink], both.allocations);
    const again = plan(sites, [aliLink, awsLink], without.allocations);
    expect(aliConnections(without)).toEqual(aliConnections(both));
    expect(aliConnections(again)).toEqual(aliConnections(both));
  });

  test('its own address is kept when fresh tunnels fill the Azure range around it', () => {
    // GIVEN the link alone, planned; WHEN 30 AWS gateways are linked to the Azure gateway (120
    // fresh tunnels in the 128 blocks of Azure's range), planned from the first allocations
    const big = { ...azureSite, sku: 'VpnGw5AZ', maxConnections: 1000 };
    const first = plan([big, sites[1]], [aliLink]);
    const aws = Array.from({ length: 30 }, (_, n): SiteSpec => ({ id: `aws${n}`, cloud: 'aws', cidrs: [`10.${100 + n}.0.0/16`] }));
    const grown = plan([big, sites[1], ...aws], [aliLink, ...aws.map((a): LinkSpec => ({ between: [a.id, 'azure-east'] }))], first.allocations);
    // THEN the link's connection, and the block its secondary address comes from, are unchanged
    expect(aliConnections(grown)).toEqual(aliConnections(first));
    const key = Object.keys(first.allocations.insideCidrs).find((k) => k.endsWith('/instance1'))!;
    expect(grown.allocations.insideCidrs[key]).toBe(first.allocations.insideCidrs[key]);
  });

  test('the instance without a tunnel of the link gets an address of the tunnel\'s own, on that instance only', () => {
    const p = plan(sites, [aliLink, awsLink]);
    const [conn] = aliConnections(p);
    const apipa = gateway(p, 'azure-east').apipaAddresses!;
    expect(conn.customBgpAddresses!.primary).toBe(p.tunnels.find((t) => t.id === conn.tunnel)!.ends[0].insideAddress);
    expect(apipa.instance1).toContain(conn.customBgpAddresses!.secondary);
    expect(apipa.instance0).not.toContain(conn.customBgpAddresses!.secondary);
    // its /30 is recorded like a tunnel's, in Azure's APIPA range, and used by no tunnel
    const block = p.allocations.insideCidrs[`${conn.tunnel}/instance1`];
    expect(block).toMatch(/^169\.254\.2[12]\.\d+\/30$/);
    expect(p.tunnels.map((t) => t.insideCidr)).not.toContain(block);
    // and no AWS tunnel's address stands in for it
    expect(p.tunnels.filter((t) => t.link === 'aws-tokyo--azure-east').map((t) => t.ends[1].insideAddress)).not.toContain(conn.customBgpAddresses!.secondary);
  });
});
