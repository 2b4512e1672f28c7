/**
 * Alarm names: every active tunnel end is watched by alarms its cloud's profile declares
 * (`CloudProfile.alarms`), named here from the deployment and the tunnel so that the name is
 * stable across plans, unique in the deployment, and within every cloud's naming rules: ASCII
 * letters, digits, `-`, `_` and `.` only, at most {@link ALARM_NAME_MAX} characters (CloudWatch
 * allows 255, Azure metric alerts and CloudMonitor rules fewer; see each profile's source).
 * Pure, like the rest of the planning core.
 */
import { createHash } from 'node:crypto';

/** The longest alarm name the planner writes (the shortest limit among the clouds' monitoring services). */
export const ALARM_NAME_MAX = 64;

/** What the alarm name's characters are limited to (the intersection of the clouds' rules). */
const UNSAFE = /[^A-Za-z0-9._-]+/g;

/**
 * The name of one alarm: `<deployment>-<link>-t<n>-<suffix>`, its parts reduced to safe
 * characters; a name longer than {@link ALARM_NAME_MAX} keeps its head and a hash of the whole,
 * so that two long names never collide.
 */
export function alarmName(deployment: string, tunnelId: string, suffix: string): string {
  const colon = tunnelId.lastIndexOf(':');
  const tunnel = colon < 0 ? tunnelId : `${tunnelId.slice(0, colon)}-t${tunnelId.slice(colon + 1)}`;
  const full = [deployment, tunnel, suffix].map((p) => p.replace(UNSAFE, '_')).join('-');
  if (full.length <= ALARM_NAME_MAX) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 10);
  const tail = `-${hash}-${suffix.replace(UNSAFE, '_')}`;
  return `${full.slice(0, ALARM_NAME_MAX - tail.length)}${tail}`;
}
