/**
 * `verify --change` without the lab: matching the two outputs' tunnels, what changed (keys by
 * fingerprint only), renumbered outside addresses, steps given or defaulted and their errors, the
 * probes' arithmetic (gaps, lost probes) and the CLI's usage errors. The lab runs are in
 * change-e2e.test.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { changeTunnelIds, halfChanges, planChange, renumber } from '../../src/verify/change';
import { readSteps, verifyCommand } from '../../src/verify/cli';
import { longestGap, lostWithin, parsePingLog } from '../../src/verify/lab/change';
import type { TunnelHalf } from '../../src/verify/types';
import { cleanupScratch, mutated } from './mutate';

const FIXTURE = path.join(__dirname, 'fixtures', 'aws-azure');
afterAll(() => cleanupScratch());

/** The fixture with tunnel 1's Azure key and AWS key both changed (a rotation of t1). */
function rotatedTunnel1(): string {
  const azure = mutated(FIXTURE, 'azure-key', (_f, b) => {
    const v = (b.variable as Record<string, { default?: string }> | undefined)?.fixture_key_tunnel_1;
    if (!v) return false;
    v.default = 'fixtureKeyNotSecretTunnelOneRotated';
    return true;
  });
  return mutated(azure, 'aws-key', (_f, b) => {
    const params = b.Parameters as Record<string, { Default?: string }> | undefined;
    const p = params && Object.entries(params).find(([, x]) => x.Default === 'fixtureKeyNotSecretTunnelOne');
    if (!p) return false;
    p[1].Default = 'fixtureKeyNotSecretTunnelOneRotated';
    return true;
  });
}

describe('planChange', () => {
  test('GIVEN the same output twice THEN every tunnel is unchanged and there is no step', () => {
    const p = planChange({ before: [FIXTURE], after: [FIXTURE] });
    expect(p.report.map((r) => [r.id, r.status])).toEqual([['t1', 'unchanged'], ['t2', 'unchanged']]);
    expect(p.steps).toEqual([]);
    expect(p.stepsSource).toBe('planRollout');
  });

  test('GIVEN both halves of tunnel 1 with a new key THEN t1 changes (key), t2 does not, one default step', () => {
    const p = planChange({ before: [FIXTURE], after: [rotatedTunnel1()] });
    expect(p.report.map((r) => [r.id, r.status, r.changes])).toEqual([['t1', 'changed', ['key']], ['t2', 'unchanged', []]]);
    expect(p.steps).toEqual([['t1']]);
    expect(p.tunnels[0]).toMatchObject({ changed: true, reset: true });
    expect(JSON.stringify(p.report)).not.toContain('fixtureKeyNotSecret');
  });

  test('steps name tunnels by id or by a half key', () => {
    const after = rotatedTunnel1();
    const ids = planChange({ before: [FIXTURE], after: [FIXTURE] }).report.map((r) => r.halves);
    expect(planChange({ before: [FIXTURE], after: [after], steps: [[ids[0][1]]] }).steps).toEqual([['t1']]);
    expect(planChange({ before: [FIXTURE], after: [after], steps: [['t1', 't2']] }).steps).toEqual([['t1', 't2']]);
  });

  test.each([
    [[['t9']], /steps\[0\]: no tunnel 't9' in the change \(tunnel ids t1, t2, or a half key\)/],
    [[['t2']], /steps: t1 \(changed\) change\(s\) but are in no step/],
    [[['t1'], ['t1']], /steps\[1\]: tunnel t1 is already in steps\[0\]/],
  ])('steps %j are refused: %s', (steps, message) => {
    expect(() => planChange({ before: [FIXTURE], after: [rotatedTunnel1()], steps })).toThrow(message);
  });

  test.each([
    ['the same tunnels', [['a', 'b'], ['c', 'd']], 0, [['a', 'b'], ['c', 'd']], { 'a ~ b': 't1', 'c ~ d': 't2' }],
    ['halves listed in another order: the same tunnel', [['b', 'a']], 0, [['a', 'b']], { 'a ~ b': 't1' }],
    ['a removed tunnel keeps its id', [['a', 'b'], ['c', 'd']], 0, [['c', 'd']], { 'a ~ b': 't1', 'c ~ d': 't2' }],
    ['an added tunnel continues after the before-ids, in the after-order', [['c', 'd']], 0, [['e', 'f'], ['a', 'b'], ['c', 'd']], { 'c ~ d': 't1', 'e ~ f': 't2', 'a ~ b': 't3' }],
    ['… after the unpaired halves verify numbers too (no id names two tunnels)', [['a', 'b']], 2, [['a', 'b'], ['x', 'y']], { 'a ~ b': 't1', 'x ~ y': 't4' }],
  ])('changeTunnelIds: %s', (_what, before, unpaired, after, expected) => {
    const keyed = (ps: string[][]) => ps.map((hs) => hs.map((key) => ({ key })));
    expect(Object.fromEntries(changeTunnelIds({ pairs: keyed(before), unpaired }, { pairs: keyed(after), unpaired: 0 }))).toEqual(expected);
  });

  test('a folder that does not exist is one clear error', () => {
    expect(() => planChange({ before: [path.join(FIXTURE, 'nope')], after: [FIXTURE] })).toThrow(/^before: .*nope does not exist$/);
  });
});

