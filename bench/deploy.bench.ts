/**
 * `npm run bench:deploy`: how long `ccvpn deploy` takes when each stack takes the time its cloud
 * typically needs, with stand-in `cdk` / `cdktf` CLIs that sleep that time scaled down (1 minute →
 * 60 ms) and write the stack's outputs. For the examples' three-cloud mesh and a 10-site topology,
 * both synthesized with the real constructs, it prints the wall time of a deploy (default
 * `--parallel`, and unbounded), the critical path of the dependency graph (the least wall time of
 * any schedule) and their ratio (target ≤ 1.05), today's sequential figure (one stack at a time,
 * as `ccvpn deploy` ran before: `--parallel 1`), and for each link-stack layout the time until the
 * first link has both halves deployed and until every link has (tunnel negotiation itself, seconds,
 * is not counted).
 *
 * Layouts (the AWS halves; the other clouds' halves are unchanged):
 * - `one AWS stack per gateway` (today): every VPN connection of an AWS gateway in one link stack,
 *   which reads the IPs of every peer gateway: its tunnels to Alibaba wait for the Azure gateway.
 * - `per peer cloud`: one AWS link stack per gateway and peer cloud.
 * - `per peer gateway`: one AWS link stack per link.
 * The last two are measured on manifests derived from the synthesized one (the AWS link stack
 * split, its inputs and the outputs the facing stacks read moved with their links); the library
 * does not emit them (see the README, "Deploy: link-stack layout").
 *
 * Typical provisioning times (minutes), each stack taking its slowest resource's (CloudFormation
 * and Terraform create a stack's independent resources concurrently):
 * - Azure VPN gateway: 45. "A gateway can often take 45 minutes or more to create, depending on
 *   the selected gateway SKU" (Microsoft Learn, "Tutorial: Create and manage a VPN gateway",
 *   https://learn.microsoft.com/azure/vpn-gateway/tutorial-create-gateway-portal); "Creating a VPN
 *   gateway may take up to 45 minutes" (https://qisltd.co.uk/vpn-gateway/); azurerm's create
 *   timeout for it is 90 minutes (terraform-provider-azurerm v4.55.0
 *   internal/services/network/virtual_network_gateway_resource.go:44).
 * - Azure local network gateways + connections: 2 (an estimate: no documented figure found; azurerm
 *   create timeouts 30 minutes, local_network_gateway_resource.go:41,
 *   virtual_network_gateway_connection_resource.go:43).
 * - Alibaba Cloud VPN gateway: 4. The provider's acceptance test that creates (and checks and
 *   destroys) one ran 248.66 s (aliyun/terraform-provider-alicloud PR #297/#298); create timeout 15
 *   minutes (terraform-provider-alicloud v1.289.0 alicloud/resource_alicloud_vpn_gateway.go:28);
 *   CreateVpnGateway is asynchronous, "provisioning" until "active"
 *   (https://www.alibabacloud.com/help/en/vpn/api-createvpngateway).
 * - Alibaba customer gateways + IPsec connections: 1 per connection, one after the other: "You
 *   cannot call CreateVpnConnection to create multiple IPsec-VPN connections associated with a VPN
 *   gateway at the same time" (https://alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/developer-reference/api-vpc-2016-04-28-createvpnconnection-vpns);
 *   1 minute each is an estimate (create timeout 5 minutes, resource_alicloud_vpn_connection.go:27).
 * - AWS VPN connections: 8. Widely reported as slow ("AWS VPN connections are notoriously slow at
 *   coming up", hashicorp/terraform PR #1772; its create timeout was raised to 40 minutes,
 *   hashicorp/terraform-provider-aws PR #1819; aws/aws-cdk issue #16030); the AWS CLI waiter
 *   `vpn-connection-available` polls every 15 s, 40 times (10 minutes)
 *   (https://docs.aws.amazon.com/cli/latest/reference/ec2/wait/vpn-connection-available.html):
 *   8, within that bound, is an estimate.
 * - AWS virtual private gateway (or transit gateway) with its VPC: 2 (an estimate).
 * - Anything else (a stack without a gateway or connection): 1.
 *
 * Runs the deploys in this process (`runDeploy`, the CLI's function; the stand-ins are `sh`
 * scripts, a few ms to start); the deployments are synthesized once in a child process. Prints
 * the table, then one `BENCH_ROWS <json>` line that `bench/run.ts` reads.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeployGraph, GraphStack, criticalPath, deployGraph, runGraph } from '../src/change/deploy-graph';
import { DEFAULT_PARALLEL, runDeploy } from '../src/cli/deploy';
import type { DeploymentManifest, ManifestStack } from '../src/manifest';

/** Milliseconds per typical minute. */
const SCALE = 60;
const MINUTES = { azureGateway: 45, azureLinks: 2, alicloudGateway: 4, alicloudConnection: 1, awsConnections: 8, awsGateway: 2, other: 1 };

