/**
 * Names of the Azure resources the constructs create for a plan. Azure names of virtual network
 * gateways, public IPs, local network gateways and connections take 1-80 characters: letters,
 * digits, `_`, `.` and `-`, starting with a letter or digit and ending with a letter, digit or `_`
 * (Azure resource naming rules, Microsoft.Network). Site and link ids already use that alphabet,
 * so names are joined, never stripped; a name that would be too long keeps its start and gets a
 * short hash of the whole, so two long names never collide.
 * @internal
 */
import { createHash } from 'node:crypto';
import { show } from '../plan/errors';

/** Longest name Azure takes for the network resources created here. */
export const AZURE_NAME_MAX = 80;

/** Joins name parts with `-`, shortened with a hash when above Azure's limit. */
export function azureResourceName(...parts: string[]): string {
  const name = parts.join('-');
  if (name.length <= AZURE_NAME_MAX) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, AZURE_NAME_MAX - hash.length - 1)}-${hash}`;
}

const AZURE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,78}[A-Za-z0-9_])?$/;

/** Why `name` cannot name an Azure network resource, or `undefined`. */
export function azureNameProblem(name: string): string | undefined {
  if (AZURE_NAME.test(name)) return undefined;
  return `${show(name)} is not a valid Azure resource name; allowed: 1-80 letters, digits, '_', '.' or '-', starting with a letter or digit and ending with a letter, digit or '_'`;
}
