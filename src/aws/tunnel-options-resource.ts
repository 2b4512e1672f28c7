/**
 * The tunnel options of an AWS VPN connection, applied in place: a custom resource
 * (`Custom::VpnTunnelOptions`) whose inline handler calls EC2 `ModifyVpnTunnelOptions` one tunnel
 * at a time and waits until the connection is `available` again (`tunnel-options-handler.ts`).
 *
 * Why: the connection's own `VpnTunnelOptionsSpecifications` cannot be trusted to change in
 * place. CloudFormation's registry schema of `AWS::EC2::VPNConnection` as cfn-lint 1.51.0 ships
 * it lists `/properties/VpnTunnelOptionsSpecifications` in `createOnlyProperties` (a change
 * replaces the connection: both tunnels drop and come back with new outside IPs) in cn-north-1 /
 * cn-northwest-1, and leaves it updatable in the other regions, where nothing documents how
 * CloudFormation applies the change (both tunnels at once or one after the other, waiting or
 * not). `ModifyVpnTunnelOptions` documents exactly that: "you can only modify one tunnel at a
 * time", outside IPs kept, "The modified tunnel is unavailable during the update" (EC2 API
 * reference; Site-to-Site VPN User Guide, endpoint-replacements.html).
 *
 * Who owns what:
 * - the `AWS::EC2::VPNConnection` keeps what defines the connection: gateway, customer gateway,
 *   routing, traffic selectors, and per tunnel only `TunnelInsideCidr` (it identifies the tunnel:
 *   both this resource and the outside-IP lookup find their tunnel by it). Changing those
 *   changes the connection resource, as before; changing an inside CIDR is such a change.
 * - this resource owns every other tunnel option: key, IKE versions, algorithms, DH groups,
 *   lifetimes, rekey margin and fuzz, replay window, DPD timeout and action, startup action. A
 *   change of any of them is an Update of this resource only: the connection and its outside IPs
 *   stay.
 * - first deploy: AWS creates the connection with its own defaults and a key it generates (a
 *   key nobody knows cannot be used); this resource then applies the wanted options, tunnel 1,
 *   wait, tunnel 2, wait. That is two tunnel modifications more than writing every option into
 *   the connection, the price of never replacing it later; nothing else waits on them (the
 *   outside-IP lookup and the routes depend on the connection only, so they proceed in parallel).
 * - drift: CloudFormation drift detection compares the properties a template sets (`PreSharedKey`
 *   is write-only in the schema and never compared); the connection sets only the inside CIDRs,
 *   so options changed by this resource are not drift. Options changed outside CloudFormation are
 *   not detected as drift either: `ccvpn verify` reads the template, and the next Update of this
 *   resource (any change to it) re-applies every option that differs.
 * - import: an existing connection imported into the stack (`cdk import` of the
 *   `AWS::EC2::VPNConnection` with its inside CIDRs) gets this resource on the next deploy, whose
 *   Create modifies only the tunnels whose options differ, one at a time: an existing connection
 *   that already has the options sees no outage.
 * - delete: deleting this resource changes nothing on the connection. Rollback: CloudFormation
 *   rolls an Update back by sending the old properties as a new Update, which re-applies the old
 *   options tunnel by tunnel (a tunnel that still has them is not touched).
 *
 * A key that is a secure dynamic reference (`SecretValue.secretsManager()`,
 * `SecretValue.ssmSecure()`) cannot be a custom resource property ("Dynamic references for secure
 * values, such as ssm-secure and secretsmanager, are not currently supported in custom
 * resources", CloudFormation User Guide, dynamic-references.html): it goes over as
 * `PreSharedKeyReference`, the reference without its delimiters, and the handler reads the secret;
 * its role may read exactly that secret or parameter. Any other key (a planner key, a parameter)
 * goes over as `PreSharedKey`, the way it went into the connection before.
 *
 * One handler function per stack serves every connection of the stack. Its role (IAM actions and
 * resource types from cfn-lint 1.51.0 `data/AdditionalSpecs/Policies.json`, the Service
 * Authorization Reference's data) may call `ec2:DescribeVpnConnections` (no resource-level
 * permissions: `*`), `ec2:ModifyVpnTunnelOptions` on the stack's connections (ARN format
 * `arn:${Partition}:ec2:${Region}:${Account}:vpn-connection/…`; the connections carry the tag
 * `cross-cloud-vpn:tunnel-options` = the stack's name and the policy allows only connections with
 * it, a condition key the vpn-connection resource type takes (`aws:ResourceTag/${TagKey}`), so
 * the policy does not change when connections are added or removed), `lambda:InvokeFunction` on
 * itself (to continue past the 15-minute limit of one invocation), `secretsmanager:GetSecretValue` /
 * `ssm:GetParameter` on the referenced keys when there are any, and write its logs. Those
 * statements are a separate `AWS::IAM::Policy` (the function's own ARN in the role would be a
 * circular reference), which every tunnel options resource depends on. Secrets encrypted with a
 * customer managed KMS key also need `kms:Decrypt` on that key, which the library cannot know:
 * add it to the role (`<stack>/CrossCloudVpnTunnelOptionsHandler/Role`).
 * @internal
 */
