/**
 * Adding and removing links and sites with `previous` (the allocation record of the earlier plan)
 * keeps every other tunnel's synthesized resources byte-identical, and `ccvpn diff` says so.
 *
 * Random topologies over five sites (two AWS, one Azure, two Alibaba Cloud, BGP on every link):
 * a "before" set of links, synthesized and planned; an "after" set with one link added or removed
 * (adding the first link of a site adds the site, removing its last removes it), synthesized
 * with `previous: before.plan.allocations`. Synthesis is slow: few runs, fixed seed (override
 * with `FC_SEED`).
 *
 * The one resource shared with the toggled link that does change: the Azure virtual network
 * gateway, whose `bgp_settings.peering_addresses[*].apipa_addresses` lists the custom APIPA BGP
 * address of every tunnel on each instance (written by `src/azure/vpn-gateway.ts`), so adding or
 * removing an Azure BGP tunnel adds or removes its address there: an in-place update
 * (terraform-provider-azurerm v4.55.0 virtual_network_gateway_resource.go:569-577, no
 * ForceNew). The test allows exactly that: the addresses that come or go are the toggled
 * tunnels' own, everything else in the gateway stays as it was.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { synthExample } from '../../examples/lib/example-apps';
import { AlicloudSite, AwsSite, AzureSite } from '../../examples/lib/sites';
import { CrossCloudLink, CrossCloudVpn, MASTER_SECRET_ENV } from '../../src';
import type { AllocationRecord } from '../../src/plan';
import { diffOutputs } from '../../src/change/diff';
import { modelDeployment, readDeployment } from '../../src/verify';

const SITES = ['aws-tokyo', 'aws-osaka', 'azure-japaneast', 'ali-hangzhou', 'ali-shanghai'] as const;
type SiteId = typeof SITES[number];
const cloud = (s: SiteId) => s.split('-')[0];
/** Every link between two clouds. */
const LINKS: readonly (readonly [SiteId, SiteId])[] = SITES.flatMap((a, i) => SITES.slice(i + 1).filter((b) => cloud(a) !== cloud(b)).map((b) => [a, b] as const));

