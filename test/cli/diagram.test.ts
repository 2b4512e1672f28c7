import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { main } from '../../src/cli/main';
import { planToDot } from '../../src/cli/diagram';
import { renderSvg } from '../../src/cli/render-svg';
import { readTopology } from '../../src/cli/topology-file';
import { MASTER_SECRET_ENV, VpnPlan, planVpn } from '../../src/plan';
import { TEST_SECRET, aliSite, awsSite, azureSite, topo } from '../plan/fixtures';

const MESH = path.join(__dirname, '..', '..', 'examples', 'topologies', 'three-cloud-mesh.yaml');

/** An SVG element as fast-xml-parser gives it: attributes unprefixed, children by tag name. */
interface XmlNode { [key: string]: unknown }

/** Every `<g>` whose class list contains `edge`, with its text (labels) and its drawn paths. */
function edgesOf(svg: string): { id: string; classes: string[]; text: string; paths: XmlNode[] }[] {
  expect(XMLValidator.validate(svg)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true }).parse(svg) as XmlNode;
  const found: { id: string; classes: string[]; text: string; paths: XmlNode[] }[] = [];
  const all = (n: unknown, tag: string): XmlNode[] => {
    if (Array.isArray(n)) return n.flatMap((x) => all(x, tag));
    if (!n || typeof n !== 'object') return [];
    const node = n as XmlNode;
    return Object.entries(node).flatMap(([k, v]) => {
      const items = Array.isArray(v) ? v : [v];
      const here = k === tag ? items.filter((x): x is XmlNode => typeof x === 'object' && x !== null) : [];
      return [...here, ...all(v, tag)];
    });
  };
  const textOf = (n: unknown): string => all(n, 'text').map((t) => String(t['#text'] ?? '')).join('\n');
  for (const g of all(doc, 'g')) {
    const classes = String(g.class ?? '').split(/\s+/);
    if (classes.includes('edge')) found.push({ id: String(g.id), classes, text: textOf(g), paths: all(g, 'path') });
  }
  return found;
}

/** AWS ↔ Azure in the guide's layout: AWS tunnel 2 of each connection is planned idle. */
function guidePlan(): VpnPlan {
  return planVpn(topo([awsSite, azureSite], [{ between: ['aws-tokyo', 'azure-east'], routing: 'bgp', layout: 'minimal' }]), { masterSecret: TEST_SECRET });
}

describe('planToDot', () => {
  test('groups the gateways per cloud and draws one edge per tunnel between its two endpoints', () => {
    // GIVEN
    const plan = planVpn(readTopology(MESH), { masterSecret: TEST_SECRET });
    // WHEN
    const dot = planToDot(plan);
    // THEN
    for (const cloud of ['aws', 'azure', 'alicloud']) expect(dot).toContain(`subgraph "cluster_cloud_${cloud}"`);
    for (const g of plan.gateways) expect(dot).toContain(`subgraph "cluster_site_${g.site}"`);
    const edges = dot.split('\n').filter((l) => l.includes(' -- '));
    expect(edges).toHaveLength(plan.tunnels.length);
    for (const t of plan.tunnels) {
      const edge = edges.find((l) => l.includes(`id="tunnel:${t.id}"`))!;
      expect(edge).toContain(`"${t.ends[0].site}|${t.ends[0].endpoint}" -- "${t.ends[1].site}|${t.ends[1].endpoint}"`);
      if (t.insideCidr) expect(edge).toContain(t.insideCidr);
      if (t.routing === 'bgp') expect(edge).toContain(`ASN ${t.ends[0].asn} ~ ${t.ends[1].asn}`);
    }
    // keys never reach a drawing
    for (const t of plan.tunnels) expect(dot).not.toContain(t.presharedKey.reveal());
  });

  test('shows each Azure instance with its APIPA BGP addresses', () => {
    const plan = guidePlan();
    const azure = plan.gateways.find((g) => g.cloud === 'azure')!;
    const dot = planToDot(plan);
    for (const [instance, addresses] of Object.entries(azure.apipaAddresses ?? {})) {
      expect(dot).toContain(`label="${instance}\\nAPIPA ${addresses.join(' ')}"`);
    }
  });

  test('escapes quotes and backslashes in names', () => {
    const plan = guidePlan();
    const odd = { ...plan, gateways: plan.gateways.map((g) => ({ ...g, cidrs: ['a"b\\c'] })) };
    expect(planToDot(odd)).toContain('a\\"b\\\\c');
  });
});

