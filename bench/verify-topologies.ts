/**
 * Generated topologies for `bench/verify.bench.ts` (loaded only in its synthesizing child: it
 * imports aws-cdk-lib and cdktf): several sites per cloud, linked across clouds
 * until a target number of tunnels, built with the real constructs (`examples/lib/sites.ts`) and
 * synthesized with the examples' plumbing (`examples/lib/example-apps.ts`).
 *
 * Tunnels per link with layout `all` (the planner's pairing): AWS ↔ Azure active-active 4 (two
 * VPN connections of two tunnels), AWS ↔ Alibaba dual-tunnel 4, Azure ↔ Alibaba 2. Routing:
 * BGP everywhere except every other Azure ↔ Alibaba link, which is policy-based (the Alibaba
 * guide's interest flows), so every size mixes BGP and traffic selectors.
 *
 * The planner's per-gateway limits (`src/plan/clouds/*.ts`, read, not exceeded; the generator
 * counts as they count): an AWS virtual private gateway takes 10 VPN connections
 * (`AWS_CONNECTION_LIMITS`), a transit gateway 50; Azure VpnGw2AZ (the sites' default SKU) 30 S2S
 * tunnels (`AZURE_SKU_TUNNELS`; two per connection: an AWS link takes 8, an Alibaba link 4); Alibaba 30 connections (`ALICLOUD_CONNECTION_LIMITS`). An AWS
 * site whose links need more than 10 connections gets a transit gateway. Azure BGP tunnels all
 * draw their inside /30 from Azure's 128 APIPA /30s (169.254.21.0-169.254.22.255): the largest
 * size uses about 60.
 */
import { CrossCloudLink, CrossCloudVpn } from '../src';
import type { IVpnGateway } from '../src/contract';
import { ALICLOUD_CONNECTION_LIMITS } from '../src/plan/clouds/alicloud';
import { AWS_CONNECTION_LIMITS } from '../src/plan/clouds/aws';
import { AZURE_SKU_TUNNELS } from '../src/plan/clouds/azure';
import type { ExampleApps } from '../examples/lib/example-apps';
import { AlicloudSite, AwsSite, AzureSite } from '../examples/lib/sites';

type Cloud = 'aws' | 'azure' | 'alicloud';

/** One generated size: its name, the tunnel count it aims at and its sites per cloud. */
export interface ScaleSize {
  readonly name: string;
  readonly tunnels: number;
  readonly sites: Readonly<Record<Cloud, number>>;
}

/** The bench's sizes (about 10, 30, 60 and 100 tunnels). */
export const SCALE_SIZES: readonly ScaleSize[] = [
  { name: 'scale-10', tunnels: 10, sites: { aws: 1, azure: 1, alicloud: 1 } },
  { name: 'scale-30', tunnels: 30, sites: { aws: 2, azure: 2, alicloud: 1 } },
  { name: 'scale-60', tunnels: 60, sites: { aws: 3, azure: 3, alicloud: 2 } },
  { name: 'scale-100', tunnels: 100, sites: { aws: 4, azure: 4, alicloud: 4 } },
];

/** One planned link of a generated topology (before any construct exists). */
export interface ScaleLink {
  readonly between: readonly [string, string];
  readonly clouds: readonly [Cloud, Cloud];
  readonly routing: 'bgp' | 'policy';
  readonly tunnels: number;
}

/** The sites and links of a size: pure, so a test can check the counts and limits without synth. */
export interface ScaleLayout {
  readonly sites: readonly { readonly id: string; readonly cloud: Cloud; readonly index: number; readonly transitGateway: boolean }[];
  readonly links: readonly ScaleLink[];
  readonly tunnels: number;
  /** Connections (as each cloud counts them) per site id. */
  readonly used: ReadonlyMap<string, number>;
}

const TUNNELS: Record<string, number> = { 'aws+azure': 4, 'aws+alicloud': 4, 'azure+alicloud': 2 };
/**
 * What each side of a link uses, as the planner counts it: AWS VPN connections; Azure S2S
 * tunnels, two per connection on an active-active gateway (AWS: 4 connections, one per AWS
 * tunnel; Alibaba: 2); Alibaba connections.
 */
const COST: Record<string, readonly [number, number]> = { 'aws+azure': [2, 8], 'aws+alicloud': [2, 2], 'azure+alicloud': [4, 1] };
const ORDER: readonly Cloud[] = ['aws', 'azure', 'alicloud'];

