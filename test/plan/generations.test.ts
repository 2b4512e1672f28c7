/**
 * Key generations and recorded proposals / lifetimes in the allocation record
 * (`src/plan/generations.ts`): generation 0 is today's key byte for byte, a later generation
 * changes exactly its tunnel's key, and a tunnel keeps the settings it was deployed with until
 * its record releases them.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import * as fc from 'fast-check';
import { AllocationRecord, PlanError, ProposalSpec, TunnelRecord, VpnPlan, deriveKey, planVpn } from '../../src/plan';
import { keyGenerationOf } from '../../src/plan/generations';
import { TEST_SECRET, mesh, topo, awsSite, azureSite } from './fixtures';
import { propRuns } from '../lib/props';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const keysOf = (plan: VpnPlan) => new Map(plan.tunnels.map((t) => [t.id, t.presharedKey.reveal()]));
/** The record as a file holds it (JSON round trip). */
const asFile = (r: AllocationRecord): AllocationRecord => JSON.parse(JSON.stringify(r)) as AllocationRecord;
const withTunnel = (r: AllocationRecord, id: string, change: (t: TunnelRecord) => TunnelRecord): AllocationRecord =>
  ({ ...r, tunnels: { ...r.tunnels, [id]: change(r.tunnels![id]) } });

function planError(f: () => unknown): PlanError {
  try {
    f();
  } catch (e) {
    if (e instanceof PlanError) return e;
    throw e;
  }
  throw new Error('expected a PlanError');
}

describe('key generations', () => {
  test('generation 0 is the key of a tunnel never rotated, byte for byte (bound and unbound-v1)', () => {
    // SHA-256 of the keys the code before generations derived (computed with that code; the keys
    // themselves are never committed).
    expect(sha(deriveKey(TEST_SECRET, 'aws-tokyo--azure-east:1', { deployment: 'default' }, 0))).toBe('8a7697086c8e9b6854b2f96506a17f8eea70bc6feeac3ca935d3313eabc14905');
    expect(sha(deriveKey(TEST_SECRET, 'aws-tokyo--azure-east:1', 'unbound-v1', 0))).toBe('3367d723a0a2cf08b38e1c6b48b820fae0ac5b0768a54944a9d1129e47e39c68');
  });

  test.each([
    ['bound', { deployment: 'prod' }],
    ['unbound-v1', 'unbound-v1' as const],
  ])('each generation derives another key (%s), stable per generation', (_what, binding) => {
    const keys = [0, 1, 2, 3, 1000].map((g) => deriveKey(TEST_SECRET, 'a--b:1', binding, g));
    expect(new Set(keys).size).toBe(keys.length);
    expect(deriveKey(TEST_SECRET, 'a--b:1', binding, 2)).toBe(keys[2]);
    expect(deriveKey(TEST_SECRET, 'a--b:2', binding, 1)).not.toBe(keys[1]);
  });

  test('a generation cannot collide with another tunnel id or deployment name', () => {
    // The generation is a field of its own, not text appended to the tunnel id.
    expect(deriveKey(TEST_SECRET, 'a--b:1', { deployment: 'd' }, 1)).not.toBe(deriveKey(TEST_SECRET, 'a--b:1/1', { deployment: 'd' }));
    expect(deriveKey(TEST_SECRET, 'a--b:1', 'unbound-v1', 1)).not.toBe(deriveKey(TEST_SECRET, 'a--b:1/1', 'unbound-v1'));
  });

  test.each([-1, 1.5, 2 ** 31, Number.NaN])('generation %p is refused', (g) => {
    expect(() => deriveKey(TEST_SECRET, 'a--b:1', 'unbound-v1', g)).toThrow(/key generation .* is not an integer 0-2147483647/);
  });

  test('a plan from a record without tunnel records gives the keys and tunnels of a plan without one', () => {
    const first = planVpn(mesh, { masterSecret: TEST_SECRET });
    const older = asFile({ ...first.allocations, tunnels: undefined });
    expect(older).not.toHaveProperty('tunnels');
    const again = planVpn(mesh, { masterSecret: TEST_SECRET, previous: older });
    expect(JSON.stringify(again.tunnels)).toBe(JSON.stringify(first.tunnels));
    expect(keysOf(again)).toEqual(keysOf(first));
    expect(again.allocations).toEqual(first.allocations);
  });

  test('bumping one tunnel\'s generation changes that key only, and the record keeps the generation', () => {
    // GIVEN a planned mesh and its record
    const first = planVpn(mesh, { masterSecret: TEST_SECRET });
    const id = 'aws-tokyo--azure-east:2';
    // WHEN the record bumps one tunnel's generation
    const bumped = withTunnel(asFile(first.allocations), id, (t) => ({ ...t, keyGeneration: 1 }));
    const next = planVpn(mesh, { masterSecret: TEST_SECRET, previous: bumped });
    // THEN only that key changes: to the generation-1 key; every other field of every tunnel stays
    const before = keysOf(first);
    for (const [tunnel, key] of keysOf(next)) {
      if (tunnel === id) expect(key).toBe(deriveKey(TEST_SECRET, id, { deployment: 'default' }, 1));
      else expect(key).toBe(before.get(tunnel));
    }
    expect(next.tunnels.map((t) => ({ ...t, presharedKey: undefined }))).toEqual(first.tunnels.map((t) => ({ ...t, presharedKey: undefined })));
    expect(next.allocations.tunnels![id].keyGeneration).toBe(1);
    expect(keyGenerationOf(next.allocations, id)).toBe(1);
    expect(keyGenerationOf(next.allocations, 'aws-tokyo--azure-east:1')).toBe(0);
    expect(next.allocations.tunnels!['aws-tokyo--azure-east:1']).not.toHaveProperty('keyGeneration');
  });

  test('the record marks pinned keys; a pinned key ignores the generation', () => {
    const pinned = topo([awsSite, azureSite], [{ between: ['aws-tokyo', 'azure-east'], tunnels: [{ presharedKey: 'PinnedKeyOnlyForThisTest_0123456789' }] }]);
    const first = planVpn(pinned, { masterSecret: TEST_SECRET });
    const id = 'aws-tokyo--azure-east:1';
    expect(first.allocations.tunnels![id].pinnedKey).toBe(true);
    expect(first.allocations.tunnels!['aws-tokyo--azure-east:2']).not.toHaveProperty('pinnedKey');
    const next = planVpn(pinned, { masterSecret: TEST_SECRET, previous: withTunnel(first.allocations, id, (t) => ({ ...t, keyGeneration: 4 })) });
    expect(next.tunnels[0].presharedKey.reveal()).toBe(first.tunnels[0].presharedKey.reveal());
    expect(next.allocations.tunnels![id].keyGeneration).toBe(4);
  });
});

