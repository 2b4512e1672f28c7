/**
 * AWS routing, read from the synthesized resources only (see `routing.ts`): what each half
 * serves, routes and announces, and whether the cloud's own networks send traffic for the tunnel
 * to the gateway.
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
 */
import { isObj, type Obj } from '../../output/load';
import type { DeploymentOf } from '../../deployment';
import type { AwsParts } from './extract';
import type { FoundResource, Resolver } from '../../output/resolve';
import type { Json, StackDoc } from '../../output/load';
import { eachCfn } from '../../output/resolve';
import { type HalfRouting, isAny, refersTo, uniq } from '../../route-rules';
import type { Assumption, HalfReach, RouteEntry, TunnelHalf } from '../../types';

/** Routing behaviour no source states (listed in reports and the README like the clouds' own). */
export const AWS_ROUTING_ASSUMPTIONS = {
  tgwVpcRoutes: {
    id: 'aws-tgw-vpc-routes', cloud: 'aws',
    what: 'the VPCs behind a transit gateway route the remote networks to it',
    why: 'their route tables are outside the synthesized output (an existing or shared transit gateway); only the metadata names the networks',
  },
  existingVgwRoutes: {
    id: 'aws-existing-vgw-routes', cloud: 'aws',
    what: 'the route tables of the VPC behind an existing virtual private gateway route the remote networks to it (route propagation or static routes)',
    why: 'an existing gateway\'s VPC and route tables are outside the synthesized output (Metadata.CrossCloudVpn.Gateway Existing: true); only the metadata names its networks, and an AWS::EC2::VPNGatewayRoutePropagation in the output covers only the tables it lists',
  },
} as const satisfies Record<string, Assumption>;

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

/** Routing of one AWS half; `undefined` when its connection is not in the deployment. */
export function awsRouting(h: TunnelHalf, d: DeploymentOf<AwsParts>, r: Resolver): HalfRouting | undefined {
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
    siteSource = `Metadata.CrossCloudVpn.Gateway.Networks of ${conn.stack}/${conn.logicalId} (${transit ? 'AWS-TGW' : 'AWS-TGW: the networks declared for an existing gateway'})`;
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
    assumptions.push(AWS_ROUTING_ASSUMPTIONS.tgwVpcRoutes);
  } else if (!gateway && meta?.existing === true) {
    // An existing virtual private gateway, by literal id: its VPC is not in the output.
    siteRoutes = { kind: 'all', source: `existing virtual private gateway ${conn.gateway.label}: its VPC's route tables are not in the output` };
    assumptions.push(AWS_ROUTING_ASSUMPTIONS.existingVgwRoutes);
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