describe('SVG drawing', () => {
  test('the three-cloud mesh: well-formed SVG naming every tunnel with its inside /30', async () => {
    // GIVEN
    const plan = planVpn(readTopology(MESH), { masterSecret: TEST_SECRET });
    // WHEN
    const edges = edgesOf(await renderSvg(planToDot(plan)));
    // THEN
    expect(edges).toHaveLength(plan.tunnels.length);
    for (const t of plan.tunnels) {
      const edge = edges.find((e) => e.id === `tunnel:${t.id}`)!;
      expect(edge).toBeDefined();
      expect(edge.text).toContain(t.id);
      if (t.insideCidr) expect(edge.text).toContain(t.insideCidr);
      expect(edge.classes).toEqual(expect.arrayContaining(['tunnel', 'active']));
    }
  });

  test('idle tunnels are dashed and grey, active ones solid', async () => {
    // GIVEN
    const plan = guidePlan();
    const idle = plan.tunnels.filter((t) => t.state === 'idle');
    expect(idle.length).toBeGreaterThan(0);
    // WHEN
    const edges = edgesOf(await renderSvg(planToDot(plan)));
    // THEN
    for (const t of plan.tunnels) {
      const edge = edges.find((e) => e.id === `tunnel:${t.id}`)!;
      const stroke = edge.paths.map((p) => ({ dash: p['stroke-dasharray'], color: p.stroke }));
      if (t.state === 'idle') {
        expect(edge.classes).toContain('idle');
        expect(edge.text).toContain('idle');
        expect(stroke).toEqual([{ dash: expect.any(String), color: '#a0a0a0' }]);
      } else {
        expect(edge.classes).toContain('active');
        expect(stroke).toEqual([{ dash: undefined, color: '#2d6a4f' }]);
      }
    }
  });
});

/** Every `<g>` whose class list contains `cls` (e.g. `node`), by id, with its text. */
function groupsOf(svg: string, cls: string): Map<string, { classes: string[]; text: string }> {
  expect(XMLValidator.validate(svg)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true }).parse(svg) as XmlNode;
  const out = new Map<string, { classes: string[]; text: string }>();
  const texts = (n: unknown): string[] => {
    if (Array.isArray(n)) return n.flatMap(texts);
    if (!n || typeof n !== 'object') return [];
    return Object.entries(n as XmlNode).flatMap(([k, v]) => (k === 'text' ? (Array.isArray(v) ? v : [v]).map((t) => String((t as XmlNode)['#text'] ?? t)) : texts(v)));
  };
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) { n.forEach(walk); return; }
    if (!n || typeof n !== 'object') return;
    for (const [k, v] of Object.entries(n as XmlNode)) {
      if (k === 'g') {
        for (const g of (Array.isArray(v) ? v : [v]) as XmlNode[]) {
          const classes = String(g.class ?? '').split(/\s+/);
          if (classes.includes(cls)) out.set(String(g.id), { classes, text: texts(g).join('\n') });
        }
      }
      walk(v);
    }
  };
  walk(doc);
  return out;
}

