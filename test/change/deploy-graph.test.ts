/**
 * `deployGraph` / `runGraph`: the stacks' real dependencies (manifest inputs and the engines'
 * own), and a bounded-parallel run that never starts a stack before what it reads exists.
 */
import * as fc from 'fast-check';
import { DeployGraph, DeployGraphError, GraphStack, criticalPath, deployGraph, deployWaves, reversed, runGraph, sequentialOrder, subgraph } from '../../src/change/deploy-graph';
import type { DeploymentManifest, ManifestStack } from '../../src/manifest';
import { propRuns } from '../lib/props';

const input = (name: string, stack: string, output: string) => ({ name, from: { stack, output } });

/** The three-cloud mesh as `CrossCloudVpn` writes it (shortened names), and its engines' dependencies. */
const MESH: DeploymentManifest = {
  version: 1,
  phases: [
    { phase: 1, description: 'gateways', stacks: [
      { name: 'AwsTokyo', engine: 'cdk', inputs: [], outputs: [] },
      { name: 'azure-japaneast', engine: 'cdktf', inputs: [], outputs: ['endpoint_instance0'] },
      { name: 'ali-hangzhou', engine: 'cdktf', inputs: [], outputs: ['endpoint_master'] },
    ] },
    { phase: 2, description: 'AWS connections', stacks: [
      { name: 'AwsTokyoLinks2', engine: 'cdk', inputs: [input('AzureIp', 'azure-japaneast', 'endpoint_instance0'), input('AliIp', 'ali-hangzhou', 'endpoint_master')], outputs: ['AzureTunnel1', 'AliTunnel1'] },
      { name: 'azure-japaneast-links-2', engine: 'cdktf', inputs: [], outputs: [] },
      { name: 'ali-hangzhou-links-2', engine: 'cdktf', inputs: [], outputs: [] },
    ] },
    { phase: 3, description: 'links that need the AWS outside IPs', stacks: [
      { name: 'azure-japaneast-links-3', engine: 'cdktf', inputs: [input('aws_ip', 'AwsTokyoLinks2', 'AzureTunnel1')], outputs: [] },
      { name: 'ali-hangzhou-links-3', engine: 'cdktf', inputs: [input('aws_ip', 'AwsTokyoLinks2', 'AliTunnel1')], outputs: [] },
    ] },
  ],
};
/** As the synthesized assemblies record them (cdk.out/manifest.json, cdktf.out/manifest.json). */
const MESH_ENGINE = new Map([
  ['cdk:AwsTokyoLinks2', ['AwsTokyo']],
  ['cdktf:azure-japaneast-links-2', ['azure-japaneast', 'ali-hangzhou']],
  ['cdktf:ali-hangzhou-links-2', ['ali-hangzhou', 'azure-japaneast']],
  ['cdktf:azure-japaneast-links-3', ['azure-japaneast']],
  ['cdktf:ali-hangzhou-links-3', ['ali-hangzhou']],
]);

const after = (g: DeployGraph) => Object.fromEntries(g.stacks.map((s) => [s.name, s.after]));

