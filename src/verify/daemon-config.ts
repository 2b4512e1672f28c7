/**
 * Renders the files of one lab endpoint (strongswan.conf, swanctl.conf, the updown hook) and of
 * the BIRD speakers, from engine-neutral tunnel halves. Pure: unit-tested without root.
 *
 * Lab layout (see `lab-plan.ts`): every tunnel half runs in its own network namespace with its
 * own charon (kernel-libipsec: one TUN `ipsec0` per charon, hence one route-based tunnel per
 * charon) and, for BGP tunnels, its own BIRD that speaks eBGP over the tunnel and iBGP to the
 * site's router namespace.
 * @internal
 */
import type { TunnelHalf } from './types';

/** Timers of charon itself (retransmits drive IKEv2 liveness: `dpd_timeout` is IKEv1 only). */
export interface CharonTimers {
  readonly retransmitTimeout: number;
  readonly retransmitBase: number;
  readonly retransmitTries: number;
}

/** Fast retransmits: an unreachable peer is declared dead after ~3 s instead of ~165 s. */
export const FAST_RETRANSMITS: CharonTimers = { retransmitTimeout: 1.0, retransmitBase: 1.0, retransmitTries: 2 };

/** Where the files and sockets of one endpoint live. */
export interface EndpointPaths {
  readonly dir: string;
  readonly runDir: string;
  readonly vici: string;
  readonly charonLog: string;
  readonly updown: string;
}

/** strongswan.conf of one endpoint (the recipe's proven settings). */
export function strongswanConf(paths: EndpointPaths, timers: CharonTimers = FAST_RETRANSMITS): string {
  return [
    'charon {',
    '  # No gmp: openssl does the MODP Diffie-Hellman too, at a fraction of the CPU (gmp\'s',
    '  # constant-time modexp was 4.5 % of an e2e run\'s CPU samples; the run took 3 CPU-s less).',
    '  load = kdf random nonce aes md5 sha1 sha2 hmac gcm pem pkcs1 x509 revocation constraints pubkey openssl kernel-libipsec kernel-netlink socket-default vici updown',
    '  # kernel-libipsec ignores install_routes and puts "default dev ipsec0" in table 220 for a',
    '  # 0.0.0.0/0 remote selector; consulted after main so ESP-in-UDP to the peer does not loop.',
    '  routing_table = 220',
    '  routing_table_prio = 32767',
    '  install_virtual_ip = no',
    '  threads = 16',
    `  retransmit_timeout = ${timers.retransmitTimeout}`,
    `  retransmit_base = ${timers.retransmitBase}`,
    `  retransmit_tries = ${timers.retransmitTries}`,
    '  filelog {',
    '    log {',
    `      path = ${paths.charonLog}`,
    '      time_format = %H:%M:%S',
    '      default = 1',
    '      ike = 1',
    '      cfg = 2',
    '      flush_line = yes',
    '    }',
    '  }',
    '  plugins {',
    '    kernel-libipsec {',
    '      allow_peer_ts = yes',
    '    }',
    '    vici {',
    `      socket = unix://${paths.vici}`,
    '    }',
    '  }',
    '}',
    'swanctl {',
    '  load = pem pkcs1 x509 revocation constraints pubkey openssl random',
    '}',
    '',
  ].join('\n');
}

/** What the harness decided for one half on one run. */
export interface HalfRun {
  /** This half starts IKE (explicit `swanctl --initiate`, so `start_action` stays `none`). */
  readonly initiates: boolean;
  /** This half creates the CHILD SAs it sends proposals for (initial child or rekey). */
  readonly createsChildren: boolean;
  /** Divide lifetimes, DPD delays by this (failover runs); 1 otherwise. */
  readonly timerScale: number;
  /** Take the inside address off ipsec0 while the SA is down (couples BGP to SA state). */
  readonly insideFollowsSa: boolean;
}

const secs = (n: number) => `${Math.max(1, Math.round(n))}s`;

