import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { AzurePeerGateway, AzureVpnGateway, AzureVpnGatewayProps } from '../../src/azure';

/** A stack in a test app, owning its azurerm provider (the constructs never create one). */
export function testStack(id = 'Test'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

/**
 * The Terraform attribute that turns BGP on, as the azurerm version of the loaded bindings spells
 * it (this test run's engine: cdktf's 4.55.0 `enable_bgp`, CDK Terrain's 4.73.0 `bgp_enabled`).
 * Written here from the provider's source (terraform-provider-azurerm v4.55.0
 * virtual_network_gateway_resource.go:91, v4.73.0 :89), not from `src/azure`'s table.
 */
export function bgpSwitch(): 'enable_bgp' | 'bgp_enabled' {
  const version = new AzurermProvider(new TerraformStack(Testing.app(), 'Probe'), 'azurerm', { features: [{}] }).terraformGeneratorMetadata?.providerVersion;
  const spelling = ({ '4.55.0': 'enable_bgp', '4.73.0': 'bgp_enabled' } as const)[version as '4.55.0' | '4.73.0'];
  if (!spelling) throw new Error(`azurerm bindings of version ${version}: no BGP switch known to the tests`);
  return spelling;
}

/** The smallest valid gateway props: a new GatewaySubnet in 'vnet' (10.20.0.0/16). */
export const GATEWAY_PROPS: AzureVpnGatewayProps = {
  resourceGroupName: 'rg-vpn',
  location: 'japaneast',
  virtualNetworkName: 'vnet',
  cidrs: ['10.20.0.0/16'],
  gatewaySubnetCidr: '10.20.255.0/27',
};

/** A stack with an active-active gateway (instance0 169.254.21.2, instance1 169.254.22.2) and a BGP peer (ASN 65020, 169.254.21.1). */
export function gatewayFixture(gatewayProps: Partial<AzureVpnGatewayProps> = {}, stack = testStack()) {
  const gateway = new AzureVpnGateway(stack, 'Gw', {
    ...GATEWAY_PROPS,
    instance0ApipaAddresses: ['169.254.21.2'],
    instance1ApipaAddresses: ['169.254.22.2'],
    ...gatewayProps,
  });
  const peer = new AzurePeerGateway(stack, 'Peer', {
    name: 'lng-router', resourceGroupName: 'rg-vpn', location: 'japaneast', gatewayAddress: '203.0.113.20', peerAsn: 65020, bgpPeeringAddress: '169.254.21.1',
  });
  return { stack, gateway, peer };
}

/** Every resource of one type in a synthesized stack, by logical id. */
export function resourcesOf(synth: string, type: string): Record<string, Record<string, unknown>> {
  return (JSON.parse(synth).resource?.[type] ?? {}) as Record<string, Record<string, unknown>>;
}

/** A test-only key, shaped like a real one and used nowhere else. */
export const TEST_KEY = 'TestOnlyAzureKey0123456789abcdef';
