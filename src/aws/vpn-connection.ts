/**
 * One AWS Site-to-Site VPN connection: a tunnel pair toward one peer, every tunnel option set.
 */
import { createHash } from 'node:crypto';
import { Annotations, CfnOutput, Resource, Token } from 'aws-cdk-lib/core';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { AwsVpnConnectionPlan, PlannedTunnel, TunnelEnd, ownAsnProblem, parseCidr, show } from '../plan';
import { PropsChecker, ValidationError } from '../private/errors';
import { AwsConnectionOptions, connectionOptionsProblems } from './connection-options';
import type { AwsTransitGatewayRouteTableOptions } from './gateway-kind';
import type { IAwsPeerGateway, IAwsVpnGateway } from './interfaces';
import {
  AwsStartupAction, AwsTunnelOptions, canonicalCidr, checkTunnel, isPlaintextKey, renderTunnel, resolveTunnel,
} from './tunnel-options';
import { TunnelOptionsResource, keyReferenceProblem } from './tunnel-options-resource';
import { TunnelOutsideIps } from './tunnel-outside-ips';
import { AWS_VPN_CONNECTION_PROPS, checkAwsProps } from './props-shape';

/** Resource metadata key of the gateway record every VPN connection carries. */
export const METADATA_KEY = 'CrossCloudVpn';

/**
 * The record of the AWS gateway a VPN connection attaches to, as its `Metadata.CrossCloudVpn`
 * carries it: kind, whether it exists outside the app, its Amazon-side ASN, the networks behind it
 * as declared, and (transit gateways, when given) the route table of its VPN attachments. The
 * template holds nothing else about an existing transit gateway; `ccvpn verify` reads it.
 */
export function gatewayMetadata(gw: IAwsVpnGateway): { Gateway: Record<string, unknown> } {
  const transit = gw.transitGatewayId !== undefined;
  const routeTableId = transit ? gw.transitGatewayRouting?.routeTableId : undefined;
  return {
    Gateway: {
      Kind: transit ? 'transit-gateway' : 'vpn-gateway',
      Existing: gw.existing ?? true,
      Asn: gw.asn ?? gw.amazonSideAsn,
      Networks: [...(gw.cidrs ?? [])],
      ...(routeTableId === undefined ? {} : { RouteTableId: routeTableId }),
      // What an existing gateway's other connections use (inside CIDRs must be unique on a VGW).
      ...(gw.inUse?.insideCidrs?.length ? { InsideCidrsInUse: [...gw.inUse.insideCidrs] } : {}),
    },
  };
}

/**
 * Properties of an `AwsVpnConnection`. `tunnelBandwidth` and `acceleration`
 * (`AwsConnectionOptions`) apply to the connection as a whole.
 */
export interface AwsVpnConnectionProps extends AwsConnectionOptions {
  /** The AWS side: a virtual private gateway or a transit gateway. CloudFormation `VpnGatewayId` / `TransitGatewayId`. */
  readonly gateway: IAwsVpnGateway;

  /** The peer's device. CloudFormation `CustomerGatewayId`. */
  readonly peer: IAwsPeerGateway;

  /** Options of tunnel 1 (the first entry of CloudFormation `VpnTunnelOptionsSpecifications`). */
  readonly tunnel1: AwsTunnelOptions;

  /** Options of tunnel 2; its inside CIDR must differ from tunnel 1's. */
  readonly tunnel2: AwsTunnelOptions;

  /**
   * Whether routes are static (`true`) or exchanged with BGP (`false`).
   * CloudFormation `StaticRoutesOnly`.
   *
   * @default - `true` when `staticRoutes` are given, else `false` (BGP)
   * @see https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html
   */
  readonly staticRoutesOnly?: boolean;

  /**
   * Peer prefixes routed over the connection when `staticRoutesOnly` is `true`, as IPv4 CIDRs.
   * Duplicates are ignored. On a virtual private gateway one `AWS::EC2::VPNConnectionRoute` each;
   * on a transit gateway (where that resource does not apply) one `AWS::EC2::TransitGatewayRoute`
   * each, to the connection's attachment in the gateway's route table (`transitGatewayRouting`).
   * A transit gateway route table holds one static route per prefix.
   *
   * @default - no static route
   */
  readonly staticRoutes?: readonly string[];

  /**
   * The single AWS-side prefix the tunnels carry (policy-based peers).
   * CloudFormation `RemoteIpv4NetworkCidr` (AWS names its own side "remote").
   *
   * @default - not written: AWS uses 0.0.0.0/0
   */
  readonly awsNetworkCidr?: string;

