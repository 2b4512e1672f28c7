/**
 * Stable, collision-free names for outputs, parameters and variables derived from ids. When an id
 * has characters the target does not take, they are dropped and a hash of the full id is added,
 * so two ids never map to one name.
 * @internal
 */
import { createHash } from 'node:crypto';

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** CloudFormation logical ids, parameter and output names: alphanumeric. */
export function cfnName(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1));
  const joined = words.join('');
  return /^[A-Za-z0-9 ]+$/.test(text) ? joined : `${joined}${hash(text).toUpperCase()}`;
}

/** Terraform output and variable names: letters, digits, `_` and `-`, starting with a letter. */
export function tfName(text: string): string {
  const clean = text.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[^A-Za-z]+/, '');
  return clean === text ? clean : `${clean}_${hash(text)}`;
}
