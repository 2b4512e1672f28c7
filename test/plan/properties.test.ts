import { createHash } from 'node:crypto';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import * as fc from 'fast-check';
import { AzurePeerGateway, AzureVpnConnection, AzureVpnGateway } from '../../src/azure';
import {
  PlanError, Topology, VpnPlan, algorithmProblem, insideCidrProblem, lifetimeProblem, planVpn, pskProblem,
} from '../../src/plan';
import { clouds, topologyArb, validTopologyArb } from './arbitraries';
import { TEST_SECRET } from './fixtures';
import { propRuns } from '../lib/props';

/** Every invariant a plan must meet; returns the first broken one. */
function brokenInvariant(plan: VpnPlan): string | undefined {
  const byGateway = new Map<string, Set<string>>();
  const azure = new Set<string>();
  for (const t of plan.tunnels) {
    const tunnelClouds = t.ends.map((e) => e.cloud);
    for (const cloud of tunnelClouds) if (pskProblem(cloud, t.presharedKey.reveal())) return `${t.id}: key rejected by ${cloud}`;
    if (t.insideCidr) {
      const problem = insideCidrProblem(tunnelClouds, t.insideCidr);
      if (problem) return `${t.id}: ${problem}`;
      const base = t.insideCidr.split('/')[0].split('.').map(Number);
      const hosts = [1, 2].map((h) => [...base.slice(0, 3), base[3] + h].join('.'));
      if ([...t.ends.map((e) => e.insideAddress)].sort().join() !== hosts.sort().join()) return `${t.id}: inside addresses are not the two hosts`;
      for (const e of t.ends) {
        const used = byGateway.get(e.site) ?? new Set();
        if (used.has(t.insideCidr)) return `${t.id}: ${t.insideCidr} reused on ${e.site}`;
        used.add(t.insideCidr);
        byGateway.set(e.site, used);
      }
      if (tunnelClouds.includes('azure')) {
        if (azure.has(t.insideCidr)) return `${t.id}: ${t.insideCidr} reused across Azure`;
        azure.add(t.insideCidr);
      }
    }
    if (t.routing === 'bgp') {
      const [x, y] = t.ends;
      if (x.asn !== y.peerAsn || y.asn !== x.peerAsn || x.asn === y.asn) return `${t.id}: ASNs do not mirror`;
    }
    for (const e of t.ends) {
      const p = e.proposal;
      const problems = [
        algorithmProblem(e.cloud, 'phase1', 'encryption', p.phase1.encryption), algorithmProblem(e.cloud, 'phase1', 'integrity', p.phase1.integrity),
        algorithmProblem(e.cloud, 'phase1', 'dhGroup', p.phase1.dhGroup), algorithmProblem(e.cloud, 'phase2', 'encryption', p.phase2.encryption),
        algorithmProblem(e.cloud, 'phase2', 'dhGroup', p.phase2.pfsGroup), lifetimeProblem(e.cloud, 'phase1', p.phase1.lifetimeSeconds),
        lifetimeProblem(e.cloud, 'phase2', p.phase2.lifetimeSeconds),
      ].filter(Boolean);
      if (problems.length) return `${t.id} (${e.cloud}): ${problems[0]}`;
      if (p.phase2.lifetimeSeconds >= p.phase1.lifetimeSeconds) return `${t.id}: phase 2 outlives phase 1`;
    }
  }
  for (const g of plan.gateways) if (g.connectionCount > g.connectionLimit) return `${g.site}: over its limit`;
  return undefined;
}

/** A stable stand-in for a remote endpoint's public IP (a documentation-range address per site and endpoint). */
function remoteIp(site: string, endpoint: string): string {
  const h = createHash('sha256').update(`${site}/${endpoint}`).digest();
  return `198.${18 + (h[0] % 2)}.${h[1]}.${1 + (h[2] % 254)}`;
}

