/**
 * Reading the AWS resources of synthesized CloudFormation templates for the AWS model and
 * acceptance rules: every resource of a type across the deployment's stacks, literal values
 * through the resolver, and the resources that belong to one VPN connection (its customer
 * gateway, gateway, outside-IP lookup, VPN connection routes, transit gateway routes and route
 * table associations / propagations).
 */
import { Json, Obj, StackDoc, isObj } from '../../output/load';
import { FoundResource, Resolver, eachCfn } from '../../output/resolve';
import { OUTSIDE_IPS_TYPE } from './endpoints';

export type { Obj };
export { OUTSIDE_IPS_TYPE, isObj };

/** One CloudFormation resource as written. */
export type CfnRes = FoundResource;

/** Every CloudFormation resource of `type` in the deployment. */
export const cfnOfType = eachCfn;

/** A CloudFormation resource by stack and logical id. */
export function cfnById(r: Resolver, stackName: string, id: string): CfnRes | undefined {
  return r.resourceAt('cdk', stackName, id);
}

/** What a property holds before deployment. */
export type Literal =
  | { readonly kind: 'absent' }
  | { readonly kind: 'value'; readonly value: Json }
  /** Known only at deploy time (a parameter without a feeding output, a dynamic reference, …). */
  | { readonly kind: 'deploy-time' };

/** A property's literal value (references followed), if it has one before deployment. */
export function literal(r: Resolver, stack: StackDoc, v: Json | undefined): Literal {
  if (v === undefined) return { kind: 'absent' };
  const res = r.eval(stack, v);
  return res.kind === 'literal' ? { kind: 'value', value: res.value } : { kind: 'deploy-time' };
}

/** The resource a reference names (`Ref`, `Fn::GetAtt`, `Fn::ImportValue` of either), if it is one of the deployment's. */
export function referenced(r: Resolver, stack: StackDoc, v: Json | undefined): { res: CfnRes; attr?: string } | undefined {
  if (v === undefined) return undefined;
  const res = r.eval(stack, v);
  if (res.kind !== 'resource') return undefined;
  const target = cfnById(r, res.ref.stack, res.ref.id);
  return target ? { res: target, attr: res.attr } : undefined;
}

/** The gateway side of a VPN connection. */
export interface ConnectionGateway {
  readonly kind: 'vpn-gateway' | 'transit-gateway' | 'none' | 'both';
  /** Identity for grouping connections by gateway: the resource key, or the literal id. */
  readonly identity?: string;
  /** The gateway resource when it is in the deployment. */
  readonly res?: CfnRes;
}

/** Which gateway a VPN connection terminates on. */
export function gatewayOf(r: Resolver, conn: CfnRes): ConnectionGateway {
  const vgw = conn.props.VpnGatewayId;
  const tgw = conn.props.TransitGatewayId;
  if (vgw !== undefined && tgw !== undefined) return { kind: 'both' };
  const v = vgw ?? tgw;
  if (v === undefined) return { kind: 'none' };
  const kind = vgw !== undefined ? 'vpn-gateway' : 'transit-gateway';
  const ref = referenced(r, conn.stack, v);
  if (ref) return { kind, identity: ref.res.key, res: ref.res };
  const lit = literal(r, conn.stack, v);
  return { kind, identity: lit.kind === 'value' ? `literal:${String(lit.value)}` : undefined };
}

/** The outside-IP lookups of a VPN connection (custom resources whose `VpnConnectionId` is a `Ref` to it). */
export function lookupsOf(r: Resolver, conn: CfnRes): CfnRes[] {
  return cfnOfType(r, OUTSIDE_IPS_TYPE).filter((l) => referenced(r, l.stack, l.props.VpnConnectionId)?.res.key === conn.key);
}

/** The VPN connection a lookup names. */
export function connectionOfLookup(r: Resolver, lookup: CfnRes): CfnRes | undefined {
  const ref = referenced(r, lookup.stack, lookup.props.VpnConnectionId)?.res;
  return ref?.type === 'AWS::EC2::VPNConnection' ? ref : undefined;
}

/** The VPN connection a transit gateway attachment id (`Fn::GetAtt` of a lookup's `TransitGatewayAttachmentId`) belongs to. */
export function connectionOfAttachment(r: Resolver, stack: StackDoc, v: Json | undefined): { lookup: CfnRes; conn?: CfnRes } | undefined {
  const ref = referenced(r, stack, v);
  if (!ref || ref.res.type !== OUTSIDE_IPS_TYPE) return undefined;
  return { lookup: ref.res, conn: connectionOfLookup(r, ref.res) };
}

/** The static and transit gateway routing resources of a VPN connection. */
export function routingOf(r: Resolver, conn: CfnRes): CfnRes[] {
  const vpnRoutes = cfnOfType(r, 'AWS::EC2::VPNConnectionRoute').filter((x) => referenced(r, x.stack, x.props.VpnConnectionId)?.res.key === conn.key);
  const tgw = ['AWS::EC2::TransitGatewayRoute', 'AWS::EC2::TransitGatewayRouteTableAssociation', 'AWS::EC2::TransitGatewayRouteTablePropagation']
    .flatMap((t) => cfnOfType(r, t))
    .filter((x) => connectionOfAttachment(r, x.stack, x.props.TransitGatewayAttachmentId)?.conn?.key === conn.key);
  return [...vpnRoutes, ...tgw];
}

/** `[{Value: x}, …]` (CloudFormation request list values) or plain values, as written. */
export function listValues(list: Json | undefined): Json[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.map((x) => (isObj(x) && 'Value' in x ? x.Value : x));
}
