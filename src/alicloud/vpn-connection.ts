/**
 * One Alibaba Cloud IPsec connection ("IPsec-VPN connection bound to a VPN gateway"): a
 * dual-tunnel (master + slave) or single-tunnel connection with every IKE/IPsec setting written,
 * and the routes it publishes to the VPC.
 */
import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import {
  AlicloudConnectionPlan, PlannedTunnel, TunnelEnd, ownAsnProblem, parseCidr, show,
} from '../plan';
import { Token } from '../private/cdktf';
import { PropsChecker, ValidationError } from '../private/errors';
import { ALICLOUD_VPN_CONNECTION_PROPS, checkAlicloudProps } from './props-shape';
import { AlicloudConnectionRouting, ConnectionRoutingConfig } from './connection-routing';
import { VpnConnection } from './generated/cdktf/providers/alicloud/vpn-connection';
import { VpnPbrRouteEntry } from './generated/cdktf/providers/alicloud/vpn-pbr-route-entry';
import { VpnRouteEntry } from './generated/cdktf/providers/alicloud/vpn-route-entry';
import { AlicloudTunnelMode, IAlicloudPeerGateway, IAlicloudVpnGateway } from './interfaces';
import { GATEWAY_RECORD_PATH, alicloudGatewayRecord, isExistingGateway } from './gateway-record';
import { asnText } from './peer-gateway';
import { ALICLOUD_DEFAULT_ASN, ROUTE_WEIGHT_ACTIVE, SUBNETS_PER_CONNECTION } from './provider-values';
import {
  AlicloudIkeMode, AlicloudTunnelOptions, ResolvedTunnel, canonicalCidr, checkTunnel, renderKey, resolveTunnel,
} from './tunnel-options';

/** Properties of an `AlicloudVpnConnection`. */
export interface AlicloudVpnConnectionProps {
  /** The VPN gateway the connection is bound to. Terraform `vpn_gateway_id`. */
  readonly gateway: IAlicloudVpnGateway;

  /** How the connection routes: protected data flows (policy), destination routes or BGP. */
  readonly routing: AlicloudConnectionRouting;

  /**
   * The master tunnel (tunnel 1, active): the single tunnel of a single-tunnel gateway.
   * Terraform `tunnel_options_specification` entry with `role = "master"` (dual-tunnel), or the
   * connection's `customer_gateway_id`, `ike_config`, `ipsec_config`, `bgp_config` (single-tunnel).
   */
  readonly masterTunnel: AlicloudTunnelOptions;

  /**
   * The slave tunnel (tunnel 2, standby, in the gateway's second zone); dual-tunnel gateways only.
   * Terraform `tunnel_options_specification` entry with `role = "slave"`.
   *
   * @default - none: required on a dual-tunnel gateway, not allowed on a single-tunnel one
   */
  readonly slaveTunnel?: AlicloudTunnelOptions;

  /**
   * Whether Alibaba Cloud starts negotiating as soon as the connection exists (`true`), or waits
   * for traffic (`false`). Terraform `effect_immediately`.
   *
   * @default true
   */
  readonly effectImmediately?: boolean;

  /**
   * Name of the connection: 1-100 characters. Terraform `vpn_connection_name`.
   *
   * @default - no name (the console shows the id)
   */
  readonly vpnConnectionName?: string;
}

/** What `AlicloudVpnConnection.propsFromPlan` needs. */
export interface AlicloudVpnConnectionPlanOptions {
  /** The VPN gateway. */
  readonly gateway: IAlicloudVpnGateway;
  /** The planned connection. */
  readonly connection: AlicloudConnectionPlan;
  /** The planned tunnels of the link (those of `connection.tunnels` are used). */
  readonly tunnels: readonly PlannedTunnel[];
  /** The customer gateways by planned id (`connection.tunnels[].customerGateway`). */
  readonly peers: ReadonlyMap<string, IAlicloudPeerGateway>;
}

/** Tunnel CIDRs taken per VPN gateway (unique across the tunnels of one gateway). */
const tunnelCidrsByGateway = new WeakMap<IAlicloudVpnGateway, Map<string, string>>();

const hash8 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

