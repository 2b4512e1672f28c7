/**
 * The shapes of a read deployment that every cloud's code may see (a leaf module: the clouds'
 * code imports it, `read-output.ts` builds it): the endpoints with their symbolic addresses, and
 * what every deployment has whatever its clouds. A cloud's own resources are its part
 * (`clouds/<cloud>/extract.ts`); the whole `Deployment` (`read-output.ts`) is this base and every
 * cloud's part.
 */
import type { DeploymentManifest } from '../manifest';
import type { Cloud } from './types';

/** A public address of a gateway, with its symbolic address. */
export interface Endpoint {
  readonly key: string;
  readonly cloud: Cloud | 'outside';
  readonly address: string;
  /** What it is, for reports (`AwsTokyoLinks2 conn1 tunnel1`, `public IP pip0`). */
  readonly label: string;
}

/** What every deployment has, whatever its clouds. */
export interface DeploymentBase {
  readonly folders: readonly string[];
  /** `engine:name` of every stack read (the stacks themselves hold keys: not kept here). */
  readonly stacks: readonly string[];
  readonly manifest?: DeploymentManifest;
  readonly endpoints: ReadonlyMap<string, Endpoint>;
  readonly warnings: readonly string[];
}

/** A deployment as one cloud's code sees it: the base and that cloud's part `P`. */
export type DeploymentOf<P> = DeploymentBase & P;
