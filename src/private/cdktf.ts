/**
 * The one place the Terraform-CDK core is imported from. cdktf is archived upstream and lives on
 * as CDK Terrain (`cdktn`, same API): switching engines means changing this file only.
 * @internal
 */
export { Token, TerraformStack, TerraformOutput, TerraformVariable, TerraformResource, Fn, Lazy } from 'cdktf';
export type { ITerraformDependable } from 'cdktf';
export { TerraformProvider, TerraformBackend, LocalBackend, Annotations } from 'cdktf';
