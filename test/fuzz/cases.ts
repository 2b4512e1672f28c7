/**
 * The fuzzer: generators of random and adversarial inputs (topologies and plan options, construct
 * props, CLI input files) and the oracle every input must satisfy — a valid result, or the
 * library's own error (`PlanError`, `ValidationError`, or a CLI exit code 1 with a message) whose
 * message is bounded and whose every issue has a path and a stable code; never another exception,
 * never a hang.
 *
 * Used by `test/fuzz/fuzz.test.ts` (a fixed-seed sample in `npm test`) and `scripts/fuzz.ts`
 * (long runs: `node -r @swc-node/register scripts/fuzz.ts --cases 10000`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, SecretValue, Stack } from 'aws-cdk-lib/core';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { TerraformStack, Testing } from 'cdktf';
import * as fc from 'fast-check';
import { AlicloudConnectionRouting, AlicloudPeerGateway, AlicloudTunnelMode, AlicloudVpnConnection, AlicloudVpnGateway, provider } from '../../src/alicloud';
import { AwsGatewayKind, AwsPeerGateway, AwsVpnConnection, AwsVpnGateway } from '../../src/aws';
import { AzurePeerGateway, AzureVpnConnection, AzureVpnGateway } from '../../src/azure';
import { main } from '../../src/cli/main';
import { PlanError, PresharedKey, planVpn } from '../../src/plan';
import { isCrossCloudVpnError } from '../../src';
import { ValidationError } from '../../src/private/errors';

/** Longest message an error may carry (problems are listed up to 50, values cut at 80 characters). */
export const MAX_MESSAGE_LENGTH = 20_000;
/** Longest a single case may take. */
export const MAX_CASE_MS = 5_000;

const SECRET = 'fuzz-only-master-secret-0123456789';

// --- adversarial values ----------------------------------------------------------------------

const circularArray: unknown[] = [1];
circularArray.push(circularArray);
const circularObject: Record<string, unknown> = { a: 1 };
circularObject.self = circularObject;
const nullProto = Object.assign(Object.create(null) as object, { id: 'x', cloud: 'aws' });
const throwingGetter = Object.defineProperty({}, 'id', { get() { throw new Error('getter'); }, enumerable: true });

