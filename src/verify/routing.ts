/**
 * Routing, read from the synthesized resources only: for each tunnel half, the networks behind it
 * that its peer must reach (`serves`), what its cloud routes into the tunnel (static routes,
 * policy routes, or what it accepts of the peer's BGP announcement), what it announces over BGP
 * (`advertise`), and whether the cloud's own networks send traffic for the tunnel to the gateway
 * at all (`siteRoutes`: VGW route propagation, Alibaba route publishing). Then, per tunnel, every
 * remote network no route covers (`routeGaps`): verify fails those with `route-missing`.
 *
 * Sources (each rule below cites one of these):
 * - AWS-VGW-ADV: AWS Direct Connect user guide, multi-account-associate-vgw.html ("we provision
 *   entire VPC CIDR on the virtual private gateway"); AWS Knowledge Center direct-connect-vpc-bgp
 *   (a VGW announces its VPC's IPv4 CIDRs, additional CIDRs included, to its BGP peers). Route
 *   propagation does not decide what the VGW announces: it decides whether the VPC's route tables
 *   learn what the VGW routes.
 * - AWS-VPC-RT: AWS Site-to-Site VPN user guide, vpn-route-priority.html: the VPC route table needs
 *   a route to the remote network with the virtual private gateway as target, or route
 *   propagation (CloudFormation `AWS::EC2::VPNGatewayRoutePropagation`, "Enables a virtual private
 *   gateway (VGW) to propagate routes to the specified route table of a VPC"); and: propagated
 *   routes that overlap the VPC's local route lose to it, even when more specific.
 * - AWS-STATIC: CloudFormation `AWS::EC2::VPNConnectionRoute` ("the static route allows traffic to
 *   be routed from the virtual private gateway to the VPN customer gateway"); on a transit gateway,
 *   `AWS::EC2::TransitGatewayRoute` to the VPN attachment (cloud-vpn-facts.md, corrections, "AWS TGW
 *   routing").
 * - AWS-TGW: the library's output contract (BRIEF): `Metadata.CrossCloudVpn.Gateway.Networks` of
 *   each `AWS::EC2::VPNConnection` = the networks behind the gateway (what a transit gateway's
 *   route table holds); a transit gateway announces its route table over BGP.
 * - AWS-TGW-PROP: aws-cdk-lib ec2.generated.d.ts, CfnTransitGateway: with automatic route
 *   propagation (`DefaultRouteTablePropagation`, "Enabled by default") attachments propagate to the
 *   default propagation route table; disabled, `AWS::EC2::TransitGatewayRouteTablePropagation`
 *   propagates routes from an attachment to a route table.
 * - AZ-LNG: azurerm `azurerm_local_network_gateway.address_space`: the remote prefixes Azure
 *   routes to that local network gateway (also with BGP, where it may be empty: cloud-vpn-facts Z6).
 * - AZ-ADV: Azure VPN Gateway FAQ (vpn-gateway-vpn-faq, BGP: "What address prefixes will Azure
 *   VPN gateways advertise to me?"): the VNet's address prefixes and the address prefixes of every
 *   local network gateway connected to the gateway (and routes learned from its other BGP peers:
 *   not modelled); learn.microsoft.com vpn-gateway-bgp-overview: a learned prefix identical to a
 *   VNet prefix is rejected (cloud-vpn-facts "Prefix limits", Z6).
 * - AZ-UDR: Azure virtual-networks-udr-overview: the gateway's routes reach the VNet's subnets
 *   ("Virtual network gateway" next hop) unless a route table turns gateway route propagation off
 *   (azurerm `azurerm_route_table.bgp_route_propagation_enabled = false`).
 * - ALI-STATIC: alicloud `alicloud_vpn_route_entry` (route_dest, next_hop, publish_vpc) and
 *   `alicloud_vpn_pbr_route_entry` (route_source, route_dest, next_hop, publish_vpc); Alibaba
 *   "Configure routes for a VPN gateway": policy-based routes match source and destination and go
 *   first, then destination-based routes, then BGP routes; a published route is added to the VPC's
 *   route table.
 * - ALI-BGP: Alibaba "Configure BGP dynamic routing" (alibabacloud.com/help/en/vpn/
 *   sub-product-ipsec-vpn/user-guide/configure-bgp-dynamic-routing): with automatic route
 *   advertising the gateway puts the routes it learns into the VPC's system route table and
 *   announces the VPC's system routes (one per vSwitch CIDR) to the peer; a VPN gateway rejects
 *   0.0.0.0/0 from a BGP peer (cloud-vpn-facts L4). The switch is `alicloud_vpn_gateway.
 *   auto_propagate` ("Whether to automatically propagate the BGP route to the VPC":
 *   terraform-provider-alicloud v1.289.0 website/docs/r/vpn_gateway.html.markdown:90; sent as
 *   `AutoPropagate`, alicloud/resource_alicloud_vpn_gateway.go:324-326). When it is not written,
 *   the API's default applies, which no source here states: assumed off (assumption
 *   `alicloud-auto-propagate-default`).
 * - ALI-VSW: Alibaba VPC: every vSwitch CIDR is a system route of its VPC; instances live in vSwitches.
 */
