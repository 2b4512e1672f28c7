import { inspect } from 'node:util';
import { DERIVED_KEY_LENGTH, PresharedKey, deriveKey, planVpn, pskProblem } from '../../src/plan';
import { TEST_SECRET, mesh } from './fixtures';

/** The character set and length every one of the three clouds accepts (AWS is the narrowest). */
const ACCEPTED_BY_ALL = /^[A-Za-z1-9][A-Za-z0-9._]{7,63}$/;

describe('derived pre-shared keys', () => {
  test('are accepted by every cloud, 40 characters, first a letter', () => {
    for (let i = 0; i < 200; i++) {
      const key = deriveKey(TEST_SECRET, `link-${i}:1`);
      expect(key).toHaveLength(DERIVED_KEY_LENGTH);
      expect(key).toMatch(ACCEPTED_BY_ALL);
      expect(key[0]).toMatch(/[A-Za-z]/);
      for (const cloud of ['aws', 'azure', 'alicloud'] as const) expect(pskProblem(cloud, key)).toBeUndefined();
    }
  });

  test('are stable across synths and differ per tunnel and per master secret', () => {
    expect(deriveKey(TEST_SECRET, 'a--b:1')).toBe(deriveKey(TEST_SECRET, 'a--b:1'));
    expect(deriveKey(TEST_SECRET, 'a--b:1')).not.toBe(deriveKey(TEST_SECRET, 'a--b:2'));
    expect(deriveKey(TEST_SECRET, 'a--b:1')).not.toBe(deriveKey(`${TEST_SECRET}x`, 'a--b:1'));
  });

  test('carry at least 128 bits: characters are spread over the whole alphabet', () => {
    // 40 characters over 62 symbols is ~238 bits if uniform; check that no symbol is starved or favoured.
    const counts = new Map<string, number>();
    for (let i = 0; i < 500; i++) for (const ch of deriveKey(TEST_SECRET, `t${i}`).slice(1)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const expected = (500 * 39) / 62;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.3);
  });

  test('every tunnel of a plan gets its own key', () => {
    const plan = planVpn(mesh, { masterSecret: TEST_SECRET });
    const keys = plan.tunnels.map((t) => t.presharedKey.reveal());
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('PresharedKey never prints itself', () => {
  const key = new PresharedKey('TheActualKeyValue1234567890', 'pinned');
  test.each([
    ['String()', () => String(key)],
    ['template literal', () => `${key}`],
    ['JSON.stringify', () => JSON.stringify({ key })],
    ['util.inspect (console.log)', () => inspect({ nested: { key } })],
  ])('%s', (_, show) => {
    expect(show()).not.toContain('TheActualKeyValue');
    expect(show()).toMatch(/<psk:pinned sha256:[0-9a-f]{12}>/);
  });

  test('reveal() gives the key', () => {
    expect(key.reveal()).toBe('TheActualKeyValue1234567890');
  });
});

describe('pskProblem', () => {
  test.each([
    ['aws', 'abc.def_ghi123', undefined],
    ['aws', 'abc-def-ghi', /AWS takes only letters, digits/],
    ['aws', '0abcdefgh', /must not start with "0"/],
    ['azure', 'a b c d', /Azure takes only printable ASCII except space/],
    ['azure', 'abc~def', /Azure takes only/],
    ['azure', 'abc!def#', undefined],
    ['alicloud', 'abc def', /Alibaba Cloud takes only/],
    ['alicloud', 'a'.repeat(101), /Alibaba Cloud takes 1-100 characters, got 101/],
  ] as const)('%s %s', (cloud, key, expected) => {
    const problem = pskProblem(cloud, key);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });
});