  /**
   * The single peer-side prefix the tunnels carry (policy-based peers).
   * CloudFormation `LocalIpv4NetworkCidr` (AWS names the customer side "local").
   *
   * @default - not written: AWS uses 0.0.0.0/0
   */
  readonly peerNetworkCidr?: string;
}

/** What `AwsVpnConnection.propsFromPlan` needs. */
export interface AwsVpnConnectionPlanOptions {
  /** The AWS side. */
  readonly gateway: IAwsVpnGateway;
  /** The customer gateway for the connection's remote endpoint. */
  readonly peer: IAwsPeerGateway;
  /** The planned connection. */
  readonly connection: AwsVpnConnectionPlan;
  /** Its planned tunnels: tunnel 1, then tunnel 2 (`connection.tunnels` order). */
  readonly tunnels: readonly [PlannedTunnel, PlannedTunnel];
}

/** Inside CIDRs taken per virtual private gateway (they must be unique across its connections). */
const insideCidrsByGateway = new WeakMap<IAwsVpnGateway, Map<string, string>>();
/** Static routes per transit gateway, keyed by route table and prefix (one route per prefix and table). */
const tgwRoutesByGateway = new WeakMap<IAwsVpnGateway, Map<string, string>>();
/** Key of the route table a transit gateway connection's static routes go to when none is given. */
const ASSOCIATED_TABLE = '(the associated route table)';

/** Construct id of the static route to `cidr` (a canonical prefix). */
function routeId(cidr: string): string {
  return `Route${createHash('sha256').update(cidr).digest('hex').slice(0, 8)}`;
}

/**
 * A Site-to-Site VPN connection: one tunnel pair between an AWS gateway and one peer address.
 *
 * Every tunnel option is written for both tunnels, so nothing depends on AWS's defaults. The
 * connection resource carries only each tunnel's inside CIDR; the key and every other option are
 * applied in place by a custom resource (`Custom::VpnTunnelOptions`: EC2 `ModifyVpnTunnelOptions`,
 * one tunnel at a time, waiting until the connection is available again), so changing a key, a
 * proposal, a lifetime or DPD never replaces the connection and never changes its outside IPs
 * (README, "AWS tunnel options in place"). The tunnels' outside IPs, which CloudFormation does
 * not return, are read after creation by a custom resource (`Custom::VpnTunnelOutsideIps`: an
 * inline Lambda function per stack calling EC2 `DescribeVpnConnections`, allowed that action and
 * its own logs only, matching tunnels by inside CIDR; no asset to publish) and exposed as attributes and as stack outputs
 * `Tunnel1OutsideIp` / `Tunnel2OutsideIp`. On a transit gateway with static routes, association
 * or propagation, the same lookup also reads the connection's attachment id (EC2
 * `DescribeTransitGatewayAttachments`, allowed in that stack only then).
 *
 * The resource carries `Metadata.CrossCloudVpn.Gateway`: `{ Kind, Existing, Asn, Networks,
 * RouteTableId? }` of the gateway (see `gatewayMetadata`).
 *
 * @resource AWS::EC2::VPNConnection
 */
export class AwsVpnConnection extends Resource {
  /**
   * The props that build the planned connection: tunnel options from the AWS end of each planned
   * tunnel, routing from the connection plan.
   */
  public static propsFromPlan(options: AwsVpnConnectionPlanOptions): AwsVpnConnectionProps {
    const { connection } = options;
    return {
      gateway: options.gateway,
      peer: options.peer,
      tunnel1: AwsVpnConnection.tunnelOptionsFromPlan(options.tunnels[0]),
      tunnel2: AwsVpnConnection.tunnelOptionsFromPlan(options.tunnels[1]),
      staticRoutesOnly: connection.staticRoutesOnly,
      staticRoutes: connection.staticRoutes,
      // The plan names sides from the AWS gateway's point of view.
      awsNetworkCidr: connection.localNetworkCidr,
      peerNetworkCidr: connection.remoteNetworkCidr,
    };
  }

