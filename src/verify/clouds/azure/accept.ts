/**
 * What the cloud accepts (being written: rules with sources come with this folder's tables).
 */
import type { Resolver } from '../../read-output';
import type { Violation } from '../../types';

/** Every Azure resource value of the deployment that the cloud or its provider rejects. */
export function acceptAzure(_r: Resolver): Violation[] {
  return [];
}