import { contains, parseCidr } from '../common/cidr';
import { isObj, type Obj } from './output/load';
import type { Deployment, FoundResource, Json, Resolver, StackDoc } from './read-output';
import { eachCfn, eachTf, stringsOf } from './read-output';
import type { Assumption, HalfReach, RouteEntry, TunnelHalf } from './types';

/** Parsed prefix, or undefined. */
function net(text: string) {
  const p = parseCidr(text);
  return p.ok ? p.cidr : undefined;
}

/** Whether `outer` covers all of `inner`. */

/** Routing behaviour no source states (listed in reports and the README like the clouds' own). */
export const ROUTING_ASSUMPTIONS = {
  tgwVpcRoutes: {
    id: 'aws-tgw-vpc-routes', cloud: 'aws',
    what: 'the VPCs behind a transit gateway route the remote networks to it',
    why: 'their route tables are outside the synthesized output (an existing or shared transit gateway); only the metadata names the networks',
  },
  alicloudAutoPropagate: {
    id: 'alicloud-auto-propagate-default', cloud: 'alicloud',
    what: 'a VPN gateway without auto_propagate neither announces the VPC\'s routes over BGP nor takes learned routes into the VPC',
    why: 'the provider sends AutoPropagate only when written; the API default is not in the sources read (CreateVpnGateway reference would settle it)',
  },
} as const satisfies Record<string, Assumption>;

export function covers(outer: string, inner: string): boolean {
  const o = net(outer);
  const i = net(inner);
  return !!o && !!i && contains(o, i);
}

/** Whether two prefixes share an address. */
function overlap(a: string, b: string): boolean {
  return covers(a, b) || covers(b, a);
}

const uniq = (xs: readonly string[]) => [...new Set(xs)];
const isAny = (ts: readonly string[]) => ts.every((t) => t === '0.0.0.0/0');

/** What one half routes, plus what it announces (`advertise`) and unsourced behaviour it relies on. */
export interface HalfRouting {
  readonly reach: HalfReach;
  readonly advertise: readonly string[];
  readonly assumptions: readonly Assumption[];
  /** Why the networks behind the half cannot be known from the output (→ `unverifiable`). */
  readonly unverifiable?: string;
}

/** The half with its routing as the output configures it (`advertise`, `routes`, `reach`). */
export function withRouting(h: TunnelHalf, d: Deployment, r: Resolver): TunnelHalf {
  const x = routingOf(h, d, r);
  if (!x) return h;
  return {
    ...h,
    advertise: x.advertise,
    routes: x.reach.routes.map((e) => e.prefix),
    reach: x.reach,
    assumptions: [...h.assumptions, ...x.assumptions],
    ...(x.unverifiable || h.unverifiable ? { unverifiable: [h.unverifiable, x.unverifiable].filter(Boolean).join('; ') } : {}),
  };
}