  /** The options of one tunnel from the AWS end of a planned tunnel. */
  public static tunnelOptionsFromPlan(tunnel: PlannedTunnel): AwsTunnelOptions {
    const end: TunnelEnd | undefined = tunnel.ends.find((e) => e.cloud === 'aws');
    if (!end || tunnel.insideCidr === undefined) {
      throw new ValidationError('(plan)', 'plan-mismatch', `tunnel ${show(tunnel.id)} has no AWS end with an inside CIDR; it cannot be built by an AWS VPN connection`);
    }
    const p = end.proposal;
    return {
      presharedKey: tunnel.presharedKey,
      insideCidr: tunnel.insideCidr,
      ikeVersions: [p.ikeVersion],
      phase1EncryptionAlgorithms: [p.phase1.encryption],
      phase1IntegrityAlgorithms: [p.phase1.integrity],
      phase1DhGroupNumbers: [Number(p.phase1.dhGroup)],
      phase2EncryptionAlgorithms: [p.phase2.encryption],
      // AEAD (GCM) proposals carry no phase 2 integrity: the default is written, and unused.
      phase2IntegrityAlgorithms: p.phase2.integrity === null ? undefined : [p.phase2.integrity],
      phase2DhGroupNumbers: [Number(p.phase2.pfsGroup)],
      phase1LifetimeSeconds: p.phase1.lifetimeSeconds,
      phase2LifetimeSeconds: p.phase2.lifetimeSeconds,
      startupAction: end.initiates ? AwsStartupAction.START : AwsStartupAction.ADD,
    };
  }

  /** The VPN connection's id, e.g. `vpn-0123456789abcdef0`. */
  public readonly vpnConnectionId: string;
  /** Outside IPs of tunnel 1 and tunnel 2, in that order (deploy-time values). */
  public readonly tunnelOutsideIps: readonly string[];
  /** Outside IP of tunnel 1 (deploy-time value). */
  public readonly tunnel1OutsideIp: string;
  /** Outside IP of tunnel 2 (deploy-time value). */
  public readonly tunnel2OutsideIp: string;
  /** Inside CIDRs of tunnel 1 and tunnel 2. */
  public readonly tunnelInsideCidrs: readonly string[];
  /**
   * The connection's transit gateway attachment id, read by the lookup (transit gateway
   * connections with static routes, association or propagation only; deploy-time value).
   */
  public readonly transitGatewayAttachmentId?: string;

  constructor(scope: Construct, id: string, props: AwsVpnConnectionProps) {
    super(scope, id);
    checkAwsProps(this.node.path, props, AWS_VPN_CONNECTION_PROPS);
    const tunnels = [resolveTunnel(props.tunnel1), resolveTunnel(props.tunnel2)] as const;
    const staticRoutesOnly = props.staticRoutesOnly ?? (props.staticRoutes ?? []).length > 0;
    const staticRoutes = this.checkProps(props, tunnels, staticRoutesOnly);

    const gw = props.gateway;
    const resource = new ec2.CfnVPNConnection(this, 'Resource', {
      type: 'ipsec.1',
      customerGatewayId: props.peer.customerGatewayId,
      vpnGatewayId: gw.vpnGatewayId,
      transitGatewayId: gw.transitGatewayId,
      staticRoutesOnly,
      localIpv4NetworkCidr: props.peerNetworkCidr,
      remoteIpv4NetworkCidr: props.awsNetworkCidr,
      tunnelBandwidth: props.tunnelBandwidth,
      enableAcceleration: props.acceleration,
      // Only what identifies each tunnel: every other option is applied in place (tunnel-options-resource.ts).
      vpnTunnelOptionsSpecifications: tunnels.map((t) => ({ tunnelInsideCidr: renderTunnel(t).tunnelInsideCidr })),
    });
    this.vpnConnectionId = resource.ref;
    new TunnelOptionsResource(this, 'TunnelOptions', { connection: resource, tunnels });
    resource.addMetadata(METADATA_KEY, gatewayMetadata(gw));

    const transit = gw.transitGatewayId !== undefined;
    // IDs from a hash of each canonical prefix: stable when the list changes (a position-based ID
    // would move a prefix to another logical ID, and CloudFormation would create the "new" route
    // before deleting the old one with the same destination).
    if (!transit) {
      // AWS::EC2::VPNConnectionRoute: "a static route for a VPN connection between an existing
      // virtual private gateway and a VPN customer gateway" (CloudFormation resource docs).
      for (const cidr of staticRoutes) {
        new ec2.CfnVPNConnectionRoute(this, routeId(cidr), { destinationCidrBlock: cidr, vpnConnectionId: this.vpnConnectionId });
      }
    }

    this.tunnelInsideCidrs = tunnels.map((t) => canonicalCidr(t.insideCidr));
    const routing = gw.transitGatewayRouting ?? {};
    const needsAttachment = transit && (staticRoutes.length > 0 || routing.associateVpnAttachments === true || routing.propagateVpnAttachments === true);
    const lookup = new TunnelOutsideIps(this, 'TunnelOutsideIps', {
      vpnConnectionId: this.vpnConnectionId,
      insideCidrs: [this.tunnelInsideCidrs[0], this.tunnelInsideCidrs[1]],
      transitGateway: needsAttachment
        ? { associatedRouteTable: routing.routeTableId === undefined && (staticRoutes.length > 0 || routing.propagateVpnAttachments === true) }
        : undefined,
    });
    this.tunnelOutsideIps = lookup.outsideIps;
    [this.tunnel1OutsideIp, this.tunnel2OutsideIp] = lookup.outsideIps;
    this.transitGatewayAttachmentId = lookup.transitGatewayAttachmentId;
    if (needsAttachment) this.transitGatewayRouting(routing, staticRoutes, lookup);
    lookup.outsideIps.forEach((ip, i) => {
      new CfnOutput(this, `Tunnel${i + 1}OutsideIp`, {
        value: ip,
        description: `Outside IP of tunnel ${i + 1} of ${this.node.path}`,
      });
    });

    if (gw.transitGatewayId !== undefined && (gw.cidrs ?? []).length === 0) {
      Annotations.of(this).addWarningV2('cross-cloud-vpn:aws.gatewayNetworksUnknown',
        'the transit gateway is given without cidrs: Metadata.CrossCloudVpn.Gateway.Networks is empty, so nothing in the output says which networks are behind it (ccvpn verify cannot prove its routing); give the gateway\'s cidrs');
    }
    if (tunnels.some((t) => isPlaintextKey(this, t.presharedKey))) {
      Annotations.of(this).addWarningV2('cross-cloud-vpn:aws.presharedKeyInTemplate',
        'a pre-shared key is written into the CloudFormation template in plain text (readable by anyone who can read the template); use SecretValue.secretsManager() or SecretValue.ssmSecure() to keep it out');
    }
  }

