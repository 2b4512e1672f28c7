/**
 * The contract between `CrossCloudVpn` and the gateways: the engine-neutral interface every
 * cloud's gateway construct implements, so that the cross-cloud layer can plan and wire gateways
 * that live in different engines (an aws-cdk-lib stack, cdktf stacks) without importing any
 * engine, and without knowing which cloud a gateway belongs to (it asks capabilities such as
 * `endpointsKnown`). Engine-free, and names no cloud (test/layering-cross-cloud.test.ts); the
 * planning core does not import it (it only hands over plan types).
 */
import type { GatewayPlan, LinkResources, PlannedTunnel, SiteSpec, VpnPlan } from './plan';

/**
 * A value known only at deploy time, or a literal, in the engine of the gateway that reads it:
 * a token string of that engine (CloudFormation parameter, Terraform variable or reference).
 */
export type DeployTimeString = string;

/**
 * The tool that deploys a stack: the AWS CDK CLI (`cdk`), the CDK for Terraform CLI (`cdktf`) or
 * the CDK Terrain CLI (`cdktn`); the last two deploy the same Terraform JSON layout.
 */
export type StackEngine = 'cdk' | 'cdktf' | 'cdktn';

/** Where a value is published for other stacks: a named output of a stack. */
export interface StackOutputRef {
  /** Name of the stack that declares the output, as its engine's CLI knows it. */
  readonly stack: string;
  /** Name of the output: a CloudFormation stack output or a Terraform output. */
  readonly output: string;
}

/**
 * A stack, next to a gateway's own, that holds the gateway's half of some links: deployed in a
 * later phase because it needs values that exist only once other stacks are deployed.
 */
export interface ILinkStack {
  /** Name of the stack as its engine's CLI knows it. */
  readonly stackName: string;
  /**
   * Deployment phase of the stack, 1-3 (1 = the gateways' own stacks, so a link stack is in 2 or
   * 3; see `DeploymentManifest.phases`).
   */
  readonly phase: number;
  /** The construct scope to build in (an aws-cdk-lib `Stack` or a cdktf `TerraformStack`). */
  readonly scope: unknown;
  /**
   * A value supplied at deploy time: a CloudFormation parameter or a Terraform variable, named
   * after `name` in the engine's rules. Returns its final name and a token of this engine.
   */
  importValue(name: string, description: string): {
    /** The parameter's or variable's final name, as the stack declares it. */
    readonly name: string;
    /** The value, as a token of this stack's engine. */
    readonly value: DeployTimeString;
  };
}

/** How a gateway is deployed: its engine, app and stack, and the stacks it adds for links. */
export interface IGatewayDeployment {
  /** The tool that deploys the gateway's stacks: `cdk` (aws-cdk-lib), `cdktf` or `cdktn` (CDK Terrain). */
  readonly engine: StackEngine;
  /** Identity of the app the gateway lives in: gateways of one app reference each other directly. */
  readonly app: object;
  /** Name of the gateway's own stack. */
  readonly stackName: string;
  /**
   * The stack (created on first use) that holds this gateway's link resources of one phase.
   * `options.terraformBackend` configures the backend of a Terraform link stack (ignored by CDK).
   */
  linkStack(phase: number, options?: LinkStackOptions): ILinkStack;
  /**
   * Publishes the public IP of one endpoint as a stack output (from the stack the endpoint lives
   * in: a link stack when `endpointsKnown` is `link`) and says where to read it.
   */
  exportEndpoint(endpoint: string): StackOutputRef;
}

/** Options for the stacks the library creates. */
export interface LinkStackOptions {
  /**
   * Called with every Terraform stack the library creates (the link stacks), to give it a
   * backend (e.g. `(stack) => new S3Backend(stack, { bucket, key: `${stack.node.id}.tfstate`, ... })`).
   * The value passed is the cdktf `TerraformStack`.
   *
   * @default - a local backend whose path is relative to the synthesized output
   */
  readonly terraformBackend?: (stack: object) => void;
}

/** What a gateway is asked to build for one link: its half of every planned tunnel. */
export interface LinkRealisation {
  /**
   * Where to build. Without it (a gateway used on its own), the gateway builds in its own scope.
   *
   * @default - the gateway's own scope
   */
  readonly stack?: ILinkStack;
  /** The whole plan, for reference. */
  readonly plan: VpnPlan;
  /** This gateway's plan. */
  readonly gateway: GatewayPlan;
  /** The resources of this gateway for the link. */
  readonly resources: LinkResources;
  /** The tunnels of the link (active and idle). */
  readonly tunnels: readonly PlannedTunnel[];
  /**
   * The public IP of one of the remote gateway's endpoints, as a value this gateway's engine can
   * use (a literal, or a token of this engine wired from the remote engine's outputs).
   */
  remoteAddress(endpoint: string): DeployTimeString;
}

/**
 * When the public IPs of a gateway's tunnel endpoints exist during deployment:
 *
 * - `gateway`: once the gateway's own stack is deployed (the endpoints are the gateway's
 *   instances or zones, whatever the links);
 * - `link`: only once the gateway's half of a link is deployed (the endpoints are created with
 *   each connection, as the outside IPs of its tunnels).
 *
 * `CrossCloudVpn` orders the phases by it: the halves of `link` gateways come first, and a half
 * that faces a `link` gateway from a `gateway` gateway waits for them (phase 3).
 */
export type EndpointsKnown = 'gateway' | 'link';

/**
 * A VPN gateway of any cloud, as the cross-cloud layer sees it.
 *
 * Implemented by `AwsVpnGateway`, `AzureVpnGateway` and `AlicloudVpnGateway`.
 */
export interface IVpnGateway {
  /** The gateway as a site of the topology: cloud, kind, networks, ASN. */
  readonly site: SiteSpec;
  /** Path of the construct, for messages. */
  readonly path: string;
  /** How the gateway is deployed (engine, app, stack, link stacks). */
  readonly deployment: IGatewayDeployment;
  /** When its endpoints' public IPs exist during deployment (see `EndpointsKnown`). */
  readonly endpointsKnown: EndpointsKnown;
  /**
   * The public IP of one of this gateway's endpoints (see `GatewayPlan.endpoints`; the endpoints
   * of a gateway whose `endpointsKnown` is `link` exist once a link is realised), as a value of
   * this gateway's engine.
   */
  endpointAddress(endpoint: string): DeployTimeString;
  /** Builds this gateway's half of every tunnel of one link. */
  realiseLink(realisation: LinkRealisation): void;
}
