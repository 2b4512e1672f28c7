/**
 * `CrossCloudVpn`: one declaration that plans every tunnel between gateways of different clouds
 * and engines, has each gateway build its half, and writes the deployment manifest that orders
 * the stacks of both engines. Imports no engine: gateways bring their own (`IVpnGateway`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IVpnGateway } from './contract';
import type { DeploymentManifest, ManifestInput, ManifestPhase, ManifestStack } from './manifest';
import { isTerraformEngine } from './manifest';
import { AllocationRecord, DEMO_MASTER_SECRET, KeyDerivation, LinkSpec, MASTER_SECRET_ENV, PlanError, VpnPlan, planVpn } from './plan';
import { checkCrossCloudVpnProps } from './private/cross-cloud-props';
import { readAllocationsFile, writeAllocationsFile } from './change/allocations-file';
import { PHASE_DESCRIPTIONS } from './private/phases';

/**
 * A link between two gateways, as `CrossCloudVpn` takes it: a topology link (`LinkSpec`: id,
 * routing, layout, pins, proposal, selectors) whose ends are gateway constructs, not site ids.
 */
export interface CrossCloudLink extends Omit<LinkSpec, 'between'> {
  /** The two gateways (any two clouds; each in its own engine's stack). */
  readonly between: readonly [IVpnGateway, IVpnGateway];
}

/** Properties of a `CrossCloudVpn`. */
export interface CrossCloudVpnProps {
  /** The links; their gateways are the sites of the topology. */
  readonly links: readonly CrossCloudLink[];
  /**
   * Secret every derived pre-shared key comes from.
   *
   * @default - the `CCVPN_MASTER_SECRET` environment variable
   */
  readonly masterSecret?: string;
  /**
   * Allocations of an earlier plan (see `VpnPlan.allocations`), kept wherever still valid.
   *
   * @default - allocate from scratch (deterministic)
   */
  readonly previous?: AllocationRecord;
  /**
   * A file that keeps the plan's allocations between synths, like `cdk.context.json` (commit it):
   * read as `previous` when it exists, written with the plan's allocations (`VpnPlan.allocations`)
   * when the app runs. `ccvpn rotate` plans key, proposal and lifetime changes from it, and
   * `ccvpn deploy --rollout` writes each step's record into it before synthesizing the app again.
   * A relative path is relative to the folder the app runs in. Not together with `previous`.
   *
   * @default - no file: allocations come from `previous` only
   */
  readonly allocationsFile?: string;
  /**
   * Name of the deployment derived keys are bound to (see `PlanOptions.deployment`).
   *
   * @default - this `CrossCloudVpn`'s id
   */
  readonly deployment?: string;
  /**
   * How keys are derived: `bound` to the deployment name, or `unbound-v1` to keep the keys of
   * a deployment made with cross-cloud-vpn 0.1 (see `PlanOptions.keyDerivation`).
   *
   * @default - what `previous` records, else `bound`
   */
  readonly keyDerivation?: KeyDerivation;
  /**
   * Accept a plan that rotates every derived key (see `PlanOptions.rotateKeys`).
   *
   * @default false
   */
  readonly rotateKeys?: boolean;
  /**
   * Gives every Terraform stack the library creates (the link stacks) a backend, called with the
   * cdktf `TerraformStack`. Needed when the gateways' stacks use a remote backend (S3, azurerm,
   * Terraform Cloud, ...): configure it once here for all link stacks.
   *
   * @default - a local backend whose path is relative to the synthesized output
   *   (`terraform.<stack>.tfstate` beside the output folder), when the gateway's stack has a local
   *   backend or none; gateway stacks without a backend get the same
   */
  readonly terraformBackend?: (stack: object) => void;
}

/** Options of `writeManifest`. */
export interface ManifestLocations {
  /**
   * The aws-cdk-lib app's cloud assembly folder (`writeManifest` stores it relative to the
   * manifest's folder).
   *
   * @default - not recorded: `ccvpn deploy` looks for `cdk.out` beside the manifest
   */
  readonly cdkOut?: string;
  /**
   * The cdktf app's output folder (`writeManifest` stores it relative to the manifest's folder).
   *
   * @default - not recorded: `ccvpn deploy` looks for `cdktf.out` beside the manifest
   */
  readonly cdktfOut?: string;
}

