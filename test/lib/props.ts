/**
 * How many cases a property test runs. `npm test` runs a fixed-seed sample (a quarter of the
 * full count, at least 10, the same cases every run, so a failure replays); `npm run test:props`
 * (`CCVPN_PROPS=full`, run by CI after `npm test`) runs the full count with a fresh random seed
 * each time (fast-check prints the seed and path of a failure to replay it).
 */
import type { Parameters } from 'fast-check';

/** Seed of the `npm test` sample. */
export const SAMPLE_SEED = 20261202;

/** Whether this run is `npm run test:props`. */
export const FULL_PROPERTY_RUNS = process.env.CCVPN_PROPS === 'full';

/** fast-check parameters for a property whose full run is `full` cases. */
export function propRuns<T>(full: number, extra: Parameters<T> = {}): Parameters<T> {
  return FULL_PROPERTY_RUNS ? { ...extra, numRuns: full } : { ...extra, numRuns: Math.max(10, Math.ceil(full / 4)), seed: SAMPLE_SEED };
}
