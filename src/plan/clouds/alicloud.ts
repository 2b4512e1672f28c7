/**
 * Alibaba Cloud VPN Gateway, as the planner knows it: its facts (with sources), gateway kinds,
 * how its tunnels pair (a dual-tunnel gateway's master and slave IPs; every connection
 * configures all its tunnels), the default tunnel the Alibaba Cloud constructs emit, and the
 * resources a link needs on an Alibaba Cloud gateway (customer gateways, IPsec connections and
 * routes). Facts: `shared/reference/cloud-vpn-facts.md` (L*), `shared/providers/alicloud/`.
 */
import { alarmName } from '../alarms';
import type { CloudFacts } from '../facts';
import type { EndpointRef, LinkResourcesBase } from '../tunnel';
import { CloudProfile, TunnelSlot, range, single } from '../profile';
import type { AlicloudGatewayKind } from './ids';

/**
 * Alibaba Cloud's own ASN (L3): what its VPN gateway uses when none is set, refused for a peer.
 * What the Alibaba Cloud constructs default to without a plan.
 */
export const ALICLOUD_DEFAULT_ASN = 45104;

/** Alibaba Cloud VPN Gateway facts. */
export const ALICLOUD: CloudFacts = {
  cloud: 'alicloud',
  psk: {
    charset: 'letters, digits and ~!`@#$%^&*()_-+={}[]|;:\'",.<>/? (no spaces)',
    pattern: /^[A-Za-z0-9~!`@#$%^&*()_\-+={}[\]|;:'",.<>/?]+$/,
    length: range(1, 100),
    sources: ['L1'],
  },
  insideRanges: ['169.254.0.0/16'],
  insideReserved: ['169.254.0.0/30', '169.254.1.0/30', '169.254.2.0/30', '169.254.3.0/30', '169.254.4.0/30', '169.254.5.0/30', '169.254.6.0/30', '169.254.169.252/30'],
  ownAsn: {
    ranges: [range(1, 4294967295)],
    reserved: [],
    rule: '1-4294967295',
    sources: ['L1'],
  },
  peerAsn: {
    ranges: [range(1, 4294967295)],
    reserved: [single(ALICLOUD_DEFAULT_ASN)],
    rule: '1-4294967295, except 45104 (Alibaba Cloud\'s own)',
    sources: ['L3'],
  },
  ikeVersions: ['ikev2', 'ikev1'],
  phase1: {
    encryption: ['aes128', 'aes192', 'aes256', 'des', '3des'],
    integrity: ['md5', 'sha1', 'sha256', 'sha384', 'sha512'],
    dhGroups: [1, 2, 5, 14],
    allowsNoPfs: false,
    lifetimeSeconds: range(0, 86400),
    defaultLifetimeSeconds: 86400,
    lifetimeFixed: false,
  },
  phase2: {
    encryption: ['aes128', 'aes192', 'aes256', 'des', '3des'],
    integrity: ['md5', 'sha1', 'sha256', 'sha384', 'sha512'],
    dhGroups: [1, 2, 5, 14],
    allowsNoPfs: true,
    lifetimeSeconds: range(0, 86400),
    defaultLifetimeSeconds: 86400,
    lifetimeFixed: false,
  },
  spelling: {
    // `aes` is AES-128 (key size not stated by Alibaba: unconfirmed).
    encryption: { aes128: 'aes', aes192: 'aes192', aes256: 'aes256', des: 'des', '3des': '3des' },
    integrity: { md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' },
    phase1Dh: { 1: 'group1', 2: 'group2', 5: 'group5', 14: 'group14' },
    phase2Dh: { 1: 'group1', 2: 'group2', 5: 'group5', 14: 'group14' },
    noPfs: 'disabled',
    ikeVersion: { ikev1: 'ikev1', ikev2: 'ikev2' },
  },
  sources: ['L1', 'L7'],
};

/** Where each Alibaba Cloud fact comes from. */
export const ALICLOUD_SOURCES: Record<string, string> = {
  L1: 'Alibaba Cloud VPC API CreateVpnConnection (aliyun/alibabacloud-java-sdk CreateVpnConnectionRequest)',
  L3: 'Alibaba Cloud VPN Gateway, Customer gateway',
  L7: 'aliyun/terraform-provider-alicloud resource_alicloud_vpn_connection.go',
};

/**
 * Connection limit per Alibaba Cloud gateway kind: the per-gateway quota is unconfirmed; 30 is a
 * conservative, overridable limit (`maxConnections` on the site).
 */
export const ALICLOUD_CONNECTION_LIMITS: Record<AlicloudGatewayKind, number> = { 'dual-tunnel': 30, 'single-tunnel': 30 };

/**
 * The tunnel an Alibaba Cloud connection gets from the planner and, without other props, from the
 * Alibaba Cloud constructs: the planner's default proposal (AES-256, SHA-256, DH group 14) and
 * lifetimes.
 */
export const ALICLOUD_DEFAULT_TUNNEL = {
  /** IKE version, as Alibaba Cloud spells it. */
  ikeVersion: ALICLOUD.spelling.ikeVersion.ikev2,
  /** Encryption, both phases, as Alibaba Cloud spells it. */
  encryption: ALICLOUD.spelling.encryption.aes256!,
  /** Integrity, both phases, as Alibaba Cloud spells it. */
  integrity: ALICLOUD.spelling.integrity.sha256!,
  /** Phase 1 DH group, as Alibaba Cloud spells it. */
  dhGroup: ALICLOUD.spelling.phase1Dh[14]!,
  /** PFS group, as Alibaba Cloud spells it. */
  pfsGroup: ALICLOUD.spelling.phase2Dh[14]!,
  /** Phase 1 lifetime, in seconds. */
  phase1LifetimeSeconds: 28800,
  /** Phase 2 lifetime, in seconds: AWS's maximum, so that every pair of clouds agrees. */
  phase2LifetimeSeconds: 3600,
} as const;

/** Alibaba Cloud customer gateway for one remote endpoint. */
export interface AlicloudCustomerGatewayPlan {
  /** Id of the customer gateway within its link (stable; part of construct ids). */
  readonly id: string;
  /** The remote endpoint whose public IP the customer gateway registers. */
  readonly remote: EndpointRef;
  /**
   * The remote end's ASN: 1-4294967295, a peer ASN Alibaba Cloud accepts ({@link ALICLOUD}`.peerAsn`).
   *
   * @default - none: not a BGP link
   */
  readonly asn?: number;
}

/** Alibaba Cloud IPsec connection: dual-tunnel (master + slave) or single-tunnel. */
export interface AlicloudConnectionPlan {
  /** Id of the connection within its link (stable; part of construct ids). */
  readonly id: string;
  /** Dual-tunnel (master + slave) or single-tunnel connection. */
  readonly mode: 'dual-tunnel' | 'single-tunnel';
  /** The connection's tunnels. */
  readonly tunnels: readonly {
    /** The gateway endpoint the tunnel leaves from. */
    readonly role: 'master' | 'slave';
    /** Id of the customer gateway (`AlicloudCustomerGatewayPlan.id`) it goes to. */
    readonly customerGateway: string;
    /** Id of the planned tunnel. */
    readonly tunnel: string;
  }[];
  /** Whether BGP runs over the connection. */
  readonly bgpEnabled: boolean;
  /** Interest-flow subnets: local / remote (`0.0.0.0/0` both in destination-routing mode). */
  readonly localSubnets: readonly string[];
  /** Remote interest-flow subnets (`0.0.0.0/0` in destination-routing mode). */
  readonly remoteSubnets: readonly string[];
  /** Route entries to publish to the VPC. */
  readonly routes: {
    /** Policy routes, destination routes, or none to write (BGP learns them). */
    readonly kind: 'policy' | 'destination' | 'bgp';
    /** Destination prefixes (the remote side). */
    readonly destinations: readonly string[];
    /** Source prefixes of policy routes (the local side). */
    readonly sources: readonly string[];
  };
}

/** What an Alibaba Cloud gateway needs for one link. */
export interface AlicloudLinkResources extends LinkResourcesBase {
  /** Discriminator: an Alibaba Cloud gateway's resources. */
  readonly cloud: 'alicloud';
  /** One customer gateway per remote endpoint. */
  readonly customerGateways: readonly AlicloudCustomerGatewayPlan[];
  /** IPsec connections (dual-tunnel: two tunnels each). */
  readonly connections: readonly AlicloudConnectionPlan[];
}

const ENDPOINTS: Record<AlicloudGatewayKind, string[]> = { 'dual-tunnel': ['master', 'slave'], 'single-tunnel': ['master'] };
/** A dual-tunnel connection configures both its tunnels, answered or not. */
const configuresIdle = (kind: string) => kind === 'dual-tunnel';
const ROLES = ['master', 'slave'] as const;

/**
 * Alibaba Cloud, as the planner knows it.
 *
 * @internal the planner's contract with a cloud (`CloudProfile`) is not public API yet
 */
export const ALICLOUD_PROFILE: CloudProfile<AlicloudGatewayKind, AlicloudLinkResources> = {
  cloud: 'alicloud',
  name: 'Alibaba Cloud',
  display: {
    label: 'Alibaba Cloud',
    color: '#ff6a00',
    nouns: { peers: 'customer gateways', connections: 'IPsec connections' },
    count: (l) => ({ peers: l.customerGateways.length, connections: l.connections.length }),
  },
  facts: ALICLOUD,
  sources: ALICLOUD_SOURCES,
  kinds: ['dual-tunnel', 'single-tunnel'],
  endpoints: (kind) => [...(ENDPOINTS[kind] ?? [])],
  tunnelOnEveryEndpoint: true,
  idleReason: () => undefined,
  // Dual-tunnel: master = tunnel 1, slave = tunnel 2 of the connection per round (toward AWS: one
  // connection per AWS tunnel number). Single-tunnel: one connection per active tunnel, numbered densely.
  place: ({ site, endpointIndex, round, earlier }) => (site.kind === 'dual-tunnel'
    ? { connection: round, tunnel: endpointIndex + 1 }
    : { connection: earlier.filter((s) => s.state === 'active').length + 1, tunnel: 1 }),
  configuresIdle,
  alwaysInside: false,
  firstHostRank: 1, // between Azure and Alibaba Cloud, Alibaba takes the first host
  scarceInsideRange: false,
  initiation: () => 'initiates', // effect immediately
  startsBgp: undefined, // unconfirmed
  lifetimes: { phase1: ALICLOUD_DEFAULT_TUNNEL.phase1LifetimeSeconds, phase2: ALICLOUD_DEFAULT_TUNNEL.phase2LifetimeSeconds },
  siteWarnings: () => [],
  // One CloudMonitor rule per IPsec connection on its inbound bandwidth (namespace acs_vpn, metric
  // ipsec_rx.rate, dimensions instanceId = the VPN gateway, ipsecId = the connection; period a
  // multiple of 60 s): the documented acs_vpn metrics have no tunnel dimension, so both tunnels of a
  // dual-tunnel connection name the same alarm (AlibabaCloudDocs/cms, intl.en-US/Appendix 1:
  // Metrics/Cloud essentials/Networking/vpngw.md). It fires when nothing arrives on the connection.
  alarms: ({ deployment, tunnelId, link, site, placement }) => [{
    name: placement ? alarmName(deployment, `${link.id}.${site.id}`, `ali-conn${placement.connection}`) : alarmName(deployment, tunnelId, 'ali-conn'),
    service: 'cloudmonitor',
    metric: 'acs_vpn ipsec_rx.rate',
    watches: 'no traffic received (IPsec connection)',
  }],

  planGateway: ({ site, links }) => ({
    links: links.map(({ link, side, remote, slots, tunnel }): AlicloudLinkResources => {
      const bgp = link.routing === 'bgp';
      const remoteAsn = bgp ? tunnel(slots[0]).ends[1 - side].asn : undefined;
      const at = (slot: TunnelSlot) => slot.placements[side]!;
      // One customer gateway per remote endpoint its tunnels use.
      const customerGateways: AlicloudCustomerGatewayPlan[] = [];
      const cgwFor = (slot: TunnelSlot): string => {
        const endpoint = slot.endpoints[1 - side];
        let cgw = customerGateways.find((c) => c.remote.endpoint === endpoint);
        if (!cgw) {
          cgw = { id: `cgw${customerGateways.length + 1}`, remote: { site: remote.id, endpoint }, asn: remoteAsn };
          customerGateways.push(cgw);
        }
        return cgw.id;
      };
      const groups = new Map<number, TunnelSlot[]>();
      for (const slot of slots) {
        if (slot.state !== 'active' && !(configuresIdle(site.kind) && slots.some((s) => s.state === 'active' && at(s).connection === at(slot).connection))) continue;
        const n = at(slot).connection;
        groups.set(n, [...(groups.get(n) ?? []), slot]);
      }
      const subnets = link.routing === 'policy'
        ? { local: [...link.selectors[side]], remote: [...link.selectors[1 - side]] }
        : { local: ['0.0.0.0/0'], remote: ['0.0.0.0/0'] };
      const connections = [...groups.entries()].sort((x, y) => x[0] - y[0]).map(([n, group]): AlicloudConnectionPlan => ({
        id: `conn${n}`,
        mode: site.kind === 'dual-tunnel' ? 'dual-tunnel' : 'single-tunnel',
        tunnels: group.map((slot) => ({ role: ROLES[at(slot).tunnel - 1], customerGateway: cgwFor(slot), tunnel: tunnel(slot).id })),
        bgpEnabled: bgp,
        localSubnets: subnets.local,
        remoteSubnets: subnets.remote,
        routes: link.routing === 'policy'
          ? { kind: 'policy', destinations: [...link.selectors[1 - side]], sources: [...link.selectors[side]] }
          : link.routing === 'static'
            ? { kind: 'destination', destinations: remote.cidrs.map((c) => c.text), sources: [] }
            : { kind: 'bgp', destinations: [], sources: [] },
      }));
      return { cloud: 'alicloud', link: link.id, remoteSite: remote.id, customerGateways, connections };
    }),
  }),
  connectionLimit: (kind) => ALICLOUD_CONNECTION_LIMITS[kind],
  capacity: (site, links) => ({
    used: links.reduce((n, r) => n + r.connections.length, 0),
    limit: ALICLOUD_CONNECTION_LIMITS[site.kind as AlicloudGatewayKind],
    unit: 'connections',
    gateway: site.kind,
    remedy: '',
  }),
};
