/**
 * The planner is generic: a fourth cloud is one profile and one registry entry. GIVEN a
 * test-only profile (a cloud with two gateway interfaces per HA gateway, much like a GCP HA VPN
 * gateway, facts invented for the test), registered as the registry does it, WHEN a topology links
 * it to AWS (AWS drives: per-connection endpoints) and to Azure (instance by instance), THEN the
 * plan pairs, allocates, spells and counts its side through that profile alone.
 *
 * And the count: the files of the planning core (and the topology schema) that list every cloud,
 * the ones a real fourth cloud touches beyond its own profile.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CLOUDS, CLOUD_NAMES, CloudFacts, DEFAULT_GATEWAY_KIND, FACTS, GATEWAY_KINDS, LinkResourcesBase, PROFILES, PlanError, SiteSpec, Topology, VpnPlan,
  insideCidrProblem, planVpn,
} from '../../src/plan';
import type { CloudProfile } from '../../src/plan/profile';
import { planToDot } from '../../src/cli/diagram';
import { renderPlan } from '../../src/cli/plan-table';
import { tsFiles } from '../lib/layering';
import { TEST_SECRET } from './fixtures';

/** The fourth cloud's resources for one link: one tunnel resource per active tunnel. */
interface TestLinkResources extends LinkResourcesBase {
  readonly tunnels: readonly { readonly id: string; readonly iface: string; readonly peer: string; readonly tunnel: string }[];
}

const r = (min: number, max: number) => ({ min, max });
const TEST_FACTS = {
  cloud: 'testcloud',
  psk: { charset: 'letters and digits', pattern: /^[A-Za-z0-9]+$/, length: r(8, 64), sources: [] },
  insideRanges: ['169.254.0.0/16'],
  insideReserved: ['169.254.7.0/30'],
  ownAsn: { ranges: [r(64512, 65534)], reserved: [], rule: '64512-65534', sources: [] },
  peerAsn: { ranges: [r(1, 4294967294)], reserved: [], rule: '1-4294967294', sources: [] },
  ikeVersions: ['ikev2'],
  phase1: { encryption: ['aes256'], integrity: ['sha256'], dhGroups: [14], allowsNoPfs: false, lifetimeSeconds: r(600, 36000), defaultLifetimeSeconds: 36000, lifetimeFixed: false },
  phase2: { encryption: ['aes256'], integrity: ['sha256'], dhGroups: [14], allowsNoPfs: false, lifetimeSeconds: r(600, 10800), defaultLifetimeSeconds: 10800, lifetimeFixed: false },
  spelling: {
    encryption: { aes256: 'AES-CBC-256' }, integrity: { sha256: 'HMAC-SHA2-256-128' }, phase1Dh: { 14: 'MODP-2048' }, phase2Dh: { 14: 'MODP-2048' },
    ikeVersion: { ikev1: 'IKEv1', ikev2: 'IKEv2' },
  },
  sources: [],
} as unknown as CloudFacts;

const TEST_PROFILE: CloudProfile<'ha-gateway', TestLinkResources> = {
  cloud: 'testcloud' as never,
  name: 'Test Cloud',
  display: {
    label: 'Test Cloud', color: '#123456',
    nouns: { peers: 'peer records', connections: 'tunnel interfaces' },
    count: (l) => ({ peers: 1, connections: l.tunnels.length }),
  },
  facts: TEST_FACTS,
  sources: {},
  kinds: ['ha-gateway'],
  endpoints: () => ['interface0', 'interface1'],
  tunnelOnEveryEndpoint: true,
  idleReason: () => undefined,
  place: ({ endpointIndex, round }) => ({ connection: round, tunnel: endpointIndex + 1 }),
  configuresIdle: () => false,
  alwaysInside: false,
  firstHostRank: 1,
  scarceInsideRange: false,
  initiation: () => 'initiates',
  startsBgp: true,
  lifetimes: { phase1: 28800, phase2: 3600 },
  siteWarnings: () => [],
  alarms: () => [],
  planGateway: ({ links }) => ({
    links: links.map(({ link, side, remote, slots, tunnel }) => ({
      cloud: 'testcloud' as never,
      link: link.id,
      remoteSite: remote.id,
      tunnels: slots.filter((s) => s.state === 'active').map((s, n) => ({ id: `tunnel${n + 1}`, iface: s.endpoints[side], peer: s.endpoints[1 - side], tunnel: tunnel(s).id })),
    })),
  }),
  connectionLimit: () => 25,
  capacity: (site, links) => ({ used: links.reduce((n, l) => n + l.tunnels.length, 0), limit: 25, unit: 'tunnels', gateway: site.kind, remedy: '' }),
};

