import {
  AlicloudLinkResources, AwsLinkResources, AzureLinkResources, GatewayPlan, LinkSpec, PlanError, SiteSpec, VpnPlan, planVpn,
} from '../../src/plan';
import { TEST_SECRET, aliSite, awsSite, azureSite, mesh, topo } from './fixtures';

const plan = (sites: SiteSpec[], links: LinkSpec[]) => planVpn(topo(sites, links), { masterSecret: TEST_SECRET });
const gw = (p: VpnPlan, site: string): GatewayPlan => p.gateways.find((g) => g.site === site)!;
const res = <T>(p: VpnPlan, site: string): T => gw(p, site).links[0] as unknown as T;

describe('tunnel pairing', () => {
  test.each([
    // [description, sites, link, AWS cgw/conn, Azure lng/conn, Alibaba cgw/conn, active, idle]
    ['AWS ↔ Azure active-active, all tunnels', [awsSite, azureSite], { between: ['aws-tokyo', 'azure-east'] }, [2, 2], [4, 4], undefined, 4, 0],
    ['AWS ↔ Azure active-active, minimal (the guide)', [awsSite, azureSite], { between: ['aws-tokyo', 'azure-east'], layout: 'minimal' }, [2, 2], [2, 2], undefined, 2, 2],
    ['AWS ↔ Azure active-standby, BGP', [awsSite, { ...azureSite, gateway: 'active-standby' }], { between: ['aws-tokyo', 'azure-east'] }, [1, 1], [1, 1], undefined, 1, 1],
    ['AWS ↔ Azure active-standby, static', [awsSite, { ...azureSite, gateway: 'active-standby' }], { between: ['aws-tokyo', 'azure-east'], routing: 'static' }, [1, 1], [2, 2], undefined, 2, 0],
    ['AWS ↔ Alibaba dual-tunnel, all tunnels', [awsSite, aliSite], { between: ['aws-tokyo', 'ali-hz'] }, [2, 2], undefined, [4, 2], 4, 0],
    ['AWS ↔ Alibaba dual-tunnel, minimal', [awsSite, aliSite], { between: ['aws-tokyo', 'ali-hz'], layout: 'minimal' }, [2, 2], undefined, [2, 1], 2, 2],
    ['AWS ↔ Alibaba single-tunnel', [awsSite, { ...aliSite, gateway: 'single-tunnel' }], { between: ['aws-tokyo', 'ali-hz'] }, [1, 1], undefined, [2, 2], 2, 0],
    ['Azure active-active ↔ Alibaba dual-tunnel (the guide)', [azureSite, aliSite], { between: ['azure-east', 'ali-hz'], routing: 'policy' }, undefined, [2, 2], [2, 1], 2, 0],
    ['transit gateway ↔ Azure', [{ ...awsSite, gateway: 'transit-gateway' }, azureSite], { between: ['aws-tokyo', 'azure-east'] }, [2, 2], [4, 4], undefined, 4, 0],
  ] as const)('%s', (_, sites, link, aws, azure, ali, active, idle) => {
    // WHEN
    const p = plan([...sites], [link as LinkSpec]);
    // THEN
    const count = (site: SiteSpec) => {
      const r = gw(p, site.id).links[0];
      if (r.cloud === 'aws') return [r.customerGateways.length, r.vpnConnections.length];
      if (r.cloud === 'azure') return [r.localNetworkGateways.length, r.connections.length];
      return [r.customerGateways.length, r.connections.length];
    };
    for (const site of sites) {
      const expected = site.cloud === 'aws' ? aws : site.cloud === 'azure' ? azure : ali;
      expect(count(site)).toEqual(expected);
    }
    expect(p.tunnels.filter((t) => t.state === 'active')).toHaveLength(active);
    expect(p.tunnels.filter((t) => t.state === 'idle')).toHaveLength(idle);
    for (const t of p.tunnels.filter((x) => x.state === 'idle')) expect(t.idleReason).toBeTruthy();
  });

  test('every AWS VPN connection goes to one remote endpoint, both of its tunnels to the same one', () => {
    const p = plan([awsSite, azureSite], [{ between: ['aws-tokyo', 'azure-east'] }]);
    const aws = res<AwsLinkResources>(p, 'aws-tokyo');
    expect(aws.customerGateways.map((c) => c.remote.endpoint)).toEqual(['instance0', 'instance1']);
    aws.vpnConnections.forEach((conn, k) => {
      for (const id of conn.tunnels) {
        const t = p.tunnels.find((x) => x.id === id)!;
        expect(t.ends[1].endpoint).toBe(`instance${k}`);
        expect(t.ends[0].endpoint).toMatch(new RegExp(`^aws-tokyo--azure-east/conn${k + 1}/tunnel[12]$`));
      }
    });
  });

  test('Alibaba dual-tunnel ↔ Azure: master talks to instance 0, slave to instance 1, one customer gateway each', () => {
    const p = plan([azureSite, aliSite], [{ between: ['azure-east', 'ali-hz'], routing: 'policy' }]);
    const ali = res<AlicloudLinkResources>(p, 'ali-hz');
    expect(ali.connections).toHaveLength(1);
    expect(ali.connections[0].mode).toBe('dual-tunnel');
    const roles = ali.connections[0].tunnels.map((t) => [t.role, ali.customerGateways.find((c) => c.id === t.customerGateway)!.remote.endpoint]);
    expect(roles).toEqual([['master', 'instance0'], ['slave', 'instance1']]);
    const azure = res<AzureLinkResources>(p, 'azure-east');
    expect(azure.localNetworkGateways.map((l) => l.remote.endpoint)).toEqual(['master', 'slave']);
  });

  test('a minimal layout lists the same tunnels first as the full one (pins by index stay put)', () => {
    const all = plan([awsSite, azureSite], [{ between: ['aws-tokyo', 'azure-east'] }]);
    const minimal = plan([awsSite, azureSite], [{ between: ['aws-tokyo', 'azure-east'], layout: 'minimal' }]);
    const endpoints = (p: VpnPlan) => p.tunnels.map((t) => t.ends.map((e) => e.endpoint).join(' ~ '));
    expect(endpoints(minimal)).toEqual(endpoints(all));
    expect(minimal.tunnels.slice(0, 2).every((t) => t.state === 'active')).toBe(true);
  });
});