/** Values no prop type allows, and values at the edges of the ones it does. */
export const junk: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom<unknown>(
      undefined, null, NaN, Infinity, -Infinity, -0, 0, 1, -1, 1.5, 1e20, -1e20, Number.MAX_SAFE_INTEGER, 2 ** 32, 4294967296, 65535, 64512,
      true, false, '', ' ', 'x', 'toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf',
      '10.0.0.0/16', '169.254.21.0/30', '169.254.0.0/30', '0.0.0.0/0', '256.1.1.1/8', '10.0.0.1/16', '203.0.113.10', 'aws', 'azure', 'alicloud',
      'bgp', 'static', 'policy', 'VpnGw2AZ', 'Generation2', 'ikev2', 'AES256', 'group14', 'Default', '${Token[X.1]}',
      'plain-key', '0startsWithZero', 'a'.repeat(101), 'b'.repeat(10_000), 'c'.repeat(200_000),
      10n, 2n ** 70n, Symbol('s'), () => 1, function toString() { return 'x'; },
      circularArray, circularObject, nullProto, throwingGetter, new Date(0), new Map(), [], {}, [undefined], [[]],
    ),
    fc.string({ maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

// --- the oracle ------------------------------------------------------------------------------

/** How a case ended when it ended well. */
export type Outcome = 'ok' | 'refused';

/** A case that broke the contract. */
export class FuzzFailure extends Error {}

function describe(e: unknown): string {
  const name = (e as { constructor?: { name?: string } })?.constructor?.name ?? typeof e;
  let message: string;
  try {
    message = String((e as Error)?.message ?? e);
  } catch {
    message = '(unprintable)';
  }
  return `${name}: ${message.slice(0, 500)}`;
}

/** A stable code: kebab-case words (the scheme of `CrossCloudVpnIssue`). */
export const ISSUE_CODE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * What is wrong with an error's issues, or `undefined` when nothing is: the library's error is
 * recognised by its guard, lists at least one issue, and every issue has a path, a code of the
 * scheme and a message.
 */
export function issueProblem(e: unknown): string | undefined {
  if (!isCrossCloudVpnError(e)) return 'is not recognised by isCrossCloudVpnError';
  if (e.issues.length === 0) return 'has no issues';
  const bad = e.issues.find((i) => typeof i.path !== 'string' || i.path === '' || typeof i.code !== 'string' || !ISSUE_CODE.test(i.code) || typeof i.message !== 'string' || i.message === '');
  return bad && `has an issue without a path, a kebab-case code or a message: ${JSON.stringify(bad).slice(0, 300)}`;
}

/** Runs `fn`: a result or the library's error with a bounded message and well-formed issues, in bounded time. */
export function clean(fn: () => unknown): Outcome {
  const started = Date.now();
  let outcome: Outcome;
  try {
    fn();
    outcome = 'ok';
  } catch (e) {
    if (!(e instanceof PlanError || e instanceof ValidationError)) throw new FuzzFailure(`threw ${describe(e)}`);
    if (e.message.length > MAX_MESSAGE_LENGTH) throw new FuzzFailure(`message of ${e.message.length} characters: ${e.message.slice(0, 300)}`);
    const badIssue = issueProblem(e);
    if (badIssue) throw new FuzzFailure(`${e.name} ${badIssue}: ${e.message.slice(0, 300)}`);
    outcome = 'refused';
  }
  const ms = Date.now() - started;
  if (ms > MAX_CASE_MS) throw new FuzzFailure(`took ${ms} ms`);
  return outcome;
}

// --- topologies ------------------------------------------------------------------------------

const CLOUD_KINDS = { aws: ['vpn-gateway', 'transit-gateway'], azure: ['active-active', 'active-standby'], alicloud: ['dual-tunnel', 'single-tunnel'] } as const;
type AnyRecord = Record<string, unknown>;

const siteArb = (i: number): fc.Arbitrary<AnyRecord> => fc.record({
  cloud: fc.constantFrom('aws', 'azure', 'alicloud'),
  kindPick: fc.nat(1),
  asn: fc.option(fc.oneof(fc.integer({ min: 64512, max: 65534 }), fc.integer({ min: 1, max: 4294967295 })), { nil: undefined }),
  sku: fc.option(fc.constantFrom('VpnGw1', 'VpnGw2AZ', 'VpnGw5AZ', 'Basic', 'toString'), { nil: undefined }),
  extra: fc.nat(3),
}).map(({ cloud, kindPick, asn, sku, extra }) => {
  const site: AnyRecord = { id: `s${i}`, cloud, gateway: CLOUD_KINDS[cloud][kindPick], cidrs: [`10.${i}.0.0/16`, ...(extra > 2 ? [`172.${16 + i}.0.0/16`] : [])] };
  if (asn !== undefined) site.asn = asn;
  if (sku !== undefined && cloud === 'azure') site.sku = sku;
  return site;
});

/** `arb` one time in four, else nothing. */
const rarely = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const linkArb = (n: number): fc.Arbitrary<AnyRecord> => fc.record({
  a: fc.nat(n - 1),
  b: fc.nat(n - 1),
  routing: fc.constantFrom('bgp', 'static', 'policy', undefined),
  layout: fc.constantFrom('all', 'minimal', undefined),
  pin: rarely(fc.record({ insideCidr: fc.option(fc.integer({ min: 0, max: 255 }).map((x) => `169.254.${x}.${4 * (x % 64)}/30`), { nil: undefined }), presharedKey: fc.option(fc.constantFrom('PinnedKeyForFuzzingOnly0123456789', 'short', 'with space'), { nil: undefined }) })),
  proposal: rarely(fc.record({ ikeVersion: fc.constantFrom('ikev1', 'ikev2', undefined), phase2: fc.record({ pfsGroup: fc.constantFrom(14, 'none', 2, 24, undefined), lifetimeSeconds: fc.constantFrom(3600, 900, 27000, undefined) }) })),
  weak: fc.boolean(),
}).map(({ a, b, routing, layout, pin, proposal, weak }) => {
  const link: AnyRecord = { between: [`s${a}`, `s${b}`] };
  if (routing) link.routing = routing;
  if (layout) link.layout = layout;
  if (pin) link.tunnels = [pin];
  if (proposal) link.proposal = proposal;
  if (weak) link.allowWeakCrypto = true;
  return link;
});

/** A plausible topology, then (often) one field anywhere in it replaced by junk. */
export const planCaseArb = fc.integer({ min: 1, max: 6 }).chain((n) => fc.record({
  sites: fc.tuple(...Array.from({ length: n }, (_, i) => siteArb(i))),
  links: fc.array(linkArb(n), { maxLength: 6 }),
  mutate: fc.option(fc.tuple(fc.nat(), fc.nat(), junk), { freq: 3, nil: undefined }),
  options: fc.oneof(
    { weight: 6, arbitrary: fc.constant<unknown>({ masterSecret: SECRET }) },
    { weight: 1, arbitrary: junk.map((previous) => ({ masterSecret: SECRET, previous })) },
    { weight: 1, arbitrary: junk.map((masterSecret) => ({ masterSecret })) },
    { weight: 1, arbitrary: junk },
  ),
})).map(({ sites, links, mutate, options }) => {
  // Mostly links a plan can have (two clouds, one link per pair); every fourth as generated.
  const pairs = new Set<string>();
  const kept = links.filter((l, i) => {
    const [a, b] = (l.between as string[]).map((id) => sites.find((s) => s.id === id)!);
    const pair = [a.id, b.id].sort().join(' ');
    const fine = a.cloud !== b.cloud && !pairs.has(pair);
    pairs.add(pair);
    return fine || i % 4 === 3;
  });
  const topology: AnyRecord = { sites: [...sites], links: kept };
  if (mutate) mutateAt(topology, mutate[0], mutate[1], mutate[2]);
  return { topology, options };
});

/** Every (container, key) of a value, depth first: where a mutation may land. */
function slots(value: unknown, out: [AnyRecord | unknown[], string | number][] = [], depth = 0): [AnyRecord | unknown[], string | number][] {
  if (depth > 5 || value === null || typeof value !== 'object') return out;
  // Into plain data and the library's own value classes only, never into an engine's objects
  // (a VPC, a stack): those are replaced whole, not taken apart.
  const proto: unknown = Object.getPrototypeOf(value);
  const walkable = Array.isArray(value) || proto === Object.prototype || proto === null
    || value instanceof AwsGatewayKind || value instanceof AlicloudConnectionRouting;
  if (!walkable) return out;
  // The harness reads junk too: a throwing getter ends the walk there, not the case.
  try {
    if (Array.isArray(value)) value.forEach((v, i) => { out.push([value, i]); slots(v, out, depth + 1); });
    else for (const k of Object.keys(value)) { out.push([value as AnyRecord, k]); slots((value as AnyRecord)[k], out, depth + 1); }
  } catch {
    // left as it is
  }
  return out;
}

/** Replaces one slot (picked by `pick`) with `value`, or deletes it, or adds an unknown key. */
function mutateAt(root: AnyRecord, pick: number, how: number, value: unknown): void {
  const all = slots(root);
  if (all.length === 0) return;
  const [container, key] = all[pick % all.length];
  if (how % 5 === 0 && !Array.isArray(container)) delete (container as AnyRecord)[key as string];
  else if (how % 5 === 1 && !Array.isArray(container)) (container as AnyRecord)[['toString', '__proto__', 'colour'][how % 3]] = value;
  else (container as AnyRecord)[key as string] = value;
}

/** One planner case. */
export function checkPlan(c: { topology: unknown; options: unknown }): Outcome {
  return clean(() => planVpn(c.topology as never, c.options as never));
}

// --- construct props -------------------------------------------------------------------------

const awsStack = () => new Stack(new App(), 'Fuzz');
function tfStack() {
  const stack = new TerraformStack(Testing.app(), 'fuzz');
  new provider.AlicloudProvider(stack, 'alicloud', { region: 'eu-central-1' });
  return stack;
}
const KEY = new PresharedKey('FuzzOnlyKeyValue0123456789abcdef', 'pinned');

/** Each exported construct: valid base props (as a function of a fresh scope) and how to build it. */
const CONSTRUCTS: Record<string, { scope: () => unknown; props: (scope: never) => AnyRecord; build: (scope: never, props: unknown) => unknown }> = {
  AwsPeerGateway: {
    scope: awsStack,
    props: () => ({ ipAddress: '203.0.113.10', peerAsn: 65010 }),
    build: (s: Stack, p) => new AwsPeerGateway(s, 'Peer', p as never),
  },
  AwsVpnGateway: {
    scope: awsStack,
    props: () => ({ kind: AwsGatewayKind.transitGateway({ description: 'fuzz' }), asn: 64600, cidrs: ['10.10.0.0/16'], siteId: 'aws' }),
    build: (s: Stack, p) => new AwsVpnGateway(s, 'Gw', p as never),
  },
  // The deprecated names of renamed props, so the fuzzer mutates them too (and their conflicts with the new names).
  'AwsVpnGateway (deprecated names)': {
    scope: awsStack,
    props: () => ({ kind: AwsGatewayKind.transitGateway(), amazonSideAsn: 64600, cidrs: ['10.10.0.0/16'] }),
    build: (s: Stack, p) => new AwsVpnGateway(s, 'Gw', p as never),
  },
  'AzureVpnGateway (deprecated names)': {
    scope: tfStack,
    props: () => ({ resourceGroupName: 'rg', location: 'japaneast', virtualNetworkAddressSpace: ['10.20.0.0/16'], cidrs: ['10.20.0.0/16'], virtualNetworkName: 'vnet', gatewaySubnetCidr: '10.20.255.0/27' }),
    build: (s: TerraformStack, p) => new AzureVpnGateway(s, 'Gw', p as never),
  },
  'AlicloudVpnGateway (deprecated names)': {
    scope: tfStack,
    props: () => ({ vpcId: 'vpc-1', vswitchId: 'vsw-1', disasterRecoveryVswitchId: 'vsw-2', bandwidthMbps: 100, cidrs: ['10.30.0.0/16'], vpnGatewayName: 'gw', localAsn: 65001, asn: 65001 }),
    build: (s: TerraformStack, p) => new AlicloudVpnGateway(s, 'Gw', p as never),
  },
  'AwsVpnGateway (virtual private gateway)': {
    scope: () => {
      const stack = awsStack();
      return { stack, vpc: new ec2.Vpc(stack, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('10.10.0.0/16'), maxAzs: 1, natGateways: 0 }) };
    },
    props: (s: { vpc: ec2.IVpc }) => ({ kind: AwsGatewayKind.vpnGateway({ vpc: s.vpc, routeTableIds: ['rtb-1'] }), asn: 64600 }),
    build: (s: { stack: Stack }, p) => new AwsVpnGateway(s.stack, 'Gw', p as never),
  },
  AwsVpnConnection: {
    scope: awsStack,
    props: () => ({
      gateway: { vpnGatewayId: 'vgw-0123456789abcdef0', asn: 64600 },
      peer: { customerGatewayId: 'cgw-0123456789abcdef0', peerAsn: 65010 },
      tunnel1: { presharedKey: KEY, insideCidr: '169.254.21.0/30', dpdTimeoutSeconds: 30, phase1DhGroupNumbers: [14] },
      tunnel2: { presharedKey: SecretValue.unsafePlainText('FuzzOnlyKeyValue0123456789abcdeg'), insideCidr: '169.254.22.0/30', ikeVersions: ['ikev2'] },
      staticRoutesOnly: false,
    }),
    build: (s: Stack, p) => new AwsVpnConnection(s, 'Conn', p as never),
  },
  AzureVpnGateway: {
    scope: tfStack,
    props: () => ({ resourceGroupName: 'rg', location: 'japaneast', cidrs: ['10.20.0.0/16'], virtualNetworkName: 'vnet', gatewaySubnetCidr: '10.20.255.0/27', sku: 'VpnGw2AZ', generation: 'Generation2', instance0ApipaAddresses: ['169.254.21.2'], tags: { a: 'b' } }),
    build: (s: TerraformStack, p) => new AzureVpnGateway(s, 'Gw', p as never),
  },
  AzurePeerGateway: {
    scope: tfStack,
    props: () => ({ name: 'lng', resourceGroupName: 'rg', location: 'japaneast', gatewayAddress: '203.0.113.20', peerAsn: 65020, bgpPeeringAddress: '169.254.21.1' }),
    build: (s: TerraformStack, p) => new AzurePeerGateway(s, 'Peer', p as never),
  },
  AzureVpnConnection: {
    scope: () => {
      const stack = tfStack();
      const gateway = new AzureVpnGateway(stack, 'Gw', { resourceGroupName: 'rg', location: 'japaneast', cidrs: ['10.20.0.0/16'], virtualNetworkName: 'vnet', gatewaySubnetCidr: '10.20.255.0/27', instance0ApipaAddresses: ['169.254.21.2'] });
      const peer = new AzurePeerGateway(stack, 'Peer', { name: 'lng', resourceGroupName: 'rg', location: 'japaneast', gatewayAddress: '203.0.113.20', peerAsn: 65020, bgpPeeringAddress: '169.254.21.1' });
      return { stack, gateway, peer };
    },
    props: (s: { gateway: unknown; peer: unknown }) => ({ name: 'cn', gateway: s.gateway, peer: s.peer, sharedKey: KEY, connectionMode: 'ResponderOnly', dpdTimeoutSeconds: 45, ipsecEncryption: 'AES256' }),
    build: (s: { stack: TerraformStack }, p) => new AzureVpnConnection(s.stack, 'Conn', p as never),
  },
  AlicloudVpnGateway: {
    scope: tfStack,
    props: () => ({ vpcId: 'vpc-1', vswitchId: 'vsw-1', disasterRecoveryVswitchId: 'vsw-2', bandwidthMbps: 100, cidrs: ['10.30.0.0/16'], name: 'gw' }),
    build: (s: TerraformStack, p) => new AlicloudVpnGateway(s, 'Gw', p as never),
  },
  AlicloudPeerGateway: {
    scope: tfStack,
    props: () => ({ ipAddress: '203.0.113.30', peerAsn: 65030, name: 'cgw' }),
    build: (s: TerraformStack, p) => new AlicloudPeerGateway(s, 'Peer', p as never),
  },
  AlicloudVpnConnection: {
    scope: tfStack,
    props: () => ({
      gateway: { vpnGatewayId: 'vpn-1', tunnelMode: AlicloudTunnelMode.DUAL_TUNNEL, asn: 65001 },
      routing: AlicloudConnectionRouting.bgp({ localAsn: 65001 }),
      masterTunnel: { peer: { customerGatewayId: 'cgw-1', ipAddress: '203.0.113.30', peerAsn: 65030 }, presharedKey: KEY, tunnelCidr: '169.254.10.0/30' },
      slaveTunnel: { peer: { customerGatewayId: 'cgw-1', ipAddress: '203.0.113.30', peerAsn: 65030 }, presharedKey: 'FuzzOnlyKeyValue0123456789abcdeh', tunnelCidr: '169.254.11.0/30' },
    }),
    build: (s: TerraformStack, p) => new AlicloudVpnConnection(s, 'Conn', p as never),
  },
};
export const CONSTRUCT_NAMES = Object.keys(CONSTRUCTS);

/** Routing options given to the factories (a JavaScript caller may pass anything). */
const ROUTINGS = [
  (v: unknown) => AlicloudConnectionRouting.policy(v as never),
  (v: unknown) => AlicloudConnectionRouting.destination(v as never),
  (v: unknown) => AlicloudConnectionRouting.bgp(v as never),
  (v: unknown) => AwsGatewayKind.vpnGateway(v as never),
  (v: unknown) => AwsGatewayKind.existingTransitGateway(v as never),
];

export const constructCaseArb = fc.record({
  construct: fc.constantFrom(...CONSTRUCT_NAMES),
  mutations: fc.array(fc.tuple(fc.nat(), fc.nat(), junk), { minLength: 1, maxLength: 2 }),
  whole: fc.option(junk, { freq: 12, nil: undefined }),
  factory: fc.option(fc.tuple(fc.nat(ROUTINGS.length - 1), junk), { freq: 8, nil: undefined }),
});

/** Copies plain levels only: gateways, keys and kinds stay the instances they are. */
const copyPlain = (v: unknown): unknown => (Array.isArray(v) ? v.map(copyPlain)
  : v && Object.getPrototypeOf(v) === Object.prototype ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copyPlain(x)])) : v);