/** Routing of one half, by cloud; `undefined` when its resources are not in the deployment. */
export function routingOf(h: TunnelHalf, d: Deployment, r: Resolver): HalfRouting | undefined {
  if (h.cloud === 'aws') return awsRouting(h, d, r);
  if (h.cloud === 'azure') return azureRouting(h, d, r);
  return alicloudRouting(h, d, r);
}

// ---------------------------------------------------------------------------------------------
// AWS

/** `Metadata.CrossCloudVpn.Gateway` of an `AWS::EC2::VPNConnection` (the library's output contract). */
export interface AwsGatewayMetadata {
  readonly kind?: string;
  readonly existing?: boolean;
  readonly asn?: number;
  readonly networks?: readonly string[];
}

/** Reads the connection's gateway metadata; `undefined` when the resource carries none. */
export function awsGatewayMetadata(resource: Obj | undefined): AwsGatewayMetadata | undefined {
  const meta = resource?.Metadata;
  const ccv = isObj(meta) ? meta.CrossCloudVpn : undefined;
  const gw = isObj(ccv) ? ccv.Gateway : undefined;
  if (!isObj(gw)) return undefined;
  return {
    kind: typeof gw.Kind === 'string' ? gw.Kind : undefined,
    existing: typeof gw.Existing === 'boolean' ? gw.Existing : undefined,
    asn: typeof gw.Asn === 'number' ? gw.Asn : undefined,
    networks: Array.isArray(gw.Networks) ? gw.Networks.filter((n): n is string => typeof n === 'string') : undefined,
  };
}

const refersTo = (r: Resolver, stack: StackDoc, v: Json | undefined, target: { stack: string; id: string }) => {
  const res = r.eval(stack, v);
  return res.kind === 'resource' && res.ref.stack === target.stack && res.ref.id === target.id;
};