/**
 * Lays a size out: every cross-cloud pair of sites in round-robin order (the i-th sites of each
 * cloud first, so every site gets links early), a link added while the total stays within the
 * target and both gateways within their limits.
 */
export function scaleLayout(size: ScaleSize): ScaleLayout {
  const sites = ORDER.flatMap((cloud) => Array.from({ length: size.sites[cloud] }, (_, index) => ({ id: `${cloud === 'alicloud' ? 'ali' : cloud}-s${index + 1}`, cloud, index })));
  const pairs: { a: (typeof sites)[number]; b: (typeof sites)[number] }[] = [];
  for (const a of sites) for (const b of sites) if (ORDER.indexOf(a.cloud) < ORDER.indexOf(b.cloud)) pairs.push({ a, b });
  pairs.sort((x, y) => Math.max(x.a.index, x.b.index) - Math.max(y.a.index, y.b.index) || (x.a.index + x.b.index) - (y.a.index + y.b.index));
  const limit = (cloud: Cloud) => (cloud === 'aws' ? AWS_CONNECTION_LIMITS['transit-gateway'] : cloud === 'azure' ? AZURE_SKU_TUNNELS.VpnGw2AZ : ALICLOUD_CONNECTION_LIMITS['dual-tunnel']);
  const used = new Map(sites.map((s) => [s.id, 0]));
  const links: ScaleLink[] = [];
  let tunnels = 0;
  let azureAli = 0;
  for (const { a, b } of pairs) {
    const key = `${a.cloud}+${b.cloud}`;
    const [ca, cb] = COST[key];
    if (tunnels + TUNNELS[key] > size.tunnels || used.get(a.id)! + ca > limit(a.cloud) || used.get(b.id)! + cb > limit(b.cloud)) continue;
    used.set(a.id, used.get(a.id)! + ca);
    used.set(b.id, used.get(b.id)! + cb);
    const routing = key === 'azure+alicloud' && azureAli++ % 2 === 0 ? 'policy' : 'bgp';
    links.push({ between: [a.id, b.id], clouds: [a.cloud, b.cloud], routing, tunnels: TUNNELS[key] });
    tunnels += TUNNELS[key];
  }
  return {
    sites: sites.map((s) => ({ ...s, transitGateway: s.cloud === 'aws' && used.get(s.id)! > AWS_CONNECTION_LIMITS['vpn-gateway'] })),
    links, tunnels, used,
  };
}

/** Site networks: documentation of nothing real, private ranges only (AWS 172.16+i, Azure 10.64+i, Alibaba 10.i). */
function cidrOf(cloud: Cloud, index: number): string {
  return cloud === 'aws' ? `172.${16 + index}.0.0/16` : cloud === 'azure' ? `10.${64 + index}.0.0/16` : `10.${index}.0.0/16`;
}

/** ASNs: distinct per site, in each cloud's allowed private range, none a cloud reserves. */
function asnOf(cloud: Cloud, index: number): number {
  return cloud === 'aws' ? 64600 + index : cloud === 'azure' ? 65000 + index : 65100 + index;
}

/** Builds a size with the real constructs into `apps` (pass to `synthExample`). */
export function buildScale(apps: ExampleApps, size: ScaleSize): CrossCloudVpn {
  const layout = scaleLayout(size);
  const gateways = new Map<string, IVpnGateway>();
  for (const s of layout.sites) {
    const cidr = cidrOf(s.cloud, s.index);
    if (s.cloud === 'aws') {
      gateways.set(s.id, new AwsSite(apps.cdk, `Aws${s.index + 1}`, { siteId: s.id, cidr, asn: asnOf('aws', s.index), transitGateway: s.transitGateway }).gateway);
    } else if (s.cloud === 'azure') {
      const [a, b] = cidr.split('.');
      gateways.set(s.id, new AzureSite(apps.terraform, s.id, { siteId: s.id, cidr, gatewaySubnet: `${a}.${b}.255.0/27`, asn: asnOf('azure', s.index) }).gateway);
    } else {
      gateways.set(s.id, new AlicloudSite(apps.terraform, s.id, { siteId: s.id, cidr, asn: asnOf('alicloud', s.index) }).gateway);
    }
  }
  const links: CrossCloudLink[] = layout.links.map((l) => ({
    between: [gateways.get(l.between[0])!, gateways.get(l.between[1])!],
    routing: l.routing,
  }));
  return new CrossCloudVpn(size.name, { masterSecret: apps.masterSecret, links });
}