let tmp: string;
let saved: string | undefined;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-stability-'));
  saved = process.env[MASTER_SECRET_ENV];
  process.env[MASTER_SECRET_ENV] = 'verify-mutation-test-secret-not-for-real-use';
});
afterAll(() => {
  if (saved === undefined) delete process.env[MASTER_SECRET_ENV];
  else process.env[MASTER_SECRET_ENV] = saved;
  fs.rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
/** Synthesizes the sites the links use and the links, with `previous`. */
function synth(links: readonly number[], previous?: AllocationRecord): { dir: string; allocations: AllocationRecord } {
  const used = new Set(links.flatMap((i) => LINKS[i]));
  const r = synthExample(`stability-${++n}`, (apps) => {
    const gw: Partial<Record<SiteId, CrossCloudLink['between'][0]>> = {};
    if (used.has('aws-tokyo')) gw['aws-tokyo'] = new AwsSite(apps.cdk, 'AwsTokyo', { siteId: 'aws-tokyo', cidr: '172.16.0.0/16', asn: 64512 }).gateway;
    if (used.has('aws-osaka')) gw['aws-osaka'] = new AwsSite(apps.cdk, 'AwsOsaka', { siteId: 'aws-osaka', cidr: '172.17.0.0/16', asn: 64600 }).gateway;
    if (used.has('azure-japaneast')) gw['azure-japaneast'] = new AzureSite(apps.terraform, 'azure-japaneast', { siteId: 'azure-japaneast', cidr: '192.168.0.0/16', gatewaySubnet: '192.168.255.0/27', asn: 65000 }).gateway;
    if (used.has('ali-hangzhou')) gw['ali-hangzhou'] = new AlicloudSite(apps.terraform, 'ali-hangzhou', { siteId: 'ali-hangzhou', cidr: '10.0.0.0/16', asn: 65100 }).gateway;
    if (used.has('ali-shanghai')) gw['ali-shanghai'] = new AlicloudSite(apps.terraform, 'ali-shanghai', { siteId: 'ali-shanghai', cidr: '10.1.0.0/16', asn: 65200, region: 'cn-shanghai' }).gateway;
    return new CrossCloudVpn('Mesh', {
      masterSecret: apps.masterSecret,
      previous,
      links: [...links].sort((x, y) => x - y).map((i) => ({ between: [gw[LINKS[i][0]]!, gw[LINKS[i][1]]!], routing: 'bgp' as const })),
    });
  }, tmp);
  return { dir: path.dirname(r.manifest), allocations: r.vpn.plan.allocations };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every resource of an output, by `resourceKey()`, as written. */
function resources(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const cdk = path.join(dir, 'cdk.out');
  for (const f of fs.existsSync(cdk) ? fs.readdirSync(cdk).filter((x) => x.endsWith('.template.json')) : []) {
    const t = JSON.parse(fs.readFileSync(path.join(cdk, f), 'utf8')) as { Resources: Record<string, Json> };
    for (const [id, r] of Object.entries(t.Resources)) out.set(`cdk:${f.replace(/\.template\.json$/, '')}/${id}`, JSON.stringify(r));
  }
  const stacks = path.join(dir, 'cdktf.out', 'stacks');
  for (const s of fs.existsSync(stacks) ? fs.readdirSync(stacks) : []) {
    const body = JSON.parse(fs.readFileSync(path.join(stacks, s, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, Record<string, Json>> };
    for (const [type, list] of Object.entries(body.resource ?? {})) for (const [name, r] of Object.entries(list)) out.set(`cdktf:${s}/${type}.${name}`, JSON.stringify(r));
  }
  return out;
}

/** A set of links and one link to toggle (add when absent, remove when present), never leaving no link. */
const change = fc.tuple(fc.uniqueArray(fc.integer({ min: 0, max: LINKS.length - 1 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: LINKS.length - 1 }))
  .filter(([links, toggle]) => !(links.length === 1 && links[0] === toggle));

test('adding or removing a link or site with `previous` leaves every other tunnel\'s resources byte-identical, and diff reports them unchanged', () => {
  const seen: string[] = [];
  fc.assert(fc.property(change, ([links, toggle]) => {
    const before = synth(links);
    const afterLinks = links.includes(toggle) ? links.filter((l) => l !== toggle) : [...links, toggle];
    const after = synth(afterLinks, before.allocations);
    const changed = LINKS[toggle].join(' ⇄ ');
    seen.push(`${links.map((l) => LINKS[l].join('⇄')).join(', ')} ${links.includes(toggle) ? '−' : '+'} ${changed}`);

    // THEN every resource in both outputs is byte-identical, except those that only the toggled
    // link shapes (a site's gateway resources are shared by its tunnels and must not change).
    const [a, b] = [resources(before.dir), resources(after.dir)];
    const report = diffOutputs(before.dir, after.dir);
    const toggledTunnels = report.tunnels.filter((t) => t.status === 'added' || t.status === 'removed');
    const toggledResources = new Set(toggledTunnels.flatMap((t) => t.halves.flatMap((h) => h.resources.map((r) => r.key))));
    // The toggled tunnels' Azure APIPA addresses, from verify's model of the output that has them.
    const toggledHalves = new Set(toggledTunnels.flatMap((t) => t.halves.map((h) => h.key)));
    const apipa = new Set([before.dir, after.dir].flatMap((d) => modelDeployment(readDeployment([d])).halves)
      .filter((h) => h.cloud === 'azure' && toggledHalves.has(h.key) && h.inside).map((h) => h.inside!.address));
    const withoutToggled = (body: string) => JSON.stringify(JSON.parse(body, (k, v) => (k === 'apipa_addresses' && Array.isArray(v) ? v.filter((x) => !apipa.has(x)) : v)));
    const churn = [...a.keys()].filter((k) => b.has(k) && a.get(k) !== b.get(k))
      .filter((k) => !(k.includes('/azurerm_virtual_network_gateway.') && withoutToggled(a.get(k)!) === withoutToggled(b.get(k)!)));
    expect({ change: seen[seen.length - 1], churn }).toEqual({ change: seen[seen.length - 1], churn: [] });
    // AND diff: no resource of a kept tunnel changes, no kept tunnel goes down, only the toggled link's tunnels come or go
    const kept = report.tunnels.filter((t) => t.status !== 'added' && t.status !== 'removed');
    const gatewayOnly = (key: string) => key.includes('/azurerm_virtual_network_gateway.');
    expect(kept.flatMap((t) => t.halves.flatMap((h) => h.resources.filter((r) => !(gatewayOnly(r.key) && r.action === 'update')).map((r) => `${t.sides}: ${r.key} ${r.action}`)))).toEqual([]);
    expect(kept.flatMap((t) => t.halves.filter((h) => h.agreementChanged).map((h) => `${t.sides}: ${h.label}`))).toEqual([]);
    expect(kept.filter((t) => t.outage.down.length).map((t) => t.sides)).toEqual([]);
    expect(report.resources.filter((r) => (r.action === 'update' && !gatewayOnly(r.key)) || r.action === 'replace').map((r) => r.key)).toEqual([]);
    expect(toggledTunnels.length).toBeGreaterThan(0);
    expect(toggledResources.size).toBeGreaterThan(0);
    expect(report.cutsOff).toBe(false);
  }), { numRuns: 6, seed: Number(process.env.FC_SEED ?? 16) });
  expect(seen).toHaveLength(6);
}, 600000);