function awsRouting(h: TunnelHalf, d: Deployment, r: Resolver): HalfRouting | undefined {
  const conn = d.aws.find((c) => c.key === h.group);
  if (!conn) return undefined;
  const stack = r.stack(conn.stack, 'cdk');
  if (!stack) return undefined;
  const me = { stack: conn.stack, id: conn.logicalId };
  const meta = awsGatewayMetadata(r.cfnResource(stack, conn.logicalId));
  const transit = conn.gateway.kind === 'transit-gateway' || meta?.kind === 'transit-gateway';
  const gwRef = /^aws:([^/]+)\/(.+)$/.exec(conn.gateway.key);
  const gateway = gwRef ? { stack: gwRef[1], id: gwRef[2] } : undefined;
  const assumptions: Assumption[] = [];

  // The networks behind the gateway: a VGW's attached VPC CIDRs (read-output), else the metadata.
  let site: readonly string[] = [];
  let siteSource = '';
  if (!transit && conn.gateway.networks.length) {
    site = conn.gateway.networks;
    siteSource = `${conn.gateway.networksSource} (a VGW serves its VPC's CIDRs: AWS-VGW-ADV)`;
  } else if (meta?.networks?.length) {
    site = meta.networks;
    siteSource = `Metadata.CrossCloudVpn.Gateway.Networks of ${conn.stack}/${conn.logicalId} (AWS-TGW)`;
  }
  const policy = !isAny(h.localTs) || !isAny(h.remoteTs);
  const serves = policy ? [...h.localTs] : [...site];
  const servesSource = policy ? `RemoteIpv4NetworkCidr of ${conn.stack}/${conn.logicalId} (the AWS side's selector)` : siteSource;

  // Static routes into the tunnel.
  const routes: RouteEntry[] = [];
  if (!transit) {
    for (const x of eachCfn(r, 'AWS::EC2::VPNConnectionRoute')) {
      if (!refersTo(r, x.stack, x.props.VpnConnectionId, me)) continue;
      const dest = r.eval(x.stack, x.props.DestinationCidrBlock);
      if (dest.kind === 'literal' && typeof dest.value === 'string') routes.push({ prefix: dest.value, source: `cdk:${x.stack.name}/${x.id} DestinationCidrBlock (AWS-STATIC)` });
    }
  } else {
    // The attachment of this connection: GetAtt of the stack's outside-IP lookup of it.
    const lookups = eachCfn(r, 'Custom::VpnTunnelOutsideIps').filter((l) => refersTo(r, l.stack, l.props.VpnConnectionId, me)).map((l) => `${l.stack.name}/${l.id}`);
    const isMine = (s: StackDoc, v: Json | undefined) => {
      const res = r.eval(s, v);
      return res.kind === 'resource' && res.attr === 'TransitGatewayAttachmentId' && lookups.includes(`${res.ref.stack}/${res.ref.id}`);
    };
    for (const x of eachCfn(r, 'AWS::EC2::TransitGatewayRoute')) {
      if (!isMine(x.stack, x.props.TransitGatewayAttachmentId)) continue;
      const dest = r.eval(x.stack, x.props.DestinationCidrBlock);
      if (dest.kind === 'literal' && typeof dest.value === 'string') routes.push({ prefix: dest.value, source: `cdk:${x.stack.name}/${x.id} DestinationCidrBlock (AWS-STATIC)` });
    }
  }

  // The VPC side: do the VPC's route tables send traffic for the tunnel to the gateway?
  let siteRoutes: HalfReach['siteRoutes'];
  const tgw = transit && gateway ? r.cfnResource(r.stack(gateway.stack, 'cdk') ?? stack, gateway.id) : undefined;
  const tgwProps = isObj(tgw?.Properties) ? tgw!.Properties : {};
  const propagates = eachCfn(r, 'AWS::EC2::TransitGatewayRouteTablePropagation').some((x) => {
    const a = r.eval(x.stack, x.props.TransitGatewayAttachmentId);
    return a.kind === 'resource' && a.attr === 'TransitGatewayAttachmentId' && eachCfn(r, 'Custom::VpnTunnelOutsideIps').some((l) => l.stack.name === a.ref.stack && l.id === a.ref.id && refersTo(r, l.stack, l.props.VpnConnectionId, me));
  });
  if (transit && h.routing === 'bgp' && tgw?.Type === 'AWS::EC2::TransitGateway' && tgwProps.DefaultRouteTablePropagation === 'disable' && !propagates) {
    // The VPN attachment's BGP routes reach no route table (AWS-TGW-PROP).
    siteRoutes = {
      kind: 'only', prefixes: [], source: 'AWS::EC2::TransitGateway',
      missing: `transit gateway cdk:${gateway!.stack}/${gateway!.id} has DefaultRouteTablePropagation disable and no AWS::EC2::TransitGatewayRouteTablePropagation of this connection's attachment: what it learns over BGP reaches no route table (AWS-TGW-PROP)`,
    };
  } else if (transit) {
    siteRoutes = { kind: 'all', source: 'transit gateway: the route tables of the VPCs behind it are not in the output' };
    assumptions.push(ROUTING_ASSUMPTIONS.tgwVpcRoutes);
  } else {
    siteRoutes = awsVpcRoutes(r, gateway);
  }
  const rejects = h.routing === 'bgp' ? site.map((p) => ({ prefix: p, match: 'overlap' as const, rule: `overlaps the VPC's local route ${p}: AWS prefers the local route (AWS-VPC-RT)` })) : undefined;
  const advertise = h.routing === 'bgp' ? [...site] : serves;
  return {
    reach: { serves, servesSource, routes, siteRoutes, ...(rejects ? { rejects } : {}) },
    advertise,
    assumptions,
    unverifiable: serves.length ? undefined : `${conn.gateway.label} (${transit ? 'transit gateway' : 'virtual private gateway'}): the output does not say which networks are behind it — no attached VPC in the folders read and no Metadata.CrossCloudVpn.Gateway.Networks on its AWS::EC2::VPNConnection resources`,
  };
}

