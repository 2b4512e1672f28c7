/**
 * A cloud whose endpoints exist per connection names each tunnel's endpoint (`perConnection.endpoint`)
 * and reads the connection back from the name (`connectionOf`): a record keeps endpoint names
 * only, and key rotation groups a connection's tunnels by them.
 */
import * as fc from 'fast-check';
import { PROFILES } from '../../src/plan/clouds';
import { propRuns } from '../lib/props';

const perConnection = Object.values(PROFILES).filter((p) => p.perConnection);

describe('perConnection.connectionOf inverts perConnection.endpoint', () => {
  test.each(perConnection.map((p) => [p.cloud, p] as const))('%s: every endpoint name maps back to its link and connection', (_cloud, profile) => {
    const { endpoint, connectionOf, tunnelsPerConnection } = profile.perConnection!;
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}(--[a-z0-9-]{1,20})?$/), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: tunnelsPerConnection }), (link, c, t) => {
      const conn = connectionOf(endpoint(link, c, t));
      // THEN both tunnels of one connection give the same answer, other connections another
      expect(conn).toBe(connectionOf(endpoint(link, c, 1 + (t % tunnelsPerConnection))));
      expect(conn).not.toBe(connectionOf(endpoint(link, c + 1, t)));
      expect(conn).not.toBeUndefined();
    }), propRuns(100)); // fast-check's default count
  });

  test('endpoint names of the clouds whose endpoints are the gateway\'s are not claimed', () => {
    const names = Object.values(PROFILES).filter((p) => !p.perConnection).flatMap((p) => p.kinds.flatMap((k) => p.endpoints(k)));
    expect(names.length).toBeGreaterThan(0);
    for (const p of perConnection) for (const n of names) expect(p.perConnection!.connectionOf(n)).toBeUndefined();
  });
});
