/**
 * The cheapest way to write what an app synthesized: its output replayed as raw resources, with
 * no library, no example code and no typed bindings (`bench/cases/replay.ts` times it for the
 * three-cloud mesh). Every CloudFormation resource becomes a `CfnResource` with the template's own
 * type, properties, attributes and logical id; every Terraform block a bare `TerraformResource` /
 * `TerraformDataSource` whose body is set by overrides; parameters, outputs, variables, providers
 * and the `terraform` block likewise. The two apps synthesize as the examples' do (the same App
 * context, so the same validation work when it is on), and the result is the input again, apart
 * from cdktf's `//` metadata and aws-cdk-lib's own `CDKMetadata` resource (test/bench-replay.test.ts).
 * What the mesh's output does not use is not replayed: CloudFormation `Conditions`, `Mappings`
 * and parameter defaults. Beyond what any implementation does, the replay only reads and parses
 * its input (about 150 KB of JSON) and applies each attribute as an override.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, CfnOutput, CfnParameter, CfnResource, Stack } from 'aws-cdk-lib/core';
import { App as TerraformApp, TerraformDataSource, TerraformOutput, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';

type Json = Record<string, unknown>;
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
const entries = (o: unknown) => Object.entries((o ?? {}) as Json) as [string, Json][];

/** Replays the output in `input` (its `cdk.out/` and `cdktf.out/`) into `outdir`. */
export function replayOutput(input: string, outdir: string): void {
  // The example's App context (examples/lib/example-apps.ts), so validation sees the same rules.
  const cdk = new App({ outdir: path.join(outdir, 'cdk.out'), context: { '@aws-cdk/core:validateAgainstDefaultRules': true, '@aws-cdk/core:defaultCrossStackReferences': 'strong' } });
  const cdkIn = path.join(input, 'cdk.out');
  for (const [name, artifact] of entries(readJson(path.join(cdkIn, 'manifest.json')).artifacts)) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const template = readJson(path.join(cdkIn, (artifact.properties as Json).templateFile as string));
    const stack = new Stack(cdk, name, { description: template.Description as string | undefined });
    for (const [id, p] of entries(template.Parameters)) {
      if (id === 'BootstrapVersion') continue; // the default synthesizer adds it, with its rule
      new CfnParameter(stack, id, { type: p.Type as string, description: p.Description as string | undefined, noEcho: p.NoEcho as boolean | undefined }).overrideLogicalId(id);
    }
    for (const [id, r] of entries(template.Resources)) {
      if (r.Type === 'AWS::CDK::Metadata') continue;
      const resource = new CfnResource(stack, id, { type: r.Type as string, properties: r.Properties as Json | undefined });
      resource.overrideLogicalId(id);
      for (const attribute of ['Metadata', 'DependsOn', 'DeletionPolicy', 'UpdateReplacePolicy', 'Condition']) {
        if (r[attribute] !== undefined) resource.addOverride(attribute, r[attribute]);
      }
    }
    for (const [id, o] of entries(template.Outputs)) {
      const exportName = (o.Export as Json | undefined)?.Name as string | undefined;
      new CfnOutput(stack, id, { value: o.Value as string, description: o.Description as string | undefined, exportName }).overrideLogicalId(id);
    }
  }

  const terraform = new TerraformApp({ outdir: path.join(outdir, 'cdktf.out') });
  const stacksIn = path.join(input, 'cdktf.out', 'stacks');
  for (const name of fs.readdirSync(stacksIn).sort()) {
    const tf = readJson(path.join(stacksIn, name, 'cdk.tf.json'));
    const stack = new TerraformStack(terraform, name);
    stack.addOverride('terraform', tf.terraform);
    stack.addOverride('provider', tf.provider);
    const blocks = (kind: 'resource' | 'data', make: (id: string, type: string) => TerraformResource | TerraformDataSource) => {
      for (const [type, byName] of entries(tf[kind])) {
        for (const [id, body] of entries(byName)) {
          const block = make(`${type}.${id}`, type);
          block.overrideLogicalId(id);
          for (const [attribute, value] of Object.entries(body)) block.addOverride(attribute, value);
        }
      }
    };
    blocks('resource', (id, type) => new TerraformResource(stack, id, { terraformResourceType: type }));
    blocks('data', (id, type) => new TerraformDataSource(stack, id, { terraformResourceType: type }));
    for (const [id, v] of entries(tf.variable)) {
      new TerraformVariable(stack, id, { type: v.type as string | undefined, description: v.description as string | undefined, sensitive: v.sensitive as boolean | undefined, nullable: v.nullable as boolean | undefined });
    }
    for (const [id, o] of entries(tf.output)) {
      new TerraformOutput(stack, id, { value: o.value, sensitive: o.sensitive as boolean | undefined, description: o.description as string | undefined }).overrideLogicalId(id);
    }
  }

  cdk.synth();
  terraform.synth();
}