/** Route tables of the VGW's attached VPCs, and whether each propagates the VGW's routes (AWS-VPC-RT). */
function awsVpcRoutes(r: Resolver, gateway: { stack: string; id: string } | undefined): HalfReach['siteRoutes'] {
  if (!gateway) return { kind: 'only', prefixes: [], source: 'no gateway', missing: 'the virtual private gateway is not in the folders read' };
  const vpcs = eachCfn(r, 'AWS::EC2::VPCGatewayAttachment').filter((a) => refersTo(r, a.stack, a.props.VpnGatewayId, gateway))
    .map((a) => r.resourceOf(a.stack, a.props.VpcId, 'AWS::EC2::VPC')).filter((x): x is FoundResource => x !== undefined);
  if (!vpcs.length) {
    return { kind: 'all', source: 'the VGW\'s VPC is not in the output (an existing VPC: its route tables are its owner\'s)' };
  }
  const tables = eachCfn(r, 'AWS::EC2::RouteTable').filter((t) => vpcs.some((v) => refersTo(r, t.stack, t.props.VpcId, { stack: v.stack.name, id: v.id })));
  const propagated = new Set<string>();
  const props = eachCfn(r, 'AWS::EC2::VPNGatewayRoutePropagation').filter((p) => refersTo(r, p.stack, p.props.VpnGatewayId, gateway));
  for (const p of props) {
    for (const id of Array.isArray(p.props.RouteTableIds) ? p.props.RouteTableIds : []) {
      const t = r.eval(p.stack, id);
      if (t.kind === 'resource') propagated.add(`${t.ref.stack}/${t.ref.id}`);
    }
  }
  const key = (t: { stack: StackDoc; id: string }) => `${t.stack.name}/${t.id}`;
  const without = tables.filter((t) => !propagated.has(key(t)));
  const vpcNames = vpcs.map((v) => `${v.stack.name}/${v.id}`).join(', ');
  if (!tables.length) return { kind: 'all', source: `VPC ${vpcNames} declares no route table of its own (its main route table is not in the output)` };
  if (!without.length) return { kind: 'all', source: `AWS::EC2::VPNGatewayRoutePropagation ${props.map((p) => `cdk:${p.stack.name}/${p.id}`).join(', ')} covers every route table of ${vpcNames} (AWS-VPC-RT)` };
  // Static routes to the VGW in every table that does not propagate.
  const staticRoutes = eachCfn(r, 'AWS::EC2::Route').filter((x) => refersTo(r, x.stack, x.props.GatewayId, gateway));
  const inEvery = uniq(staticRoutes.map((x) => r.eval(x.stack, x.props.DestinationCidrBlock)).filter((x) => x.kind === 'literal').map((x) => String((x as { value: Json }).value)))
    .filter((prefix) => without.every((t) => staticRoutes.some((x) => refersTo(r, x.stack, x.props.RouteTableId, { stack: t.stack.name, id: t.id }) && r.eval(x.stack, x.props.DestinationCidrBlock).kind === 'literal' && String((r.eval(x.stack, x.props.DestinationCidrBlock) as { value: Json }).value) === prefix)));
  return {
    kind: 'only', prefixes: inEvery, source: 'AWS::EC2::Route to the virtual private gateway (AWS-VPC-RT)',
    missing: `route table(s) ${without.map((t) => `cdk:${key(t)}`).join(', ')} of VPC ${vpcNames} do not propagate the virtual private gateway's routes (no AWS::EC2::VPNGatewayRoutePropagation lists them) and have no AWS::EC2::Route to it for this prefix (AWS-VPC-RT)`,
  };
}

// ---------------------------------------------------------------------------------------------
// Azure

