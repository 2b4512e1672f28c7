/**
 * `IGatewayDeployment` for gateways on aws-cdk-lib: link stacks are CDK stacks in the gateway's
 * app (same environment), inputs are CloudFormation parameters, outputs are `CfnOutput`s.
 * @internal
 */
import { Aspects, CfnOutput, CfnParameter, CfnResource, IAspect, Stack, Token } from 'aws-cdk-lib/core';
import type { Construct, IConstruct } from 'constructs';
import type { IGatewayDeployment, ILinkStack, StackOutputRef } from '../contract';
import { cfnName } from './names';

/** Where an endpoint's address lives: the construct scope that holds it and the value. */
export type EndpointSource = (endpoint: string) => { scope: Construct; value: string };

/** Construct id of the placeholder resource of a stack that would otherwise have none. */
export const PLACEHOLDER_ID = 'CrossCloudVpnPlaceholder';

/** Stacks already guarded. */
const GUARDED = new WeakSet<Stack>();

/**
 * Keeps `stack` from synthesizing without resources, which CloudFormation rejects (`Resources` is
 * the one required section of a template, with at least one resource): at synthesis, if no resource of
 * its own remains (e.g. the home stack of an existing transit gateway, whose connections live in
 * link stacks), it gets one `AWS::CloudFormation::WaitConditionHandle`, a resource type with no
 * properties that creates nothing and costs nothing. Applied to every stack the library creates
 * and to each gateway's home stack.
 */
export function keepNonEmpty(stack: Stack): void {
  if (GUARDED.has(stack)) return;
  GUARDED.add(stack);
  const guard: IAspect = {
    visit(node: IConstruct) {
      if (node !== stack || stack.node.tryFindChild(PLACEHOLDER_ID)) return;
      const own = stack.node.findAll().some((c) => CfnResource.isCfnResource(c) && Stack.of(c) === stack);
      if (!own) {
        const placeholder = new CfnResource(stack, PLACEHOLDER_ID, { type: 'AWS::CloudFormation::WaitConditionHandle' });
        placeholder.addMetadata('CrossCloudVpn', { Placeholder: 'keeps the stack from being empty (CloudFormation requires at least one resource)' });
      }
    },
  };
  Aspects.of(stack).add(guard);
}

/** Link stacks per home stack and phase. */
const LINK_STACKS = new WeakMap<object, Map<number, ILinkStack>>();

export class CdkGatewayDeployment implements IGatewayDeployment {
  public readonly engine = 'cdk' as const;
  private readonly exported = new Map<string, StackOutputRef>();

  constructor(private readonly gateway: Construct, private readonly source: EndpointSource) {
    keepNonEmpty(Stack.of(gateway));
  }

  public get app(): object {
    return this.gateway.node.root;
  }

  public get stackName(): string {
    return Stack.of(this.gateway).stackName;
  }

  public linkStack(phase: number): ILinkStack {
    const home = Stack.of(this.gateway);
    // Gateways of one stack share its link stacks.
    if (!LINK_STACKS.has(home)) LINK_STACKS.set(home, new Map());
    const stacks = LINK_STACKS.get(home)!;
    let link = stacks.get(phase);
    if (!link) {
      // Exactly the home stack's environment, whatever its form: agnostic, region only (the
      // ordinary `env: { region }`, or CDK_DEFAULT_ACCOUNT unset without credentials), or account
      // and region. An unset part stays unset, so cross-stack references stay in one environment.
      const env = { account: Token.isUnresolved(home.account) ? undefined : home.account, region: Token.isUnresolved(home.region) ? undefined : home.region };
      const stack = new Stack(home.node.scope as Construct, `${home.node.id}Links${phase}`, { env, description: `cross-cloud-vpn: link resources of ${home.stackName}, deployment phase ${phase}` });
      stack.addStackDependency(home);
      keepNonEmpty(stack);
      link = {
        stackName: stack.stackName,
        phase,
        scope: stack,
        importValue: (name: string, description: string) => {
          const id = cfnName(name);
          const existing = stack.node.tryFindChild(id) as CfnParameter | undefined;
          return { name: id, value: (existing ?? new CfnParameter(stack, id, { type: 'String', description })).valueAsString };
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
      const stack = Stack.of(scope);
      const name = cfnName(`Endpoint ${endpoint}`);
      new CfnOutput(stack, name, { value, description: `cross-cloud-vpn: public IP of ${endpoint}` });
      ref = { stack: stack.stackName, output: name };
      this.exported.set(endpoint, ref);
    }
    return ref;
  }
}
