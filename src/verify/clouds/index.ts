/**
 * verify's registry of clouds: one line per cloud (and its part of a `Deployment`). Everything
 * outside `clouds/<cloud>/` that differs by cloud asks this table (`cloud.ts` says what a line
 * holds); the order of the lines is the order of reports (sites, halves, the ends of a tunnel).
 * Written from the clouds' documentation like the rest of verify: nothing here comes from the
 * planner (`src/plan`).
 */
import type { VerifyCloud } from '../cloud';
import type { Cloud } from '../types';
import { ALICLOUD_VERIFY, type AlicloudParts } from './alicloud';
import { AWS_VERIFY, type AwsParts } from './aws';
import { AZURE_VERIFY, type AzureParts } from './azure';

export type * from './aws';
export type * from './azure';
export type * from './alicloud';

/** What every cloud adds to a deployment (its resources, by the field names of its line). */
export type CloudParts = AwsParts & AzureParts & AlicloudParts;

/** Every cloud verify reads, in report order. */
export const VERIFY_CLOUDS: { readonly [C in Cloud]: VerifyCloud<CloudParts> } = {
  aws: AWS_VERIFY,
  azure: AZURE_VERIFY,
  alicloud: ALICLOUD_VERIFY,
} as { readonly [C in Cloud]: VerifyCloud<CloudParts> };

/** The clouds, in report order. */
export const CLOUD_IDS = Object.keys(VERIFY_CLOUDS) as Cloud[];

/** Each cloud's line, in report order. */
export const CLOUD_LINES: readonly VerifyCloud<CloudParts>[] = CLOUD_IDS.map((c) => VERIFY_CLOUDS[c]);