function azureRouting(h: TunnelHalf, d: Deployment, r: Resolver): HalfRouting | undefined {
  const conn = d.azure.find((c) => c.key === h.group);
  const gw = conn?.gateway;
  if (!conn || !gw) return undefined;
  const lng = conn.localNetworkGateway;
  const policy = !isAny(h.localTs) || !isAny(h.remoteTs);
  const serves = policy ? [...h.localTs] : [...gw.networks];
  const servesSource = policy ? `traffic selectors of ${conn.key.replace(/^azure:/, 'cdktf:')} (local)` : `${gw.networksSource} (AZ-ADV)`;
  const routes: RouteEntry[] = (lng?.addressSpace ?? []).map((prefix) => ({ prefix, source: `${lng!.key.replace(/^azure:/, 'cdktf:')} address_space (AZ-LNG)` }));
  // Route tables that turn gateway route propagation off, associated with a subnet.
  const off = eachTf(r, 'azurerm_route_table').filter((t) => t.body.bgp_route_propagation_enabled === false || t.body.disable_bgp_route_propagation === true)
    .filter((t) => eachTf(r, 'azurerm_subnet_route_table_association').some((a) => {
      const ref = r.eval(a.stack, a.body.route_table_id);
      return ref.kind === 'resource' && ref.ref.stack === t.stack.name && ref.ref.id === t.id;
    }));
  const siteRoutes: HalfReach['siteRoutes'] = off.length
    ? { kind: 'only', prefixes: [], source: 'azurerm_route_table', missing: `route table(s) ${off.map((t) => `cdktf:${t.stack.name}/${t.id}`).join(', ')} turn gateway route propagation off for their subnets (AZ-UDR)` }
    : { kind: 'all', source: 'the gateway\'s routes reach every subnet of the VNet (AZ-UDR)' };
  const rejects = h.routing === 'bgp' ? gw.networks.map((p) => ({ prefix: p, match: 'exact' as const, rule: `identical to the VNet prefix ${p}: Azure rejects it (AZ-ADV)` })) : undefined;
  // BGP: the VNet and every connected local network gateway's prefixes (AZ-ADV).
  const connected = uniq(d.azure.filter((c) => c.gateway?.key === gw.key).flatMap((c) => c.localNetworkGateway?.addressSpace ?? []));
  return {
    reach: { serves, servesSource, routes, siteRoutes, ...(rejects ? { rejects } : {}) },
    advertise: h.routing === 'bgp' ? uniq([...gw.networks, ...connected]) : serves,
    assumptions: [],
    unverifiable: serves.length ? undefined : `${gw.name}: the output does not say which networks are behind it (${gw.networksSource})`,
  };
}

// ---------------------------------------------------------------------------------------------
// Alibaba Cloud