/**
 * Synthesizes the Azure half of a plan (every Azure gateway, every link realised) and returns,
 * per tunnel id, the synthesized resources that carry it: its connection and the local network
 * gateway it connects to, keys replaced by a hash (they are compared, never printed); per Azure
 * gateway, the gateway resource without its APIPA lists, and those lists.
 */
function synthAzure(plan: VpnPlan): { tunnels: Map<string, string>; gateways: Map<string, { rest: string; apipa: Record<string, string[]> }> } {
  const stack = new TerraformStack(Testing.app(), 'Azure');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const carriers: [string, TerraformResource[]][] = [];
  const gateways = new Map<string, TerraformResource>();
  for (const g of plan.gateways.filter((x) => x.cloud === 'azure')) {
    const gw = new AzureVpnGateway(stack, g.site, {
      siteId: g.site, resourceGroupName: 'rg', location: 'japaneast', virtualNetworkAddressSpace: [...g.cidrs], activeActive: g.kind === 'active-active',
      gatewaySubnetId: `/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/${g.site}/subnets/GatewaySubnet`,
    });
    gateways.set(g.site, gw.resource);
    for (const r of g.links) {
      if (r.cloud !== 'azure') continue;
      gw.realiseLink({ plan, gateway: g, resources: r, tunnels: plan.tunnels.filter((t) => t.link === r.link), remoteAddress: (endpoint) => remoteIp(r.remoteSite, endpoint) });
      const scope = gw.node.findChild(r.link);
      for (const c of r.connections) {
        const conn = scope.node.findChild(c.id) as AzureVpnConnection;
        const lng = scope.node.findChild(c.localNetworkGateway) as AzurePeerGateway;
        carriers.push([c.tunnel, [conn.resource, lng.resource]]);
      }
    }
  }
  // with validations: every custom BGP address must be an APIPA address of its instance
  const json = JSON.parse(Testing.synth(stack, true)).resource as Record<string, Record<string, Record<string, unknown>>>;
  const body = (res: TerraformResource) => {
    const b = { ...json[res.terraformResourceType][stack.getLogicalId(res)] };
    if (typeof b.shared_key === 'string') b.shared_key = createHash('sha256').update(b.shared_key).digest('hex');
    return b;
  };
  const tunnels = new Map(carriers.map(([id, res]) => [id, JSON.stringify(res.map((x) => [x.terraformResourceType, stack.getLogicalId(x), body(x)]))]));
  const gatewayParts = new Map([...gateways].map(([site, res]) => {
    const b = body(res) as { bgp_settings: { peering_addresses: { ip_configuration_name: string; apipa_addresses?: string[] }[] } };
    const apipa = Object.fromEntries(b.bgp_settings.peering_addresses.map((p) => [p.ip_configuration_name, p.apipa_addresses ?? []]));
    return [site, { rest: JSON.stringify({ ...b, bgp_settings: { ...b.bgp_settings, peering_addresses: undefined } }), apipa }];
  }));
  return { tunnels, gateways: gatewayParts };
}

/**
 * Every resource of every tunnel that exists before and after is byte-identical, and every
 * gateway keeps the APIPA addresses those tunnels use (the lists themselves grow or shrink).
 */
function expectAzureUnchanged(before: VpnPlan, after: VpnPlan): void {
  const [x, y] = [synthAzure(before), synthAzure(after)];
  for (const [id, resources] of x.tunnels) {
    if (y.tunnels.has(id)) expect({ tunnel: id, resources: y.tunnels.get(id) }).toEqual({ tunnel: id, resources });
  }
  const kept = before.tunnels.filter((t) => after.tunnels.some((u) => u.id === t.id));
  for (const [site, gw] of x.gateways) {
    const later = y.gateways.get(site);
    // a gateway left without links is realised by no link (its ASN stays the construct's own)
    if (!later || !kept.some((t) => t.ends.some((e) => e.site === site))) continue;
    expect({ site, gateway: later.rest }).toEqual({ site, gateway: gw.rest });
    for (const t of kept) {
      const end = t.ends.find((e) => e.site === site);
      if (end?.insideAddress && t.routing === 'bgp' && t.state === 'active') expect(later.apipa[end.endpoint]).toContain(end.insideAddress);
    }
  }
}