/**
 * Builds `construct` in a fresh scope from a copy of its base props after `edit`, or from
 * `whole[0]` in place of the props when given.
 */
export function buildConstruct(construct: string, edit?: (props: unknown) => void, ...whole: unknown[]): unknown {
  const spec = CONSTRUCTS[construct];
  const scope = spec.scope() as never;
  const props = whole.length > 0 ? whole[0] : copyPlain(spec.props(scope));
  edit?.(props);
  return spec.build(scope, props);
}

/** One construct case: base props with one or two fields (at any depth) replaced by junk. */
export function checkConstruct(c: { construct: string; mutations: [number, number, unknown][]; whole?: unknown; factory?: [number, unknown] }): Outcome {
  return clean(() => {
    if (c.whole !== undefined) {
      buildConstruct(c.construct, undefined, c.whole);
      return;
    }
    buildConstruct(c.construct, (props) => {
      for (const [pick, how, value] of c.mutations) mutateAt(props as AnyRecord, pick, how, value);
      if (c.factory) {
        const kind = ROUTINGS[c.factory[0]](c.factory[1]);
        (props as AnyRecord)[kind instanceof AwsGatewayKind ? 'kind' : 'routing'] = kind;
      }
    });
  });
}

// --- CLI inputs ------------------------------------------------------------------------------