/** What the child process reports about one synthesized deployment. */
interface Synthesized {
  readonly name: string;
  readonly manifest: string;
  /** Link ids and the cloud of each site. */
  readonly links: readonly string[];
  readonly clouds: Readonly<Record<string, string>>;
  /** Gateway stack → its site id. */
  readonly gatewayStacks: Readonly<Record<string, string>>;
}

/** In the child (`--synth <root>`): the mesh and the 10-site topology, synthesized with the real constructs. */
async function synthAll(root: string): Promise<void> {
  const { synthExample } = await import('../examples/lib/example-apps');
  const { threeCloudMesh } = await import('../examples/three-cloud-mesh');
  const { AwsSite, AzureSite, AlicloudSite } = await import('../examples/lib/sites');
  const { CrossCloudVpn } = await import('../src');
  type Apps = Parameters<typeof threeCloudMesh>[0];
  const tenSites = (apps: Apps) => {
    const aws = [1, 2, 3].map((i) => new AwsSite(apps.cdk, `Aws${i}`, { siteId: `aws-${i}`, cidr: `172.${16 + i}.0.0/16`, asn: 64600 + i }));
    const azure = [1, 2, 3, 4].map((i) => new AzureSite(apps.terraform, `azure-${i}`, { siteId: `azure-${i}`, cidr: `10.${10 + i}.0.0/16`, gatewaySubnet: `10.${10 + i}.255.0/27`, asn: 65000 + i }));
    const ali = [1, 2, 3].map((i) => new AlicloudSite(apps.terraform, `ali-${i}`, { siteId: `ali-${i}`, cidr: `10.${20 + i}.0.0/16`, asn: 65100 + i }));
    const links = [0, 1, 2].flatMap((i) => [
      { between: [aws[i].gateway, azure[i].gateway] as const, routing: 'bgp' as const },
      { between: [aws[i].gateway, ali[i].gateway] as const, routing: 'bgp' as const },
      { between: [azure[i].gateway, ali[i].gateway] as const, routing: 'bgp' as const },
    ]);
    links.push({ between: [aws[0].gateway, azure[3].gateway], routing: 'bgp' }, { between: [azure[3].gateway, ali[0].gateway], routing: 'bgp' });
    return new CrossCloudVpn('TenSites', { masterSecret: apps.masterSecret, links });
  };
  const out: Synthesized[] = [];
  for (const [name, define] of [['three-cloud mesh', (apps: Apps) => threeCloudMesh(apps)], ['10 sites, 11 links', tenSites]] as const) {
    let apps: Apps | undefined;
    const r = synthExample(name.replace(/\W+/g, '-'), (a) => { apps = a; return define(a); }, root);
    const clouds = Object.fromEntries(r.vpn.plan.gateways.map((g) => [g.site, g.cloud]));
    // the gateway constructs (IVpnGateway: site, deployment) → their stacks
    const gateways = [...apps!.cdk.node.findAll(), ...apps!.terraform.node.findAll()]
      .filter((c): c is typeof c & { site: { id: string }; deployment: { stackName: string } } => 'realiseLink' in c && 'deployment' in c && 'site' in c);
    out.push({ name, manifest: r.manifest, links: r.vpn.plan.links.map((l) => l.id), clouds, gatewayStacks: Object.fromEntries(gateways.map((g) => [g.deployment.stackName, g.site.id])) });
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** One stack as the bench models it: the manifest's entry, its engine dependencies, its time, the links it holds halves of. */
interface BenchStack extends ManifestStack {
  readonly phase: number;
  readonly dependsOn: readonly string[];
  readonly minutes: number;
  readonly links: readonly string[];
  /** The site whose gateway the stack belongs to (its engine dependency that is a gateway stack). */
  readonly site?: string;
}

/** Links whose id appears in a synthesized file (ids are `<site>--<site>`). */
const linksIn = (text: string, links: readonly string[]) => links.filter((id) => new RegExp(`${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`).test(text));

/** The time of a stack from its synthesized resources (see the file comment). */
function minutesOf(engine: string, text: string): number {
  if (engine === 'cdk') {
    const types = Object.values((JSON.parse(text) as { Resources?: Record<string, { Type: string }> }).Resources ?? {}).map((r) => r.Type);
    if (types.includes('AWS::EC2::VPNConnection')) return MINUTES.awsConnections;
    if (types.includes('AWS::EC2::VPNGateway') || types.includes('AWS::EC2::TransitGateway')) return MINUTES.awsGateway;
    return MINUTES.other;
  }
  const resources = (JSON.parse(text) as { resource?: Record<string, Record<string, unknown>> }).resource ?? {};
  const count = (type: string) => Object.keys(resources[type] ?? {}).length;
  return Math.max(
    count('azurerm_virtual_network_gateway') ? MINUTES.azureGateway : 0,
    count('azurerm_virtual_network_gateway_connection') ? MINUTES.azureLinks : 0,
    count('alicloud_vpn_gateway') ? MINUTES.alicloudGateway : 0,
    count('alicloud_vpn_connection') * MINUTES.alicloudConnection,
    MINUTES.other,
  );
}

/** The synthesized deployment as the bench models it. */
function readDeployment(s: Synthesized): BenchStack[] {
  const dir = path.dirname(s.manifest);
  const m = JSON.parse(fs.readFileSync(s.manifest, 'utf8')) as DeploymentManifest;
  const cdkOut = path.join(dir, m.cdkOut ?? 'cdk.out');
  const tfOut = path.join(dir, m.cdktfOut ?? 'cdktf.out');
  const artifacts = (JSON.parse(fs.readFileSync(path.join(cdkOut, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string; dependencies?: string[]; properties?: { templateFile: string } }> }).artifacts;
  const tf = (JSON.parse(fs.readFileSync(path.join(tfOut, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies: string[]; synthesizedStackPath: string }> }).stacks;
  const gatewaySite = new Map(Object.entries(s.gatewayStacks));
  return m.phases.flatMap((p) => p.stacks.map((st): BenchStack => {
    const cdk = st.engine === 'cdk';
    const file = cdk ? path.join(cdkOut, artifacts[st.name].properties!.templateFile) : path.join(tfOut, tf[st.name].synthesizedStackPath);
    const text = fs.readFileSync(file, 'utf8');
    const dependsOn = cdk ? (artifacts[st.name].dependencies ?? []).filter((d) => artifacts[d]?.type === 'aws:cloudformation:stack') : tf[st.name].dependencies;
    // a link stack's own gateway: the gateway stack it depends on whose site all its links share
    const links = p.phase === 1 ? [] : linksIn(text, s.links);
    const own = p.phase === 1 ? st.name : dependsOn.find((d) => gatewaySite.has(d) && links.every((l) => l.split('--').includes(gatewaySite.get(d)!)));
    return { ...st, phase: p.phase, dependsOn, minutes: minutesOf(st.engine, text), links, site: own ? gatewaySite.get(own) : undefined };
  }));
}

/**
 * The layout with each AWS link stack split by `group(peer site)`: its inputs and links go with
 * their peer; the facing stacks read their outputs from the split stack of their own site.
 */
function splitAwsLinks(stacks: readonly BenchStack[], group: (site: string) => string): BenchStack[] {
  const siteOfStack = new Map(stacks.filter((s) => s.phase === 1).map((s) => [s.name, s.site!]));
  const isAwsLinks = (s: BenchStack) => s.engine === 'cdk' && s.phase === 2 && s.links.length > 0;
  const parts: BenchStack[] = [];
  const partOf = new Map<string, string>(); // `${awsStack} ${group}` → split stack
  for (const s of stacks.filter(isAwsLinks)) {
    const peerOf = (link: string) => link.split('--').find((x) => x !== s.site)!;
    for (const g of [...new Set(s.links.map((l) => group(peerOf(l))))]) {
      const name = `${s.name}-${g}`;
      partOf.set(`${s.name} ${g}`, name);
      parts.push({ ...s, name, inputs: s.inputs.filter((i) => group(siteOfStack.get(i.from.stack)!) === g), outputs: [], links: s.links.filter((l) => group(peerOf(l)) === g) });
    }
  }
  const split = new Set(stacks.filter(isAwsLinks).map((s) => s.name));
  const rest = stacks.filter((s) => !split.has(s.name)).map((s) => ({
    ...s, inputs: s.inputs.map((i) => (split.has(i.from.stack) ? { ...i, from: { ...i.from, stack: partOf.get(`${i.from.stack} ${group(s.site!)}`)! } } : i)),
  }));
  const readFrom = (name: string) => [...new Set(rest.flatMap((r) => r.inputs.filter((i) => i.from.stack === name).map((i) => i.from.output)))].sort();
  return [...rest, ...parts.map((p) => ({ ...p, outputs: readFrom(p.name) }))];
}

/** Writes a deploy folder the CLI runs on stand-ins: manifest, assembly manifests (dependencies only), each stack's sleep and outputs. */
function writeDeployFolder(dir: string, stacks: readonly BenchStack[]): void {
  fs.mkdirSync(path.join(dir, 'cdk.out'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'cdktf.out'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'standin'), { recursive: true });
  const phases = [...new Set(stacks.map((s) => s.phase))].sort();
  const manifest: DeploymentManifest = { version: 1, cdkOut: 'cdk.out', cdktfOut: 'cdktf.out', keys: { derivation: 'bound', deployment: 'bench', demoSecret: false }, phases: phases.map((phase) => ({
    phase, description: `phase ${phase}`, stacks: stacks.filter((s) => s.phase === phase).map(({ name, engine, inputs, outputs }) => ({ name, engine, inputs, outputs })),
  })) };
  fs.writeFileSync(path.join(dir, 'ccvpn.manifest.json'), JSON.stringify(manifest));
  const cdkNames = new Set(stacks.filter((s) => s.engine === 'cdk').map((s) => s.name));
  fs.writeFileSync(path.join(dir, 'cdk.out', 'manifest.json'), JSON.stringify({ artifacts: Object.fromEntries(stacks.filter((s) => s.engine === 'cdk').map((s) => [s.name, { type: 'aws:cloudformation:stack', dependencies: s.dependsOn.filter((d) => cdkNames.has(d)) }])) }));
  fs.writeFileSync(path.join(dir, 'cdktf.out', 'manifest.json'), JSON.stringify({ stacks: Object.fromEntries(stacks.filter((s) => s.engine === 'cdktf').map((s) => [s.name, { dependencies: s.dependsOn }])) }));
  let n = 0;
  for (const s of stacks) {
    fs.writeFileSync(path.join(dir, 'standin', `${s.name}.sleep`), (s.minutes * SCALE / 1000).toFixed(3));
    fs.writeFileSync(path.join(dir, 'standin', `${s.name}.outputs.json`), JSON.stringify({ [s.name]: Object.fromEntries(s.outputs.map((o) => [o, `198.51.100.${(++n % 250) + 1}`])) }));
  }
}

/** `cdk` and `cdktf` stand-ins: sleep the stack's time, write its outputs. */
function writeStandIns(bin: string): void {
  fs.mkdirSync(bin, { recursive: true });
  // Shell builtins only, but for the sleep: a stand-in costs a few ms besides its sleep.
  const script = `#!/bin/sh
# Stand-in for cdk / cdktf (bench/deploy.bench.ts): $1 deploy, $2 the stack.
stack="$2"; out=""; prev=""
for a in "$@"; do [ "$prev" = "--outputs-file" ] && out="$a"; prev="$a"; done
d="$CCVPN_BENCH_STANDIN"
read -r t < "$d/$stack.sleep"
sleep "$t"
if [ -n "$out" ]; then read -r o < "$d/$stack.outputs.json"; printf '%s' "$o" > "$out"; fi
`;
  for (const tool of ['cdk', 'cdktf']) {
    fs.writeFileSync(path.join(bin, tool), script);
    fs.chmodSync(path.join(bin, tool), 0o755);
  }
}

interface Measured { readonly wallMs: number; readonly started: ReadonlyMap<string, number>; readonly finished: ReadonlyMap<string, number> }

/**
 * Runs `ccvpn deploy` on a deploy folder; the wall time, and when each stack finished (ms from
 * the start) as the CLI reports it (its `[stack] deployed in` line).
 */
async function measure(dir: string, parallel: number): Promise<Measured> {
  for (const f of ['ccvpn.outputs.json', 'ccvpn.deployed.json']) fs.rmSync(path.join(dir, f), { force: true });
  process.env.CCVPN_BENCH_STANDIN = path.join(dir, 'standin');
  let errors = '';
  const finished = new Map<string, number>();
  const started = new Map<string, number>();
  const start = Date.now();
  const code = await runDeploy({
    manifest: path.join(dir, 'ccvpn.manifest.json'), parallel,
    out: (line) => {
      const done = /^\[(.+)\] deployed in /.exec(line);
      if (done) finished.set(done[1], Date.now() - start);
      const begun = /^\[(.+)\] deploying/.exec(line);
      if (begun) started.set(begun[1], Date.now() - start);
    },
    err: (line) => { errors += line; },
  });
  const wallMs = Date.now() - start;
  if (code !== 0) throw new Error(`ccvpn deploy failed: ${errors}`);
  return { wallMs, started, finished };
}

/**
 * Where the time beyond the sleeps goes, mean ms per stack: from the end of the last stack it
 * waits for to its start (the scheduler, and waiting for a slot), and from its start to its end
 * beyond its sleep (spawning the stand-in, its start and exit, reading its outputs, saving them).
 */
function overheads(g: DeployGraph, stacks: readonly BenchStack[], m: Measured): { lag: number; stack: number } {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    lag: mean(g.stacks.map((s) => m.started.get(s.name)! - Math.max(0, ...s.after.map((d) => m.finished.get(d)!)))),
    stack: mean(g.stacks.map((s) => m.finished.get(s.name)! - m.started.get(s.name)! - byName.get(s.name)!.minutes * SCALE)),
  };
}

/** The scheduler alone: `runGraph` with timers of each stack's time, no processes, no files. */
async function simulate(g: DeployGraph, stacks: readonly BenchStack[], parallel: number): Promise<number> {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const start = Date.now();
  await runGraph(g, { parallel, run: (s) => new Promise((resolve) => setTimeout(() => resolve('deployed'), byName.get(s.name)!.minutes * SCALE)) });
  return Date.now() - start;
}

/** When a link has both halves deployed: the last of the stacks holding them. */
function linksUp(stacks: readonly BenchStack[], links: readonly string[], finished: ReadonlyMap<string, number>): { first: number; all: number } {
  const up = links.map((l) => Math.max(...stacks.filter((s) => s.links.includes(l)).map((s) => finished.get(s.name)!)));
  return { first: Math.min(...up), all: Math.max(...up) };
}

const graphOf = (stacks: readonly BenchStack[]): DeployGraph => {
  const m: DeploymentManifest = { version: 1, phases: [...new Set(stacks.map((s) => s.phase))].map((phase) => ({ phase, description: '', stacks: stacks.filter((s) => s.phase === phase) })) };
  return deployGraph(m, new Map(stacks.map((s) => [`${s.engine}:${s.name}`, s.dependsOn])));
};
const minutes = (ms: number) => `${(ms / SCALE).toFixed(0)} min`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-deploy-bench-'));
  try {
    const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--synth', root], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 * 1024 * 1024, env: { ...process.env, CCVPN_MASTER_SECRET: process.env.CCVPN_MASTER_SECRET ?? 'benchmark-only-master-secret-0000' },
    });
    const deployments = JSON.parse(out.trim().split('\n').pop()!) as Synthesized[];
    const bin = path.join(root, 'bin');
    writeStandIns(bin);
    process.env.PATH = `${bin}${path.delimiter}${process.env.PATH}`;
    const loadBefore = os.loadavg()[0].toFixed(2);
    const head = ['deployment', 'layout', 'stacks', 'critical path', `wall (--parallel ${DEFAULT_PARALLEL})`, 'wall / CP', 'wall (unbounded)', 'scheduler alone', 'sequential (today)', 'first link up', 'all links up', 'ms/stack: start lag, overhead'];
    const rows: string[][] = [];
    const benchRows: { label: string; wall: string; note: string }[] = [];
    for (const d of deployments) {
      const today = readDeployment(d);
      const layouts: [string, BenchStack[]][] = [
        ['one AWS stack per gateway (today)', today],
        ['per peer cloud', splitAwsLinks(today, (site) => d.clouds[site])],
        ['per peer gateway', splitAwsLinks(today, (site) => site)],
      ];
      for (const [label, stacks] of layouts) {
        const dir = path.join(root, 'run', `${d.name}-${label}`.replace(/\W+/g, '-'));
        writeDeployFolder(dir, stacks);
        const g = graphOf(stacks);
        const byName = new Map(stacks.map((s) => [s.name, s]));
        const cp = criticalPath(g, (s: GraphStack) => byName.get(s.name)!.minutes * SCALE);
        const alone = await simulate(g, stacks, DEFAULT_PARALLEL);
        const run = await measure(dir, DEFAULT_PARALLEL);
        const wide = await measure(dir, stacks.length);
        const sequential = label.endsWith('(today)') ? await measure(dir, 1) : undefined;
        const up = linksUp(stacks, d.links, run.finished);
        const over = overheads(g, stacks, run);
        rows.push([d.name, label, String(stacks.length), `${secs(cp.length)} (${minutes(cp.length)})`, secs(run.wallMs), `${(run.wallMs / cp.length).toFixed(3)}×`, secs(wide.wallMs), `${secs(alone)} (${(alone / cp.length).toFixed(3)}×)`,
          sequential ? `${secs(sequential.wallMs)} (${(sequential.wallMs / run.wallMs).toFixed(1)}× parallel)` : '', `${secs(up.first)} (${minutes(up.first)})`, `${secs(up.all)} (${minutes(up.all)})`,
          `${over.lag.toFixed(0)}, ${over.stack.toFixed(0)}`]);
        if (label.endsWith('(today)')) {
          process.stdout.write(`critical path, ${d.name}: ${cp.path.join(' → ')}\n`);
          benchRows.push({ label: `deploy: ${d.name} (stand-ins, 1 min → 60 ms)`, wall: secs(run.wallMs), note: `critical path ${secs(cp.length)}, wall / CP ${(run.wallMs / cp.length).toFixed(3)}× (target ≤ 1.05×; the scheduler alone ${(alone / cp.length).toFixed(3)}×), load ${os.loadavg()[0].toFixed(1)}, sequential ${sequential ? secs(sequential.wallMs) : '?'}; links up: first ${secs(up.first)}, all ${secs(up.all)}` });
        }
      }
    }
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
    process.stdout.write(`\ndeploy with stand-ins (1 min → ${SCALE} ms), ${os.cpus().length} CPU(s), load average ${loadBefore} → ${os.loadavg()[0].toFixed(2)}; default --parallel ${DEFAULT_PARALLEL}\n\n`);
    process.stdout.write(`${[line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`);
    process.stdout.write(`BENCH_ROWS ${JSON.stringify(benchRows)}\n`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

(process.argv[2] === '--synth' ? synthAll(process.argv[3]) : main()).catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
