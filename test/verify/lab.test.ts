/**
 * The lab's pure parts: layout, daemon configuration files, parsers of the daemons' output and
 * the failure diagnosis. No root needed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyBgpFailure, classifyIkeFailure } from '../../src/verify/harness';
import { endpointBirdConf, routerBirdConf, strongswanConf, swanctlConf } from '../../src/verify/daemon-config';
import { linkCommands, namespaceCommands, planLab, staticRouterRoutes } from '../../src/verify/lab-plan';
import { modelDeployment, pairHalves } from '../../src/verify/models';
import { childCounters, counters, espDelta, parseBirdProtocol, parseBirdRoutes, proposalText, saState } from '../../src/verify/parse';
import { readDeployment } from '../../src/verify/read-output';
import type { TunnelHalf } from '../../src/verify/types';

const d = readDeployment([path.join(__dirname, 'fixtures', 'aws-azure')]);
const model = modelDeployment(d);
const [aws, azure] = pairHalves(model.halves).pairs[0].halves;
const paths = { dir: '/w/e1', runDir: '/w/e1/run', vici: '/w/e1/charon.vici', charonLog: '/w/e1/charon.log', updown: '/w/updown.sh' };

describe('planLab', () => {
  const plan = planLab('ab12', [{ key: aws.site, networks: ['10.10.0.0/16'] }, { key: azure.site, networks: ['10.20.0.0/16'] }], [{ id: 't1', halves: [aws, azure], initiator: 0, rekeyer: 0 }]);

  test('prefixes every namespace with the run id and keeps interface names within 15 characters', () => {
    expect(plan.namespaces).toEqual(['cvab12-inet', 'cvab12-r1', 'cvab12-h1', 'cvab12-r2', 'cvab12-h2', 'cvab12-e1', 'cvab12-e2']);
    const names = linkCommands(plan).flatMap((l) => [...l.matchAll(/name (\S+)/g)].map((m) => m[1]));
    expect(names.every((n) => n.length <= 15)).toBe(true);
  });

  test('addresses the test host at the first usable address of the site\'s network, links after it', () => {
    expect(plan.sites.map((s) => [s.hostAddress, s.routerHostAddress])).toEqual([['10.10.0.1', '10.10.0.2'], ['10.20.0.1', '10.20.0.2']]);
    expect(plan.endpoints.map((e) => [e.routerAddress, e.linkAddress])).toEqual([['10.10.0.5', '10.10.0.6'], ['10.20.0.5', '10.20.0.6']]);
  });

  test('"inet" delivers each (peer → outside) pair to its own endpoint only: one rule per half, fixed neighbours', () => {
    const inet = namespaceCommands(plan).get('cvab12-inet')!;
    expect(inet).toContain(`rule add from ${azure.outsideAddress}/32 to ${aws.outsideAddress}/32 lookup 1001 priority 1001`);
    expect(inet).toContain(`route add ${aws.outsideAddress}/32 dev e1 table 1001`);
    expect(inet.filter((l) => l.startsWith('neigh replace'))).toHaveLength(2);
  });

  test('no default route leaves the lab: endpoints only know their peer and their own site', () => {
    const lines = [...namespaceCommands(plan).values()].flat();
    expect(lines.filter((l) => l.includes('default'))).toEqual(['route add default via 10.10.0.2', 'route add default via 10.20.0.2']);
    const e1 = namespaceCommands(plan).get('cvab12-e1')!;
    expect(e1.filter((l) => l.startsWith('route'))).toEqual([`route add ${azure.outsideAddress}/32 dev eth0 src ${aws.outsideAddress}`, 'route add 10.10.0.0/16 via 10.10.0.5 metric 1000']);
  });

  test('fails when a site\'s network has no room for its links', () => {
    expect(() => planLab('ab12', [{ key: aws.site, networks: ['10.10.0.0/30'] }, { key: azure.site, networks: ['10.20.0.0/16'] }], [{ id: 't1', halves: [aws, azure], initiator: 0, rekeyer: 0 }]))
      .toThrow(/10\.10\.0\.0\/30 is too small/);
  });

  test('static and policy halves get router routes to the remote prefixes over every such endpoint', () => {
    const staticHalf: TunnelHalf = { ...azure, routing: 'static', routes: ['10.10.0.0/16'] };
    const p = planLab('ab12', [{ key: aws.site, networks: ['10.10.0.0/16'] }, { key: azure.site, networks: ['10.20.0.0/16'] }], [
      { id: 't1', halves: [aws, staticHalf], initiator: 0, rekeyer: 0 },
      { id: 't2', halves: [{ ...aws, key: 'x' }, { ...staticHalf, key: 'y' }], initiator: 0, rekeyer: 0 },
    ]);
    expect(staticRouterRoutes(p).get('cvab12-r2')).toEqual(['route replace 10.10.0.0/16 metric 100 nexthop via 10.20.0.6 nexthop via 10.20.0.10']);
  });
});

describe('daemon configuration', () => {
  test('strongswan.conf: kernel-libipsec after the main table, enough threads, its own VICI socket', () => {
    const conf = strongswanConf(paths);
    expect(conf).toMatch(/routing_table_prio = 32767/);
    expect(conf).toMatch(/threads = 16/);
    expect(conf).toContain('socket = unix:///w/e1/charon.vici');
  });

  test('swanctl.conf: the half\'s version, proposals, selectors and identities; the key only hex-encoded', () => {
    const conf = swanctlConf(aws, azure.outsideAddress, paths, { initiates: true, createsChildren: true, timerScale: 1, insideFollowsSa: true });
    expect(conf).toMatch(/version = 2\n/);
    expect(conf).toContain('proposals = aes256-sha256-modp2048');
    expect(conf).toContain('esp_proposals = aes256-sha256-modp2048');
    expect(conf).toContain(`remote_addrs = ${azure.outsideAddress}`);
    expect(conf).toContain('start_action = none');
    expect(conf).toContain('updown = /w/updown.sh 169.254.21.1 169.254.21.2 yes');
    expect(conf).not.toContain('fixtureKeyNotSecret');
    expect(conf).toContain(`secret = 0x${Buffer.from(aws.psk!.reveal()).toString('hex')}`);
  });

  test('the ESP proposals written depend on whether the half creates CHILD SAs (Azure\'s default policy differs by role)', () => {
    const azureDefault = model.halves.find((h) => h.key.endsWith('Gw_link_conn2#instance0'))!;
    const asCreator = swanctlConf(azureDefault, aws.outsideAddress, paths, { initiates: true, createsChildren: true, timerScale: 1, insideFollowsSa: false });
    const asResponder = swanctlConf(azureDefault, aws.outsideAddress, paths, { initiates: true, createsChildren: false, timerScale: 1, insideFollowsSa: false });
    expect(asCreator).not.toMatch(/esp_proposals = .*modp2048/);
    expect(asResponder).toMatch(/esp_proposals = .*modp2048/);
  });

  test('bird.conf of an endpoint: eBGP with the half\'s ASNs, passive for Azure, iBGP to the router', () => {
    const conf = endpointBirdConf(azure, { logFile: '/w/bird.log', routerId: '10.20.0.6', linkAddress: '10.20.0.6', routerAddress: '10.20.0.5', timers: { holdSeconds: 30, keepaliveSeconds: 10 }, bfd: false });
    expect(conf).toContain('local 169.254.21.2 as 65000;');
    expect(conf).toContain('neighbor 169.254.21.1 as 64512;');
    expect(conf).toContain('passive on;');
    expect(conf).toMatch(/protocol bgp vpc \{\n {2}local 10\.20\.0\.6 as 65000;\n {2}neighbor 10\.20\.0\.5 as 65000;/);
  });

  test('bird.conf of a router: the site\'s networks, one iBGP session per endpoint', () => {
    const conf = routerBirdConf({ logFile: '/w/r.log', routerId: '10.20.0.2', networks: ['10.20.0.0/16'], endpoints: [{ name: 'e2', asn: 65000, linkAddress: '10.20.0.6', routerAddress: '10.20.0.5' }] });
    expect(conf).toContain('route 10.20.0.0/16 unreachable;');
    expect(conf).toContain('protocol bgp e2 {');
    expect(conf).toContain('merge paths on');
  });
});

// Captured from the lab (strongSwan 5.9.8, BIRD 2.0.12).
const LIST_SAS = 'list-sa event {tun {uniqueid=1 version=2 state=ESTABLISHED local-host=192.0.2.10 local-port=4500 local-id=192.0.2.10 remote-host=198.51.100.10 remote-port=4500 remote-id=198.51.100.10 initiator=yes initiator-spi=4054c44b1fd3373d responder-spi=b7a4f0ed19bfda2f nat-remote=yes nat-any=yes encr-alg=AES_CBC encr-keysize=256 integ-alg=HMAC_SHA2_256_128 prf-alg=PRF_HMAC_SHA2_256 dh-group=MODP_2048 established=612 rekey-time=23132 child-sas {tun-2 {name=tun uniqueid=2 reqid=1 state=INSTALLED mode=TUNNEL protocol=ESP encap=yes spi-in=5fb788a7 spi-out=aba9cfe1 encr-alg=AES_CBC encr-keysize=256 integ-alg=HMAC_SHA2_256_128 dh-group=MODP_2048 bytes-in=9375 packets-in=150 use-in=2 bytes-out=9531 packets-out=153 use-out=2 rekey-time=2152 life-time=2989 install-time=612 local-ts=[0.0.0.0/0] remote-ts=[0.0.0.0/0]}}}}\nlist-sas reply {}\n';
const BIRD_TUN = `BIRD 2.0.12 ready.
Name       Proto      Table      State  Since         Info
tun        BGP        ---        up     09:36:41.086  Established
  BGP state:          Established
    Neighbor address: 169.254.21.2
    Neighbor AS:      65000
    Local AS:         64512
  Channel ipv4
    Routes:         1 imported, 1 exported, 1 preferred
`;
const BIRD_BAD_AS = `BIRD 2.0.12 ready.
Name       Proto      Table      State  Since         Info
tun        BGP        ---        start  09:40:01.511  Idle          Received: Bad peer AS
  BGP state:          Idle
    Neighbor address: 169.254.21.2
    Neighbor AS:      64513
    Local AS:         65000
    Last error:       Received: Bad peer AS
`;

describe('parsers', () => {
  test('swanctl --list-sas --raw: states, negotiated proposal, counters, selectors', () => {
    const s = saState(LIST_SAS);
    expect(s.ike?.state).toBe('ESTABLISHED');
    expect(s.child?.state).toBe('INSTALLED');
    expect(proposalText(s.ike)).toBe('AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048');
    expect(counters(s.child)).toEqual({ bytesIn: 9375, bytesOut: 9531, packetsIn: 150, packetsOut: 153 });
    expect(s.child?.['local-ts']).toEqual(['0.0.0.0/0']);
    expect(saState('list-sas reply {}\n')).toEqual({ children: [] });
  });

  test('birdc show protocols all: state, info, last error, ASNs, routes', () => {
    expect(parseBirdProtocol(BIRD_TUN, 'tun')).toMatchObject({ state: 'Established', info: 'Established', neighborAs: 65000, localAs: 64512, importedRoutes: 1 });
    expect(parseBirdProtocol(BIRD_BAD_AS, 'tun')).toMatchObject({ state: 'Idle', info: 'Idle Received: Bad peer AS', lastError: 'Received: Bad peer AS' });
  });

  test('birdc show route: the prefixes', () => {
    expect(parseBirdRoutes('BIRD 2.0.12 ready.\nTable master4:\n10.20.0.0/16         unicast [tun 09:36:41.181] * (100) [AS65000i]\n\tvia 169.254.21.2 on ipsec0\n')).toEqual(['10.20.0.0/16']);
  });
});

// `swanctl --list-sas --raw` of one half (the responder, strongSwan 5.9.8) recorded in the lab
// around a CHILD rekey: a-before, b-after-ping (2 pings), c-rekeyed (old SA DELETED, new one
// INSTALLED: charon keeps the old one ~5 s), d-rekeyed-ping, e-old-gone (deleted, its counters
// with it), f-old-gone-ping. The pings are 2 × 84 bytes each way.
const sas = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', 'list-sas', `${name}.txt`), 'utf8');

describe('ESP counters across a CHILD rekey', () => {
  test('every CHILD SA is listed with its identity and state, rekeyed ones included', () => {
    expect(childCounters(sas('d-rekeyed-ping'))).toEqual([
      { id: 'uid:3', state: 'DELETED', bytesIn: 459, bytesOut: 459 },
      { id: 'uid:4', state: 'INSTALLED', bytesIn: 168, bytesOut: 168 },
    ]);
    expect(childCounters('list-sas reply {}\n')).toEqual([]);
  });

  test.each([
    // GIVEN two readings, WHEN compared SA by SA, THEN the bytes between them, never negative
    ['the same SA', 'a-before', 'b-after-ping', { bytesIn: 168, bytesOut: 168, vanished: 0, appeared: 0 }],
    ['a rekey between the readings (the new SA counts from 0)', 'b-after-ping', 'd-rekeyed-ping', { bytesIn: 168, bytesOut: 168, vanished: 0, appeared: 1 }],
    ['the rekeyed SA deleted between the readings (the bench failure: "+-168 in" by sums)', 'd-rekeyed-ping', 'f-old-gone-ping', { bytesIn: 291, bytesOut: 291, vanished: 1, appeared: 0 }],
    ['no traffic, old SA deleted', 'c-rekeyed', 'e-old-gone', { bytesIn: 291, bytesOut: 291, vanished: 1, appeared: 0 }],
    ['nothing happened', 'e-old-gone', 'e-old-gone', { bytesIn: 0, bytesOut: 0, vanished: 0, appeared: 0 }],
  ])('%s', (_case, before, after, want) => {
    expect(espDelta(childCounters(sas(before)), childCounters(sas(after)))).toEqual(want);
  });

  test('summing all SAs of each reading goes negative across the deletion (why the counters are compared SA by SA)', () => {
    const sum = (raw: string) => saState(raw).children.reduce((n, c) => n + counters(c).bytesIn, 0);
    expect(sum(sas('f-old-gone-ping')) - sum(sas('d-rekeyed-ping'))).toBe(-168);
  });

  test('CHILD SAs of every IKE SA of the connection are counted (during an IKE rekey they move to the new one)', () => {
    // GIVEN the recorded reading, with its CHILD SA listed under a second IKE SA of the same name
    const raw = sas('f-old-gone-ping');
    const twoIke = raw.replace(/^list-sa event \{tun \{(.*?) child-sas \{.*$/m, 'list-sa event {tun {$1 child-sas {}}}') + raw;
    // THEN the CHILD SA is found once, with its counters (the first IKE SA alone has none)
    expect(saState(twoIke).children).toEqual([]);
    expect(childCounters(twoIke)).toEqual([{ id: 'uid:4', state: 'INSTALLED', bytesIn: 459, bytesOut: 459 }]);
  });
});

describe('failure diagnosis', () => {
  test('a MAC mismatch at the responder is a pre-shared key mismatch, named by fingerprints', () => {
    const other = { ...azure, psk: undefined };
    const r = classifyIkeFailure('[IKE] received AUTHENTICATION_FAILED notify error\n', "09:00:00 12[IKE] tried 1 shared key for '198.51.100.10' - '192.0.2.10', but MAC mismatched\n", [aws, other]);
    expect(r.code).toBe('psk-mismatch');
    expect(r.reason).toMatch(/MAC mismatched.+fp:[0-9a-f]{12}.+none/);
    expect(r.reason).not.toContain('fixtureKeyNotSecret');
  });

  test.each([
    ['ike-proposal-mismatch', '[ENC] parsed IKE_SA_INIT response 0 [ N(NO_PROP) ]\n[IKE] received NO_PROPOSAL_CHOSEN notify error\n', '[IKE] received proposals unacceptable\n'],
    ['esp-proposal-mismatch', '[IKE] received NO_PROPOSAL_CHOSEN notify, no CHILD_SA built\n', '[IKE] no acceptable proposal found\n'],
    ['ts-mismatch', '[IKE] received TS_UNACCEPTABLE notify, no CHILD_SA built\n', ''],
    ['peer-not-responding', '[IKE] giving up after 2 retransmits\n[IKE] establishing IKE_SA failed, peer not responding\n', ''],
  ])('the initiator\'s and responder\'s lines give %s', (code, initiator, responder) => {
    expect(classifyIkeFailure(initiator, responder, [aws, azure]).code).toBe(code);
  });

  test('IKE versions that do not meet are named as such', () => {
    const v1 = { ...azure, ikeVersion: 1 as const };
    const r = classifyIkeFailure('[IKE] received NO_PROPOSAL_CHOSEN notify error\n', '[IKE] no IKE config found for 198.51.100.10...192.0.2.10, sending NO_PROPOSAL_CHOSEN\n', [aws, v1]);
    expect(r).toEqual({ code: 'ike-version-mismatch', reason: expect.stringMatching(/speaks IKEv2.+only IKEv1/) });
  });

  test('BGP: Bad peer AS names both ends\' ASNs; inside addresses that do not pair are named', () => {
    expect(classifyBgpFailure([parseBirdProtocol(BIRD_BAD_AS, 'tun'), undefined], [aws, azure]).code).toBe('bgp-peer-as');
    const moved = { ...azure, inside: { ...azure.inside!, address: '169.254.22.2' } };
    expect(classifyBgpFailure([undefined, undefined], [aws, moved])).toEqual({ code: 'bgp-inside-address', reason: expect.stringMatching(/169\.254\.22\.2 expecting 169\.254\.21\.1/) });
  });
});
