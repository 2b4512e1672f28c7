/**
 * AWS Site-to-Site VPN, as the planner knows it: its facts (with sources), gateway kinds, how its
 * tunnels pair (outside IPs per VPN connection, two tunnels each), the default tunnel the AWS
 * constructs emit, and the resources a link needs on an AWS gateway (customer gateways and VPN
 * connections). Facts: `shared/reference/cloud-vpn-facts.md` (A*), `aws-cdk-lib`'s
 * `ec2.generated.d.ts` (the CloudFormation documentation it ships).
 */
import { alarmName } from '../alarms';
import type { CloudFacts } from '../facts';
import type { EndpointRef, LinkResourcesBase } from '../tunnel';
import { CloudProfile, range, single } from '../profile';
import type { AwsGatewayKind } from './ids';

/**
 * AWS's default Amazon-side ASN: what a virtual private gateway or transit gateway created
 * without `AmazonSideAsn` gets (A7). The one default for an AWS site without an ASN: the planner
 * gives it to every AWS site that pins none, and the AWS constructs emit it.
 */
export const AWS_DEFAULT_AMAZON_SIDE_ASN = 64512;

/** AWS Site-to-Site VPN facts. */
export const AWS: CloudFacts = {
  cloud: 'aws',
  psk: {
    charset: 'letters, digits, "." and "_"',
    pattern: /^[A-Za-z0-9._]+$/,
    length: range(8, 64),
    extra: { test: (k) => !k.startsWith('0'), rule: 'must not start with "0"' },
    sources: ['A1', 'A3', 'A4'],
  },
  insideRanges: ['169.254.0.0/16'],
  insideReserved: ['169.254.0.0/30', '169.254.1.0/30', '169.254.2.0/30', '169.254.3.0/30', '169.254.4.0/30', '169.254.5.0/30', '169.254.169.252/30'],
  ownAsn: {
    ranges: [range(64512, 65534), range(4200000000, 4294967294)],
    reserved: [],
    rule: '64512-65534 or 4200000000-4294967294 (private ASNs only)',
    sources: ['A7', 'A13'],
  },
  peerAsn: {
    // Customer gateway: `BgpAsn` 1-2,147,483,647, `BgpAsnExtended` 2,147,483,648-4,294,967,295
    // (A6 A14); an ASN above 2,147,483,647 must go in `BgpAsnExtended`. The resource schema
    // aws-cdk-lib's CloudFormation validator bundles caps BgpAsnExtended at 4,294,967,294 (rule
    // F3034; 4,294,967,295 is IANA-reserved): the stricter bound.
    ranges: [range(1, 4294967294)],
    reserved: [single(7224), single(9059)],
    rule: '1-4294967294 (above 2147483647 as BgpAsnExtended), except 7224 and 9059 (reserved in us-east-1 / eu-west-1)',
    sources: ['A5', 'A6', 'A14'],
  },
  ikeVersions: ['ikev2', 'ikev1'],
  phase1: {
    encryption: ['aes128', 'aes256', 'aes128gcm16', 'aes256gcm16'],
    integrity: ['sha1', 'sha256', 'sha384', 'sha512'],
    dhGroups: [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
    allowsNoPfs: false,
    lifetimeSeconds: range(900, 28800),
    defaultLifetimeSeconds: 28800,
    lifetimeFixed: false,
  },
  phase2: {
    encryption: ['aes128', 'aes256', 'aes128gcm16', 'aes256gcm16'],
    integrity: ['sha1', 'sha256', 'sha384', 'sha512'],
    dhGroups: [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
    allowsNoPfs: false,
    lifetimeSeconds: range(900, 3600),
    defaultLifetimeSeconds: 3600,
    lifetimeFixed: false,
  },
  spelling: {
    encryption: { aes128: 'AES128', aes256: 'AES256', aes128gcm16: 'AES128-GCM-16', aes256gcm16: 'AES256-GCM-16' },
    integrity: { sha1: 'SHA1', sha256: 'SHA2-256', sha384: 'SHA2-384', sha512: 'SHA2-512' },
    phase1Dh: { 2: '2', 14: '14', 15: '15', 16: '16', 17: '17', 18: '18', 19: '19', 20: '20', 21: '21', 22: '22', 23: '23', 24: '24' },
    phase2Dh: { 2: '2', 5: '5', 14: '14', 15: '15', 16: '16', 17: '17', 18: '18', 19: '19', 20: '20', 21: '21', 22: '22', 23: '23', 24: '24' },
    ikeVersion: { ikev1: 'ikev1', ikev2: 'ikev2' },
  },
  sources: ['A1', 'A2', 'A3'],
};

/** Where each AWS fact comes from. */
export const AWS_SOURCES: Record<string, string> = {
  A1: 'AWS Site-to-Site VPN User Guide, Tunnel options for your Site-to-Site VPN connection',
  A2: 'Amazon EC2 API Reference, VpnTunnelOptionsSpecification',
  A3: 'hashicorp/terraform-provider-aws internal/service/ec2/vpnsite_connection.go',
  A4: 'aws/aws-cdk packages/aws-cdk-lib/aws-ec2/lib/vpn.ts',
  A5: 'AWS Site-to-Site VPN User Guide, Customer gateway options',
  A6: 'Amazon EC2 API Reference, CreateCustomerGateway',
  A7: 'Amazon EC2 API Reference, CreateVpnGateway / TransitGatewayRequestOptions AmazonSideAsn',
  A10: 'AWS Site-to-Site VPN User Guide, quotas',
  A13: 'AWS Site-to-Site VPN User Guide, How AWS Site-to-Site VPN works',
  A14: 'CloudFormation AWS::EC2::CustomerGateway BgpAsn (1-2,147,483,647) / BgpAsnExtended (2,147,483,648-4,294,967,295), as aws-cdk-lib ec2.generated.d.ts CfnCustomerGatewayProps documents them',
};

/**
 * Connection limits per AWS gateway kind, in VPN connections: 10 per virtual private gateway; a
 * transit gateway is bounded by the 50 customer gateways / VPN connections per region (A10).
 */
export const AWS_CONNECTION_LIMITS: Record<AwsGatewayKind, number> = { 'vpn-gateway': 10, 'transit-gateway': 50 };

/**
 * The tunnel an AWS VPN connection gets from the planner and, without other props, from the AWS
 * constructs: the planner's default proposal (AES-256, SHA2-256, DH group 14) and timers.
 */
export const AWS_DEFAULT_TUNNEL = {
  /** IKE version, as AWS spells it. */
  ikeVersion: AWS.spelling.ikeVersion.ikev2,
  /** Encryption, both phases, as AWS spells it. */
  encryption: AWS.spelling.encryption.aes256!,
  /** Integrity, both phases, as AWS spells it. */
  integrity: AWS.spelling.integrity.sha256!,
  /** DH group (phase 1) and PFS group (phase 2), IANA number. */
  dhGroup: 14,
  /** Phase 1 lifetime, in seconds (28800, AWS's default and maximum, A1). */
  phase1LifetimeSeconds: 28800,
  /** Phase 2 lifetime, in seconds: AWS's maximum (A1). */
  phase2LifetimeSeconds: 3600,
  /** Rekey margin, in seconds, set explicitly because the documented defaults disagree (A1 A2 A3). */
  rekeyMarginSeconds: 540,
  /** Rekey fuzz, in percent of the rekey margin (0-100, A1). */
  rekeyFuzzPercentage: 100,
  /** Replay window, in packets (64-2048, A1). */
  replayWindowPackets: 1024,
  /** DPD timeout, in seconds (>= 30, A1); action `restart` re-initiates instead of clearing the tunnel. */
  dpdTimeoutSeconds: 30,
} as const;

/** The endpoint name of an AWS tunnel's outside IP. */
export function awsEndpoint(linkId: string, connection: number, tunnel: number): string {
  return `${linkId}/conn${connection}/tunnel${tunnel}`;
}

/** The connection (`<link>/conn<k>`) of an endpoint name `awsEndpoint` wrote, else `undefined`. */
export function awsConnectionOf(endpoint: string): string | undefined {
  return /^(.+\/conn[1-9]\d*)\/tunnel[12]$/.exec(endpoint)?.[1];
}

/** AWS customer gateway for one remote endpoint. */
export interface AwsCustomerGatewayPlan {
  /** Id of the customer gateway within its link (stable; part of construct ids). */
  readonly id: string;
  /** The remote endpoint whose public IP the customer gateway registers. */
  readonly remote: EndpointRef;
  /**
   * The remote end's ASN, as the customer gateway's `BgpAsn`: 1-4294967295, a peer ASN AWS
   * accepts ({@link AWS}`.peerAsn`).
   *
   * @default - none: not a BGP link (`AwsPeerGateway` then registers AWS's default, 65000)
   */
  readonly bgpAsn?: number;
}

/** AWS VPN connection: one tunnel pair toward one customer gateway. */
export interface AwsVpnConnectionPlan {
  /** Id of the VPN connection within its link (stable; part of construct ids). */
  readonly id: string;
  /** Id of the customer gateway (`AwsCustomerGatewayPlan.id`) the connection goes to. */
  readonly customerGateway: string;
  /** Tunnel ids of tunnel 1 and tunnel 2 (active or idle). */
  readonly tunnels: readonly [string, string];
  /** Whether the connection uses static routes instead of BGP (`StaticRoutesOnly`). */
  readonly staticRoutesOnly: boolean;
  /** Remote prefixes routed over the connection (static routing). */
  readonly staticRoutes: readonly string[];
  /**
   * The single AWS-side prefix of policy routing (AWS takes one prefix per side): the AWS site's
   * selector. `AwsVpnConnectionProps.awsNetworkCidr`, CloudFormation `RemoteIpv4NetworkCidr`
   * (AWS names its own side "remote").
   *
   * @default - none: not a policy link
   */
  readonly localNetworkCidr?: string;
  /**
   * The single peer-side prefix of policy routing: the remote site's selector.
   * `AwsVpnConnectionProps.peerNetworkCidr`, CloudFormation `LocalIpv4NetworkCidr` (AWS names the
   * customer side "local").
   *
   * @default - none: not a policy link
   */
  readonly remoteNetworkCidr?: string;
}

/** What an AWS gateway needs for one link. */
export interface AwsLinkResources extends LinkResourcesBase {
  /** Discriminator: an AWS gateway's resources. */
  readonly cloud: 'aws';
  /** One customer gateway per remote endpoint. */
  readonly customerGateways: readonly AwsCustomerGatewayPlan[];
  /** VPN connections, two tunnels each. */
  readonly vpnConnections: readonly AwsVpnConnectionPlan[];
}

/**
 * AWS, as the planner knows it.
 *
 * @internal the planner's contract with a cloud (`CloudProfile`) is not public API yet
 */
export const AWS_PROFILE: CloudProfile<AwsGatewayKind, AwsLinkResources> = {
  cloud: 'aws',
  name: 'AWS',
  display: {
    label: 'AWS',
    color: '#ff9900',
    nouns: { peers: 'customer gateways', connections: 'VPN connections' },
    count: (l) => ({ peers: l.customerGateways.length, connections: l.vpnConnections.length }),
    endpointGroups: (l) => l.vpnConnections,
  },
  facts: AWS,
  sources: AWS_SOURCES,
  kinds: ['vpn-gateway', 'transit-gateway'],
  // Outside IPs belong to each VPN connection, two tunnels each (A1).
  endpoints: () => [],
  perConnection: { tunnelsPerConnection: 2, endpoint: awsEndpoint, connectionOf: awsConnectionOf },
  tunnelOnEveryEndpoint: false,
  idleReason: (step) => (step.round === 2 && step.link.layout === 'minimal' ? 'minimal layout: tunnel 1 of each AWS VPN connection carries the link' : undefined),
  place: () => undefined, // the driver's placement: connection and tunnel number
  configuresIdle: () => true, // every VPN connection has its two tunnels
  alwaysInside: true, // every tunnel has inside addresses (A1)
  firstHostRank: 2, // AWS takes the first host (Z8)
  scarceInsideRange: false,
  defaultAsn: AWS_DEFAULT_AMAZON_SIDE_ASN,
  initiation: (ikeVersion) => (ikeVersion === 'ikev2' ? 'leads' : 'responds'), // startup action `start` needs IKEv2 (A9)
  startsBgp: true,
  lifetimes: { phase1: AWS_DEFAULT_TUNNEL.phase1LifetimeSeconds, phase2: AWS_DEFAULT_TUNNEL.phase2LifetimeSeconds },
  singlePolicyPrefix: { code: 'selectors-aws-single', rule: 'AWS takes one local and one remote prefix per VPN connection with policy routing' },
  siteWarnings: () => [],
  // One CloudWatch alarm per tunnel on the AWS/VPN TunnelState metric of the tunnel's outside IP
  // (dimension TunnelIpAddress): "For static VPNs, 0 indicates DOWN and 1 indicates UP. For BGP
  // VPNs, 1 indicates ESTABLISHED and 0 is used for all other states"
  // (https://docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-cloudwatch-vpn.html); the alarm
  // (src/aws/alarms.ts) also fires when the metric stops reporting (missing data is breaching).
  alarms: ({ deployment, tunnelId, link }) => [{
    name: alarmName(deployment, tunnelId, 'aws-tunnel'),
    service: 'cloudwatch',
    metric: 'AWS/VPN TunnelState',
    watches: link.routing === 'bgp' ? 'tunnel or BGP session down, or no data' : 'tunnel down, or no data',
  }],

  planGateway: ({ links }) => ({
    links: links.map(({ link, side, remote, slots, tunnel }): AwsLinkResources => {
      const bgp = link.routing === 'bgp';
      const remoteAsn = bgp ? tunnel(slots[0]).ends[1 - side].asn : undefined;
      // One customer gateway and one VPN connection per remote endpoint.
      const remoteEndpoints = slots.filter((s) => s.placements[side]!.tunnel === 1).map((s) => s.endpoints[1 - side]);
      const customerGateways = remoteEndpoints.map((endpoint, k) => ({ id: `cgw${k + 1}`, remote: { site: remote.id, endpoint }, bgpAsn: remoteAsn }));
      const vpnConnections = remoteEndpoints.map((_, k): AwsVpnConnectionPlan => {
        const pair = [1, 2].map((n) => slots.find((s) => s.placements[side]!.connection === k + 1 && s.placements[side]!.tunnel === n)!);
        return {
          id: `conn${k + 1}`,
          customerGateway: `cgw${k + 1}`,
          tunnels: [tunnel(pair[0]).id, tunnel(pair[1]).id],
          staticRoutesOnly: !bgp,
          staticRoutes: link.routing === 'static' ? remote.cidrs.map((c) => c.text) : link.routing === 'policy' ? [...link.selectors[1 - side]] : [],
          localNetworkCidr: link.routing === 'policy' ? link.selectors[side][0] : undefined,
          remoteNetworkCidr: link.routing === 'policy' ? link.selectors[1 - side][0] : undefined,
        };
      });
      return { cloud: 'aws', link: link.id, remoteSite: remote.id, customerGateways, vpnConnections };
    }),
  }),
  connectionLimit: (kind) => AWS_CONNECTION_LIMITS[kind],
  capacity: (site, links) => ({
    used: links.reduce((n, r) => n + r.vpnConnections.length, 0),
    limit: AWS_CONNECTION_LIMITS[site.kind as AwsGatewayKind],
    unit: 'VPN connections',
    gateway: site.kind,
    remedy: '',
  }),
};