/**
 * An IPsec connection bound to an Alibaba Cloud VPN gateway, and the routes it publishes to the
 * VPC.
 *
 * Dual-tunnel: two `tunnel_options_specification` entries (master, slave), each with its own
 * customer gateway, IKE, IPsec and (BGP) settings. Single-tunnel: the connection-level
 * `ike_config`, `ipsec_config` and `bgp_config`. Every IKE/IPsec setting is written explicitly.
 *
 * The provider's automatic route configuration is turned off (`auto_config_route = false`), so
 * the routes are exactly the ones this construct declares: one policy-based route per (local,
 * remote) prefix pair (policy routing), one destination route per prefix (destination routing),
 * all published to the VPC; with BGP the gateway advertises learned routes to the VPC
 * (`alicloud_vpn_gateway.auto_propagate`).
 *
 * On a gateway this app does not create (`existing`, the default for a plain object, and
 * `AlicloudVpnGateway.fromVpnGatewayAttributes`), the connection carries what is declared about
 * the gateway in its Terraform JSON comment key, `"//": { "crossCloudVpn": { "gateway": ... } }`
 * (Terraform ignores it; `ccvpn verify` reads it), and refuses BGP on a gateway declared without
 * BGP support or route propagation and tunnel CIDRs the gateway's other connections use.
 *
 * @resource alicloud_vpn_connection
 * @resource alicloud_vpn_pbr_route_entry
 * @resource alicloud_vpn_route_entry
 */
export class AlicloudVpnConnection extends Construct {
  /**
   * The props that build a planned connection: tunnel settings from the Alibaba Cloud end of
   * each planned tunnel (master and slave by the plan's roles), routing from the connection plan.
   */
  public static propsFromPlan(options: AlicloudVpnConnectionPlanOptions): AlicloudVpnConnectionProps {
    const { connection } = options;
    const mismatch = (message: string) => new ValidationError('(plan)', 'plan-mismatch', `connection ${show(connection.id)}: ${message}`);
    const roles = connection.tunnels.map((t) => t.role).join('+');
    const expected = connection.mode === 'dual-tunnel' ? 'master+slave' : 'master';
    if (roles !== expected) throw mismatch(`a ${connection.mode} connection needs tunnels with roles ${expected}, the plan has ${roles || 'none'}`);

    const planned = connection.tunnels.map((entry) => {
      const tunnel = options.tunnels.find((t) => t.id === entry.tunnel);
      if (!tunnel) throw mismatch(`tunnel ${show(entry.tunnel)} is not among the link's tunnels`);
      const peer = options.peers.get(entry.customerGateway);
      if (!peer) throw mismatch(`customer gateway ${show(entry.customerGateway)} is not planned`);
      const end: TunnelEnd | undefined = tunnel.ends.find((e) => e.cloud === 'alicloud');
      if (!end) throw mismatch(`tunnel ${show(tunnel.id)} has no Alibaba Cloud end`);
      return { tunnel, end, peer };
    });

    const bgpAsn = planned.find((p) => p.end.asn !== undefined)?.end.asn;
    const routes = connection.routes;
    const routing = routes.kind === 'policy'
      ? AlicloudConnectionRouting.policy({ localSubnets: connection.localSubnets, remoteSubnets: connection.remoteSubnets })
      : routes.kind === 'destination'
        ? AlicloudConnectionRouting.destination({ destinations: routes.destinations })
        : AlicloudConnectionRouting.bgp({ localAsn: bgpAsn });
    if (routes.kind === 'policy' && !sameSet(routes.sources, connection.localSubnets)) {
      throw mismatch(`policy route sources ${routes.sources.join(', ')} differ from the local subnets ${connection.localSubnets.join(', ')}`);
    }
    if (routes.kind === 'policy' && !sameSet(routes.destinations, connection.remoteSubnets)) {
      throw mismatch(`policy route destinations ${routes.destinations.join(', ')} differ from the remote subnets ${connection.remoteSubnets.join(', ')}`);
    }

    const tunnelOptions = planned.map(({ tunnel, end, peer }): AlicloudTunnelOptions => {
      const p = end.proposal;
      if (p.phase2.integrity === null) throw mismatch(`tunnel ${show(tunnel.id)} uses an AEAD cipher, which Alibaba Cloud does not offer`);
      const bgp = routes.kind === 'bgp';
      return {
        peer,
        presharedKey: tunnel.presharedKey,
        ikeVersion: p.ikeVersion,
        ikeMode: AlicloudIkeMode.MAIN,
        phase1EncryptionAlgorithm: p.phase1.encryption,
        phase1IntegrityAlgorithm: p.phase1.integrity,
        phase1DhGroup: p.phase1.dhGroup,
        phase1LifetimeSeconds: p.phase1.lifetimeSeconds,
        phase2EncryptionAlgorithm: p.phase2.encryption,
        phase2IntegrityAlgorithm: p.phase2.integrity,
        phase2PfsGroup: p.phase2.pfsGroup,
        phase2LifetimeSeconds: p.phase2.lifetimeSeconds,
        tunnelCidr: bgp ? tunnel.insideCidr : undefined,
        localBgpIp: bgp ? end.insideAddress : undefined,
      };
    });
    return {
      gateway: options.gateway,
      routing,
      masterTunnel: tunnelOptions[0],
      slaveTunnel: tunnelOptions[1],
      effectImmediately: planned[0].end.initiates,
    };
  }