/** What one declaration took on a gateway: another declaration may not take it again. */
interface GatewayClaim {
  readonly declaration: string;
  readonly asn: number;
  /** Inside /30 → tunnel id. */
  readonly insideCidrs: ReadonlyMap<string, string>;
  /** APIPA addresses used (`GatewayPlan.apipaAddresses`). */
  readonly apipa: ReadonlySet<string>;
  /** Connections of this declaration's links (`GatewayPlan.connectionCount`), without those in use outside it. */
  readonly connections: number;
  readonly limit: number;
  /** Site ids of the gateways linked to it. */
  readonly peers: ReadonlySet<string>;
}

/** Claims per gateway object, across every `CrossCloudVpn` of the process. */
const CLAIMS = new WeakMap<IVpnGateway, GatewayClaim[]>();

/**
 * Refuses a plan that takes on a shared gateway what another declaration already took: an
 * inside /30 or APIPA address, another ASN for the same gateway, a link to the same peer, or
 * connections beyond the gateway's limit counted over every declaration. (Inside one
 * declaration the planner already guarantees all of it.)
 */
function claimGateways(id: string, gateways: readonly IVpnGateway[], plan: VpnPlan): void {
  const problems: { path: string; code: string; message: string }[] = [];
  const fresh = new Map<IVpnGateway, GatewayClaim>();
  for (const g of gateways) {
    const gp = plan.gateways.find((x) => x.site === g.site.id);
    if (!gp) continue;
    const tunnels = plan.tunnels.filter((t) => t.ends.some((e) => e.site === g.site.id) && t.insideCidr !== undefined);
    const claim: GatewayClaim = {
      declaration: id,
      asn: gp.asn,
      insideCidrs: new Map(tunnels.map((t) => [t.insideCidr!, t.id])),
      apipa: new Set(Object.values(gp.apipaAddresses ?? {}).flat()),
      connections: gp.connectionCount,
      limit: gp.connectionLimit,
      peers: new Set(plan.links.filter((l) => l.between.includes(g.site.id)).map((l) => l.between.find((x) => x !== g.site.id)!)),
    };
    const where = `[${id}] ${g.path}`;
    for (const other of CLAIMS.get(g) ?? []) {
      const by = `CrossCloudVpn(${other.declaration})`;
      if (other.asn !== claim.asn) problems.push({ path: where, code: 'shared-gateway-asn', message: `ASN ${claim.asn} here, but ${by} already gave this gateway ASN ${other.asn}; pin the same asn on the gateway in both` });
      for (const [cidr, tunnel] of claim.insideCidrs) {
        const taken = other.insideCidrs.get(cidr);
        if (taken) problems.push({ path: where, code: 'shared-gateway-inside-cidr', message: `inside /30 ${cidr} (tunnel ${tunnel}) is already taken on this gateway by ${by} (tunnel ${taken}); declare every link of a gateway in one CrossCloudVpn, or pin another insideCidr` });
      }
      for (const a of claim.apipa) if (other.apipa.has(a)) problems.push({ path: where, code: 'shared-gateway-apipa', message: `APIPA address ${a} is already used on this gateway by ${by}` });
      for (const peer of claim.peers) if (other.peers.has(peer)) problems.push({ path: where, code: 'shared-gateway-link', message: `a link to ${peer} is already declared by ${by}; a pair of gateways has one link` });
    }
    // What an imported gateway already uses outside every declaration (`site.inUse`) counts once, not once per declaration.
    const inUse = gp.connectionsInUse ?? 0;
    const used = (CLAIMS.get(g) ?? []).reduce((n, c) => n + c.connections, 0) + claim.connections + inUse;
    if ((CLAIMS.get(g) ?? []).length && used > claim.limit) {
      problems.push({ path: where, code: 'shared-gateway-capacity', message: `${used} connections over every declaration using this gateway (${[...(CLAIMS.get(g) ?? []).map((c) => `${c.declaration}: ${c.connections}`), `${id}: ${claim.connections}`, ...(inUse > 0 ? [`in use outside them: ${inUse}`] : [])].join(', ')}); allowed: at most ${claim.limit}` });
    }
    fresh.set(g, claim);
  }
  if (problems.length) throw new PlanError(problems);
  for (const [g, claim] of fresh) CLAIMS.set(g, [...(CLAIMS.get(g) ?? []), claim]);
}

/**
 * One Terraform engine per declaration. cdktf and CDK Terrain constructs cannot share a construct
 * tree, so gateways of both would be two Terraform apps, each synthesizing into `cdktf.out` by
 * default with its own `manifest.json`, deployed by two CLIs from one `cdktf.json` `app`, and
 * every link between them would cross through outputs and variables in later phases. Nothing
 * needs that: the two engines write the same Terraform JSON and state, so an app moves to CDK
 * Terrain as a whole.
 */
