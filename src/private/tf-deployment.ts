/**
 * `IGatewayDeployment` for gateways on cdktf or CDK Terrain (whichever `./cdktf` is): link stacks are Terraform stacks in the gateway's
 * app with the same providers as the gateway's stack, inputs are Terraform variables, outputs are
 * `TerraformOutput`s.
 * @internal
 */
import type { Construct } from 'constructs';
import type { IGatewayDeployment, ILinkStack, LinkStackOptions, StackOutputRef } from '../contract';
import { ENGINE, LocalBackend, TerraformBackend, TerraformOutput, TerraformProvider, TerraformStack, TerraformVariable } from './cdktf';
import { ValidationError } from './errors';
import { tfName } from './names';

/** Where an endpoint's address lives: the construct scope that holds it and the value. */
export type EndpointSource = (endpoint: string) => { scope: Construct; value: string };

/**
 * The same provider configuration, in another stack. The stack owns its providers and our
 * constructs never invent one: a link stack gets exactly the providers of the gateway's stack.
 */
class MirroredProvider extends TerraformProvider {
  constructor(scope: Construct, id: string, private readonly original: TerraformProvider) {
    super(scope, id, {
      terraformResourceType: original.terraformResourceType,
      terraformGeneratorMetadata: original.terraformGeneratorMetadata,
      terraformProviderSource: original.terraformProviderSource,
    });
    this.alias = original.alias;
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return (this.original as unknown as { synthesizeAttributes(): { [name: string]: unknown } }).synthesizeAttributes();
  }
}

/**
 * A local backend portable across checkouts and machines: cdktf's default writes the synth
 * machine's absolute path (`<cwd>/terraform.<stack>.tfstate`) into every stack and into every
 * cross-stack remote-state reference, so deploying the output from another folder or a CI runner
 * would read and write state elsewhere. Terraform runs each stack in
 * `<output>/stacks/<stack>/`, so `../../../terraform.<stack>.tfstate` is the file beside the
 * output folder — where cdktf's default puts it when you synthesize from the project root —
 * whatever the absolute path.
 */
export function portableLocalBackend(stack: TerraformStack): TerraformBackend {
  return new LocalBackend(stack, { path: `../../../terraform.${stack.node.id}.tfstate` });
}

function backendOf(stack: TerraformStack): TerraformBackend | undefined {
  return stack.node.findAll().find((c): c is TerraformBackend => c instanceof TerraformBackend && TerraformStack.of(c) === stack);
}

/** Link stacks per home stack and phase. */
const LINK_STACKS = new WeakMap<object, Map<number, ILinkStack>>();

export class TerraformGatewayDeployment implements IGatewayDeployment {
  /** The engine of the flavour (`cdktf` or `cdktn`): its CLI deploys the gateway's stacks. */
  public readonly engine = ENGINE;
  private readonly exported = new Map<string, StackOutputRef>();

  constructor(private readonly gateway: Construct, private readonly source: EndpointSource) {}

  public get app(): object {
    return this.gateway.node.root;
  }

  public get stackName(): string {
    return TerraformStack.of(this.gateway).node.id;
  }

  public linkStack(phase: number, options: LinkStackOptions = {}): ILinkStack {
    const home = TerraformStack.of(this.gateway);
    // A gateway stack without a backend would get cdktf's absolute default at synth, and so would
    // every remote-state reference to it: give it the portable one now.
    const homeBackend = backendOf(home) ?? portableLocalBackend(home);
    // Gateways of one stack share its link stacks.
    if (!LINK_STACKS.has(home)) LINK_STACKS.set(home, new Map());
    const stacks = LINK_STACKS.get(home)!;
    let link = stacks.get(phase);
    if (!link) {
      const stack = new TerraformStack(home.node.scope as Construct, `${home.node.id}-links-${phase}`);
      home.node.findAll().filter((c): c is TerraformProvider => c instanceof TerraformProvider && TerraformStack.of(c) === home)
        .forEach((p) => new MirroredProvider(stack, p.node.id, p));
      stack.addDependency(home);
      if (options.terraformBackend) options.terraformBackend(stack);
      else if (homeBackend instanceof LocalBackend) portableLocalBackend(stack);
      else {
        throw new ValidationError(home.node.path, 'terraform-backend-needed', `the stack uses a '${(homeBackend as unknown as { name?: string }).name ?? 'remote'}' backend, so its link stack ${stack.node.id} needs one too: pass terraformBackend to CrossCloudVpn (called with each Terraform stack the library creates), e.g. (stack) => new S3Backend(stack, { ..., key: \`\${stack.node.id}.tfstate\` })`);
      }
      link = {
        stackName: stack.node.id,
        phase,
        scope: stack,
        importValue: (name: string, description: string) => {
          const id = tfName(name);
          const existing = stack.node.tryFindChild(id) as TerraformVariable | undefined;
          return { name: id, value: (existing ?? new TerraformVariable(stack, id, { type: 'string', description })).stringValue };
        },
      };
      stacks.set(phase, link);
    }
    return link;
  }

  public exportEndpoint(endpoint: string): StackOutputRef {
    let ref = this.exported.get(endpoint);
    if (!ref) {
      const { scope, value } = this.source(endpoint);
      const stack = TerraformStack.of(scope);
      const name = tfName(`endpoint_${endpoint}`);
      new TerraformOutput(stack, name, { value, description: `cross-cloud-vpn: public IP of ${endpoint}` });
      ref = { stack: stack.node.id, output: name };
      this.exported.set(endpoint, ref);
    }
    return ref;
  }
}