describe('inside addresses', () => {
  test('the guide: pinned 169.254.21.0/30 and 169.254.22.0/30, AWS .1 and Azure .2, custom BGP addresses per instance', () => {
    // GIVEN the AWS ↔ Azure guide's 2 + 2 layout
    const p = plan([{ ...awsSite, asn: 64512 }, { ...azureSite, asn: 65000 }], [{
      between: ['aws-tokyo', 'azure-east'],
      layout: 'minimal',
      tunnels: [{ insideCidr: '169.254.21.0/30' }, { insideCidr: '169.254.22.0/30' }],
    }]);
    // THEN
    const [t1, t2] = p.tunnels;
    expect([t1.insideCidr, t1.ends[0].insideAddress, t1.ends[1].insideAddress]).toEqual(['169.254.21.0/30', '169.254.21.1', '169.254.21.2']);
    expect([t2.insideCidr, t2.ends[0].insideAddress, t2.ends[1].insideAddress]).toEqual(['169.254.22.0/30', '169.254.22.1', '169.254.22.2']);
    const azure = gw(p, 'azure-east');
    expect(azure.apipaAddresses).toEqual({ instance0: ['169.254.21.2'], instance1: ['169.254.22.2'] });
    const conns = res<AzureLinkResources>(p, 'azure-east').connections;
    expect(conns.map((c) => c.customBgpAddresses)).toEqual([
      { primary: '169.254.21.2', secondary: '169.254.22.2' },
      { primary: '169.254.21.2', secondary: '169.254.22.2' },
    ]);
    const lngs = res<AzureLinkResources>(p, 'azure-east').localNetworkGateways;
    expect(lngs.map((l) => l.bgp)).toEqual([{ asn: 64512, peeringAddress: '169.254.21.1' }, { asn: 64512, peeringAddress: '169.254.22.1' }]);
  });

  test('custom BGP primary is always an instance 0 address and secondary an instance 1 address', () => {
    const p = planVpn(mesh, { masterSecret: TEST_SECRET });
    const azure = gw(p, 'azure-east');
    for (const link of azure.links as AzureLinkResources[]) {
      for (const c of link.connections.filter((x) => x.bgpEnabled)) {
        expect(azure.apipaAddresses!.instance0).toContain(c.customBgpAddresses!.primary);
        expect(azure.apipaAddresses!.instance1).toContain(c.customBgpAddresses!.secondary);
        // the address of the tunnel's own instance is the tunnel's Azure end
        const t = p.tunnels.find((x) => x.id === c.tunnel)!;
        const end = t.ends.find((e) => e.cloud === 'azure')!;
        expect(end.endpoint === 'instance0' ? c.customBgpAddresses!.primary : c.customBgpAddresses!.secondary).toBe(end.insideAddress);
      }
    }
  });

  test('tunnels with an Azure end take /30s in 169.254.21.0-169.254.22.255; AWS takes the first host', () => {
    const p = planVpn(mesh, { masterSecret: TEST_SECRET });
    for (const t of p.tunnels.filter((x) => x.insideCidr)) {
      const [net] = t.insideCidr!.split('/');
      const last = Number(net.split('.')[3]);
      expect(last % 4).toBe(0);
      if (t.ends.some((e) => e.cloud === 'azure')) expect(t.insideCidr).toMatch(/^169\.254\.2[12]\./);
      const aws = t.ends.find((e) => e.cloud === 'aws');
      if (aws) expect(aws.insideAddress).toBe(`${net.split('.').slice(0, 3).join('.')}.${last + 1}`);
    }
  });

  test('policy links without an AWS end get no inside addresses', () => {
    const p = plan([azureSite, aliSite], [{ between: ['azure-east', 'ali-hz'], routing: 'policy' }]);
    expect(p.tunnels.every((t) => t.insideCidr === undefined)).toBe(true);
  });
});