  /** The IPsec connection's id, e.g. `vco-bp15oes1py4i66rmd****`. */
  public readonly vpnConnectionId: string;
  /** The connection's tunnels: `dual-tunnel` (master + slave) or `single-tunnel`. */
  public readonly tunnelMode: AlicloudTunnelMode;
  /** Tunnel CIDRs of the master and (dual-tunnel) slave tunnel, BGP routing only. */
  public readonly tunnelCidrs: readonly string[];

  constructor(scope: Construct, id: string, props: AlicloudVpnConnectionProps) {
    super(scope, id);
    checkAlicloudProps(this.node.path, props, ALICLOUD_VPN_CONNECTION_PROPS);
    const gw = props.gateway;
    this.tunnelMode = gw.tunnelMode;
    const dual = gw.tunnelMode === AlicloudTunnelMode.DUAL_TUNNEL;
    const routing = props.routing._config;
    const bgp = routing.kind === 'bgp';
    const localAsn = routing.kind === 'bgp' ? (routing.localAsn ?? gw.asn ?? gw.localAsn ?? ALICLOUD_DEFAULT_ASN) : undefined;

    const master = resolveTunnel(props.masterTunnel, gw.internetIp);
    const slave = props.slaveTunnel && resolveTunnel(props.slaveTunnel, gw.disasterRecoveryInternetIp);
    const subnets = this.checkProps(props, routing, master, slave, localAsn);
    this.tunnelCidrs = bgp ? [master, slave].filter((t): t is ResolvedTunnel => t !== undefined).map((t) => canonicalCidr(t.tunnelCidr!)) : [];

    const ike = (t: ResolvedTunnel) => ({
      psk: renderKey(t.presharedKey),
      ikeVersion: t.ikeVersion,
      ikeMode: t.ikeMode,
      ikeEncAlg: t.phase1EncryptionAlgorithm,
      ikeAuthAlg: t.phase1IntegrityAlgorithm,
      ikePfs: t.phase1DhGroup,
      ikeLifetime: t.phase1LifetimeSeconds,
    });
    const ipsec = (t: ResolvedTunnel) => ({
      ipsecEncAlg: t.phase2EncryptionAlgorithm,
      ipsecAuthAlg: t.phase2IntegrityAlgorithm,
      ipsecPfs: t.phase2PfsGroup,
      ipsecLifetime: t.phase2LifetimeSeconds,
    });
    const bgpConfig = (t: ResolvedTunnel) => ({ localAsn: asnText(localAsn!), tunnelCidr: canonicalCidr(t.tunnelCidr!), localBgpIp: t.localBgpIp });

    const common = {
      vpnGatewayId: gw.vpnGatewayId,
      vpnConnectionName: props.vpnConnectionName,
      localSubnet: subnets.local,
      remoteSubnet: subnets.remote,
      effectImmediately: props.effectImmediately ?? true,
      // Routes are declared below, not configured by Alibaba Cloud from the subnets.
      autoConfigRoute: false,
    };
    const resource = dual
      ? new VpnConnection(this, 'Resource', {
        ...common,
        enableTunnelsBgp: bgp,
        tunnelOptionsSpecification: ([['master', master], ['slave', slave!]] as const).map(([role, t]) => ({
          role,
          customerGatewayId: t.peer.customerGatewayId,
          enableDpd: t.enableDpd,
          enableNatTraversal: t.enableNatTraversal,
          tunnelIkeConfig: { ...ike(t), localId: t.localId, remoteId: t.remoteId },
          tunnelIpsecConfig: ipsec(t),
          tunnelBgpConfig: bgp ? bgpConfig(t) : undefined,
        })),
      })
      : new VpnConnection(this, 'Resource', {
        ...common,
        customerGatewayId: master.peer.customerGatewayId,
        enableDpd: master.enableDpd,
        enableNatTraversal: master.enableNatTraversal,
        ikeConfig: { ...ike(master), ikeLocalId: master.localId, ikeRemoteId: master.remoteId },
        ipsecConfig: ipsec(master),
        bgpConfig: bgp ? { enable: true, ...bgpConfig(master) } : undefined,
      });
    this.vpnConnectionId = resource.id;
    // The template holds no gateway resource for an existing gateway: record what is declared.
    if (isExistingGateway(gw)) resource.addOverride(GATEWAY_RECORD_PATH, alicloudGatewayRecord(gw));

    // IDs from a hash of the canonical prefixes: stable when the lists change (a position-based
    // ID would move a route to another resource address, and Terraform would replace it).
    const route = { vpnGatewayId: gw.vpnGatewayId, nextHop: this.vpnConnectionId, weight: ROUTE_WEIGHT_ACTIVE, publishVpc: true };
    if (routing.kind === 'policy') {
      for (const source of subnets.local) {
        for (const dest of subnets.remote) {
          new VpnPbrRouteEntry(this, `PolicyRoute${hash8(`${source}>${dest}`)}`, { ...route, routeSource: source, routeDest: dest });
        }
      }
    } else if (routing.kind === 'destination') {
      for (const dest of subnets.destinations) new VpnRouteEntry(this, `Route${hash8(dest)}`, { ...route, routeDest: dest });
    }
  }