const half = (over: Partial<TunnelHalf>): TunnelHalf => ({
  key: 'k', cloud: 'aws', site: 's', label: 'l', outsideEndpoint: 'aws:a', outsideAddress: '192.0.2.10', peerEndpoint: 'azure:b', peerAddress: '198.51.100.10',
  peerAddressSource: '', localId: '192.0.2.10', remoteId: '198.51.100.10', ikeVersion: 2, aggressive: false, ikeProposals: ['aes256-sha256-modp2048'],
  esp: { offers: ['aes256-sha256-modp2048'], accepts: ['aes256-sha256-modp2048'] }, initiation: { initiates: 'always', responds: true, setting: 'x' },
  ikeLifetimeSeconds: 28800, childLifetimeSeconds: 3600, localTs: ['0.0.0.0/0'], remoteTs: ['0.0.0.0/0'], routing: 'bgp', advertise: ['10.0.0.0/16'], routes: [],
  notes: [], problems: [], group: 'g', resources: [], assumptions: [], ...over,
});

describe('halfChanges', () => {
  test.each([
    [{ ikeProposals: ['aes128-sha256-modp2048'] }, ['proposal']],
    [{ childLifetimeSeconds: 1800 }, ['lifetime']],
    [{ advertise: ['10.0.0.0/16', '10.1.0.0/16'] }, ['routes']],
    [{ bgp: { localAsn: 1, peerAsn: 2, passive: false, holdTimeSeconds: 30, keepaliveSeconds: 10 } }, ['asn']],
    [{}, []],
  ] as [Partial<TunnelHalf>, string[]][])('GIVEN %j THEN %j', (over, kinds) => {
    expect(halfChanges(half({}), half(over))).toEqual(kinds);
  });
});

describe('renumber', () => {
  test('an endpoint both outputs have keeps the before-address; a new one gets a free address of its /24; identities follow', () => {
    const before = [half({})];
    // In the after-output the same endpoints got other symbolic addresses, and one is new.
    const after = [
      half({ outsideAddress: '192.0.2.11', localId: '192.0.2.11', peerAddress: '198.51.100.12', remoteId: '198.51.100.12' }),
      half({ outsideEndpoint: 'aws:new', outsideAddress: '192.0.2.10', localId: '192.0.2.10', peerEndpoint: 'azure:b', peerAddress: '198.51.100.12', remoteId: 'peer.example' }),
    ];
    const [kept, fresh] = renumber(before, after);
    expect(kept).toMatchObject({ outsideAddress: '192.0.2.10', localId: '192.0.2.10', peerAddress: '198.51.100.10', remoteId: '198.51.100.10' });
    expect(fresh).toMatchObject({ outsideAddress: '192.0.2.100', localId: '192.0.2.100', peerAddress: '198.51.100.10', remoteId: 'peer.example' });
  });
});

describe('probe arithmetic', () => {
  const log = [
    '[100.00] 64 bytes from 10.0.0.1: icmp_seq=1 ttl=62 time=0.5 ms',
    '[100.05] 64 bytes from 10.0.0.1: icmp_seq=2 ttl=62 time=0.5 ms',
    '[100.40] 64 bytes from 10.0.0.1: icmp_seq=9 ttl=62 time=0.5 ms',
    '[100.45] 64 bytes from 10.0.0.1: icmp_seq=10 ttl=62 time=0.5 ms',
    '',
    '--- 10.0.0.1 ping statistics ---',
    '10 packets transmitted, 4 received, 60% packet loss, time 450ms',
  ].join('\n');

  test('parsePingLog reads each reply\'s timestamp and sequence number', () => {
    expect(parsePingLog(log)).toEqual([{ at: 100, seq: 1 }, { at: 100.05, seq: 2 }, { at: 100.4, seq: 9 }, { at: 100.45, seq: 10 }]);
  });

  test('longestGap: between replies, and at the window\'s edges', () => {
    const at = parsePingLog(log).map((r) => r.at);
    expect(longestGap(at, 100, 100.45).seconds).toBeCloseTo(0.35);
    expect(longestGap(at, 100, 100.45).endsAt).toBeCloseTo(100.4);
    expect(longestGap(at, 99, 100.45).seconds).toBeCloseTo(1);
    expect(longestGap(at, 100, 102).seconds).toBeCloseTo(1.55);
    expect(longestGap([], 100, 101).seconds).toBeCloseTo(1);
  });

  test('lostWithin counts sequence numbers without a reply between the window\'s first and last reply', () => {
    expect(lostWithin(parsePingLog(log), 0, 200)).toEqual({ sent: 10, lost: 6 });
    expect(lostWithin(parsePingLog(log), 100.3, 200)).toEqual({ sent: 2, lost: 0 });
    expect(lostWithin([], 0, 1)).toEqual({ sent: 0, lost: 0 });
  });
});

describe('ccvpn verify --change (usage)', () => {
  const capture = async (argv: string[]) => {
    let out = '';
    let err = '';
    const code = await verifyCommand(argv, (s) => { out += s; }, (s) => { err += s; });
    return { code, out, err };
  };
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-change-test-'));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const f = path.join(scratch, name);
    fs.writeFileSync(f, text);
    return f;
  };

  test('needs exactly two folders', async () => {
    const r = await capture(['--change', FIXTURE]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/takes two folders, <before> and <after> \(got 1\)/);
  });

  test('--steps without --change is a usage error', async () => {
    const r = await capture([FIXTURE, '--steps', 'x.json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--steps needs --change/);
  });

  test.each([
    ['not json', 'is not JSON'],
    ['{}', /must be a non-empty JSON array of steps/],
    ['[["t1"], []]', /step 1 is \[\]: each step must be a non-empty array of tunnel ids/],
    ['[["t1", 3]]', /step 0 is \["t1",3\]/],
  ])('a steps file %j is refused', (text, message) => {
    expect(readSteps(file('s.json', text))).toMatch(message);
  });

  test('a steps file naming an unknown tunnel: exit 2 with the tunnel ids there are', async () => {
    const r = await capture(['--change', FIXTURE, rotatedTunnel1(), '--steps', file('unknown.json', '[["t7"]]')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/steps\[0\]: no tunnel 't7' in the change \(tunnel ids t1, t2/);
  });
});