function alicloudRouting(h: TunnelHalf, d: Deployment, r: Resolver): HalfRouting | undefined {
  const conn = d.alicloud.find((c) => c.key === h.group);
  const gw = conn?.gateway;
  if (!conn || !gw) return undefined;
  const gwStack = r.stack(gw.stack, 'cdktf');
  const gwId = gw.key.replace(/^alicloud:[^/]+\//, '');
  const gwBody = gwStack ? r.tfResource(gwStack, gwId) : undefined;
  const autoPropagate = gwBody?.auto_propagate === true;
  const assumptions: Assumption[] = h.routing === 'bgp' && gwBody && gwBody.auto_propagate === undefined ? [ROUTING_ASSUMPTIONS.alicloudAutoPropagate] : [];
  // The VPC's system routes: its vSwitches' CIDRs (ALI-VSW).
  const vpc = gwStack && gwBody ? r.resourceOf(gwStack, gwBody.vpc_id, 'alicloud_vpc') : undefined;
  const vswitches = vpc ? eachTf(r, 'alicloud_vswitch').filter((v) => refersTo(r, v.stack, v.body.vpc_id, { stack: vpc.stack.name, id: vpc.id })) : [];
  const systemRoutes = uniq(vswitches.flatMap((v) => stringsOf(r, v.stack, v.body.cidr_block)));
  const site = systemRoutes.length ? systemRoutes : [...gw.networks];
  const siteSource = systemRoutes.length
    ? `vSwitches ${vswitches.map((v) => `cdktf:${v.stack.name}/${v.id}`).join(', ')} of ${vpc!.stack.name}/${vpc!.id} (ALI-VSW)`
    : `${gw.networksSource} (no vSwitch in the folders read)`;
  const policy = !isAny(h.localTs) || !isAny(h.remoteTs);
  const serves = policy ? [...h.localTs] : site;
  const servesSource = policy ? `local_subnet of ${conn.key.replace(/^alicloud:/, 'cdktf:')}` : siteSource;

  // Destination and policy-based route entries naming this connection as next hop (ALI-STATIC).
  const routes: RouteEntry[] = [];
  const published: string[] = [];
  const unpublished: string[] = [];
  const nextHopIsMe = (s: StackDoc, v: Json | undefined) => refersTo(r, s, v, { stack: conn.stack, id: conn.key.replace(/^alicloud:[^/]+\//, '') });
  for (const e of eachTf(r, 'alicloud_vpn_route_entry')) {
    if (!nextHopIsMe(e.stack, e.body.next_hop) || typeof e.body.route_dest !== 'string') continue;
    routes.push({ prefix: e.body.route_dest, source: `cdktf:${e.stack.name}/${e.id} route_dest (ALI-STATIC)` });
    (e.body.publish_vpc === true ? published : unpublished).push(e.body.route_dest);
  }
  for (const e of eachTf(r, 'alicloud_vpn_pbr_route_entry')) {
    if (!nextHopIsMe(e.stack, e.body.next_hop) || typeof e.body.route_dest !== 'string') continue;
    routes.push({ prefix: e.body.route_dest, ...(typeof e.body.route_source === 'string' ? { from: e.body.route_source } : {}), source: `cdktf:${e.stack.name}/${e.id} route_source → route_dest (ALI-STATIC)` });
    (e.body.publish_vpc === true ? published : unpublished).push(e.body.route_dest);
  }
  let siteRoutes: HalfReach['siteRoutes'];
  if (h.routing === 'bgp' && autoPropagate) {
    siteRoutes = { kind: 'all', source: `${gw.key.replace(/^alicloud:/, 'cdktf:')} auto_propagate = true (ALI-BGP)` };
  } else {
    const why = h.routing === 'bgp'
      ? `${gw.key.replace(/^alicloud:/, 'cdktf:')} auto_propagate is not true: the routes it learns over BGP stay out of the VPC's route table (ALI-BGP)`
      : unpublished.length ? `route entries for ${uniq(unpublished).join(', ')} have publish_vpc = false: the VPC does not route them to the gateway (ALI-STATIC)` : 'no route entry naming this connection is published to the VPC (ALI-STATIC)';
    siteRoutes = { kind: 'only', prefixes: uniq(published), source: 'route entries with publish_vpc = true (ALI-STATIC)', missing: why };
  }
  const rejects = h.routing === 'bgp' ? [{ prefix: '0.0.0.0/0', match: 'exact' as const, rule: 'a VPN gateway rejects 0.0.0.0/0 from a BGP peer (ALI-BGP)' }] : undefined;
  // BGP: the system routes, announced with automatic route advertising on (ALI-BGP).
  const advertise = h.routing === 'bgp' ? (autoPropagate ? site : []) : serves;
  return {
    reach: { serves, servesSource, routes, siteRoutes, ...(rejects ? { rejects } : {}) },
    advertise,
    assumptions,
    unverifiable: serves.length ? undefined : `${gw.label}: the output does not say which networks are behind it (${gw.networksSource})`,
  };
}

// ---------------------------------------------------------------------------------------------
// Gaps: remote networks no route covers.

/** One remote network a half does not route into its tunnel. */
export interface RouteGap {
  /** The half that lacks the route. */
  readonly half: TunnelHalf;
  /** The remote network it should reach, and the local network traffic comes from. */
  readonly prefix: string;
  readonly from: string;
  readonly why: string;
}

type Reject = NonNullable<HalfReach['rejects']>[number];
const refuses = (x: Reject, p: string) => (x.match === 'exact' ? x.prefix === p : overlap(x.prefix, p));

/** What `h` routes into the tunnel toward `peer`'s networks: its static routes, plus (BGP) what it accepts of the peer's announcement. */
export function tunnelRoutes(h: TunnelHalf, peer: TunnelHalf): RouteEntry[] {
  const reach = h.reach!;
  if (h.routing !== 'bgp') return [...reach.routes];
  const learned = peer.advertise.filter((p) => !(reach.rejects ?? []).some((x) => refuses(x, p))).map((prefix) => ({ prefix, source: `BGP from ${peer.label}` }));
  return [...reach.routes, ...learned];
}

/** Prefixes of the peer's announcement `h` refuses, with the rule. */
export function rejectedRoutes(h: TunnelHalf, peer: TunnelHalf): { prefix: string; rule: string }[] {
  if (h.routing !== 'bgp' || !h.reach) return [];
  return peer.advertise.flatMap((p) => (h.reach!.rejects ?? []).filter((x) => refuses(x, p)).map((x) => ({ prefix: p, rule: x.rule })));
}

const entryCovers = (e: RouteEntry, dest: string, from: string) => covers(e.prefix, dest) && (e.from === undefined || covers(e.from, from));

/**
 * Every (local network → remote network) of one tunnel that `h` does not carry into the tunnel:
 * no route (static, policy or accepted BGP) covers the remote network, the traffic selectors
 * leave it out, or the site's own route tables do not send it to the gateway.
 */
export function gapsOf(h: TunnelHalf, peer: TunnelHalf): RouteGap[] {
  if (!h.reach || !peer.reach) return [];
  const gaps: RouteGap[] = [];
  const routes = tunnelRoutes(h, peer);
  const rejected = rejectedRoutes(h, peer);
  for (const dest of peer.reach.serves) {
    for (const from of h.reach.serves) {
      const hit = routes.find((e) => entryCovers(e, dest, from));
      if (!hit) {
        const had = routes.length ? routes.map((e) => `${e.prefix}${e.from ? ` from ${e.from}` : ''} (${e.source})`).join(', ') : 'none';
        const refused = rejected.filter((x) => overlap(x.prefix, dest)).map((x) => `${x.prefix} is refused: ${x.rule}`);
        gaps.push({ half: h, prefix: dest, from, why: `${refused.length ? `${refused.join('; ')}; ` : ''}routes into the tunnel: ${had}` });
        continue;
      }
      if (!isAny(h.remoteTs) && !h.remoteTs.some((t) => covers(t, dest))) {
        gaps.push({ half: h, prefix: dest, from, why: `its remote traffic selectors ${h.remoteTs.join(', ')} leave ${dest} out` });
        continue;
      }
      if (!isAny(h.localTs) && !h.localTs.some((t) => covers(t, from))) {
        gaps.push({ half: h, prefix: dest, from, why: `its local traffic selectors ${h.localTs.join(', ')} leave ${from} out` });
        continue;
      }
      const sr = h.reach.siteRoutes;
      if (sr.kind === 'only' && !sr.prefixes.some((p) => covers(p, dest))) {
        gaps.push({ half: h, prefix: dest, from, why: `the site's own route tables do not send ${dest} to the gateway: ${sr.missing}` });
      }
    }
  }
  return gaps;
}

/** The gaps of a tunnel, both directions. */
export function routeGaps(halves: readonly [TunnelHalf, TunnelHalf]): RouteGap[] {
  return [...gapsOf(halves[0], halves[1]), ...gapsOf(halves[1], halves[0])];
}

/** One line per gap: the prefix, the side that lacks the route, and why. */
export function describeGap(g: RouteGap, siteLabel: (h: TunnelHalf) => string): string {
  return `${siteLabel(g.half)} ${g.half.label} routes nothing into the tunnel for ${g.prefix} (from ${g.from}): ${g.why}`;
}
