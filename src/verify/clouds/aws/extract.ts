/**
 * Extraction of the AWS VPN resources of the synthesized CloudFormation templates, references
 * resolved (`output/resolve.ts`), for the AWS model (`model.ts`): every `AWS::EC2::VPNConnection`
 * with its gateway (virtual private or transit gateway, its Amazon-side ASN and the CIDRs of the
 * VPCs attached to it), its customer gateway, its static routes (`AWS::EC2::VPNConnectionRoute`)
 * and its two tunnels' options (each tunnel's endpoint named `aws:<stack>/<connection>#tunnel<n>`).
 *
 * Reading another resource that shapes a tunnel (e.g. a custom resource that changes tunnel
 * options in place): add it in `awsTunnels` (per tunnel) or `awsConnection` (per connection).
 */
import { Json, Obj } from '../../output/load';
import { FoundResource, Resolved, Resolver, eachCfn } from '../../output/resolve';
import { endpointKey } from '../endpoint-rules';
import { ExtractContext, KeyValue, cfnLabel, keyValue, numberOf, withoutSecrets } from '../../output/values';
import { AWS_TGW_ASN, AWS_VGW_ASN } from './tables';
import { effectiveTunnelOptions } from './tunnel-options';

/** The gateway a VPN connection terminates on. */
export interface AwsGatewayRes {
  readonly key: string;
  readonly kind: 'vpn-gateway' | 'transit-gateway' | 'unknown';
  readonly asn?: number;
  readonly label: string;
  readonly networks: readonly string[];
  readonly networksSource: string;
}

/** One tunnel of a VPN connection: its options as written (keys removed), its key and its endpoint. */
export interface AwsTunnelRes {
  readonly options: Obj;
  readonly psk: KeyValue;
  readonly endpoint: string;
}

/** One `AWS::EC2::VPNConnection`, values resolved. */
export interface AwsConnectionRes {
  readonly key: string;
  readonly stack: string;
  readonly logicalId: string;
  readonly label: string;
  readonly gateway: AwsGatewayRes;
  readonly customerGateway: { readonly id: string; readonly address: Resolved; readonly bgpAsn?: number };
  readonly staticRoutesOnly?: boolean;
  readonly routes: readonly string[];
  /** `LocalIpv4NetworkCidr`: the customer side; `RemoteIpv4NetworkCidr`: the AWS side. */
  readonly localNetworkCidr?: string;
  readonly remoteNetworkCidr?: string;
  /** Tunnel options as written (up to 2), pre-shared keys resolved. */
  readonly tunnels: readonly AwsTunnelRes[];
}

/** What AWS adds to a deployment: its VPN connections (each with its gateway). */
export interface AwsParts {
  readonly aws: readonly AwsConnectionRes[];
}

/** Every AWS VPN connection of the deployment. */
export function extractAws(x: ExtractContext): AwsConnectionRes[] {
  const routes = eachCfn(x.r, 'AWS::EC2::VPNConnectionRoute');
  const gateways = new Map<string, AwsGatewayRes>();
  return eachCfn(x.r, 'AWS::EC2::VPNConnection').map((c) => awsConnection(x, c, routes, gateways));
}

function awsConnection(x: ExtractContext, c: FoundResource, routes: readonly FoundResource[], gateways: Map<string, AwsGatewayRes>): AwsConnectionRes {
  const { r } = x;
  const p = c.props;
  const vgw = p.VpnGatewayId !== undefined ? r.eval(c.stack, p.VpnGatewayId) : undefined;
  const tgw = p.TransitGatewayId !== undefined ? r.eval(c.stack, p.TransitGatewayId) : undefined;
  const gw = vgw ?? tgw;
  const gwKey = gw?.kind === 'resource' ? `aws:${gw.ref.stack}/${gw.ref.id}` : gw?.kind === 'literal' ? `aws:${String(gw.value)}` : `aws:${c.stack.name}/${c.id}#gateway`;
  if (!gateways.has(gwKey)) gateways.set(gwKey, awsGateway(r, gwKey, gw, tgw !== undefined));
  const cgw = r.resourceOf(c.stack, p.CustomerGatewayId, 'AWS::EC2::CustomerGateway');
  const cgwAddress: Resolved = cgw ? r.eval(cgw.stack, cgw.props.IpAddress) : { kind: 'unknown', why: 'customer gateway not found in the folders read', trail: [] };
  if (!cgw) x.warnings.push(`${c.stack.name}/${c.id}: customer gateway not found`);
  const label = cfnLabel(c.stack, c.id);
  const myRoutes = routes.filter((route) => {
    const target = r.eval(route.stack, route.props.VpnConnectionId);
    return target.kind === 'resource' && target.ref.stack === c.stack.name && target.ref.id === c.id;
  }).map((route) => r.eval(route.stack, route.props.DestinationCidrBlock)).filter((v) => v.kind === 'literal').map((v) => String((v as { value: Json }).value));
  const lit = (v: Json | undefined) => {
    const res = r.eval(c.stack, v);
    return res.kind === 'literal' ? res.value : undefined;
  };
  const staticRoutesOnly = lit(p.StaticRoutesOnly);
  return {
    key: `aws:${c.stack.name}/${c.id}`, stack: c.stack.name, logicalId: c.id, label,
    gateway: gateways.get(gwKey)!,
    customerGateway: { id: cgw ? `${cgw.stack.name}/${cgw.id}` : '?', address: cgwAddress, bgpAsn: numberOf(r.eval(cgw?.stack ?? c.stack, cgw?.props.BgpAsn)) },
    staticRoutesOnly: staticRoutesOnly === undefined ? undefined : staticRoutesOnly === true || staticRoutesOnly === 'true',
    routes: myRoutes,
    localNetworkCidr: typeof lit(p.LocalIpv4NetworkCidr) === 'string' ? String(lit(p.LocalIpv4NetworkCidr)) : undefined,
    remoteNetworkCidr: typeof lit(p.RemoteIpv4NetworkCidr) === 'string' ? String(lit(p.RemoteIpv4NetworkCidr)) : undefined,
    tunnels: awsTunnels(x, c, label),
  };
}

