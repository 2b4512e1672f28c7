import { inspect } from 'node:util';
import { DEMO_MASTER_SECRET, DERIVED_KEY_LENGTH, PlanError, PresharedKey, deriveKey, masterSecretProblem, planVpn, pskProblem } from '../../src/plan';
import { TEST_SECRET, mesh } from './fixtures';

/** The character set and length every one of the three clouds accepts (AWS is the narrowest). */
const ACCEPTED_BY_ALL = /^[A-Za-z1-9][A-Za-z0-9._]{7,63}$/;

describe('derived pre-shared keys', () => {
  test('are accepted by every cloud, 40 characters, first a letter', () => {
    for (let i = 0; i < 200; i++) {
      const key = deriveKey(TEST_SECRET, `link-${i}:1`, { deployment: 'd' });
      expect(key).toHaveLength(DERIVED_KEY_LENGTH);
      expect(key).toMatch(ACCEPTED_BY_ALL);
      expect(key[0]).toMatch(/[A-Za-z]/);
      for (const cloud of ['aws', 'azure', 'alicloud'] as const) expect(pskProblem(cloud, key)).toBeUndefined();
    }
  });

  test('are stable across synths and differ per tunnel and per master secret', () => {
    const d = { deployment: 'prod' };
    expect(deriveKey(TEST_SECRET, 'a--b:1', d)).toBe(deriveKey(TEST_SECRET, 'a--b:1', d));
    expect(deriveKey(TEST_SECRET, 'a--b:1', d)).not.toBe(deriveKey(TEST_SECRET, 'a--b:2', d));
    expect(deriveKey(TEST_SECRET, 'a--b:1', d)).not.toBe(deriveKey(`${TEST_SECRET}x`, 'a--b:1', d));
  });

  test('carry at least 128 bits: characters are spread over the whole alphabet', () => {
    // 40 characters over 62 symbols is ~238 bits if uniform; check that no symbol is starved or favoured.
    const counts = new Map<string, number>();
    for (let i = 0; i < 500; i++) for (const ch of deriveKey(TEST_SECRET, `t${i}`, { deployment: 'd' }).slice(1)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
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

describe('keys are bound to the deployment', () => {
  test('two deployments with the same secret and link ids never share a key', () => {
    const a = planVpn(mesh, { masterSecret: TEST_SECRET, deployment: 'team-a' });
    const b = planVpn(mesh, { masterSecret: TEST_SECRET, deployment: 'team-b' });
    const keysA = new Set(a.tunnels.map((t) => t.presharedKey.reveal()));
    expect(b.tunnels.some((t) => keysA.has(t.presharedKey.reveal()))).toBe(false);
    expect(a.allocations.keys).toEqual({ derivation: 'bound', deployment: 'team-a' });
  });

  test("the topology's name is the default deployment; the derivation cannot collide by concatenation", () => {
    const named = planVpn({ ...mesh, name: 'team-a' }, { masterSecret: TEST_SECRET });
    expect(named.tunnels[0].presharedKey.reveal()).toBe(planVpn(mesh, { masterSecret: TEST_SECRET, deployment: 'team-a' }).tunnels[0].presharedKey.reveal());
    expect(deriveKey(TEST_SECRET, 'b/c', { deployment: 'a' })).not.toBe(deriveKey(TEST_SECRET, 'c', { deployment: 'a/b' }));
  });

  test("unbound-v1 gives exactly the keys of 0.1 (HMAC of 'ccvpn/psk/v1/<tunnel>/<block>')", () => {
    const plan = planVpn(mesh, { masterSecret: TEST_SECRET, keyDerivation: 'unbound-v1' });
    const t = plan.tunnels[0];
    expect(t.presharedKey.reveal()).toBe(deriveKey(TEST_SECRET, t.id, 'unbound-v1'));
    // The SHA-256 of a key 0.1's deriveKey gave (computed with 0.1's code; the key itself is never
    // committed): upgrading the library never changes it.
    const { createHash } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    expect(createHash('sha256').update(deriveKey('test-only-master-secret-0123456789', 'aws-tokyo--azure-east:1', 'unbound-v1')).digest('hex')).toBe('3367d723a0a2cf08b38e1c6b48b820fae0ac5b0768a54944a9d1129e47e39c68');
    expect(plan.allocations.keys).toEqual({ derivation: 'unbound-v1' });
  });

  test('a record written before keys were bound keeps unbound keys, with a warning', () => {
    const old = planVpn(mesh, { masterSecret: TEST_SECRET, keyDerivation: 'unbound-v1' });
    const recordOf01 = { insideCidrs: old.allocations.insideCidrs, asns: old.allocations.asns };
    const next = planVpn(mesh, { masterSecret: TEST_SECRET, previous: recordOf01 });
    expect(next.tunnels.map((t) => t.presharedKey.reveal())).toEqual(old.tunnels.map((t) => t.presharedKey.reveal()));
    expect(next.warnings.join('\n')).toMatch(/predates deployment-bound keys.+unbound-v1/);
  });

  test.each([
    ['another deployment name', { deployment: 'renamed' }],
    ['another derivation', { keyDerivation: 'unbound-v1' as const }],
  ])('a plan that would rotate every key (%s) is refused unless rotateKeys is set', (_what, change) => {
    const first = planVpn(mesh, { masterSecret: TEST_SECRET, deployment: 'prod' });
    expect(() => planVpn(mesh, { masterSecret: TEST_SECRET, deployment: 'prod', previous: first.allocations, ...change })).toThrow(/would rotate every derived key: the record says bound to deployment 'prod'/);
    expect(() => planVpn(mesh, { masterSecret: TEST_SECRET, deployment: 'prod', previous: first.allocations, ...change, rotateKeys: true })).not.toThrow();
  });
});

describe('master secrets', () => {
  test.each([
    ['16 copies of one character', 'a'.repeat(16), /too predictable: 16 characters of only 1 distinct/],
    ['16 spaces', ' '.repeat(16), /only white space/],
    ['two characters repeated', 'ab'.repeat(20), /too predictable/],
    ['too short', 'short', /at least 16 characters, got 5/],
    ['not a string', 42, /must be a string/],
  ])('%s is refused, the value never echoed', (_what, secret, message) => {
    expect(masterSecretProblem(secret)).toMatch(message);
    let error: unknown;
    try {
      planVpn(mesh, { masterSecret: secret as string });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlanError);
    expect(String((error as Error).message)).toMatch(message);
    if (typeof secret === 'string' && secret.trim()) expect(String((error as Error).message)).not.toContain(secret);
  });

  test('a random secret passes', () => {
    expect(masterSecretProblem('k2J9v+Qx7LmW/3pZ8rTb1sYc0Hd6FgNe')).toBeUndefined();
  });

  test('the published demo secret plans with a warning (deploy refuses it)', () => {
    const plan = planVpn(mesh, { masterSecret: DEMO_MASTER_SECRET });
    expect(plan.warnings.join('\n')).toMatch(/published demo secret.+never deploy/);
  });
});

describe('PresharedKey never prints itself', () => {
  const key = new PresharedKey('TheActualKeyValue1234567890', 'pinned');
  test.each([
    ['String()', () => String(key)],
    ['template literal', () => `${key}`],
    ['JSON.stringify', () => JSON.stringify({ key })],
    ['util.inspect (console.log)', () => inspect({ nested: { key } })],
    ['a spread copy', () => inspect({ ...key }, { showHidden: true })],
    ['Object.assign', () => inspect(Object.assign({}, key), { showHidden: true, depth: 5 })],
    ['structuredClone', () => JSON.stringify(structuredClone({ ...key }))],
    ['own symbols', () => Object.getOwnPropertySymbols(key).map(String).join(',')],
  ])('%s', (_, show) => {
    expect(show()).not.toContain('TheActualKeyValue');
    expect(show()).not.toContain('TheActualKeyValue');
  });

  test('the fingerprint is keyed: equal keys match within a run, and it is not a plain hash of the key', () => {
    const { createHash } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    expect(new PresharedKey('TheActualKeyValue1234567890', 'derived').fingerprint).toBe(key.fingerprint);
    expect(new PresharedKey('another-key-value-000000000', 'pinned').fingerprint).not.toBe(key.fingerprint);
    expect(key.fingerprint).not.toBe(createHash('sha256').update('TheActualKeyValue1234567890').digest('hex').slice(0, 12));
    expect(String(key)).toMatch(/^<psk:pinned fp:[0-9a-f]{12}>$/);
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