describe('ASNs', () => {
  test('pinned ASNs are kept; each end\'s peer ASN is the other end\'s own', () => {
    const p = plan([{ ...awsSite, asn: 64512 }, { ...azureSite, asn: 65000 }], [{ between: ['aws-tokyo', 'azure-east'] }]);
    for (const t of p.tunnels) {
      expect(t.ends.map((e) => [e.asn, e.peerAsn])).toEqual([[64512, 65000], [65000, 64512]]);
    }
    expect(res<AwsLinkResources>(p, 'aws-tokyo').customerGateways.every((c) => c.bgpAsn === 65000)).toBe(true);
    expect(gw(p, 'aws-tokyo').asn).toBe(64512);
  });

  test('missing ASNs are allocated distinct, private, and acceptable to every peer', () => {
    const p = planVpn(mesh, { masterSecret: TEST_SECRET });
    const asns = p.gateways.map((g) => g.asn);
    expect(new Set(asns).size).toBe(3);
    for (const asn of asns) {
      expect(asn).toBeGreaterThanOrEqual(64512);
      expect(asn).toBeLessThanOrEqual(65514);
    }
  });
});

describe('proposals and lifetimes', () => {
  test('default: IKEv2, AES-256, SHA-256, DH 14, PFS 14, in each cloud\'s spelling', () => {
    const p = planVpn(mesh, { masterSecret: TEST_SECRET });
    const byCloud = Object.fromEntries(p.tunnels.flatMap((t) => t.ends.map((e) => [e.cloud, e.proposal])));
    expect(byCloud.aws).toMatchObject({ ikeVersion: 'ikev2', phase1: { encryption: 'AES256', integrity: 'SHA2-256', dhGroup: '14' }, phase2: { encryption: 'AES256', integrity: 'SHA2-256', pfsGroup: '14', lifetimeSeconds: 3600 } });
    expect(byCloud.azure).toMatchObject({ ikeVersion: 'IKEv2', phase1: { encryption: 'AES256', integrity: 'SHA256', dhGroup: 'DHGroup14', lifetimeSeconds: 28800 }, phase2: { encryption: 'AES256', integrity: 'SHA256', pfsGroup: 'PFS2048' } });
    expect(byCloud.alicloud).toMatchObject({ ikeVersion: 'ikev2', phase1: { encryption: 'aes256', integrity: 'sha256', dhGroup: 'group14' }, phase2: { encryption: 'aes256', integrity: 'sha256', pfsGroup: 'group14' } });
  });

  test('Azure keeps its fixed 28800 s phase 1; its peer rekeys first with a shorter one', () => {
    const p = plan([awsSite, azureSite], [{ between: ['aws-tokyo', 'azure-east'] }]);
    const [aws, azure] = p.tunnels[0].ends;
    expect(azure.proposal.phase1.lifetimeSeconds).toBe(28800);
    expect(aws.proposal.phase1.lifetimeSeconds).toBeLessThan(28800);
    expect(aws.proposal.phase2.lifetimeSeconds).toBeLessThanOrEqual(3600);
    expect(azure.proposal.phase2.lifetimeSeconds).toBeGreaterThan(aws.proposal.phase2.lifetimeSeconds);
  });

  test('the guide\'s pinned phase 2 lifetime of 3600 s applies to both ends', () => {
    const p = plan([awsSite, azureSite], [{ between: ['aws-tokyo', 'azure-east'], proposal: { phase2: { lifetimeSeconds: 3600 } } }]);
    expect(p.tunnels[0].ends.map((e) => e.proposal.phase2.lifetimeSeconds)).toEqual([3600, 3600]);
  });

  test('GCM pinned between AWS and Azure: Azure names the cipher as integrity, AWS takes none', () => {
    const p = plan([awsSite, azureSite], [{ between: ['aws-tokyo', 'azure-east'], proposal: { phase2: { encryption: 'aes256gcm16' } } }]);
    const [aws, azure] = p.tunnels[0].ends;
    expect(aws.proposal.phase2).toMatchObject({ encryption: 'AES256-GCM-16', integrity: null });
    expect(azure.proposal.phase2).toMatchObject({ encryption: 'GCMAES256', integrity: 'GCMAES256' });
  });

  test('weak choices pass only with allowWeakCrypto', () => {
    const link: LinkSpec = { between: ['azure-east', 'ali-hz'], routing: 'policy', proposal: { phase2: { pfsGroup: 'none', integrity: 'sha1' } } };
    expect(() => plan([azureSite, aliSite], [link])).toThrow(/pfsGroup: 'none' \(no PFS\) is weak; set allowWeakCrypto/);
    const p = plan([azureSite, aliSite], [{ ...link, allowWeakCrypto: true }]);
    expect(p.tunnels[0].ends.map((e) => e.proposal.phase2.pfsGroup)).toEqual(['None', 'disabled']);
  });

  test('Azure never responds-only to anyone but an initiating AWS; AWS starts IKEv2 tunnels', () => {
    const p = planVpn(mesh, { masterSecret: TEST_SECRET });
    const azureAws = res<AzureLinkResources>(p, 'azure-east');
    expect(azureAws.connections.every((c) => c.connectionMode === 'ResponderOnly')).toBe(true);
    const azureAli = gw(p, 'azure-east').links.find((l) => l.remoteSite === 'ali-hz') as AzureLinkResources;
    expect(azureAli.connections.every((c) => c.connectionMode === 'Default')).toBe(true);
    expect(p.tunnels.flatMap((t) => t.ends).filter((e) => e.cloud === 'aws').every((e) => e.initiates)).toBe(true);
  });
});