describe('deployGraph', () => {
  test('a stack waits for the producers of its inputs and its engine dependencies, not for a phase', () => {
    const g = deployGraph(MESH, MESH_ENGINE);
    expect(after(g)).toEqual({
      AwsTokyo: [], 'azure-japaneast': [], 'ali-hangzhou': [],
      AwsTokyoLinks2: ['AwsTokyo', 'ali-hangzhou', 'azure-japaneast'],
      'azure-japaneast-links-2': ['ali-hangzhou', 'azure-japaneast'],
      'ali-hangzhou-links-2': ['ali-hangzhou', 'azure-japaneast'],
      // a phase-3 half: its own gateway and its AWS connections, not the phase-2 Terraform stacks
      'azure-japaneast-links-3': ['AwsTokyoLinks2', 'azure-japaneast'],
      'ali-hangzhou-links-3': ['AwsTokyoLinks2', 'ali-hangzhou'],
    });
    expect(g.stacks.every((s) => !s.external)).toBe(true);
  });

  test('without engine dependencies, the manifest inputs alone', () => {
    expect(after(deployGraph(MESH))['azure-japaneast-links-2']).toEqual([]);
    expect(after(deployGraph(MESH))['azure-japaneast-links-3']).toEqual(['AwsTokyoLinks2']);
  });

  test('a dependency on a stack the manifest does not list becomes an external stack, first, with its own dependencies', () => {
    const g = deployGraph(MESH, new Map([...MESH_ENGINE, ['cdk:AwsTokyo', ['Network']], ['cdk:Network', ['Account']]]));
    expect(g.stacks.slice(0, 2).map((s) => [s.name, s.engine, s.external, s.after])).toEqual([['Network', 'cdk', true, ['Account']], ['Account', 'cdk', true, []]]);
    expect(after(g).AwsTokyo).toEqual(['Network']);
    // destroy never touches them
    expect(reversed(g).stacks.map((s) => s.name)).not.toContain('Network');
  });

  test('a cycle through engine dependencies is refused, naming it', () => {
    expect(() => deployGraph(MESH, new Map([...MESH_ENGINE, ['cdk:AwsTokyo', ['AwsTokyoLinks2']]]))).toThrow(new DeployGraphError('the stacks depend on each other in a cycle: AwsTokyo → AwsTokyoLinks2 → AwsTokyo'));
  });

  test('an engine dependency on a stack of the other engine is refused', () => {
    expect(() => deployGraph(MESH, new Map([['cdk:AwsTokyoLinks2', ['azure-japaneast']]]))).toThrow(/cdk assembly says stack 'AwsTokyoLinks2' depends on 'azure-japaneast', but the manifest's 'azure-japaneast' is a cdktf stack/);
  });

  test('reversed: every stack waits for the stacks that read it', () => {
    const r = after(reversed(deployGraph(MESH, MESH_ENGINE)));
    expect(r.AwsTokyoLinks2).toEqual(['ali-hangzhou-links-3', 'azure-japaneast-links-3']);
    expect(r['azure-japaneast']).toEqual(['AwsTokyoLinks2', 'ali-hangzhou-links-2', 'azure-japaneast-links-2', 'azure-japaneast-links-3']);
    expect(r['azure-japaneast-links-3']).toEqual([]);
  });

  test('subgraph drops the edges to stacks left out', () => {
    const g = subgraph(deployGraph(MESH, MESH_ENGINE), (s) => s.phase === 3);
    expect(after(g)).toEqual({ 'azure-japaneast-links-3': [], 'ali-hangzhou-links-3': [] });
  });

  test('criticalPath: the longest chain, with its stacks', () => {
    // GIVEN typical minutes: Azure gateway 45, Alibaba 4, AWS 2, AWS connections 8, link halves 2
    const minutes: Record<string, number> = { AwsTokyo: 2, 'azure-japaneast': 45, 'ali-hangzhou': 4, AwsTokyoLinks2: 8, 'azure-japaneast-links-2': 2, 'ali-hangzhou-links-2': 2, 'azure-japaneast-links-3': 2, 'ali-hangzhou-links-3': 2 };
    const cp = criticalPath(deployGraph(MESH, MESH_ENGINE), (s) => minutes[s.name]);
    expect(cp).toEqual({ length: 55, path: ['azure-japaneast', 'AwsTokyoLinks2', 'azure-japaneast-links-3'] });
  });
});

/** A random DAG of up to 12 stacks (edges only to earlier stacks), some of which fail. */
const dagArb = fc.integer({ min: 1, max: 12 }).chain((n) => fc.record({
  deps: fc.array(fc.array(fc.nat(n - 1), { maxLength: 4 }), { minLength: n, maxLength: n }),
  failing: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
  parallel: fc.integer({ min: 1, max: 5 }),
}).map(({ deps, failing, parallel }) => {
  const stacks: ManifestStack[] = deps.map((ds, i) => ({
    name: `s${i}`, engine: i % 2 ? 'cdk' : 'cdktf',
    inputs: [...new Set(ds.filter((d) => d < i))].map((d) => input(`in${d}`, `s${d}`, 'out')),
    outputs: ['out'],
  }));
  // one phase per stack keeps the manifest valid (inputs from earlier phases only)
  const m: DeploymentManifest = { version: 1, phases: stacks.map((s, i) => ({ phase: i + 1, description: '', stacks: [s] })) };
  return { graph: deployGraph(m), fails: new Set(stacks.filter((_, i) => failing[i]).map((s) => s.name)), parallel };
}));

describe('runGraph', () => {
  test('property: a stack starts only after all its inputs\' producers finished; never more than N run; a failure stops new starts only', async () => {
    await fc.assert(fc.asyncProperty(fc.scheduler(), dagArb, fc.boolean(), async (s, { graph, fails, parallel }, withFailures) => {
      const failing = withFailures ? fails : new Set<string>();
      const done = new Set<string>();
      const started: string[] = [];
      let running = 0;
      let maxRunning = 0;
      let failedAt = -1;
      const violations: string[] = [];
      const run = (stack: GraphStack) => {
        // THEN at its start, every stack it waits for has finished, and none has failed
        for (const d of stack.after) if (!done.has(d)) violations.push(`${stack.name} started before ${d} finished`);
        if (failedAt >= 0) violations.push(`${stack.name} started after a failure`);
        started.push(stack.name);
        running++;
        maxRunning = Math.max(maxRunning, running);
        return s.schedule(Promise.resolve(stack.name), stack.name).then(() => {
          running--;
          if (failing.has(stack.name)) {
            failedAt = started.length;
            throw new Error(`${stack.name} failed`);
          }
          done.add(stack.name);
          return 'deployed' as const;
        });
      };
      const r = await s.waitFor(runGraph(graph, { parallel, run }));
      expect(violations).toEqual([]);
      expect(maxRunning).toBeLessThanOrEqual(parallel);
      expect(running).toBe(0); // the running ones were waited for
      if (failing.size === 0 || r.failed.length === 0) {
        // every stack ran exactly once, when none of the started ones failed
        expect(r.failed).toEqual([]);
        expect([...r.finished.map((f) => f.name)].sort()).toEqual(graph.stacks.map((x) => x.name).sort());
        expect(r.notStarted).toEqual([]);
      } else {
        expect(r.failed.map((f) => f.name).every((n) => failing.has(n))).toBe(true);
        expect(new Set([...r.finished.map((f) => f.name), ...r.failed.map((f) => f.name), ...r.notStarted]).size).toBe(graph.stacks.length);
      }
      expect(new Set(started).size).toBe(started.length);
    }), propRuns(150));
  });

  test('with room, independent stacks run together: the mesh\'s three gateways start at once', async () => {
    const g = deployGraph(MESH, MESH_ENGINE);
    const events: string[] = [];
    const release: (() => void)[] = [];
    const result = runGraph(g, {
      parallel: 8,
      run: (stack) => new Promise((resolve) => { release.push(() => resolve('deployed')); void stack; }),
      on: (e) => events.push(`${e.type} ${e.stack.name}`),
    });
    expect(events.sort()).toEqual(['start AwsTokyo', 'start ali-hangzhou', 'start azure-japaneast']);
    events.length = 0;
    release.splice(0).forEach((f) => f());
    await new Promise((r) => setImmediate(r));
    expect(events.filter((e) => e.startsWith('start')).sort()).toEqual(['start AwsTokyoLinks2', 'start ali-hangzhou-links-2', 'start azure-japaneast-links-2']);
    while (release.length) {
      release.splice(0).forEach((f) => f());
      await new Promise((r) => setImmediate(r));
    }
    expect((await result).finished).toHaveLength(8);
  });

  test('the longest chain behind a stack goes first when there is no room for all, then the stack most stacks wait for', async () => {
    const g = deployGraph(MESH, MESH_ENGINE);
    const starts: string[] = [];
    await runGraph(g, { parallel: 1, run: async (stack) => { starts.push(stack.name); return 'deployed'; } });
    // the gateways (chains of 3 behind each) first, the Azure and Alibaba ones (5 stacks wait for
    // each) before the AWS one (3); AwsTokyoLinks2 (a chain of 2) before the phase-2 Terraform stacks
    expect(starts).toEqual(['azure-japaneast', 'ali-hangzhou', 'AwsTokyo', 'AwsTokyoLinks2', 'azure-japaneast-links-2', 'ali-hangzhou-links-2', 'azure-japaneast-links-3', 'ali-hangzhou-links-3']);
  });

  test('a failure: running stacks finish, nothing new starts, the rest is reported not started', async () => {
    const g = deployGraph(MESH, MESH_ENGINE);
    const r = await runGraph(g, {
      parallel: 8,
      run: (stack) => (stack.name === 'ali-hangzhou' ? Promise.reject(new Error('quota')) : new Promise((resolve) => setTimeout(() => resolve('deployed'), 5))),
    });
    expect(r.failed.map((f) => [f.name, (f.error as Error).message])).toEqual([['ali-hangzhou', 'quota']]);
    expect(r.finished.map((f) => f.name).sort()).toEqual(['AwsTokyo', 'azure-japaneast']);
    expect(r.notStarted).toEqual(['AwsTokyoLinks2', 'azure-japaneast-links-2', 'ali-hangzhou-links-2', 'azure-japaneast-links-3', 'ali-hangzhou-links-3']);
  });

  test.each([0, 1.5, -1, Number.NaN])('parallel %p is refused', (n) => {
    expect(() => runGraph(deployGraph(MESH), { parallel: n, run: async () => 'deployed' })).toThrow(DeployGraphError);
  });
});

describe('deployWaves / sequentialOrder (the steps `ccvpn diff` evaluates outages over)', () => {
  test('the mesh: the gateways, then the phase-2 stacks, then the phase-3 ones; one at a time in runGraph\'s order', () => {
    const g = deployGraph(MESH, MESH_ENGINE);
    expect(deployWaves(g)).toEqual([
      ['AwsTokyo', 'azure-japaneast', 'ali-hangzhou'],
      ['AwsTokyoLinks2', 'azure-japaneast-links-2', 'ali-hangzhou-links-2'],
      ['azure-japaneast-links-3', 'ali-hangzhou-links-3'],
    ]);
    expect(sequentialOrder(g).map((s) => s.name)).toEqual(['azure-japaneast', 'ali-hangzhou', 'AwsTokyo', 'AwsTokyoLinks2', 'azure-japaneast-links-2', 'ali-hangzhou-links-2', 'azure-japaneast-links-3', 'ali-hangzhou-links-3']);
    // AND without engine dependencies the phase-2 Terraform stacks wait for nothing: wave 1
    expect(deployWaves(deployGraph(MESH))[0]).toEqual(['AwsTokyo', 'azure-japaneast', 'ali-hangzhou', 'azure-japaneast-links-2', 'ali-hangzhou-links-2']);
  });

  test('property: every stack in exactly one wave, after all it waits for, and in the earliest such wave; no two stacks of a wave wait for each other', () => {
    fc.assert(fc.property(dagArb, ({ graph }) => {
      const waves = deployWaves(graph);
      const at = new Map(waves.flatMap((w, k) => w.map((n) => [n, k] as const)));
      expect(waves.flat().sort()).toEqual(graph.stacks.map((s) => s.name).sort());
      expect(waves.every((w) => w.length > 0)).toBe(true);
      for (const s of graph.stacks) {
        const deps = s.after.map((d) => at.get(d)!);
        expect(deps.every((k) => k < at.get(s.name)!)).toBe(true);
        expect(at.get(s.name)).toBe(deps.length ? Math.max(...deps) + 1 : 0);
      }
    }), propRuns(200));
  });

  test('property: sequentialOrder is the order runGraph with parallel 1 starts the stacks', async () => {
    await fc.assert(fc.asyncProperty(dagArb, async ({ graph }) => {
      const starts: string[] = [];
      await runGraph(graph, { parallel: 1, run: async (stack) => { starts.push(stack.name); return 'deployed'; } });
      expect(sequentialOrder(graph).map((s) => s.name)).toEqual(starts);
    }), propRuns(200));
  });
});