  /**
   * Transit gateway routing of the connection's attachment: a static route per prefix in the
   * route table (`AWS::EC2::TransitGatewayRoute`), and the association / propagation asked for.
   * AWS: "Each VPC or VPN attachment is associated with a single route table"; "an attachment can
   * be propagated to multiple route tables" (Transit Gateway guide, tgw-transit-gateways.html,
   * tgw-route-tables.html).
   */
  private transitGatewayRouting(routing: AwsTransitGatewayRouteTableOptions, staticRoutes: readonly string[], lookup: TunnelOutsideIps): void {
    const attachment = lookup.transitGatewayAttachmentId!;
    const table = routing.routeTableId ?? lookup.associatedRouteTableId!;
    for (const cidr of staticRoutes) {
      new ec2.CfnTransitGatewayRoute(this, routeId(cidr), {
        transitGatewayRouteTableId: table,
        destinationCidrBlock: cidr,
        transitGatewayAttachmentId: attachment,
      });
    }
    if (routing.associateVpnAttachments) {
      new ec2.CfnTransitGatewayRouteTableAssociation(this, 'RouteTableAssociation', { transitGatewayRouteTableId: routing.routeTableId!, transitGatewayAttachmentId: attachment });
    }
    if (routing.propagateVpnAttachments) {
      new ec2.CfnTransitGatewayRouteTablePropagation(this, 'RouteTablePropagation', { transitGatewayRouteTableId: table, transitGatewayAttachmentId: attachment });
    }
  }