/** The connection's two tunnels (options not written are `{}`: AWS's defaults). */
function awsTunnels(x: ExtractContext, c: FoundResource, label: string): AwsTunnelRes[] {
  // The connection's options with its Custom::VpnTunnelOptions laid over them (tunnel-options.ts).
  const written = effectiveTunnelOptions(x.r, c.stack, c.id, c.props.VpnTunnelOptionsSpecifications);
  return [0, 1].map((i) => {
    const options = written[i] ?? {};
    const endpoint = endpointKey('aws', c.stack.name, c.id, `#tunnel${i + 1}`);
    x.endpointLabels.set(endpoint, `${c.stack.name} ${label} tunnel${i + 1}`);
    const psk = options.PreSharedKey === undefined
      ? { missing: `${label} tunnel${i + 1}: PreSharedKey is not set, AWS generates one at deploy time` }
      : keyValue(x.r.eval(c.stack, options.PreSharedKey), `${label} tunnel${i + 1} PreSharedKey`);
    return { options: withoutSecrets(options), psk, endpoint };
  });
}

function awsGateway(r: Resolver, key: string, gw: Resolved | undefined, transit: boolean): AwsGatewayRes {
  let asn: number | undefined;
  let networks: string[] = [];
  let networksSource = 'not found in the folders read';
  let label = key.replace(/^aws:/, '');
  if (gw?.kind === 'resource') {
    const s = r.stack(gw.ref.stack)!;
    const props = (r.cfnResource(s, gw.ref.id)?.Properties as Obj | undefined) ?? {};
    asn = numberOf(r.eval(s, props.AmazonSideAsn)) ?? (transit ? AWS_TGW_ASN : AWS_VGW_ASN).default;
    label = s.name;
    // VPCs attached to the gateway.
    const attachType = transit ? 'AWS::EC2::TransitGatewayAttachment' : 'AWS::EC2::VPCGatewayAttachment';
    const vpcs = [...eachCfn(r, attachType), ...(transit ? eachCfn(r, 'AWS::EC2::TransitGatewayVpcAttachment') : [])].filter((a) => {
      const target = r.eval(a.stack, transit ? a.props.TransitGatewayId : a.props.VpnGatewayId);
      return target.kind === 'resource' && target.ref.stack === gw.ref.stack && target.ref.id === gw.ref.id;
    }).map((a) => r.resourceOf(a.stack, a.props.VpcId, 'AWS::EC2::VPC')).filter((v): v is FoundResource => !!v);
    for (const v of vpcs) {
      const cidr = r.eval(v.stack, v.props.CidrBlock);
      if (cidr.kind === 'literal' && typeof cidr.value === 'string') networks.push(cidr.value);
      for (const extra of eachCfn(r, 'AWS::EC2::VPCCidrBlock')) {
        const target = r.eval(extra.stack, extra.props.VpcId);
        const block = r.eval(extra.stack, extra.props.CidrBlock);
        if (target.kind === 'resource' && target.ref.id === v.id && block.kind === 'literal' && typeof block.value === 'string') networks.push(block.value);
      }
    }
    if (networks.length) networksSource = `CIDR of ${vpcs.map((v) => `${v.stack.name}/${v.id}`).join(', ')}`;
  }
  networks = [...new Set(networks)];
  return { key, kind: gw === undefined ? 'unknown' : transit ? 'transit-gateway' : 'vpn-gateway', asn, label, networks, networksSource };
}