import { Aws, CfnResource, CustomResource, Duration, Lazy, SecretValue, Stack, Token } from 'aws-cdk-lib/core';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import { PresharedKey } from '../plan';
import { TUNNEL_OPTIONS_HANDLER } from './tunnel-options-handler';
import { canonicalCidr, renderTunnel, type resolveTunnel } from './tunnel-options';
import { TUNNEL_OUTSIDE_IPS_RUNTIME } from './tunnel-outside-ips';

/** The custom resource's CloudFormation type. */
export const TUNNEL_OPTIONS_TYPE = 'Custom::VpnTunnelOptions';

/**
 * The tag that lets a stack's handler modify a connection: its value is the stack's name, and the
 * handler's policy allows `ec2:ModifyVpnTunnelOptions` on connections with that tag only.
 */
export const TUNNEL_OPTIONS_TAG = 'cross-cloud-vpn:tunnel-options';

/** Construct id of the per-stack handler, directly under the stack. */
const HANDLER_ID = 'CrossCloudVpnTunnelOptionsHandler';

/** Tunnel options with the defaults applied. */
type ResolvedTunnel = ReturnType<typeof resolveTunnel>;

export interface TunnelOptionsResourceProps {
  /** The connection: tagged so that the stack's handler may modify it (see `handlerOf`). */
  readonly connection: ec2.CfnVPNConnection;
  /** Tunnel 1's and tunnel 2's options, defaults applied. */
  readonly tunnels: readonly [ResolvedTunnel, ResolvedTunnel];
}

/** @internal */
export class TunnelOptionsResource extends Construct {
  /** The custom resource. */
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: TunnelOptionsResourceProps) {
    super(scope, id);
    const handler = handlerOf(Stack.of(this));
    props.connection.tags.setTag(TUNNEL_OPTIONS_TAG, Aws.STACK_NAME);
    const tunnels = props.tunnels.map((t) => {
      const key = keyProperty(this, t);
      if (key.kind === 'reference') handler.secrets.push({ action: key.action, resource: key.resource });
      return tunnelProperties(t, key);
    });
    this.resource = new CustomResource(this, 'Resource', {
      resourceType: TUNNEL_OPTIONS_TYPE,
      serviceToken: handler.fn.getAtt('Arn').toString(),
      // CloudFormation's maximum: the handler answers FAILED itself after 55 minutes.
      serviceTimeout: Duration.seconds(3600),
      properties: { VpnConnectionId: props.connection.ref, Tunnels: tunnels },
    });
    this.resource.node.addDependency(handler.policy);
  }
}

/** How a key reaches the custom resource. */
type KeyProperty =
  | { readonly kind: 'value'; readonly value: string }
  | { readonly kind: 'reference'; readonly value: string; readonly action: string; readonly resource: string }
  | { readonly kind: 'unsupported'; readonly why: string };