describe('the record of each tunnel', () => {
  test('holds its link, state, ends and deployed settings, and feeds back unchanged', () => {
    const first = planVpn(mesh, { masterSecret: TEST_SECRET });
    const t = first.tunnels.find((x) => x.id === 'aws-tokyo--azure-east:1')!;
    expect(first.allocations.tunnels![t.id]).toEqual({
      link: 'aws-tokyo--azure-east',
      state: t.state,
      ends: t.ends.map((e) => ({ site: e.site, endpoint: e.endpoint })),
      settings: { proposal: t.proposal, lifetimes: { 'aws-tokyo': { phase1: 27000, phase2: 3600 }, 'azure-east': { phase1: 28800, phase2: 27000 } } },
    });
    expect(Object.keys(first.allocations.tunnels!)).toEqual(first.tunnels.map((x) => x.id));
    const again = planVpn(mesh, { masterSecret: TEST_SECRET, previous: asFile(first.allocations) });
    expect(again.allocations).toEqual(first.allocations);
    expect(again.warnings).toEqual(first.warnings);
  });

  test.each([
    ['a tunnel record that is not an object', { x: 1 }, /previous\.tunnels\.x: expected a tunnel record/],
    ['an unknown field', { x: { link: 'l', state: 'active', ends: [{ site: 'a', endpoint: 'e' }, { site: 'b', endpoint: 'f' }], colour: 1 } }, /previous\.tunnels\.x\.colour: unknown field/],
    ['a negative generation', { x: { link: 'l', state: 'active', ends: [{ site: 'a', endpoint: 'e' }, { site: 'b', endpoint: 'f' }], keyGeneration: -1 } }, /previous\.tunnels\.x\.keyGeneration: expected an integer 0-2147483647, got -1/],
    ['one end', { x: { link: 'l', state: 'active', ends: [{ site: 'a', endpoint: 'e' }] } }, /previous\.tunnels\.x\.ends: expected both ends/],
    ['an unknown state', { x: { link: 'l', state: 'up', ends: [{ site: 'a', endpoint: 'e' }, { site: 'b', endpoint: 'f' }] } }, /previous\.tunnels\.x\.state: expected 'active' or 'idle'/],
    ['an unknown algorithm', {
      x: {
        link: 'l', state: 'active', ends: [{ site: 'a', endpoint: 'e' }, { site: 'b', endpoint: 'f' }],
        settings: { proposal: { ikeVersion: 'ikev2', phase1: { encryption: 'rot13', integrity: 'sha256', dhGroup: 14 }, phase2: { encryption: 'aes256', integrity: 'sha256', pfsGroup: 14 } }, lifetimes: { a: { phase1: 28800, phase2: 3600 }, b: { phase1: 28800, phase2: 3600 } } },
      },
    }, /previous\.tunnels\.x\.settings\.proposal\.phase1\.encryption: expected one of aes256, .* got 'rot13'/],
    ['lifetimes of one end', {
      x: {
        link: 'l', state: 'active', ends: [{ site: 'a', endpoint: 'e' }, { site: 'b', endpoint: 'f' }],
        settings: { proposal: { ikeVersion: 'ikev2', phase1: { encryption: 'aes256', integrity: 'sha256', dhGroup: 14 }, phase2: { encryption: 'aes256', integrity: 'sha256', pfsGroup: 14 } }, lifetimes: { a: { phase1: 28800, phase2: 3600 } } },
      },
    }, /previous\.tunnels\.x\.settings\.lifetimes: expected the lifetimes of both ends/],
  ])('a malformed record is refused: %s', (_what, tunnels, message) => {
    const e = planError(() => planVpn(mesh, { masterSecret: TEST_SECRET, previous: { insideCidrs: {}, asns: {}, tunnels } as unknown as AllocationRecord }));
    expect(e.issues.map((i) => `${i.path}: ${i.message}`).join('\n')).toMatch(message);
    expect(e.issues.every((i) => i.code === 'previous-malformed')).toBe(true);
  });
});