const cliTextArb = fc.oneof(
  planCaseArb.map((c) => safeJson(c.topology)),
  planCaseArb.map((c) => safeJson(c.topology)).chain((t) => fc.nat(t.length).map((n) => t.slice(0, n))),
  fc.string({ maxLength: 200 }),
  fc.json(),
  fc.constantFrom('', '{}', '[]', '"x"', 'null', '{"asns":null}', '{"insideCidrs":{"toString":5}}', 'sites: [', 'sites:\n  - &a {id: x}\n  - *a', '- - - -', '\u0000\u0001', 'a: !!binary AAAA'),
);

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x)) ?? 'null';
  } catch {
    return '{"sites": "circular"}';
  }
}

export const cliCaseArb = fc.record({ topology: cliTextArb, allocations: fc.option(cliTextArb, { nil: undefined }), json: fc.boolean() });

/** One CLI case: `ccvpn plan <file> [--allocations <file>] [--json]` on generated files; exit 0 or 1, never a throw. */
export function checkCli(c: { topology: string; allocations?: string; json: boolean }, dir: string): Outcome {
  const topology = path.join(dir, 'topology.yaml');
  fs.writeFileSync(topology, c.topology);
  const args = ['plan', topology];
  if (c.allocations !== undefined) {
    const file = path.join(dir, 'allocations.json');
    fs.writeFileSync(file, c.allocations);
    args.push('--allocations', file);
  }
  if (c.json) args.push('--json');
  let stderr = '';
  const started = Date.now();
  let code: unknown;
  try {
    code = main(args, () => {}, (s) => { stderr += s; });
  } catch (e) {
    throw new FuzzFailure(`ccvpn plan threw ${describe(e)}`);
  }
  if (Date.now() - started > MAX_CASE_MS) throw new FuzzFailure(`ccvpn plan took ${Date.now() - started} ms`);
  if (code !== 0 && code !== 1) throw new FuzzFailure(`ccvpn plan exited ${String(code)}: ${stderr.slice(0, 300)}`);
  if (code === 1 && (stderr.length === 0 || stderr.length > MAX_MESSAGE_LENGTH || /\n\s+at /.test(stderr))) throw new FuzzFailure(`bad error output (${stderr.length} characters): ${stderr.slice(0, 300)}`);
  return code === 0 ? 'ok' : 'refused';
}

/** A scratch folder for CLI cases. */
export function scratchDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-fuzz-'));
}