/** One `Tunnels` entry: the inside CIDR that names the tunnel, the key, every option in the API's spelling. */
function tunnelProperties(t: ResolvedTunnel, key: KeyProperty): Record<string, unknown> {
  const values = <T>(list: readonly T[]) => list.map((value) => ({ Value: value }));
  return {
    TunnelInsideCidr: canonicalCidr(t.insideCidr),
    ...(key.kind === 'reference' ? { PreSharedKeyReference: key.value } : { PreSharedKey: key.kind === 'value' ? key.value : undefined }),
    IKEVersions: values(t.ikeVersions),
    Phase1EncryptionAlgorithms: values(t.phase1EncryptionAlgorithms),
    Phase1IntegrityAlgorithms: values(t.phase1IntegrityAlgorithms),
    Phase1DHGroupNumbers: values(t.phase1DhGroupNumbers),
    Phase2EncryptionAlgorithms: values(t.phase2EncryptionAlgorithms),
    Phase2IntegrityAlgorithms: values(t.phase2IntegrityAlgorithms),
    Phase2DHGroupNumbers: values(t.phase2DhGroupNumbers),
    Phase1LifetimeSeconds: t.phase1LifetimeSeconds,
    Phase2LifetimeSeconds: t.phase2LifetimeSeconds,
    RekeyMarginTimeSeconds: t.rekeyMarginTimeSeconds,
    RekeyFuzzPercentage: t.rekeyFuzzPercentage,
    ReplayWindowSize: t.replayWindowSizePackets,
    DPDTimeoutSeconds: t.dpdTimeoutSeconds,
    DPDTimeoutAction: t.dpdTimeoutAction,
    StartupAction: t.startupAction,
  };
}

// ---------------------------------------------------------------------------------------------
// Keys given as secure dynamic references.

const SECURE_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure):/;
/** Marks the position of a deploy-time part inside the text of a reference. */
const HOLE = /\u0000(\d+)\u0000/;

/**
 * A `Fn::Join('', …)` (or a plain string) as text with holes for its deploy-time parts, and the
 * way back to a value (a string or a token of the join).
 */
function asText(resolved: unknown): { text: string; value: (text: string) => string } | undefined {
  const parts: unknown[] = [];
  const flatten = (v: unknown): boolean => {
    if (typeof v === 'string') return parts.push(v) > 0;
    const join = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)['Fn::Join'] : undefined;
    if (Array.isArray(join) && join[0] === '' && Array.isArray(join[1])) return join[1].every(flatten);
    if (typeof v === 'object' && v !== null) return parts.push(v) > 0;
    return false;
  };
  if (!flatten(resolved)) return undefined;
  const text = parts.map((p, i) => (typeof p === 'string' ? p.replace(/\u0000/g, '') : `\u0000${i}\u0000`)).join('');
  const value = (t: string): string => {
    const pieces = t.split(HOLE).map((s, i) => (i % 2 === 1 ? parts[Number(s)] : s)).filter((s) => s !== '');
    if (pieces.every((s) => typeof s === 'string')) return pieces.join('');
    return Token.asString(pieces.length === 1 ? pieces[0] : { 'Fn::Join': ['', pieces] });
  };
  return { text, value };
}

/** How a tunnel's key goes to the custom resource (see the module header). */
function keyProperty(scope: IConstruct, t: ResolvedTunnel): KeyProperty {
  const key = t.presharedKey;
  // Exactly what the connection's PreSharedKey would be (a planner key is revealed at synthesis).
  const rendered = { kind: 'value' as const, value: renderTunnel(t).preSharedKey! };
  if (key instanceof PresharedKey) return rendered;
  const stack = Stack.of(scope);
  const resolved: unknown = stack.resolve(key.unsafeUnwrap());
  if (!SECURE_REFERENCE.test(JSON.stringify(resolved) ?? '')) return rendered;
  const parsed = asText(resolved);
  const text = parsed?.text ?? '';
  const whole = text.search(SECURE_REFERENCE) === 0 && text.indexOf('}}') === text.length - 2;
  if (!parsed || !whole) return { kind: 'unsupported', why: 'a secure dynamic reference inside a longer value' };
  const inner = text.slice('{{resolve:'.length, -2);
  const arn = (service: string, resource: string) => `arn:${stack.partition}:${service}:${stack.region}:${stack.account}:${resource}`;
  if (inner.startsWith('ssm-secure:')) {
    const name = inner.slice('ssm-secure:'.length).split(':')[0];
    if (!name) return { kind: 'unsupported', why: 'an ssm-secure reference without a parameter name' };
    return { kind: 'reference', value: parsed.value(inner), action: 'ssm:GetParameter', resource: parsed.value(arn('ssm', `parameter/${name.replace(/^\//, '')}`)) };
  }
  const body = inner.slice('secretsmanager:'.length);
  const at = body.indexOf(':SecretString');
  const id = at < 0 ? body : body.slice(0, at);
  if (!id) return { kind: 'unsupported', why: 'a secretsmanager reference without a secret id' };
  // A secret named (not by ARN) matches its ARN with the six random characters Secrets Manager
  // appends; a deploy-time id is taken as the secret's ARN (what a secret's Ref returns).
  const resource = id.startsWith('arn:') || HOLE.test(id) ? id : arn('secretsmanager', `secret:${id}-??????`);
  return { kind: 'reference', value: parsed.value(inner), action: 'secretsmanager:GetSecretValue', resource: parsed.value(resource) };
}