describe('proposals and lifetimes are kept until released', () => {
  const link = (proposal?: ProposalSpec) => topo([awsSite, azureSite], [{ between: ['aws-tokyo', 'azure-east'], ...(proposal ? { proposal } : {}) }]);
  const gcm: ProposalSpec = { phase2: { encryption: 'aes256gcm16' } };

  test('a new proposal on the link leaves every deployed tunnel as it was, records what is pending, and warns', () => {
    // GIVEN a deployed link and its record
    const first = planVpn(link(), { masterSecret: TEST_SECRET });
    // WHEN the link asks for a GCM phase 2
    const next = planVpn(link(gcm), { masterSecret: TEST_SECRET, previous: asFile(first.allocations) });
    // THEN no tunnel changes, each record says what is pending, and the plan says how to roll it out
    expect(JSON.stringify(next.tunnels)).toBe(JSON.stringify(first.tunnels));
    for (const t of next.tunnels) {
      const r = next.allocations.tunnels![t.id];
      expect(r.settings!.proposal.phase2.encryption).toBe('aes256');
      expect(r.pending!.proposal.phase2).toEqual({ encryption: 'aes256gcm16', integrity: null, pfsGroup: 14 });
    }
    expect(next.warnings.join('\n')).toMatch(/links\[0\] \(aws-tokyo--azure-east\): 4 tunnel\(s\) keep the proposal and lifetimes they were deployed with .*ccvpn rotate --allocations <file> --settings --link aws-tokyo--azure-east/);
  });

  test('a released tunnel takes the new proposal; the others keep theirs', () => {
    const first = planVpn(link(), { masterSecret: TEST_SECRET });
    const held = planVpn(link(gcm), { masterSecret: TEST_SECRET, previous: asFile(first.allocations) });
    const id = 'aws-tokyo--azure-east:3';
    const released = withTunnel(asFile(held.allocations), id, ({ settings: _s, pending: _p, ...rest }) => rest);
    const next = planVpn(link(gcm), { masterSecret: TEST_SECRET, previous: released });
    for (const t of next.tunnels) {
      expect(t.proposal.phase2.encryption).toBe(t.id === id ? 'aes256gcm16' : 'aes256');
      expect(t.ends.map((e) => e.proposal.phase2.encryption)).toEqual(t.id === id ? ['AES256-GCM-16', 'GCMAES256'] : first.tunnels.find((x) => x.id === t.id)!.ends.map((e) => e.proposal.phase2.encryption));
      expect(next.allocations.tunnels![t.id].pending === undefined).toBe(t.id === id);
    }
    // every other field of the released tunnel stays (inside /30, key, ends)
    const a = first.tunnels.find((t) => t.id === id)!;
    const b = next.tunnels.find((t) => t.id === id)!;
    expect({ ...b, proposal: a.proposal, ends: a.ends }).toEqual(a);
    expect(b.presharedKey.reveal()).toBe(a.presharedKey.reveal());
  });

  test('a lifetime change is held the same way', () => {
    const first = planVpn(link(), { masterSecret: TEST_SECRET });
    const next = planVpn(link({ phase2: { lifetimeSeconds: 1800 } }), { masterSecret: TEST_SECRET, previous: asFile(first.allocations) });
    expect(next.tunnels.map((t) => t.ends.map((e) => e.proposal.phase2.lifetimeSeconds))).toEqual(first.tunnels.map(() => [3600, 27000]));
    expect(next.allocations.tunnels!['aws-tokyo--azure-east:1'].pending!.lifetimes).toEqual({ 'aws-tokyo': { phase1: 27000, phase2: 1800 }, 'azure-east': { phase1: 28800, phase2: 1800 } });
  });

  test('going back to the deployed proposal clears what was pending', () => {
    const first = planVpn(link(), { masterSecret: TEST_SECRET });
    const held = planVpn(link(gcm), { masterSecret: TEST_SECRET, previous: asFile(first.allocations) });
    const back = planVpn(link(), { masterSecret: TEST_SECRET, previous: asFile(held.allocations) });
    expect(back.allocations).toEqual(first.allocations);
    expect(back.warnings.join('\n')).not.toMatch(/keep the proposal/);
  });

  test('a recorded weak proposal passes the same checks as a pinned one: refused without allowWeakCrypto, with advice', () => {
    // GIVEN a link deployed with a weak phase 1 integrity (allowed then)
    const weak = topo([awsSite, azureSite], [{ between: ['aws-tokyo', 'azure-east'], allowWeakCrypto: true, proposal: { phase1: { integrity: 'sha1' } } }]);
    const first = planVpn(weak, { masterSecret: TEST_SECRET });
    // WHEN the link drops the weak integrity and allowWeakCrypto at once
    const e = planError(() => planVpn(link(), { masterSecret: TEST_SECRET, previous: asFile(first.allocations) }));
    // THEN the recorded value is refused like a pin, with how to get there in steps
    const text = e.issues.map((i) => `${i.path}: ${i.message}`).join('\n');
    expect(text).toMatch(/previous\.tunnels\.aws-tokyo--azure-east:1\.settings\.proposal\.phase1\.integrity: 'sha1' is weak; .*the tunnel keeps what it was deployed with until a rollout releases it \(ccvpn rotate --settings --tunnel aws-tokyo--azure-east:1\); until then the link must still allow it \(allowWeakCrypto to keep a weak one\)/);
    expect(e.issues[0].code).toBe('proposal-weak');
    // and with allowWeakCrypto kept, the tunnels stay on SHA-1 until released
    const kept = planVpn({ ...weak, links: [{ ...weak.links[0], proposal: undefined }] }, { masterSecret: TEST_SECRET, previous: asFile(first.allocations) });
    expect(kept.tunnels.every((t) => t.proposal.phase1.integrity === 'sha1')).toBe(true);
  });

  test('recorded lifetimes a cloud refuses are refused', () => {
    const first = planVpn(link(), { masterSecret: TEST_SECRET });
    const id = 'aws-tokyo--azure-east:1';
    const tampered = withTunnel(asFile(first.allocations), id, (t) => ({ ...t, settings: { ...t.settings!, lifetimes: { ...t.settings!.lifetimes, 'aws-tokyo': { phase1: 27000, phase2: 7200 } } } }));
    const e = planError(() => planVpn(link(), { masterSecret: TEST_SECRET, previous: tampered }));
    expect(e.issues.map((i) => `${i.path}: ${i.message}`).join('\n')).toMatch(/previous\.tunnels\.aws-tokyo--azure-east:1\.settings\.lifetimes\.aws-tokyo\.phase2: 7200 s is outside AWS's phase2 lifetime range; allowed: 900-3600 s/);
  });

  test('settings recorded for other sites (a link id reused between other gateways) are not kept', () => {
    const first = planVpn(link(), { masterSecret: TEST_SECRET });
    const other = topo([{ ...awsSite, id: 'aws-osaka' }, azureSite], [{ id: 'aws-tokyo--azure-east', between: ['aws-osaka', 'azure-east'], proposal: gcm }]);
    const next = planVpn(other, { masterSecret: TEST_SECRET, previous: asFile(first.allocations) });
    expect(next.tunnels.every((t) => t.proposal.phase2.encryption === 'aes256gcm16')).toBe(true);
    expect(Object.values(next.allocations.tunnels!).every((r) => r.pending === undefined)).toBe(true);
  });
});

describe('any record', () => {
  test('plans or fails with a PlanError naming previous.tunnels, never another error (property-based)', () => {
    const first = planVpn(mesh, { masterSecret: TEST_SECRET }).allocations;
    const valid = Object.entries(JSON.parse(JSON.stringify(first.tunnels)) as Record<string, unknown>);
    // A valid record with one field of one tunnel replaced by anything, or a tunnel replaced whole.
    const tunnelsArb = fc.oneof(
      fc.anything(),
      fc.record({ pick: fc.nat(), field: fc.constantFrom('link', 'state', 'ends', 'keyGeneration', 'pinnedKey', 'settings', 'pending', '__proto__', 'proposal'), value: fc.anything() }).map(({ pick, field, value }) => {
        const [id, t] = valid[pick % valid.length];
        return Object.fromEntries(valid.map(([k, v]) => [k, k === id ? { ...(t as object), [field]: value } : v]));
      }),
      fc.dictionary(fc.string(), fc.anything()),
    );
    fc.assert(fc.property(tunnelsArb, (tunnels) => {
      try {
        planVpn(mesh, { masterSecret: TEST_SECRET, previous: { ...first, tunnels } as AllocationRecord });
      } catch (e) {
        expect(e).toBeInstanceOf(PlanError);
        expect((e as PlanError).issues.every((i) => i.path.startsWith('previous.tunnels'))).toBe(true);
      }
    }), propRuns(300));
  });
});

describe('schema/allocations.schema.json', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'allocations.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  test('describes every record the planner writes (generations, pinned keys, pending settings)', () => {
    const first = planVpn(mesh, { masterSecret: TEST_SECRET });
    const gcm = { ...mesh, links: mesh.links.map((l, i) => (i === 0 ? { ...l, proposal: { phase2: { encryption: 'aes256gcm16' as const } }, tunnels: [{ presharedKey: 'PinnedKeyOnlyForThisTest_0123456789' }] } : l)) };
    const bumped = withTunnel(asFile(first.allocations), 'aws-tokyo--azure-east:2', (t) => ({ ...t, keyGeneration: 3 }));
    const held = planVpn(gcm, { masterSecret: TEST_SECRET, previous: bumped }).allocations;
    expect(Object.values(held.tunnels!).some((t) => t.pending && t.pinnedKey)).toBe(true);
    for (const record of [first.allocations, held, planVpn(mesh, { masterSecret: TEST_SECRET, keyDerivation: 'unbound-v1' }).allocations]) {
      expect(validate(asFile(record)) ? [] : validate.errors).toEqual([]);
    }
  });

  test.each([
    ['an unknown tunnel field', (r: AllocationRecord) => withTunnel(r, 'aws-tokyo--azure-east:1', (t) => ({ ...t, colour: 1 } as TunnelRecord))],
    ['a negative generation', (r: AllocationRecord) => withTunnel(r, 'aws-tokyo--azure-east:1', (t) => ({ ...t, keyGeneration: -1 }))],
    ['one end', (r: AllocationRecord) => withTunnel(r, 'aws-tokyo--azure-east:1', (t) => ({ ...t, ends: [t.ends[0]] } as unknown as TunnelRecord))],
  ])('refuses what the planner refuses: %s', (_what, change) => {
    const record = change(asFile(planVpn(mesh, { masterSecret: TEST_SECRET }).allocations));
    expect(validate(record)).toBe(false);
    expect(() => planVpn(mesh, { masterSecret: TEST_SECRET, previous: record })).toThrow(PlanError);
  });
});
