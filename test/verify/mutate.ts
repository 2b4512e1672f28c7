/**
 * Mutations of real example output for verify's tests: synthesize an example once per jest run
 * and engine (the registry's own definition, as `npm run example` writes it; shared by the files
 * of the run through `test/lib/output-cache.ts`, once per test file outside one), copy it, change
 * exactly one file, and read the copy back as `ccvpn verify` would.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXAMPLES } from '../../examples';
import { synthExample } from '../../examples/lib/example-apps';
import { AlicloudSite, AwsSite, AzureSite } from '../../examples/lib/sites';
import { CrossCloudVpn, MASTER_SECRET_ENV } from '../../src';
import { ENGINE } from '../../src/private/cdktf';
import { cachedOutput, outputKey, publish, stagingDir } from '../lib/output-cache';

export type Json = { [key: string]: Json } | Json[] | string | number | boolean | null;
export type Obj = { [key: string]: Json };

/** A scratch folder for one test file, removed by `cleanupScratch()`. */
let scratch: string | undefined;
const synthesized = new Map<string, string>();

function scratchDir(): string {
  scratch ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-verify-mutate-'));
  return scratch;
}

/** Removes every folder this file's tests created. Call from `afterAll`. */
export function cleanupScratch(): void {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
  synthesized.clear();
}

/** The master secret of every output this module synthesizes. */
export const SECRET = 'verify-mutation-test-secret-not-for-real-use';

/**
 * The manifest folder of `name` as `define` synthesizes it in this process (this jest project's
 * engine) with the mutation tests' secret: this file's copy, else the run's, else synthesized
 * (and published for the run's other files).
 */
function synthesizedOnce(name: string, define: Parameters<typeof synthExample>[1]): string {
  const known = synthesized.get(name);
  if (known) return known;
  const key = outputKey(ENGINE, SECRET, name);
  let dir = cachedOutput(key);
  if (!dir) {
    const saved = process.env[MASTER_SECRET_ENV];
    process.env[MASTER_SECRET_ENV] = SECRET;
    try {
      const staging = stagingDir();
      const result = synthExample(name, define, staging ?? scratchDir());
      dir = path.dirname(result.manifest);
      const count = (state: string) => result.vpn.plan.tunnels.filter((t) => t.state === state).length;
      const summary: PlanSummary = { activeTunnels: count('active'), idleTunnels: count('idle') };
      fs.writeFileSync(path.join(dir, PLAN_SUMMARY), JSON.stringify(summary));
      if (staging) {
        dir = publish(key, dir);
        fs.rmSync(staging, { recursive: true, force: true });
      }
    } finally {
      if (saved === undefined) delete process.env[MASTER_SECRET_ENV];
      else process.env[MASTER_SECRET_ENV] = saved;
    }
  }
  synthesized.set(name, dir);
  return dir;
}

/** What the planner said of an output `synthesizedOnce` wrote, beside its manifest (verify reads only the engines' files there). */
export interface PlanSummary {
  /** Tunnels the plan configures on both ends (`state: 'active'`). */
  readonly activeTunnels: number;
  /** Tunnels configured on one end only, which nobody answers (`state: 'idle'`). */
  readonly idleTunnels: number;
}
const PLAN_SUMMARY = 'plan-summary.json';

/** The plan summary of an output `exampleOutput` returned. */
export function planSummary(dir: string): PlanSummary {
  return JSON.parse(fs.readFileSync(path.join(dir, PLAN_SUMMARY), 'utf8')) as PlanSummary;
}

/**
 * The manifest folder of a registered example (`EXAMPLES[].name`), synthesized once per run and
 * engine: the verify, mutation, change and example-snapshot tests all read this copy.
 */
export function exampleOutput(name: string): string {
  const example = EXAMPLES.find((e) => e.name === name);
  if (!example) throw new Error(`no example named ${name} (have ${EXAMPLES.map((e) => e.name).join(', ')})`);
  return synthesizedOnce(example.name, example.define);
}

/**
 * The three-cloud mesh with every link on static routing (AWS VPN connection routes, Azure local
 * network gateway prefixes, Alibaba destination route entries), synthesized once.
 */
export function staticMeshOutput(): string {
  return synthesizedOnce('mesh-static', (apps) => {
    const aws = new AwsSite(apps.cdk, 'AwsTokyo', { siteId: 'aws-tokyo', cidr: '172.16.0.0/16', asn: 64512 });
    const azure = new AzureSite(apps.terraform, 'azure-japaneast', { siteId: 'azure-japaneast', cidr: '192.168.0.0/16', gatewaySubnet: '192.168.255.0/27', asn: 65000 });
    const alibaba = new AlicloudSite(apps.terraform, 'ali-hangzhou', { siteId: 'ali-hangzhou', cidr: '10.0.0.0/16', asn: 65100 });
    return new CrossCloudVpn('Mesh', {
      masterSecret: apps.masterSecret,
      links: [
        { between: [aws.gateway, azure.gateway], routing: 'static' },
        { between: [azure.gateway, alibaba.gateway], routing: 'static' },
        { between: [aws.gateway, alibaba.gateway], routing: 'static' },
      ],
    });
  });
}

let counter = 0;

/**
 * A copy of a synthesized deployment in which `change` edited exactly one file (it returns true
 * for the file it changed). Throws when no file or several files changed, so a mutation that
 * silently stops applying fails its test instead of passing it.
 */
export function mutated(source: string, name: string, change: (file: string, body: Obj) => boolean): string {
  const dir = path.join(scratchDir(), `mutated-${++counter}-${name.replace(/[^a-z0-9-]/gi, '_')}`);
  fs.cpSync(source, dir, { recursive: true });
  const files: string[] = [];
  const cdkOut = path.join(dir, 'cdk.out');
  if (fs.existsSync(cdkOut)) files.push(...fs.readdirSync(cdkOut).filter((f) => f.endsWith('.template.json')).map((f) => path.join(cdkOut, f)));
  const tfStacks = path.join(dir, 'cdktf.out', 'stacks');
  if (fs.existsSync(tfStacks)) files.push(...fs.readdirSync(tfStacks).map((s) => path.join(tfStacks, s, 'cdk.tf.json')).filter((f) => fs.existsSync(f)));
  let changed = 0;
  for (const f of files) {
    const body = JSON.parse(fs.readFileSync(f, 'utf8')) as Obj;
    if (change(f, body)) {
      changed++;
      fs.writeFileSync(f, JSON.stringify(body));
    }
  }
  if (changed !== 1) throw new Error(`mutation ${name} changed ${changed} files, expected 1`);
  return dir;
}

/** Terraform resources of one type in a stack body: `[name, body]` pairs. */
export function tfResources(body: Obj, type: string): [string, Obj][] {
  const all = ((body.resource as Obj | undefined)?.[type] as Obj | undefined) ?? {};
  return Object.entries(all) as [string, Obj][];
}

/** The Terraform resource of `type` whose construct path contains `pathPart`. */
export function tfResource(body: Obj, type: string, pathPart: string): Obj | undefined {
  return tfResources(body, type).map(([, r]) => r).find((r) => JSON.stringify(r['//'] ?? '').includes(pathPart));
}

/** CloudFormation resources of one type in a template: `[logicalId, resource]` pairs. */
export function cfnResources(body: Obj, type: string): [string, Obj][] {
  return Object.entries((body.Resources as Obj | undefined) ?? {}).filter(([, r]) => (r as Obj).Type === type) as [string, Obj][];
}
