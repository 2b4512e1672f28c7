import { App, TerraformStack, Testing } from 'cdktf';
import { AlicloudPeerGateway, AlicloudVpnGateway, AlicloudVpnGatewayProps, provider } from '../../src/alicloud';
import { expectValidAlicloud } from './schema-check';

/** A stack with the alicloud provider, as a user's stack would have. */
export function newStack(id = 'Stack'): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, id);
  new provider.AlicloudProvider(stack, 'alicloud', { region: 'eu-central-1' });
  return { app, stack };
}

/** Synthesizes the stack, checks it against the provider schema, and returns the JSON string for cdktf's matchers. */
export function synthChecked(stack: TerraformStack): string {
  const synth = Testing.synth(stack);
  expectValidAlicloud(JSON.parse(synth));
  return synth;
}

/** The parsed resources of one type, by name. */
export function resourcesOf(synth: string, type: string): Record<string, Record<string, unknown>> {
  return (JSON.parse(synth).resource ?? {})[type] ?? {};
}

export const GATEWAY_PROPS: AlicloudVpnGatewayProps = {
  vpcId: 'vpc-gw8test0000000000001',
  vswitchId: 'vsw-gw8zonea000000000001',
  disasterRecoveryVswitchId: 'vsw-gw8zoneb000000000001',
  bandwidthMbps: 100,
  cidrs: ['10.0.0.0/16'],
};

/** A dual-tunnel gateway and one peer (203.0.113.30, ASN 65030) in a fresh stack. */
export function gatewayAndPeer(props: Partial<AlicloudVpnGatewayProps> = {}) {
  const { app, stack } = newStack();
  const gateway = new AlicloudVpnGateway(stack, 'Gateway', { ...GATEWAY_PROPS, ...props });
  const peer = new AlicloudPeerGateway(stack, 'Router', { ipAddress: '203.0.113.30', peerAsn: 65030 });
  return { app, stack, gateway, peer };
}

/** Pre-shared keys for tests only (never real ones). */
export const KEY_1 = 'TestOnlyKeyMasterTunnel0123456789';
export const KEY_2 = 'TestOnlyKeySlaveTunnel01234567890';

/** The Terraform reference to an attribute of the only resource of a type, e.g. `${alicloud_vpn_gateway.Gateway_1A2B3C4D.id}`. */
export function ref(synth: string, type: string, attribute = 'id'): string {
  const names = Object.keys(resourcesOf(synth, type));
  if (names.length !== 1) throw new Error(`expected one ${type}, found ${names.length}`);
  return `\${${type}.${names[0]}.${attribute}}`;
}