function refuseMixedTerraformEngines(id: string, gateways: readonly IVpnGateway[]): void {
  const terraform = gateways.filter((g) => isTerraformEngine(g.deployment.engine));
  if (new Set(terraform.map((g) => g.deployment.engine)).size < 2) return;
  const list = terraform.map((g) => `${g.path} (${g.deployment.engine})`).join(', ');
  throw new PlanError([{
    path: `[${id}]`, code: 'terraform-engines-mixed',
    message: `gateways ${list} are built with two Terraform engines; allowed: one per CrossCloudVpn, cdktf or cdktn (CDK Terrain): import every Terraform gateway construct of the app from the same engine's flavour of cross-cloud-vpn`,
  }]);
}

/**
 * Plans and wires IPsec VPN links between AWS, Azure and Alibaba Cloud gateways.
 *
 * Every pre-shared key, inside /30, ASN, proposal and lifetime on both halves of every tunnel
 * comes from one plan. Values known only after deployment cross engines through stack outputs
 * and inputs, in three phases ordered by each gateway's `endpointsKnown`: (1) the gateways,
 * (2) the halves of gateways whose endpoints exist only with their links (the AWS VPN connections,
 * which need the other gateways' IPs) and links between gateways whose endpoints exist with the
 * gateway, (3) the halves facing the former (they need, e.g., the AWS tunnel outside IPs). Inside
 * one app, stacks reference each other directly.
 */
export class CrossCloudVpn {
  /** The plan every half was built from (keys redacted when printed). */
  public readonly plan: VpnPlan;

  private readonly id: string;
  private readonly demoSecret: boolean;
  private readonly terraformBackend?: (stack: object) => void;
  private readonly gateways: IVpnGateway[];
  private readonly linkStacks = new Map<string, ManifestStack & { inputs: ManifestInput[]; phase: number }>();
  private readonly outputs = new Map<string, Set<string>>();

  constructor(id: string, props: CrossCloudVpnProps) {
    this.id = id;
    checkCrossCloudVpnProps(id, props);
    this.gateways = [];
    for (const link of props.links) for (const g of link.between) if (!this.gateways.includes(g)) this.gateways.push(g);
    const bySite = new Map<string, IVpnGateway>();
    for (const g of this.gateways) {
      const other = bySite.get(g.site.id);
      if (other) throw new PlanError([{ path: `[${id}]`, code: 'site-id-duplicate', message: `gateways ${other.path} and ${g.path} both use site id '${g.site.id}'; give each gateway its own siteId` }]);
      bySite.set(g.site.id, g);
    }
    refuseMixedTerraformEngines(id, this.gateways);

    const links: LinkSpec[] = props.links.map((l) => ({ ...l, between: [l.between[0].site.id, l.between[1].site.id] }));
    this.terraformBackend = props.terraformBackend;
    this.demoSecret = (props.masterSecret ?? process.env[MASTER_SECRET_ENV]) === DEMO_MASTER_SECRET;
    if (props.allocationsFile !== undefined && props.previous !== undefined) {
      throw new PlanError([{ path: `[${id}] allocationsFile`, code: 'allocations-file-invalid', message: 'give previous or allocationsFile, not both (the file holds the previous allocations)' }]);
    }
    const previous = props.allocationsFile === undefined ? props.previous : readAllocationsFile(props.allocationsFile, `[${id}]`);
    try {
      this.plan = planVpn({ sites: this.gateways.map((g) => g.site), links }, {
        masterSecret: props.masterSecret ?? process.env[MASTER_SECRET_ENV], previous,
        deployment: props.deployment ?? id, keyDerivation: props.keyDerivation, rotateKeys: props.rotateKeys,
      });
    } catch (e) {
      if (e instanceof PlanError) {
        const where = this.gateways.map((g, i) => `sites[${i}] is ${g.path}`).join(', ');
        throw new PlanError(e.issues.map((issue) => ({ ...issue, path: `[${id}] ${issue.path}` })), `[${id}] (${where}; links[i] is props.links[i])`);
      }
      throw e;
    }

    claimGateways(id, this.gateways, this.plan);
    if (props.allocationsFile !== undefined) writeAllocationsFile(props.allocationsFile, this.plan.allocations, `[${id}]`);

    // Halves of gateways whose endpoints exist only with their links first: the halves facing
    // them read those endpoints' addresses, so they wait for them (phase 3); every other half is
    // in phase 2.
    const halves = this.plan.links.flatMap((link) => link.between.map((site, side) => ({ link, site, remote: link.between[1 - side] })));
    const knownAtLink = (site: string) => bySite.get(site)!.endpointsKnown === 'link';
    halves.sort((x, y) => Number(!knownAtLink(x.site)) - Number(!knownAtLink(y.site)));
    for (const half of halves) {
      const gateway = bySite.get(half.site)!;
      const remote = bySite.get(half.remote)!;
      const phase = knownAtLink(half.site) || !knownAtLink(half.remote) ? 2 : 3;
      const stack = gateway.deployment.linkStack(phase, { terraformBackend: this.terraformBackend });
      const entry = this.stackEntry(gateway, stack.stackName, phase);
      const gatewayPlan = this.plan.gateways.find((g) => g.site === half.site)!;
      gateway.realiseLink({
        plan: this.plan,
        gateway: gatewayPlan,
        resources: gatewayPlan.links.find((l) => l.link === half.link.id)!,
        tunnels: this.plan.tunnels.filter((t) => t.link === half.link.id),
        stack,
        remoteAddress: (endpoint: string) => {
          if (remote.deployment.app === gateway.deployment.app) return remote.endpointAddress(endpoint);
          const from = remote.deployment.exportEndpoint(endpoint);
          if (!this.outputs.has(from.stack)) this.outputs.set(from.stack, new Set());
          this.outputs.get(from.stack)!.add(from.output);
          const input = stack.importValue(`${remote.site.id} ${endpoint} ip`, `public IP of ${remote.path} endpoint ${endpoint} (output ${from.output} of stack ${from.stack})`);
          if (!entry.inputs.some((i) => i.name === input.name)) entry.inputs.push({ name: input.name, from });
          return input.value;
        },
      });
    }
  }

