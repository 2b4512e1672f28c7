/**
 * The registry of clouds: one line per cloud in `PROFILES`, and the tables the rest of the
 * library reads, derived from the profiles (kept under their former names, so that the public
 * `FACTS`, `CLOUD_NAMES`, `GATEWAY_KINDS`, ... stay as they were).
 *
 * The only place outside a cloud's own file that names every cloud: adding one is its profile
 * (`./<cloud>.ts`), its id and gateway kinds in `./ids.ts`, its line in `PROFILES` (and the `cloud` enum of
 * `schema/topology.schema.json`); see `docs/architecture.md`.
 */
import type { CloudFacts } from '../facts';
import type { CloudProfile } from '../profile';
import { ALICLOUD_PROFILE, AlicloudLinkResources } from './alicloud';
import { AWS_DEFAULT_TUNNEL, AWS_PROFILE, AwsLinkResources } from './aws';
import { AZURE_DEFAULT_TUNNEL, AZURE_PROFILE, AzureLinkResources } from './azure';
import type { Cloud, GatewayKind } from './ids';

export * from './ids';
export * from './aws';
export * from './azure';
export * from './alicloud';

/** What a gateway needs for one link, in its cloud's terms (discriminated by `cloud`). */
export type LinkResources = AwsLinkResources | AzureLinkResources | AlicloudLinkResources;

/**
 * Every cloud's profile, in the order tables and diagrams list them. One line per cloud.
 *
 * @internal the planner's contract with a cloud (`CloudProfile`) is not public API yet
 */
export const PROFILES: Readonly<Record<Cloud, CloudProfile<GatewayKind, LinkResources>>> = {
  aws: AWS_PROFILE as CloudProfile<GatewayKind, LinkResources>,
  azure: AZURE_PROFILE as CloudProfile<GatewayKind, LinkResources>,
  alicloud: ALICLOUD_PROFILE as CloudProfile<GatewayKind, LinkResources>,
};

/**
 * The profile of a cloud.
 *
 * @internal
 */
export function profileOf(cloud: Cloud): CloudProfile<GatewayKind, LinkResources> {
  return PROFILES[cloud];
}

const each = <T>(f: (p: CloudProfile<GatewayKind, LinkResources>) => T): Record<Cloud, T> =>
  Object.fromEntries(Object.entries(PROFILES).map(([c, p]) => [c, f(p)])) as Record<Cloud, T>;

/** Every cloud, in the order tables and diagrams list them. */
export const CLOUDS: readonly Cloud[] = Object.keys(PROFILES) as Cloud[];
/** Display names used in messages and tables. */
export const CLOUD_NAMES: Record<Cloud, string> = each((p) => p.name);
/** The facts of every cloud, by cloud. */
export const FACTS: Record<Cloud, CloudFacts> = each((p) => p.facts);
/** The gateway kinds each cloud offers. */
export const GATEWAY_KINDS: Record<Cloud, readonly GatewayKind[]> = each((p) => p.kinds);
/** Default gateway kind per cloud (the guides' choice): the first of its kinds. */
export const DEFAULT_GATEWAY_KIND: Record<Cloud, GatewayKind> = each((p) => p.kinds[0]);

/**
 * Connection limits per gateway kind, in the unit each cloud counts (each cloud's profile states
 * its own and its sources). On Azure the SKU sets the limit (`AZURE_SKU_TUNNELS`); the values here
 * are the default SKU's.
 */
export const CONNECTION_LIMITS: Record<GatewayKind, number> = Object.assign({}, ...Object.values(PROFILES).map((p) => Object.fromEntries(p.kinds.map((k) => [k, p.connectionLimit(k)]))));

/**
 * Lifetimes and timers the planner sets explicitly on every tunnel, as each cloud's default
 * tunnel states them (`AWS_DEFAULT_TUNNEL`, `AZURE_DEFAULT_TUNNEL`, `ALICLOUD_DEFAULT_TUNNEL`).
 *
 * @deprecated read the cloud's default tunnel instead
 */
export const TIMERS = {
  /** Phase 1 lifetime everywhere; Azure's is fixed at this value (Z3). */
  phase1LifetimeSeconds: AWS_DEFAULT_TUNNEL.phase1LifetimeSeconds,
  /** Phase 1 lifetime of a peer of Azure: shorter, so the peer rekeys before Azure's fixed 28800 s expires. */
  phase1LifetimeFacingAzureSeconds: AZURE_DEFAULT_TUNNEL.peerPhase1LifetimeSeconds,
  /** Phase 2 lifetime of AWS and Alibaba Cloud ends: AWS's maximum (A1). */
  phase2LifetimeSeconds: AWS_DEFAULT_TUNNEL.phase2LifetimeSeconds,
  /** Azure's phase 2 lifetime when its peer rekeys first: Azure's own default (Z2). */
  azurePhase2LifetimeSeconds: AZURE_DEFAULT_TUNNEL.phase2LifetimeSeconds,
  /** AWS rekey margin, in seconds. */
  awsRekeyMarginSeconds: AWS_DEFAULT_TUNNEL.rekeyMarginSeconds,
  /** AWS rekey fuzz, in percent of the rekey margin (0-100, A1). */
  awsRekeyFuzzPercentage: AWS_DEFAULT_TUNNEL.rekeyFuzzPercentage,
  /** AWS replay window, in packets (64-2048, A1). */
  awsReplayWindowPackets: AWS_DEFAULT_TUNNEL.replayWindowPackets,
  /** AWS DPD timeout, in seconds (>= 30, A1). */
  awsDpdTimeoutSeconds: AWS_DEFAULT_TUNNEL.dpdTimeoutSeconds,
  /** Azure DPD timeout, in seconds (9-3600, 45 s default, Z3). */
  azureDpdTimeoutSeconds: AZURE_DEFAULT_TUNNEL.dpdTimeoutSeconds,
};

/** Where each fact comes from: every cloud's sources, and the neutral ones. */
export const SOURCES: Record<string, string> = {
  ...Object.assign({}, ...Object.values(PROFILES).map((p) => p.sources)) as Record<string, string>,
  S2: 'strongSwan documentation, IKE and ESP proposals',
};