/**
 * Why a key cannot reach the custom resource, or `undefined` when it can. The value of the key is
 * never part of the answer.
 */
export function keyReferenceProblem(scope: IConstruct, t: ResolvedTunnel): string | undefined {
  if (!(t.presharedKey instanceof SecretValue)) return undefined;
  const k = keyProperty(scope, t);
  return k.kind === 'unsupported'
    ? `is ${k.why}; allowed: a key, a parameter, or a dynamic reference that is the whole value ({{resolve:secretsmanager:…}} or {{resolve:ssm-secure:…}}, as SecretValue.secretsManager() and SecretValue.ssmSecure() write it)`
    : undefined;
}

// ---------------------------------------------------------------------------------------------
// The per-stack handler.

/** A stack's handler: its function, policy, and what the policy grants (grown by each resource). */
interface Handler {
  readonly fn: CfnResource;
  readonly policy: CfnResource;
  /** Read access to the keys given as references. */
  readonly secrets: { readonly action: string; readonly resource: string }[];
}
const HANDLERS = new WeakMap<Stack, Handler>();

/** The stack's handler function, its role and its policy, created with the stack's first resource. */
function handlerOf(stack: Stack): Handler {
  const existing = HANDLERS.get(stack);
  if (existing) return existing;
  const scope = new Construct(stack, HANDLER_ID);
  const secrets: Handler['secrets'] = [];
  const role = new CfnResource(scope, 'Role', {
    type: 'AWS::IAM::Role',
    properties: {
      Description: 'cross-cloud-vpn: applies VPN tunnel options in place (ec2:ModifyVpnTunnelOptions on the stack\'s connections) and writes its own logs',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      ManagedPolicyArns: [`arn:${stack.partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`],
    },
  });
  const fn = new CfnResource(scope, 'Resource', {
    type: 'AWS::Lambda::Function',
    properties: {
      Description: 'cross-cloud-vpn: VPN tunnel options applied in place, one tunnel at a time (Custom::VpnTunnelOptions)',
      Runtime: TUNNEL_OUTSIDE_IPS_RUNTIME,
      Handler: 'index.handler',
      Code: { ZipFile: TUNNEL_OPTIONS_HANDLER },
      Role: role.getAtt('Arn').toString(),
      // Lambda's maximum (15 minutes); the handler continues in a new invocation before it ends.
      Timeout: 900,
      MemorySize: 128,
    },
  });
  scope.node.defaultChild = fn;
  const policy = new CfnResource(scope, 'Policy', {
    type: 'AWS::IAM::Policy',
    properties: {
      PolicyName: 'ApplyVpnTunnelOptions',
      Roles: [role.ref],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: Lazy.any({
          produce: () => [
            // Describe* actions take no resource-level permissions: '*' is the only resource allowed.
            { Effect: 'Allow', Action: 'ec2:DescribeVpnConnections', Resource: '*' },
            // Connections this stack tagged, whatever their number: the policy stays the same when
            // connections are added or removed (vpn-connection takes aws:ResourceTag conditions).
            {
              Effect: 'Allow',
              Action: 'ec2:ModifyVpnTunnelOptions',
              Resource: `arn:${stack.partition}:ec2:${stack.region}:${stack.account}:vpn-connection/*`,
              Condition: { StringEquals: { [`aws:ResourceTag/${TUNNEL_OPTIONS_TAG}`]: Aws.STACK_NAME } },
            },
            { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: fn.getAtt('Arn') },
            ...secretStatements(secrets),
          ],
        }),
      },
    },
  });
  const handler = { fn, policy, secrets };
  HANDLERS.set(stack, handler);
  return handler;
}

/** Read access to exactly the referenced secrets and parameters, one statement per action. */
function secretStatements(secrets: Handler['secrets']): Record<string, unknown>[] {
  const actions = [...new Set(secrets.map((s) => s.action))].sort();
  return actions.map((action) => ({ Effect: 'Allow', Action: action, Resource: [...new Set(secrets.filter((s) => s.action === action).map((s) => s.resource))] }));
}
