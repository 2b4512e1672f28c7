/**
 * The outage model (`src/change/outage.ts`) on hand-made tunnels: the rules of its header, one by one.
 */
import type { HalfOutageInput, TunnelOutageInput } from '../../src/change/outage';
import { evaluateOutage } from '../../src/change/outage';

const half = (key: string, over: Partial<HalfOutageInput> = {}): HalfOutageInput => ({ key, exists: 'both', changes: [], agreementChanged: false, ...over });
const tunnel = (id: string, a: HalfOutageInput, b: HalfOutageInput, pair = 'A ⇄ B'): TunnelOutageInput => ({ id, pair, halves: [a, b] });
const steps = [{ label: 's1', stacks: ['sA'] }, { label: 's2', stacks: ['sB'] }, { label: 's3', stacks: ['sC'] }];

describe('outage model', () => {
  test('both halves change what they must agree on in different steps: down from the first to the second step', () => {
    const r = evaluateOutage([tunnel('t1',
      half('a', { changes: [{ stack: 'sA', replaces: false }], agreementChanged: true }),
      half('b', { changes: [{ stack: 'sC', replaces: false }], agreementChanged: true }))], steps);
    expect(r.tunnels[0].intervals).toEqual(['during s1 … during s3']);
    expect(r.pairs[0].cutOffIntervals).toEqual(['during s1 … during s3']);
    expect(r.cutsOff).toBe(true);
  });

  test('a change on one half that its peer need not follow: down only while it is applied; one with nothing to agree on: never', () => {
    const r = evaluateOutage([
      tunnel('t1', half('a', { changes: [{ stack: 'sA', replaces: false }], agreementChanged: true }), half('b')),
      tunnel('t2', half('c', { changes: [{ stack: 'sA', replaces: false }] }), half('d')),
    ], steps);
    expect(r.tunnels.map((t) => t.intervals)).toEqual([['during s1'], []]);
  });

  test('a replaced resource takes its tunnel down while it is replaced, even with nothing to agree on', () => {
    const r = evaluateOutage([tunnel('t1', half('a', { changes: [{ stack: 'sB', replaces: true }] }), half('b'))], steps);
    expect(r.tunnels[0].intervals).toEqual(['during s2']);
  });

  test('a second tunnel of the pair that stays up keeps the pair connected', () => {
    const r = evaluateOutage([
      tunnel('t1', half('a', { changes: [{ stack: 'sA', replaces: true }], agreementChanged: true }), half('b', { changes: [{ stack: 'sB', replaces: false }], agreementChanged: true })),
      tunnel('t2', half('c'), half('d')),
    ], steps);
    expect(r.pairs[0]).toEqual(expect.objectContaining({ status: 'kept', cutOff: [], alwaysUp: ['t2'] }));
    expect(r.cutsOff).toBe(false);
  });

  test('a half that changes over two steps is in transition between them', () => {
    const r = evaluateOutage([tunnel('t1',
      half('a', { changes: [{ stack: 'sA', replaces: false }, { stack: 'sC', replaces: false }], agreementChanged: true }),
      half('b', { changes: [{ stack: 'sC', replaces: false }], agreementChanged: true }))], steps);
    expect(r.tunnels[0].intervals).toEqual(['during s1 … during s3']);
  });

  test('removed and added tunnels: a pair with no tunnel after the change is removed, not cut off', () => {
    const r = evaluateOutage([
      tunnel('gone', half('a', { exists: 'before', changes: [{ stack: 'sB', replaces: true }] }), half('b', { exists: 'before' }), 'A ⇄ B'),
      tunnel('new', half('c', { exists: 'after', changes: [{ stack: 'sA', replaces: true }] }), half('d', { exists: 'after', changes: [{ stack: 'sC', replaces: true }] }), 'C ⇄ D'),
    ], steps);
    expect(r.tunnels.map((t) => [t.id, t.status, t.from?.label])).toEqual([['gone', 'removed', 'during s2'], ['new', 'added', 'after s3']]);
    expect(r.pairs.map((p) => [p.pair, p.status, p.cutOff.length])).toEqual([['A ⇄ B', 'removed', 0], ['C ⇄ D', 'added', 0]]);
  });

  test('a staged rollout (steps restricted to tunnels) rotates one tunnel of a pair at a time and never cuts the pair off', () => {
    // GIVEN two tunnels of one pair whose halves all live in the same two stacks
    const both = (k: string, stack: string) => half(k, { changes: [{ stack, replaces: false }], agreementChanged: true });
    const tunnels = [tunnel('t1', both('a1', 'sA'), both('b1', 'sB')), tunnel('t2', both('a2', 'sA'), both('b2', 'sB'))];
    // WHEN deployed phase by phase, both tunnels are down between the stacks
    expect(evaluateOutage(tunnels, [{ label: 'A', stacks: ['sA'] }, { label: 'B', stacks: ['sB'] }]).cutsOff).toBe(true);
    // THEN a rollout updating both halves of one tunnel per step keeps the other one up
    const staged = evaluateOutage(tunnels, [
      { label: 't1 A', stacks: ['sA'], tunnels: ['t1'] }, { label: 't1 B', stacks: ['sB'], tunnels: ['t1'] },
      { label: 't2 A', stacks: ['sA'], tunnels: ['t2'] }, { label: 't2 B', stacks: ['sB'], tunnels: ['t2'] },
    ]);
    expect(staged.cutsOff).toBe(false);
    expect(staged.tunnels.map((t) => t.intervals)).toEqual([['during t1 A … during t1 B'], ['during t2 A … during t2 B']]);
  });

  test('a tunnel down with a step\'s (alsoDown: a replaced resource carries both) is down during that step only and keeps its version', () => {
    // GIVEN two tunnels of one pair, each changing in its own step; t2 also goes down in t1's step
    const both = (k: string, stack: string) => half(k, { changes: [{ stack, replaces: true }], agreementChanged: true });
    const tunnels = [tunnel('t1', both('a1', 'sA'), both('b1', 'sB')), tunnel('t2', both('a2', 'sA'), both('b2', 'sB'))];
    const rollout = [
      { label: 'r1', stacks: ['sA', 'sB'], tunnels: ['t1'], alsoDown: ['t2'] },
      { label: 'r2', stacks: ['sA', 'sB'], tunnels: ['t2'] },
    ];
    // WHEN evaluated
    const r = evaluateOutage(tunnels, rollout);
    // THEN t2 is down in r1 (with t1: the pair is cut off then) and in its own step, up between them
    expect(r.tunnels.map((t) => t.intervals)).toEqual([['during r1'], ['during r1', 'during r2']]);
    expect(r.pairs[0].cutOffIntervals).toEqual(['during r1']);
    // and without alsoDown the same steps keep the pair connected
    expect(evaluateOutage(tunnels, rollout.map(({ alsoDown: _, ...s }) => s)).cutsOff).toBe(false);
  });

  test('one half changes what both must agree on and the other never follows: down to the end, the pair cut off', () => {
    const r = evaluateOutage([tunnel('t1', half('a', { changes: [{ stack: 'sA', replaces: false }], agreementChanged: true }), half('b', { agreementChanged: true }))], steps);
    expect(r.tunnels[0].intervals).toEqual(['during s1 … after s3']);
    expect(r.cutsOff).toBe(true);
  });
});
