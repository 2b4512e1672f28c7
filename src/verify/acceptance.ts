/**
 * Acceptance before negotiation: every synthesized resource is checked against what its cloud's
 * API or Terraform provider accepts — enums, ranges, cross-field rules — by each cloud's own
 * rules (`clouds/<cloud>/accept.ts`, every rule citing its source; the registry's `accept`). A violation fails every
 * tunnel whose halves the resource shapes (`TunnelHalf.resources`) with `cloud-rejects`, and
 * the deployment when no tunnel uses the resource.
 */
import { CLOUD_LINES } from './clouds';
import type { Resolver } from './read-output';
import type { TunnelHalf, Violation } from './types';

export { describeViolation, shown } from './violation';

/** Every violation in the deployment, in a stable order. */
export function checkAcceptance(r: Resolver): Violation[] {
  const all = CLOUD_LINES.flatMap((c) => c.accept(r));
  const seen = new Set<string>();
  return all.filter((v) => {
    const k = `${v.resource}|${v.attribute}|${v.rule}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  }).sort((a, b) => a.resource.localeCompare(b.resource) || a.attribute.localeCompare(b.attribute));
}

/** The violations that concern these halves. */
export function violationsOf(halves: readonly TunnelHalf[], violations: readonly Violation[]): Violation[] {
  const keys = new Set(halves.flatMap((h) => h.resources));
  return violations.filter((v) => keys.has(v.resource));
}