/** swanctl.conf of one half: connection `tun` with child `tun`, and its secret. */
export function swanctlConf(half: TunnelHalf, peerAddress: string, paths: EndpointPaths, runOpts: HalfRun): string {
  const s = runOpts.timerScale;
  const esp = runOpts.createsChildren ? half.esp.offers : half.esp.accepts;
  const childRekey = half.childLifetimeSeconds * 0.85;
  const dpd = half.dpd;
  const inside = half.inside ? `${half.inside.address} ${half.inside.peerAddress}` : '- -';
  // A responder that takes any selectors: 0/0 both ways, strongSwan narrows to the initiator's proposal.
  const anyTs = half.respondsToAnyTs && !runOpts.initiates;
  const lines = [
    'connections {',
    '  tun {',
    `    version = ${half.ikeVersion}`,
    `    local_addrs = ${half.outsideAddress}`,
    `    remote_addrs = ${peerAddress}`,
    `    proposals = ${half.ikeProposals.join(', ')}`,
    `    aggressive = ${half.aggressive ? 'yes' : 'no'}`,
    '    mobike = no',
    '    encap = yes',
    `    rekey_time = ${secs((half.ikeLifetimeSeconds * 0.9) / s)}`,
    `    dpd_delay = ${dpd ? secs(dpd.delaySeconds / s) : '0s'}`,
    ...(dpd && half.ikeVersion !== 2 ? [`    dpd_timeout = ${secs(dpd.timeoutSeconds / s)}`] : []),
    '    local {',
    '      auth = psk',
    `      id = ${half.localId}`,
    '    }',
    '    remote {',
    '      auth = psk',
    `      id = ${half.remoteId}`,
    '    }',
    '    children {',
    '      tun {',
    `        local_ts = ${anyTs ? '0.0.0.0/0' : half.localTs.join(', ')}`,
    `        remote_ts = ${anyTs ? '0.0.0.0/0' : half.remoteTs.join(', ')}`,
    `        esp_proposals = ${esp.join(', ')}`,
    `        rekey_time = ${secs(childRekey / s)}`,
    `        life_time = ${secs(half.childLifetimeSeconds / s)}`,
    '        start_action = none',
    `        dpd_action = ${dpd?.action === 'restart' ? 'restart' : dpd?.action === 'clear' ? 'clear' : 'none'}`,
    '        close_action = none',
    `        updown = ${paths.updown} ${inside} ${runOpts.insideFollowsSa ? 'yes' : 'no'}`,
    '      }',
    '    }',
    '  }',
    '}',
    'secrets {',
    '  ike-tun {',
    `    id-1 = ${half.localId}`,
    `    id-2 = ${half.remoteId}`,
    // Hex, so no character of any cloud's key alphabet needs quoting.
    `    secret = 0x${Buffer.from(half.psk ? half.psk.reveal() : '', 'utf8').toString('hex')}`,
    '  }',
    '}',
    '',
  ];
  return lines.join('\n');
}

/**
 * The updown hook (charon runs it with `sh -c`, inside the endpoint's namespace): puts the
 * inside address back on ipsec0 when the CHILD SA comes up, optionally removes it when it goes.
 */
export const UPDOWN_SCRIPT = `#!/bin/sh
# $1 = own inside address, $2 = peer inside address ("-" without), $3 = "yes": remove on down
[ "$1" = "-" ] && exit 0
case "$PLUTO_VERB" in
  up-client)   ip addr replace "$1" peer "$2" dev ipsec0 ;;
  down-client) [ "$3" = yes ] && ip addr del "$1" peer "$2" dev ipsec0 2>/dev/null ;;
esac
exit 0
`;

/** BGP timers of one session in the lab. */
export interface BgpTimers {
  readonly holdSeconds: number;
  readonly keepaliveSeconds: number;
}

const BIRD_HEAD = (logFile: string, routerId: string) => [
  `log "${logFile}" { info, remote, warning, error, auth, fatal, bug, trace };`,
  'timeformat log "%F %T.%3f";',
  `router id ${routerId};`,
  '# BIRD 2.0.12 event-loop race (first UPDATE delayed ~2 s); a 1 s device scan keeps the loop awake.',
  'protocol device { scan time 1; }',
];

/** Common session timers: fast retries so a session that can come up does so within ~1 s. */
const SESSION_TIMERS = 'connect delay time 1; connect retry time 2; error wait time 1, 5;';