  private stackEntry(gateway: IVpnGateway, stackName: string, phase: number) {
    const key = `${gateway.deployment.engine}:${stackName}`;
    let entry = this.linkStacks.get(key);
    if (!entry) {
      entry = { name: stackName, engine: gateway.deployment.engine, inputs: [], outputs: [], phase };
      this.linkStacks.set(key, entry);
    }
    return entry;
  }

  /** The deployment manifest: phases in order, the stacks of each, which output feeds which input. */
  public manifest(locations: ManifestLocations = {}): DeploymentManifest {
    const gatewayStacks = new Map<string, ManifestStack>();
    for (const g of this.gateways) {
      const key = `${g.deployment.engine}:${g.deployment.stackName}`;
      if (!gatewayStacks.has(key)) gatewayStacks.set(key, { name: g.deployment.stackName, engine: g.deployment.engine, inputs: [], outputs: [] });
    }
    const withOutputs = (s: ManifestStack): ManifestStack => ({ ...s, outputs: [...(this.outputs.get(s.name) ?? [])].sort() });
    const phases: ManifestPhase[] = [{ phase: 1, description: PHASE_DESCRIPTIONS[1], stacks: [...gatewayStacks.values()].map(withOutputs) }];
    for (const phase of [2, 3]) {
      const stacks = [...this.linkStacks.values()].filter((s) => s.phase === phase).map(({ name, engine, inputs }) => withOutputs({ name, engine, inputs, outputs: [] }));
      if (stacks.length) phases.push({ phase, description: PHASE_DESCRIPTIONS[phase], stacks });
    }
    const scheme = this.plan.allocations.keys ?? { derivation: 'unbound-v1' as const };
    return { version: 1, cdkOut: locations.cdkOut, cdktfOut: locations.cdktfOut, phases, keys: { ...scheme, demoSecret: this.demoSecret } };
  }

  /** Writes the manifest; folders are stored relative to the manifest's own folder. */
  public writeManifest(file: string, locations: ManifestLocations = {}): void {
    const dir = path.dirname(path.resolve(file));
    const rel = (p?: string) => (p === undefined ? undefined : path.relative(dir, path.resolve(p)) || '.');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(this.manifest({ cdkOut: rel(locations.cdkOut), cdktfOut: rel(locations.cdktfOut) }), null, 2)}\n`);
  }

  /** The id, for messages: `CrossCloudVpn(<id>)`. */
  public toString(): string {
    return `CrossCloudVpn(${this.id})`;
  }
}