  /** Checks every prop, throws once; returns the canonical, de-duplicated static routes. */
  private checkProps(props: AwsVpnConnectionProps, tunnels: readonly [ReturnType<typeof resolveTunnel>, ReturnType<typeof resolveTunnel>], staticRoutesOnly: boolean): string[] {
    const checker = new PropsChecker(this.node.path);
    const gw = props.gateway;
    let register = () => {};
    if ((gw.vpnGatewayId === undefined) === (gw.transitGatewayId === undefined)) {
      checker.check('gateway', 'gateway-ambiguous', `expected exactly one of vpnGatewayId and transitGatewayId, got ${gw.vpnGatewayId === undefined ? 'neither' : 'both'}`);
    } else {
      for (const [field, code, message] of connectionOptionsProblems(gw.vpnGatewayId !== undefined ? 'vpn-gateway' : 'transit-gateway', props)) checker.check(field, code, message);
    }

    tunnels.forEach((t, i) => {
      checkTunnel(this, checker, `tunnel${i + 1}`, t);
      checker.check(`tunnel${i + 1}.presharedKey`, 'psk-reference-unsupported', keyReferenceProblem(this, t));
    });
    const [c1, c2] = tunnels.map((t) => canonicalCidr(t.insideCidr));
    if (!Token.isUnresolved(c1) && c1 === c2) {
      checker.check('tunnel2.insideCidr', 'inside-cidr-duplicate', `${show(c2)} is also tunnel 1's inside CIDR; allowed: a /30 different from tunnel 1's`);
    }
    if (gw.vpnGatewayId !== undefined) {
      // Unique across the connections of one virtual private gateway (not required on a transit gateway).
      const taken = insideCidrsByGateway.get(gw) ?? new Map<string, string>((gw.inUse?.insideCidrs ?? []).map((c) => [canonicalCidr(c), 'an existing connection of the gateway (inUse.insideCidrs)']));
      [c1, c2].forEach((c, i) => {
        const holder = taken.get(c);
        if (holder !== undefined) {
          checker.check(`tunnel${i + 1}.insideCidr`, 'inside-cidr-duplicate', `${show(c)} is already used by ${holder} on the same virtual private gateway; allowed: a /30 unique across the gateway's connections`);
        }
      });
      register = () => {
        for (const c of [c1, c2]) if (!Token.isUnresolved(c)) taken.set(c, this.node.path);
        insideCidrsByGateway.set(gw, taken);
      };
    }

    const ownAsn = (gw.asn ?? gw.amazonSideAsn)!;
    const peerAsn = props.peer.peerAsn;
    if (!Token.isUnresolved(ownAsn)) checker.check('gateway.asn', 'asn-invalid', ownAsnProblem('aws', ownAsn));
    if (!staticRoutesOnly && !Token.isUnresolved(ownAsn) && !Token.isUnresolved(peerAsn) && ownAsn === peerAsn) {
      checker.check('peer.peerAsn', 'asn-equal', `${show(peerAsn)} is also the AWS side's ASN; the two ends of a BGP connection need different ASNs (eBGP)`);
    }

    const routes: string[] = [];
    const givenRoutes = props.staticRoutes ?? [];
    if (givenRoutes.length > 0 && !staticRoutesOnly) {
      checker.check('staticRoutes', 'static-routes-unused', `${givenRoutes.length} static route(s) given but staticRoutesOnly is false (BGP); allowed: static routes with staticRoutesOnly: true`);
    }
    givenRoutes.forEach((text, i) => {
      if (Token.isUnresolved(text)) {
        checker.check(`staticRoutes[${i}]`, 'static-route-token', 'is a token; allowed: a literal IPv4 prefix (each route is its own resource, keyed by its prefix)');
        return;
      }
      const parsed = parseCidr(text);
      if (!parsed.ok) checker.check(`staticRoutes[${i}]`, 'static-route-invalid', `${show(text)} is not a valid IPv4 prefix (${parsed.reason})`);
      else if (!routes.includes(parsed.cidr.text)) routes.push(parsed.cidr.text);
    });
    for (const [prop, value] of [['awsNetworkCidr', props.awsNetworkCidr], ['peerNetworkCidr', props.peerNetworkCidr]] as const) {
      if (value === undefined || Token.isUnresolved(value)) continue;
      const parsed = parseCidr(value);
      if (!parsed.ok) checker.check(prop, 'network-cidr-invalid', `${show(value)} is not a valid IPv4 prefix (${parsed.reason})`);
    }

    let registerRoutes = () => {};
    const routing = gw.transitGatewayRouting;
    if (routing !== undefined && gw.transitGatewayId === undefined) {
      checker.check('gateway.transitGatewayRouting', 'transit-gateway-routing-unused', 'applies to a transit gateway only; this connection attaches to a virtual private gateway');
    }
    if (routing?.associateVpnAttachments && routing.routeTableId === undefined) {
      checker.check('gateway.transitGatewayRouting.associateVpnAttachments', 'route-table-missing', 'needs routeTableId: the route table to associate the VPN attachment with');
    }
    if (gw.transitGatewayId !== undefined && routes.length > 0) {
      // "Route ... already exists in Transit Gateway Route Table" (EC2 RouteAlreadyExists): one static route per prefix and table.
      const table = routing?.routeTableId ?? ASSOCIATED_TABLE;
      const taken = tgwRoutesByGateway.get(gw) ?? new Map<string, string>();
      routes.forEach((cidr) => {
        const holder = taken.get(`${table} ${cidr}`);
        if (holder !== undefined) {
          checker.check('staticRoutes', 'static-route-duplicate', `${show(cidr)} is already routed to ${holder} in the same transit gateway route table; allowed: one static route per prefix and route table (route the prefix over one connection, or use BGP for ECMP)`);
        }
      });
      registerRoutes = () => {
        for (const cidr of routes) taken.set(`${table} ${cidr}`, this.node.path);
        tgwRoutesByGateway.set(gw, taken);
      };
    }
    checker.throwIfAny();
    register();
    registerRoutes();
    return routes;
  }
}
