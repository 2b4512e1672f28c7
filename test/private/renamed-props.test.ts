/**
 * One name per concept across clouds (`asn`, `cidrs`, `name`), with the old names kept for one
 * release: an old name alone builds exactly what the new name builds and leaves a deprecation
 * warning at synthesis (aws-cdk-lib `Annotations.addDeprecation`, cdktf `Annotations.addWarning`);
 * both names with the same value are accepted; both with different values are one
 * `ValidationError` naming both fields, before anything is built.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { App, SecretValue, Stack } from 'aws-cdk-lib/core';
import { Testing, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { AlicloudPeerGateway, AlicloudVpnGateway } from '../../src/alicloud';
import { AwsGatewayKind, AwsVpnConnection, AwsVpnGateway } from '../../src/aws';
import { AzurePeerGateway, AzureVpnGateway } from '../../src/azure';
import { ValidationError } from '../../src/private/errors';
import { GATEWAY_PROPS as ALICLOUD_GATEWAY, newStack } from '../alicloud/fixtures';
import { GATEWAY_PROPS as AZURE_GATEWAY, testStack as azureStack } from '../azure/util';
import { TEST_KEY_1, TEST_KEY_2 } from '../aws/util';

type Props = Record<string, unknown>;

/** One renamed prop: how to build its construct in a fresh stack, and the synthesized output. */
interface Renamed {
  readonly construct: string;
  readonly build: (props: Props) => { readonly built: IConstruct; readonly output: () => string };
  readonly base: Props;
  readonly new: string;
  readonly old: string;
  readonly value: unknown;
  readonly other: unknown;
}

const aws = (build: (stack: Stack, props: Props) => IConstruct) => (props: Props) => {
  const stack = new Stack(new App(), 'Test');
  return { built: build(stack, props), output: () => JSON.stringify(Template.fromStack(stack).toJSON()) };
};
const tf = (stack: () => TerraformStack, build: (stack: TerraformStack, props: Props) => IConstruct) => (props: Props) => {
  const s = stack();
  return { built: build(s, props), output: () => Testing.synth(s) };
};
const azureBase: Props = { ...AZURE_GATEWAY, cidrs: undefined };
const aliStack = () => newStack().stack;

const RENAMED: readonly Renamed[] = [
  {
    construct: 'AwsVpnGateway', build: aws((s, p) => new AwsVpnGateway(s, 'Gw', p as never)),
    base: { kind: AwsGatewayKind.transitGateway(), cidrs: ['10.10.0.0/16'] }, new: 'asn', old: 'amazonSideAsn', value: 64600, other: 64601,
  },
  {
    construct: 'AzureVpnGateway', build: tf(azureStack, (s, p) => new AzureVpnGateway(s, 'Gw', p as never)),
    base: azureBase, new: 'cidrs', old: 'virtualNetworkAddressSpace', value: ['10.20.0.0/16'], other: ['10.20.0.0/15'],
  },
  {
    construct: 'AzurePeerGateway', build: tf(azureStack, (s, p) => new AzurePeerGateway(s, 'Peer', p as never)),
    base: { name: 'lng', resourceGroupName: 'rg', location: 'japaneast', gatewayAddress: '203.0.113.20' }, new: 'cidrs', old: 'addressSpace', value: ['192.168.0.0/16'], other: ['192.168.0.0/24'],
  },
  {
    construct: 'AlicloudVpnGateway', build: tf(aliStack, (s, p) => new AlicloudVpnGateway(s, 'Gw', p as never)),
    base: { ...ALICLOUD_GATEWAY }, new: 'asn', old: 'localAsn', value: 64620, other: 64621,
  },
  {
    construct: 'AlicloudVpnGateway', build: tf(aliStack, (s, p) => new AlicloudVpnGateway(s, 'Gw', p as never)),
    base: { ...ALICLOUD_GATEWAY }, new: 'name', old: 'vpnGatewayName', value: 'frankfurt', other: 'tokyo',
  },
  {
    construct: 'AlicloudPeerGateway', build: tf(aliStack, (s, p) => new AlicloudPeerGateway(s, 'Peer', p as never)),
    base: { ipAddress: '203.0.113.30' }, new: 'name', old: 'customerGatewayName', value: 'on-prem', other: 'office',
  },
];

/** The warnings recorded on a construct (both engines record them as node metadata). */
const warnings = (c: IConstruct) => c.node.metadata.filter((m) => /warn/i.test(m.type)).map((m) => String(m.data));

describe.each(RENAMED.map((r) => [`${r.construct} ${r.old} -> ${r.new}`, r] as const))('%s', (_, r) => {
  test('GIVEN the old name alone THEN the output is the new name\'s, with a deprecation warning naming both', () => {
    const current = r.build({ ...r.base, [r.new]: r.value });
    const deprecated = r.build({ ...r.base, [r.old]: r.value });
    expect(deprecated.output()).toEqual(current.output());
    expect(warnings(current.built)).toEqual([]);
    expect(warnings(deprecated.built)).toEqual([expect.stringContaining(`${r.old} is the deprecated name of ${r.new}; use ${r.new} instead`)]);
  });

  test('GIVEN both names with the same value THEN it is accepted (and warned about)', () => {
    const both = r.build({ ...r.base, [r.new]: r.value, [r.old]: r.value });
    expect(both.output()).toEqual(r.build({ ...r.base, [r.new]: r.value }).output());
    expect(warnings(both.built)).toHaveLength(1);
  });

  test('GIVEN both names with different values THEN one ValidationError names both fields', () => {
    let error: unknown;
    try {
      r.build({ ...r.base, [r.new]: r.value, [r.old]: r.other });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('prop-renamed-conflict');
    expect((error as ValidationError).message).toMatch(new RegExp(`^\\[\\w+/\\w+\\] ${r.new}: .* and ${r.old} .* differ, but ${r.old} is the deprecated name of ${r.new}; allowed: ${r.new} alone$`));
  });
});

describe('renamed members of the interfaces a connection takes', () => {
  const key = (k: string) => SecretValue.unsafePlainText(k);
  const tunnels = { tunnel1: { presharedKey: key(TEST_KEY_1), insideCidr: '169.254.10.0/30' }, tunnel2: { presharedKey: key(TEST_KEY_2), insideCidr: '169.254.11.0/30' } };
  const peer = { customerGatewayId: 'cgw-0123456789abcdef0', peerAsn: 65010 };
  const connection = (gateway: Props) => {
    const stack = new Stack(new App(), 'Test');
    new AwsVpnConnection(stack, 'Conn', { gateway: gateway as never, peer, ...tunnels } as never);
    return Template.fromStack(stack);
  };

  test('an existing gateway given with the old amazonSideAsn gets the same connection as with asn', () => {
    expect(connection({ vpnGatewayId: 'vgw-0123456789abcdef0', amazonSideAsn: 64512 }).toJSON())
      .toEqual(connection({ vpnGatewayId: 'vgw-0123456789abcdef0', asn: 64512 }).toJSON());
  });

  test('an existing gateway with both names and different values is refused, naming both', () => {
    expect(() => connection({ vpnGatewayId: 'vgw-0123456789abcdef0', asn: 64512, amazonSideAsn: 64513 }))
      .toThrow(/^\[Test\/Conn\] gateway\.asn: 64512 and gateway\.amazonSideAsn 64513 differ, but amazonSideAsn is the deprecated name of asn; allowed: asn alone$/);
  });
});