/** The link resources of every gateway, per `<site>/<link>`, as JSON. */
function linkResources(plan: VpnPlan): Map<string, string> {
  return new Map(plan.gateways.flatMap((g) => g.links.map((r) => [`${g.site}/${r.link}`, JSON.stringify(r)] as const)));
}

function tryPlan(t: Topology, previous?: VpnPlan['allocations']): VpnPlan | PlanError {
  try {
    return planVpn(t, { masterSecret: TEST_SECRET, previous });
  } catch (e) {
    if (e instanceof PlanError) return e;
    throw e; // anything else is a crash: the property fails
  }
}

describe('planner properties', () => {
  test('random topologies give a plan that meets every invariant, or a PlanError — never another exception', () => {
    fc.assert(fc.property(topologyArb, (t) => {
      const result = tryPlan(t);
      if (result instanceof PlanError) {
        expect(result.issues.length).toBeGreaterThan(0);
        for (const issue of result.issues) expect(issue.path).toBeTruthy();
      } else {
        expect(brokenInvariant(result)).toBeUndefined();
      }
    }), propRuns(400));
  });

  test('same input gives the same plan', () => {
    fc.assert(fc.property(topologyArb, (t) => {
      const a = tryPlan(t);
      const b = tryPlan(t);
      expect(a instanceof PlanError ? a.message : JSON.stringify(a)).toBe(b instanceof PlanError ? b.message : JSON.stringify(b));
    }), propRuns(150));
  });

  test('valid topologies always plan', () => {
    fc.assert(fc.property(validTopologyArb, (t) => {
      const result = tryPlan(t);
      expect(result instanceof PlanError ? result.message : brokenInvariant(result)).toBeUndefined();
    }), propRuns(200));
  });

  test('adding a site and a link changes no existing tunnel', () => {
    fc.assert(fc.property(validTopologyArb, fc.constantFrom(...clouds), fc.nat(6), (t, cloud, peerPick) => {
      const before = tryPlan(t);
      fc.pre(!(before instanceof PlanError) && t.sites.length > 0);
      const plan = before as VpnPlan;
      const peer = t.sites[peerPick % t.sites.length];
      fc.pre(peer.cloud !== cloud);
      const grown: Topology = {
        sites: [...t.sites, { id: 'new-site', cloud, cidrs: ['172.16.0.0/16'] }],
        links: [...t.links, { between: ['new-site', peer.id] }],
      };
      const after = tryPlan(grown, plan.allocations);
      fc.pre(!(after instanceof PlanError));
      const tunnelsAfter = new Map((after as VpnPlan).tunnels.map((x) => [x.id, JSON.stringify(x)]));
      for (const tunnel of plan.tunnels) expect(tunnelsAfter.get(tunnel.id)).toBe(JSON.stringify(tunnel));
      // every gateway's resources for every existing link, too (Azure custom BGP addresses, ...)
      const resourcesAfter = linkResources(after as VpnPlan);
      for (const [key, json] of linkResources(plan)) expect({ key, json: resourcesAfter.get(key) }).toEqual({ key, json });
      // and the new tunnels key differently from every old one
      const oldKeys = new Set(plan.tunnels.map((x) => x.presharedKey.fingerprint));
      for (const x of (after as VpnPlan).tunnels.filter((y) => y.link.includes('new-site'))) expect(oldKeys.has(x.presharedKey.fingerprint)).toBe(false);
    }), propRuns(200));
  });

  test('removing a link changes no other tunnel', () => {
    fc.assert(fc.property(validTopologyArb, fc.nat(7), (t, drop) => {
      const before = tryPlan(t);
      fc.pre(!(before instanceof PlanError) && t.links.length > 1);
      const removed = t.links[drop % t.links.length];
      const after = tryPlan({ sites: t.sites, links: t.links.filter((l) => l !== removed) }, (before as VpnPlan).allocations);
      fc.pre(!(after instanceof PlanError));
      const tunnelsBefore = new Map((before as VpnPlan).tunnels.map((x) => [x.id, JSON.stringify(x)]));
      for (const tunnel of (after as VpnPlan).tunnels) expect(JSON.stringify(tunnel)).toBe(tunnelsBefore.get(tunnel.id));
      const resourcesBefore = linkResources(before as VpnPlan);
      for (const [key, json] of linkResources(after as VpnPlan)) expect({ key, json }).toEqual({ key, json: resourcesBefore.get(key) });
    }), propRuns(200));
  });

  test('an unrelated edit changes no synthesized Azure resource of any existing tunnel', () => {
    // GIVEN a valid topology, planned; WHEN a link is removed, or a site and a link are added,
    // and planned again from the first plan's allocations; THEN every synthesized Azure resource
    // of every tunnel that exists in both is byte-identical (keys compared by hash).
    fc.assert(fc.property(validTopologyArb, fc.boolean(), fc.constantFrom(...clouds), fc.nat(7), (t, grow, cloud, pick) => {
      const before = tryPlan(t);
      fc.pre(!(before instanceof PlanError) && before.gateways.some((g) => g.cloud === 'azure'));
      let edited: Topology;
      if (grow) {
        const peer = t.sites[pick % t.sites.length];
        fc.pre(peer.cloud !== cloud);
        edited = {
          sites: [...t.sites, { id: 'new-site', cloud, cidrs: ['172.16.0.0/16'], ...(cloud === 'azure' ? { sku: 'VpnGw5AZ' } : {}) }],
          links: [...t.links, { between: ['new-site', peer.id] }],
        };
      } else {
        fc.pre(t.links.length > 1);
        edited = { sites: t.sites, links: t.links.filter((_, i) => i !== pick % t.links.length) };
      }
      const after = tryPlan(edited, (before as VpnPlan).allocations);
      fc.pre(!(after instanceof PlanError));
      expectAzureUnchanged(before as VpnPlan, after as VpnPlan);
    }), propRuns(30, { endOnFailure: true })); // no shrinking: the infinite stream of validTopologyArb does not replay
  });

  test('the synthesized comparison sees a changed custom BGP address', () => {
    // GIVEN an Azure active-active gateway facing a single-tunnel Alibaba gateway and an AWS gateway
    const t: Topology = {
      sites: [{ id: 'az', cloud: 'azure', cidrs: ['10.1.0.0/16'] }, { id: 'ali', cloud: 'alicloud', gateway: 'single-tunnel', cidrs: ['10.2.0.0/16'] }, { id: 'aws', cloud: 'aws', cidrs: ['10.3.0.0/16'] }],
      links: [{ between: ['az', 'ali'] }, { between: ['aws', 'az'] }],
    };
    const plan = tryPlan(t) as VpnPlan;
    // WHEN one connection's secondary address is swapped for another APIPA address of instance1
    const az = plan.gateways.find((g) => g.site === 'az')!;
    const secondaryOf = (g: typeof az) => (g.links[0] as unknown as { connections: { customBgpAddresses: { secondary: string } }[] }).connections[0].customBgpAddresses;
    const other = az.apipaAddresses!.instance1.find((a) => a !== secondaryOf(az).secondary)!;
    const tampered = JSON.parse(JSON.stringify(plan), (k, v) => (k === 'presharedKey' ? plan.tunnels[0].presharedKey : v)) as VpnPlan;
    secondaryOf(tampered.gateways.find((g) => g.site === 'az')!).secondary = other;
    // THEN the comparison fails
    expect(() => expectAzureUnchanged(plan, tampered)).toThrow(/custom_bgp_addresses/);
  });
});