/**
 * BIRD import filter of a half: what its cloud refuses of the peer's announcement
 * (`reach.rejects`: exact prefixes, or every prefix overlapping one).
 */
export function birdImportFilter(half: TunnelHalf): string {
  const rejects = half.reach?.rejects ?? [];
  if (!rejects.length) return 'import all;';
  const set = rejects.flatMap((x) => (x.match === 'exact' ? [x.prefix] : [`${x.prefix}+`, `${x.prefix}-`])).join(', ');
  return `import where !(net ~ [ ${set} ]);`;
}

/**
 * bird.conf of a BGP tunnel endpoint: eBGP over the tunnel announcing exactly what the half's
 * cloud announces (`advertise`, as static routes of its own) and importing what the cloud
 * accepts; iBGP to the site router, which learns the tunnel's routes only where the site's route
 * tables take them from the gateway (`reach.siteRoutes`: VGW route propagation, Alibaba
 * auto_propagate).
 */
export function endpointBirdConf(half: TunnelHalf, o: {
  logFile: string; routerId: string; linkAddress: string; routerAddress: string; timers: BgpTimers; bfd: boolean;
}): string {
  const bgp = half.bgp!;
  const inside = half.inside!;
  const toSite = !half.reach || half.reach.siteRoutes.kind === 'all';
  return [
    ...BIRD_HEAD(o.logFile, o.routerId),
    'protocol kernel { ipv4 { import none; export where source = RTS_BGP; }; }',
    `protocol static adv { ipv4; ${half.advertise.map((n) => `route ${n} blackhole;`).join(' ')} }`,
    ...(o.bfd ? ['protocol bfd { interface "ipsec0" { min rx interval 100 ms; min tx interval 100 ms; multiplier 3; }; }'] : []),
    'protocol bgp tun {',
    '  debug { states, events };',
    `  local ${inside.address} as ${bgp.localAsn};`,
    `  neighbor ${inside.peerAddress} as ${bgp.peerAsn};`,
    `  passive ${bgp.passive ? 'on' : 'off'};`,
    `  hold time ${o.timers.holdSeconds}; keepalive time ${o.timers.keepaliveSeconds};`,
    `  ${SESSION_TIMERS}`,
    ...(o.bfd ? ['  bfd on;'] : []),
    `  ipv4 { ${birdImportFilter(half)} export where proto = "adv"; };`,
    '}',
    'protocol bgp vpc {',
    `  local ${o.linkAddress} as ${bgp.localAsn};`,
    `  neighbor ${o.routerAddress} as ${bgp.localAsn};`,
    '  direct;',
    `  hold time 9; keepalive time 3; ${SESSION_TIMERS}`,
    `  ipv4 { import none; ${toSite ? 'export where proto = "tun"; next hop self;' : 'export none;'} };`,
    '}',
    '',
  ].join('\n');
}

/** bird.conf of a site router: announces the site's networks to its BGP endpoints over iBGP. */
export function routerBirdConf(o: {
  logFile: string; routerId: string; networks: readonly string[];
  /** BGP endpoints of the site; the router takes each one's ASN (iBGP), so a gateway's ASN need not be uniform. */
  endpoints: readonly { name: string; asn: number; linkAddress: string; routerAddress: string }[];
}): string {
  return [
    ...BIRD_HEAD(o.logFile, o.routerId),
    // Several tunnels to one remote site: the kernel gets one multipath route over all of them.
    'protocol kernel { merge paths on; ipv4 { import none; export where source = RTS_BGP; }; }',
    `protocol static { ipv4; ${o.networks.map((n) => `route ${n} unreachable;`).join(' ')} }`,
    ...o.endpoints.flatMap((e) => [
      `protocol bgp ${e.name} {`,
      `  local ${e.routerAddress} as ${e.asn}; neighbor ${e.linkAddress} as ${e.asn}; direct;`,
      `  hold time 9; keepalive time 3; ${SESSION_TIMERS}`,
      '  ipv4 { import all; export where source = RTS_STATIC; next hop self; };',
      '}',
    ]),
    '',
  ].join('\n');
}