/**
 * Registers a profile as the registry's one line does (`PROFILES`), with the tables the registry
 * derives from it; returns the undo.
 */
function register(profile: CloudProfile<string, LinkResourcesBase>): () => void {
  const id = profile.cloud as string;
  const tables = [PROFILES, CLOUD_NAMES, FACTS, GATEWAY_KINDS, DEFAULT_GATEWAY_KIND] as unknown as Record<string, unknown>[];
  const values = [profile, profile.name, profile.facts, profile.kinds, profile.kinds[0]];
  tables.forEach((t, i) => { t[id] = values[i]; });
  (CLOUDS as string[]).push(id);
  return () => {
    for (const t of tables) delete t[id];
    (CLOUDS as string[]).splice(CLOUDS.indexOf(id as never), 1);
  };
}

const site = (id: string, cloud: string, cidr: string, extra: Partial<SiteSpec> = {}): SiteSpec => ({ id, cloud: cloud as SiteSpec['cloud'], cidrs: [cidr], ...extra });

describe('a fourth cloud, registered as a profile', () => {
  let unregister: () => void;
  beforeAll(() => { unregister = register(TEST_PROFILE as unknown as CloudProfile<string, LinkResourcesBase>); });
  afterAll(() => unregister());

  const topology: Topology = {
    sites: [site('t', 'testcloud', '10.9.0.0/16'), site('aws', 'aws', '10.1.0.0/16'), site('az', 'azure', '10.2.0.0/16')],
    links: [{ between: ['t', 'aws'] }, { between: ['az', 't'] }],
  };
  const plan = (): VpnPlan => planVpn(topology, { masterSecret: TEST_SECRET });
  const gw = (p: VpnPlan, id: string) => p.gateways.find((g) => g.site === id)!;

  test('toward AWS, AWS drives: one VPN connection per interface, two tunnels each, both ends configured', () => {
    const p = plan();
    const tunnels = p.tunnels.filter((t) => t.link === 't--aws' || t.link === 'aws--t');
    expect(tunnels.map((t) => t.ends.map((e) => e.endpoint))).toEqual([
      ['interface0', 'aws--t/conn1/tunnel1'], ['interface1', 'aws--t/conn2/tunnel1'],
      ['interface0', 'aws--t/conn1/tunnel2'], ['interface1', 'aws--t/conn2/tunnel2'],
    ]);
    const aws = gw(p, 'aws').links[0];
    expect(aws.cloud === 'aws' && aws.customerGateways.map((c) => c.remote.endpoint)).toEqual(['interface0', 'interface1']);
    const mine = gw(p, 't').links.find((l) => l.remoteSite === 'aws') as unknown as TestLinkResources;
    expect(mine.tunnels.map((t) => [t.iface, t.peer])).toEqual(tunnels.map((t) => [t.ends[0].endpoint, t.ends[1].endpoint]));
    // every tunnel spelled in each end's own names, with each end's lifetimes
    for (const t of tunnels) {
      expect(t.ends[0].proposal.phase1).toEqual({ encryption: 'AES-CBC-256', integrity: 'HMAC-SHA2-256-128', dhGroup: 'MODP-2048', lifetimeSeconds: 28800 });
      expect(t.ends[1].proposal.phase1.encryption).toBe('AES256');
      // AWS takes the first host of the inside /30 (its rank is higher), the /30 valid for both clouds
      expect(insideCidrProblem(['testcloud' as never, 'aws'], t.insideCidr!)).toBeUndefined();
      expect(t.ends[1].insideAddress!.split('.')[3]).toBe(String(Number(t.insideCidr!.split('/')[0].split('.')[3]) + 1));
      // ASNs: AWS's default, the new site's allocated, mirrored
      expect([t.ends[1].asn, t.ends[0].peerAsn]).toEqual([64512, 64512]);
      expect(t.ends[0].asn).toBe(t.ends[1].peerAsn);
    }
  });

  test('toward Azure, instance by instance: the cloud that carries a tunnel on every interface leads', () => {
    const p = plan();
    const tunnels = p.tunnels.filter((t) => t.link === 'az--t');
    expect(tunnels.map((t) => t.ends.map((e) => e.endpoint))).toEqual([['instance0', 'interface0'], ['instance1', 'interface1']]);
    expect(tunnels.every((t) => t.state === 'active')).toBe(true);
    // Azure's side is Azure's: a connection per tunnel, its APIPA addresses from its range, phase 1 fixed
    const az = gw(p, 'az');
    expect(az.links[0].cloud === 'azure' && az.links[0].connections).toHaveLength(2);
    for (const t of tunnels) {
      expect(insideCidrProblem(['azure', 'testcloud' as never], t.insideCidr!)).toBeUndefined();
      expect(t.ends[0].proposal.phase1.lifetimeSeconds).toBe(28800);
      expect(t.ends[1].proposal.phase1.lifetimeSeconds).toBe(27000); // rekeys before Azure's fixed phase 1
    }
    expect(gw(p, 't').connectionCount).toBe(6);
    expect(gw(p, 't').connectionLimit).toBe(25);
  });

  test('the CLI shows it in its own words: resource nouns in the table, its cluster in the diagram, from its profile', () => {
    // GIVEN its plan; WHEN rendered as `ccvpn plan` prints it and drawn
    const p = plan();
    const row = renderPlan(p).split('\n').find((l) => l.startsWith('t '))!;
    // THEN its gateway row counts its resources with its nouns (not another cloud's)
    const mine = gw(p, 't').links as unknown as TestLinkResources[];
    expect(row).toContain(`2 peer records, ${mine.reduce((n, l) => n + l.tunnels.length, 0)} tunnel interfaces`);
    // AND the diagram draws it as a cluster of its own, labelled and coloured by its profile
    const dot = planToDot(p);
    expect(dot).toMatch(/subgraph "cluster_cloud_testcloud" \{\n {4}graph \[label="Test Cloud", color="#123456"/);
    expect(dot).toContain('"t|interface0"');
  });

  test('its own rules apply: its gateway kinds and lifetime ranges in errors', () => {
    const bad: Topology = {
      sites: [site('t', 'testcloud', '10.9.0.0/16', { gateway: 'vpn-gateway' }), site('aws', 'aws', '10.1.0.0/16')],
      links: [{ between: ['t', 'aws'], proposal: { phase2: { lifetimeSeconds: 12000 } } }],
    };
    const error = (() => { try { planVpn(bad, { masterSecret: TEST_SECRET }); } catch (e) { return e as PlanError; } return undefined; })();
    expect(error).toBeInstanceOf(PlanError);
    expect(error!.issues.map((i) => [i.code, i.message])).toEqual([
      ['gateway-kind-unknown', "'vpn-gateway' is not a gateway kind of Test Cloud; allowed: ha-gateway"],
    ]);
    const fixedKind: Topology = { ...bad, sites: [site('t', 'testcloud', '10.9.0.0/16'), bad.sites[1]] };
    expect(() => planVpn(fixedKind, { masterSecret: TEST_SECRET })).toThrow(/phase2\.lifetimeSeconds: 12000 s is outside Test Cloud's phase2 lifetime range; allowed: 600-10800 s/);
  });
});

test('a link between two clouds whose endpoints both exist per connection is refused, not planned empty', () => {
  // GIVEN a test cloud whose outside IPs, like AWS's, exist per connection
  const perConnection = { ...TEST_PROFILE, cloud: 'perconn' as never, name: 'Per-Connection Cloud', kinds: ['ha-gateway'], endpoints: () => [], perConnection: { tunnelsPerConnection: 2, endpoint: (l: string, c: number, t: number) => `${l}/${c}/${t}`, connectionOf: (e: string) => /^(.+)\/\d+$/.exec(e)?.[1] } };
  const undo = register(perConnection as unknown as CloudProfile<string, LinkResourcesBase>);
  try {
    // WHEN it is linked to AWS; THEN one clear error
    expect(() => planVpn({ sites: [site('p', 'perconn', '10.9.0.0/16'), site('aws', 'aws', '10.1.0.0/16')], links: [{ between: ['p', 'aws'] }] }, { masterSecret: TEST_SECRET }))
      .toThrow(/links\[0\]\.between: Per-Connection Cloud and AWS both have tunnel endpoints only per connection, so no tunnel pairs/);
  } finally {
    undo();
  }
});

describe('what a fourth cloud touches outside its own profile', () => {
  test('in the planning core and the topology schema: the cloud union (ids), the registry line and the schema enum', () => {
    // Files that list every cloud by id, as an enumeration does: what a new cloud must join.
    const root = path.join(__dirname, '..', '..');
    const files = [...tsFiles(path.join(root, 'src', 'plan')), path.join(root, 'schema', 'topology.schema.json')]
      .filter((f) => !/src\/plan\/clouds\/(aws|azure|alicloud)\.ts$/.test(f));
    const lists = (text: string) => ['aws', 'azure', 'alicloud'].every((c) => new RegExp(`['"]\\.?/?${c}['"]`).test(text));
    const touched = files.filter((f) => lists(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(root, f)).sort();
    // ids.ts: the cloud union and its gateway kinds (below the profiles); index.ts: its line in PROFILES
    expect(touched).toEqual(['schema/topology.schema.json', 'src/plan/clouds/ids.ts', 'src/plan/clouds/index.ts']);
  });
});