  /** Checks every prop, throws once; returns the canonical, de-duplicated subnets and destinations. */
  private checkProps(
    props: AlicloudVpnConnectionProps, routing: ConnectionRoutingConfig, master: ResolvedTunnel, slave: ResolvedTunnel | undefined, localAsn: number | undefined,
  ): { local: string[]; remote: string[]; destinations: string[] } {
    const checker = new PropsChecker(this.node.path);
    const gw = props.gateway;
    const dual = gw.tunnelMode === AlicloudTunnelMode.DUAL_TUNNEL;
    const bgp = routing.kind === 'bgp';

    if (dual && !slave) {
      checker.check('slaveTunnel', 'slave-tunnel-missing', 'is required: the gateway is dual-tunnel; allowed: the options of the slave tunnel (tunnel 2)');
    } else if (!dual && slave) {
      checker.check('slaveTunnel', 'slave-tunnel-unused', 'is given but the gateway is single-tunnel; allowed: masterTunnel only');
    }
    const tunnels: [string, ResolvedTunnel][] = [['masterTunnel', master]];
    if (dual && slave) tunnels.push(['slaveTunnel', slave]);
    tunnels.forEach(([prefix, t]) => checkTunnel(checker, prefix, t, bgp));

    if (bgp) {
      if (!Token.isUnresolved(localAsn)) checker.check('routing.localAsn', 'asn-invalid', ownAsnProblem('alicloud', localAsn!));
      if (gw.bgpSupported === false) {
        checker.check('routing', 'bgp-unsupported', `is BGP, but VPN gateway ${show(gw.vpnGatewayId)} does not support BGP dynamic routing (bgpSupported false: DescribeVpnGateway Tag.VpnEnableBgp); allowed: policy or destination routing, or upgrade the gateway in the console and export it again`);
      }
      if (gw.autoPropagateBgpRoutes === false) {
        checker.check('routing', 'bgp-routes-not-propagated', `is BGP, but VPN gateway ${show(gw.vpnGatewayId)} does not propagate BGP routes to its VPC (autoPropagateBgpRoutes false: DescribeVpnGateway AutoPropagate), so the routes it learns would never reach the VPC; allowed: policy or destination routing, or turn on automatic route propagation of the gateway and export it again`);
      }
      tunnels.forEach(([prefix, t]) => {
        const peerAsn = t.peer.peerAsn;
        if (peerAsn === undefined) {
          checker.check(`${prefix}.peer`, 'peer-asn-missing', 'has no peerAsn; allowed with BGP routing: a customer gateway registered with the peer\'s ASN');
        } else if (!Token.isUnresolved(peerAsn) && !Token.isUnresolved(localAsn) && peerAsn === localAsn) {
          checker.check(`${prefix}.peer.peerAsn`, 'asn-equal', `${show(peerAsn)} is also the Alibaba Cloud side's ASN; the two ends of a BGP session need different ASNs (eBGP)`);
        }
      });
      // Unique across the tunnels of one VPN gateway; the two tunnels of a connection therefore differ.
      const taken = tunnelCidrsByGateway.get(gw) ?? new Map<string, string>();
      const mine = new Map<string, string>();
      for (const [prefix, t] of tunnels) {
        if (t.tunnelCidr === undefined || Token.isUnresolved(t.tunnelCidr)) continue;
        const cidr = canonicalCidr(t.tunnelCidr);
        const holder = mine.get(cidr) ?? taken.get(cidr);
        if ((gw.tunnelCidrsInUse ?? []).some((c) => !Token.isUnresolved(c) && canonicalCidr(c) === cidr)) {
          checker.check(`${prefix}.tunnelCidr`, 'tunnel-cidr-in-use', `${show(cidr)} is already used by an IPsec connection of VPN gateway ${show(gw.vpnGatewayId)} made outside this app (tunnelCidrsInUse); allowed: a /30 unique across the gateway's tunnels`);
        } else if (holder !== undefined) {
          checker.check(`${prefix}.tunnelCidr`, 'tunnel-cidr-duplicate', `${show(cidr)} is already used by ${holder} on the same VPN gateway; allowed: a /30 unique across the gateway's tunnels`);
        }
        mine.set(cidr, `${this.node.path} ${prefix}`);
      }
      checker.throwIfAny();
      for (const [cidr, holder] of mine) taken.set(cidr, holder);
      tunnelCidrsByGateway.set(gw, taken);
      return { local: ['0.0.0.0/0'], remote: ['0.0.0.0/0'], destinations: [] };
    }

    const prefixes = (prop: string, list: readonly string[], limits?: { min: number; max: number }): string[] => {
      const out: string[] = [];
      list.forEach((text, i) => {
        if (Token.isUnresolved(text)) {
          checker.check(`${prop}[${i}]`, 'subnet-token', 'is a token; allowed: a literal IPv4 prefix (routes are keyed by their prefixes)');
          return;
        }
        const parsed = parseCidr(text);
        if (!parsed.ok) checker.check(`${prop}[${i}]`, 'subnet-invalid', `${show(text)} is not a valid IPv4 prefix (${parsed.reason}); allowed: an IPv4 prefix in network form, e.g. 10.0.0.0/16`);
        else if (!out.includes(parsed.cidr.text)) out.push(parsed.cidr.text);
      });
      if (limits && (list.length < limits.min || out.length > limits.max)) {
        checker.check(prop, 'subnet-count', `${list.length} prefixes given; allowed: ${limits.min}-${limits.max} per connection`);
      } else if (!limits && list.length === 0) {
        checker.check(prop, 'subnet-count', 'no prefix given; allowed: at least one IPv4 prefix');
      }
      return out;
    };

    let result: { local: string[]; remote: string[]; destinations: string[] };
    if (routing.kind === 'policy') {
      result = {
        local: prefixes('routing.localSubnets', routing.localSubnets, SUBNETS_PER_CONNECTION),
        remote: prefixes('routing.remoteSubnets', routing.remoteSubnets, SUBNETS_PER_CONNECTION),
        destinations: [],
      };
    } else {
      result = { local: ['0.0.0.0/0'], remote: ['0.0.0.0/0'], destinations: prefixes('routing.destinations', routing.destinations) };
    }
    checker.throwIfAny();
    return result;
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
