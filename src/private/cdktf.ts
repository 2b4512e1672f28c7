/**
 * The one place the Terraform-CDK core is imported from. The source is written against cdktf; the
 * CDK Terrain flavour is the same file with the specifiers swapped (`scripts/engine-flavours.js`:
 * `cdktf` → `cdktn`, `cdktf/package.json` → `cdktn/package.json`), so `ENGINE` names the engine the
 * flavour was actually built or run with: it is read from the engine package itself.
 * @internal
 */
import { name as enginePackage } from 'cdktf/package.json';

export { Token, TerraformStack, TerraformOutput, TerraformVariable, TerraformResource, Fn, Lazy } from 'cdktf';
export type { ITerraformDependable } from 'cdktf';
export { TerraformProvider, TerraformBackend, LocalBackend, Annotations } from 'cdktf';

/** The Terraform engines a flavour of the library is built for: CDK for Terraform or CDK Terrain. */
export type TerraformEngine = 'cdktf' | 'cdktn';

/** The engine package's name as the engine it is; anything else is a broken install, said once. */
export function engineOfPackage(name: string): TerraformEngine {
  if (name === 'cdktf' || name === 'cdktn') return name;
  throw new Error(`cross-cloud-vpn: the Terraform engine package is named ${JSON.stringify(String(name)).slice(0, 40)}; allowed: cdktf, cdktn (reinstall the library's flavour for your engine)`);
}

/** The engine this flavour runs on (its CLI deploys the stacks: `cdktf` or `cdktn`). */
export const ENGINE: TerraformEngine = engineOfPackage(enginePackage);
