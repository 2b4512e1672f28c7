/**
 * What the cloud accepts (being written: rules with sources come with this folder's tables).
 */
import type { Resolver } from '../../read-output';
import type { Violation } from '../../types';

/** Every Aws resource value of the deployment that the cloud or its provider rejects. */
export function acceptAws(_r: Resolver): Violation[] {
  return [];
}
