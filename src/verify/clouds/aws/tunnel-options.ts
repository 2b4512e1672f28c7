/**
 * The effective options of an AWS VPN connection's tunnels: what the `AWS::EC2::VPNConnection`
 * writes, overridden by the tunnel options resource that names it (`Custom::VpnTunnelOptions`,
 * whose handler calls EC2 `ModifyVpnTunnelOptions` for each tunnel after the connection exists).
 *
 * The resource's contract, as verify reads it (written here from the EC2 API reference, not taken
 * from the constructs): `VpnConnectionId` names the connection; `Tunnels` holds one entry per
 * tunnel, found on the connection by its `TunnelInsideCidr` (ModifyVpnTunnelOptions addresses a
 * tunnel by `VpnTunnelOutsideIpAddress`, which the template does not know; the inside CIDR is what
 * both sides know); every other key of an entry is a `ModifyVpnTunnelOptionsSpecification` member
 * in the API's spelling, which is CloudFormation's `VpnTunnelOptionsSpecification` spelling
 * (`IKEVersions`, `Phase1DHGroupNumbers`, `DPDTimeoutSeconds`, `ReplayWindowSize`, …), plus
 * `PreSharedKeyReference`: a secure dynamic reference without its `{{resolve:` `}}` delimiters,
 * which the handler reads (custom resources cannot take secure dynamic references).
 *
 * Modification replaces the option: an option the resource sets is the tunnel's after deployment,
 * whatever the connection wrote at creation; an option it does not set stays as the connection
 * has it (created from the connection's value or AWS's default).
 */
import type { Json, StackDoc } from '../../output/load';
import type { Resolver } from '../../output/resolve';
import { parseCidr } from '../../../common/cidr';
import { CfnRes, Obj, cfnById, cfnOfType, isObj, literal, referenced } from './template';

/** The tunnel options resource's CloudFormation type. */
export const TUNNEL_OPTIONS_TYPE = 'Custom::VpnTunnelOptions';

/** The tunnel options resources that name a VPN connection (`VpnConnectionId` a reference to it). */
export function tunnelOptionsOf(r: Resolver, conn: CfnRes): CfnRes[] {
  return cfnOfType(r, TUNNEL_OPTIONS_TYPE).filter((x) => referenced(r, x.stack, x.props.VpnConnectionId)?.res.key === conn.key);
}

/** A tunnel entry's inside CIDR when it is a literal: canonical when it parses, else as written. */
export function insideCidrOf(r: Resolver, stack: StackDoc, entry: Json | undefined): string | undefined {
  if (!isObj(entry)) return undefined;
  const lit = literal(r, stack, entry.TunnelInsideCidr);
  if (lit.kind !== 'value' || typeof lit.value !== 'string') return undefined;
  const parsed = parseCidr(lit.value);
  return parsed.ok ? parsed.cidr.text : lit.value;
}

/** `PreSharedKeyReference` back as the dynamic reference it stands for (known only at deploy time). */
function asDynamicReference(v: Json): Json {
  if (typeof v === 'string') return `{{resolve:${v}}}`;
  const join = isObj(v) ? v['Fn::Join'] : undefined;
  if (Array.isArray(join) && join[0] === '' && Array.isArray(join[1])) return { 'Fn::Join': ['', ['{{resolve:', ...join[1], '}}']] };
  return { 'Fn::Join': ['', ['{{resolve:', v, '}}']] };
}

/**
 * The tunnel options of the connection `connId` of `stack`, each with the matching entry of its
 * tunnel options resource laid over it (the resource's values win). Without such a resource,
 * the connection's `VpnTunnelOptionsSpecifications` as written.
 */
export function effectiveTunnelOptions(r: Resolver, stack: StackDoc, connId: string, specs: Json | undefined): Obj[] {
  const written = Array.isArray(specs) ? specs.filter(isObj) : [];
  const conn = cfnById(r, stack.name, connId);
  // Only a resource of the same stack: its values are evaluated in the connection's stack.
  const resources = conn ? tunnelOptionsOf(r, conn).filter((x) => x.stack === stack) : [];
  if (resources.length === 0) return written;
  const entries = resources.flatMap((x) => (Array.isArray(x.props.Tunnels) ? x.props.Tunnels.filter(isObj) : []));
  return written.map((spec) => {
    const cidr = insideCidrOf(r, stack, spec);
    const entry = cidr === undefined ? undefined : entries.find((e) => insideCidrOf(r, stack, e) === cidr);
    if (!entry) return spec;
    const options = Object.fromEntries(Object.entries(entry).filter(([k]) => k !== 'TunnelInsideCidr' && k !== 'PreSharedKeyReference'));
    const ref = entry.PreSharedKeyReference;
    return { ...spec, ...options, ...(ref !== undefined && options.PreSharedKey === undefined ? { PreSharedKey: asDynamicReference(ref) } : {}) };
  });
}
