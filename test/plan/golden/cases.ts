/**
 * Golden plans: `planVpn`'s output for every example, the fixtures' mesh, the topology file
 * example and 300 seeded random topologies (the property tests' arbitraries, fixed seeds),
 * serialised as JSON. A refactoring of the planner must reproduce every one byte for byte.
 *
 * Keys never appear: a `PresharedKey` serialises as its source and an HMAC-SHA-256 of the key
 * under a fixed, public test key (equal keys stay equal across runs, nothing about a key is
 * shown), and the file only ever keeps a SHA-256 per case (`plans.sha256.json`).
 */
import { createHash, createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib/core';
import { App as TerraformApp } from 'cdktf';
import * as fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { EXAMPLES } from '../../../examples';
import { DEMO_MASTER_SECRET, PlanError, PresharedKey, Topology, VpnPlan, planVpn } from '../../../src/plan';
import { pinnedLinkArb, topologyArb, validTopologyArb } from '../arbitraries';
import { TEST_SECRET, mesh } from '../fixtures';

/** Fixed and public: the hashes it makes only tell equal keys apart from different ones. */
const GOLDEN_HMAC_KEY = 'ccvpn-golden-plans-v1';

/** A plan (or the issues of its `PlanError`) as JSON, keys replaced by a keyed hash. */
export function serialise(result: VpnPlan | PlanError): string {
  if (result instanceof PlanError) return JSON.stringify({ error: result.issues }, null, 1);
  return JSON.stringify(result, function (this: unknown, key: string, value: unknown) {
    const raw = (this as Record<string, unknown>)[key];
    if (raw instanceof PresharedKey) return `psk:${raw.source}:${createHmac('sha256', GOLDEN_HMAC_KEY).update(raw.reveal()).digest('hex').slice(0, 16)}`;
    return value;
  }, 1);
}

function attempt(run: () => VpnPlan): VpnPlan | PlanError {
  try {
    return run();
  } catch (e) {
    if (e instanceof PlanError) return e;
    throw e;
  }
}

const plan = (t: Topology, previous?: VpnPlan['allocations']) => attempt(() => planVpn(t, { masterSecret: TEST_SECRET, previous }));

/** Every case, by name: its serialised plan or error. */
export function goldenCases(): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of EXAMPLES) {
    const apps = { cdk: new App(), terraform: new TerraformApp(), masterSecret: DEMO_MASTER_SECRET };
    out.set(`example/${e.name}`, serialise(attempt(() => e.define(apps).plan)));
  }
  out.set('fixtures/mesh', serialise(plan(mesh)));
  const file = path.join(__dirname, '..', '..', '..', 'examples', 'topologies', 'three-cloud-mesh.yaml');
  out.set('topologies/three-cloud-mesh.yaml', serialise(plan(parseYaml(fs.readFileSync(file, 'utf8')) as Topology)));

  fc.sample(topologyArb, { seed: 1501, numRuns: 120 }).forEach((t, i) => out.set(`random/any/${i}`, serialise(plan(t))));
  fc.sample(pinnedLinkArb, { seed: 1502, numRuns: 80 }).forEach((t, i) => out.set(`random/pinned/${i}`, serialise(plan(t))));
  fc.sample(validTopologyArb, { seed: 1503, numRuns: 100 }).forEach((t, i) => {
    const first = plan(t);
    out.set(`random/valid/${i}`, serialise(first));
    if (first instanceof PlanError) return;
    // kept allocations: one link fewer, then one site and link more, each from the first plan's record
    if (t.links.length > 1) out.set(`random/valid/${i}/drop`, serialise(plan({ sites: t.sites, links: t.links.slice(1) }, first.allocations)));
    const peer = t.sites[i % t.sites.length];
    const cloud = peer.cloud === 'aws' ? 'azure' : 'aws';
    const grown: Topology = {
      sites: [...t.sites, { id: 'new-site', cloud, cidrs: ['172.16.0.0/16'], ...(cloud === 'azure' ? { sku: 'VpnGw5AZ' } : {}) }],
      links: [...t.links, { between: ['new-site', peer.id], routing: i % 3 === 0 ? 'static' : 'bgp' }],
    };
    out.set(`random/valid/${i}/grow`, serialise(plan(grown, first.allocations)));
  });
  return out;
}

/** SHA-256 of each case. */
export function digests(cases: ReadonlyMap<string, string>): Record<string, string> {
  return Object.fromEntries([...cases].map(([name, json]) => [name, createHash('sha256').update(json).digest('hex')]));
}