describe('the alarms that watch each tunnel end', () => {
  // GIVEN the guide's layout toward Azure (two idle tunnels) and AWS ↔ Alibaba with Alibaba's alarms off, AWS with 2 connections in use
  const plan = planVpn(topo(
    [{ ...awsSite, inUse: { connections: 2 } }, azureSite, { ...aliSite, alarms: false }],
    [{ between: ['aws-tokyo', 'azure-east'], layout: 'minimal' }, { between: ['aws-tokyo', 'ali-hz'] }],
  ), { masterSecret: TEST_SECRET, deployment: 'estate' });
  const dot = planToDot(plan);
  const edge = (id: string) => dot.split('\n').find((l) => l.includes(`id="tunnel:${id}"`))!;
  const note = (site: string) => dot.split('\n').find((l) => l.includes(`id="alarms:${site}"`));

  test.each([
    ['an active BGP tunnel: one alarm on the AWS end, the tunnel and BGP alerts on the Azure end', 'aws-tokyo--azure-east:1', 'alarms 1 ~ 2'],
    ['an active tunnel toward a site with alarms: false', 'ali-hz--aws-tokyo:1', 'alarms 1 ~ off'],
    ['an idle tunnel', 'aws-tokyo--azure-east:3', 'idle, no alarms'],
  ])('the edge of %s says how many watch each end', (_, id, label) => {
    expect(edge(id)).toMatch(new RegExp(`label="[^"]*\\\\n${label}"`));
  });

  test('each gateway lists its ends\' alarms by name and meaning, or why an end has none', () => {
    const aws = note('aws-tokyo')!;
    expect(aws).toContain('label="6 alarms\\n');
    for (const t of plan.tunnels.filter((x) => x.state === 'active')) {
      const end = t.ends.find((e) => e.site === 'aws-tokyo')!;
      expect(aws).toContain(`${t.id} ${end.endpoint.replace(`${t.link}/`, '')}: ${end.alarms![0].name} (tunnel or BGP session down, or no data)`);
    }
    expect(aws).toContain('aws-tokyo--azure-east:3 conn1/tunnel2: none (idle)');
    const azure = note('azure-east')!;
    expect(azure).toContain('label="4 alarms\\n');
    expect(azure).toContain('aws-tokyo--azure-east:1 instance0: estate-aws-tokyo--azure-east-t1-azure-tunnel (tunnel down)');
    expect(azure).toContain('aws-tokyo--azure-east:1 instance0: estate-aws-tokyo--azure-east-t1-azure-bgp (BGP peer down)');
    expect(note('ali-hz')).toContain('label="no alarms (alarms: false)"');
    expect(dot).toContain('6/10 connections (2 in use)');
  });

  test('the SVG shows every alarm name in its gateway\'s note, and no key', async () => {
    const svg = await renderSvg(dot);
    const notes = groupsOf(svg, 'alarms');
    expect([...notes.keys()].sort()).toEqual(['alarms:ali-hz', 'alarms:aws-tokyo', 'alarms:azure-east']);
    const names = plan.tunnels.flatMap((t) => t.ends.flatMap((e) => e.alarms ?? []).map((a) => a.name));
    expect(names).toHaveLength(10);
    for (const name of names) expect(notes.get(/-azure-(tunnel|bgp)$/.test(name) ? 'alarms:azure-east' : 'alarms:aws-tokyo')!.text).toContain(name);
    expect(notes.get('alarms:ali-hz')!.text).toBe('no alarms (alarms: false)');
    for (const t of plan.tunnels) expect(svg).not.toContain(t.presharedKey.reveal());
  });
});

describe('ccvpn plan --diagram', () => {
  const saved = process.env[MASTER_SECRET_ENV];
  let dir: string;
  beforeEach(() => {
    process.env[MASTER_SECRET_ENV] = TEST_SECRET;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-diagram-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterAll(() => { if (saved === undefined) delete process.env[MASTER_SECRET_ENV]; else process.env[MASTER_SECRET_ENV] = saved; });

  function run(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = main(argv, (s) => { stdout += s; }, (s) => { stderr += s; });
    return { code, out: () => stdout, err: () => stderr };
  }

  test('writes the SVG next to the usual table', async () => {
    const file = path.join(dir, 'mesh.svg');
    const r = run('plan', MESH, '--diagram', file);
    expect(await r.code).toBe(0);
    expect(r.out()).toContain('10 tunnels');
    expect(edgesOf(fs.readFileSync(file, 'utf8'))).toHaveLength(10);
  });

  test('writes the Graphviz source for a .dot file, synchronously', () => {
    const file = path.join(dir, 'mesh.dot');
    const r = run('plan', MESH, '--diagram', file);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^graph ccvpn \{/);
  });

  test('fails when the diagram file is neither .svg nor .dot', () => {
    const r = run('plan', MESH, '--diagram', path.join(dir, 'mesh.png'));
    expect(r.code).toBe(2);
    expect(r.err()).toMatch(/--diagram takes a \.svg, \.dot or \.gv file, got '.*mesh\.png'/);
    expect(fs.existsSync(path.join(dir, 'mesh.png'))).toBe(false);
  });
});
