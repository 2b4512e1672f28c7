/**
 * The engine-neutral interface every cloud's gateway construct implements, so that the
 * cross-cloud layer can plan and wire gateways that live in different engines (an aws-cdk-lib
 * stack, cdktf stacks) without importing any engine.
 */
import type { GatewayPlan, LinkResources, PlannedTunnel, VpnPlan } from './plan';
import type { SiteSpec } from './topology';

/**
 * A value known only at deploy time, or a literal, in the engine of the gateway that reads it:
 * a token string of that engine (CloudFormation parameter, Terraform variable or reference).
 */
export type DeployTimeString = string;

/** What a gateway is asked to build for one link: its half of every planned tunnel. */
export interface LinkRealisation {
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
 * A VPN gateway of any cloud, as the cross-cloud layer sees it.
 *
 * Implemented by `AwsVpnGateway`, `AzureVpnGateway` and `AlicloudVpnGateway`.
 */
export interface IVpnGateway {
  /** The gateway as a site of the topology: cloud, kind, networks, ASN. */
  readonly site: SiteSpec;
  /** Path of the construct, for messages. */
  readonly path: string;
  /**
   * The public IP of one of this gateway's endpoints (see `GatewayPlan.endpoints`; AWS endpoints
   * are the outside IPs of its VPN connections' tunnels), as a value of this gateway's engine.
   */
  endpointAddress(endpoint: string): DeployTimeString;
  /** Builds this gateway's half of every tunnel of one link. */
  realiseLink(realisation: LinkRealisation): void;
}