describe('routing', () => {
  test('policy routing: selectors default to site networks and can add ranges (the guide\'s 100.104.0.0/16)', () => {
    const p = plan([{ ...azureSite, cidrs: ['192.168.0.0/16'] }, { ...aliSite, cidrs: ['10.0.0.0/16'] }], [{
      between: ['azure-east', 'ali-hz'], routing: 'policy', selectors: { 'ali-hz': ['10.0.0.0/16', '100.104.0.0/16'] },
    }]);
    const ali = res<AlicloudLinkResources>(p, 'ali-hz');
    expect(ali.connections[0]).toMatchObject({ localSubnets: ['10.0.0.0/16', '100.104.0.0/16'], remoteSubnets: ['192.168.0.0/16'], routes: { kind: 'policy', destinations: ['192.168.0.0/16'] } });
    const azure = res<AzureLinkResources>(p, 'azure-east');
    expect(azure.localNetworkGateways[0].addressSpace).toEqual(['10.0.0.0/16', '100.104.0.0/16']);
    expect(azure.connections[0].trafficSelectors).toEqual({ local: ['192.168.0.0/16'], remote: ['10.0.0.0/16', '100.104.0.0/16'] });
  });

  test('static routing: AWS static routes and Azure address space are the remote networks', () => {
    const p = plan([awsSite, azureSite], [{ between: ['aws-tokyo', 'azure-east'], routing: 'static' }]);
    const aws = res<AwsLinkResources>(p, 'aws-tokyo');
    expect(aws.vpnConnections.every((c) => c.staticRoutesOnly && c.staticRoutes.join() === '10.20.0.0/16')).toBe(true);
    expect(res<AzureLinkResources>(p, 'azure-east').localNetworkGateways.every((l) => l.addressSpace.join() === '10.10.0.0/16' && !l.bgp)).toBe(true);
  });
});

describe('the plan as data', () => {
  test('JSON round trip keeps everything but the keys, which are redacted', () => {
    const p = planVpn(mesh, { masterSecret: TEST_SECRET });
    const json = JSON.stringify(p);
    for (const t of p.tunnels) expect(json).not.toContain(t.presharedKey.reveal());
    expect(JSON.parse(json).tunnels[0].presharedKey).toMatch(/^<psk:derived fp:[0-9a-f]{12}>$/);
  });

  test('same input, same plan', () => {
    expect(JSON.stringify(planVpn(mesh, { masterSecret: TEST_SECRET }))).toBe(JSON.stringify(planVpn(mesh, { masterSecret: TEST_SECRET })));
  });

  test('PlanError lists every problem at once', () => {
    expect.assertions(2);
    try {
      plan([{ ...awsSite, cidrs: ['10.0.0.1/16'] }, { ...azureSite, asn: 65517 }], [{ between: ['aws-tokyo', 'aws-tokyo'] }]);
    } catch (e) {
      expect(e).toBeInstanceOf(PlanError);
      expect((e as PlanError).issues.map((i) => i.code).sort()).toEqual(['asn-reserved', 'cidr-malformed', 'link-to-itself']);
    }
  });
});
