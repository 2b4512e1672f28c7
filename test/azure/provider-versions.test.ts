import * as fs from 'node:fs';
import * as path from 'node:path';
import { AZURERM_SPELLINGS, TARGET_AZURERM_VERSION, azurermSpellings } from '../../src/azure/provider-versions';
import { GATEWAY_PROPS, TEST_KEY, resourcesOf } from './util';

/** The typings of one resource of the installed cdktf bindings (@cdktf/provider-azurerm). */
function bindingTypings(resource: string): string {
  const dir = path.dirname(require.resolve('@cdktf/provider-azurerm/package.json'));
  return fs.readFileSync(path.join(dir, 'lib', resource, 'index.d.ts'), 'utf8');
}

/**
 * Synthesizes a gateway and one BGP connection with whatever spelling table the constructs see:
 * every module is required here, so that a test can swap the table in an isolated registry.
 */
function synthBgp() {
  /* eslint-disable @typescript-eslint/no-require-imports -- required at call time, so that an isolated module registry can swap the table */
  const { Testing: T, TerraformStack } = require('cdktf') as typeof import('cdktf');
  const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider') as typeof import('@cdktf/provider-azurerm/lib/provider');
  const azure = require('../../src/azure') as typeof import('../../src/azure');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const stack = new TerraformStack(T.app(), 'Test');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const gateway = new azure.AzureVpnGateway(stack, 'Gw', { ...GATEWAY_PROPS, instance0ApipaAddresses: ['169.254.21.2'] });
  const peer = new azure.AzurePeerGateway(stack, 'Peer', {
    name: 'lng-router', resourceGroupName: 'rg-vpn', location: 'japaneast', gatewayAddress: '203.0.113.20', peerAsn: 65020, bgpPeeringAddress: '169.254.21.1',
  });
  new azure.AzureVpnConnection(stack, 'Conn', { name: 'cn-router', gateway, peer, sharedKey: TEST_KEY, customBgpPrimaryAddress: '169.254.21.2' });
  const synth = T.synth(stack);
  return {
    // the stack's metadata lists every raw override (Testing.synth leaves the metadata out)
    overrides: (stack.toTerraform() as { '//'?: { metadata?: { overrides?: unknown } } })['//']?.metadata?.overrides,
    gateway: Object.values(resourcesOf(synth, 'azurerm_virtual_network_gateway'))[0],
    connection: Object.values(resourcesOf(synth, 'azurerm_virtual_network_gateway_connection'))[0],
  };
}

describe('azurerm spellings per provider version', () => {
  test('the targeted version is the one the installed bindings are generated from', () => {
    // every attribute of the bindings links the registry docs of its provider version
    const versions = new Set([...bindingTypings('virtual-network-gateway').matchAll(/providers\/hashicorp\/azurerm\/([0-9.]+)\/docs/g)].map((m) => m[1]));
    expect([...versions]).toEqual([TARGET_AZURERM_VERSION]);
    expect(azurermSpellings().version).toBe(TARGET_AZURERM_VERSION);
  });

  test.each([
    ['virtual-network-gateway', 'virtual_network_gateway', 'gatewayBgpEnabled'],
    ['virtual-network-gateway-connection', 'virtual_network_gateway_connection', 'connectionBgpEnabled'],
  ] as const)('the targeted version spells the BGP switch of %s as its bindings do, and has no other spelling', (dir, resource, key) => {
    const typings = bindingTypings(dir);
    const spelled = AZURERM_SPELLINGS[TARGET_AZURERM_VERSION][key];
    const other = spelled === 'enable_bgp' ? 'bgp_enabled' : 'enable_bgp';
    expect(typings).toContain(`docs/resources/${resource}#${spelled} `);
    expect(typings).not.toContain(`#${other} `);
  });

  test('4.55.0 has enable_bgp only; 4.73.0 has bgp_enabled (enable_bgp deprecated there)', () => {
    expect(azurermSpellings('4.55.0')).toMatchObject({ gatewayBgpEnabled: 'enable_bgp', connectionBgpEnabled: 'enable_bgp' });
    expect(azurermSpellings('4.73.0')).toMatchObject({ gatewayBgpEnabled: 'bgp_enabled', connectionBgpEnabled: 'bgp_enabled' });
  });

  test('a version without a table is refused with the versions that have one', () => {
    expect(() => azurermSpellings('3.0.0')).toThrow(/azurerm "3\.0\.0" has no spelling table; allowed: 4\.55\.0, 4\.73\.0/);
    expect(() => azurermSpellings('toString')).toThrow(/has no spelling table/);
  });

  test('the constructs emit the targeted version\'s spelling, and only that one', () => {
    const { gateway, connection, overrides } = synthBgp();
    expect([gateway.enable_bgp, gateway.bgp_enabled]).toEqual([true, undefined]);
    expect([connection.enable_bgp, connection.bgp_enabled]).toEqual([true, undefined]);
    // written through the bindings' typed property, not as a raw override
    expect(overrides).toBeUndefined();
  });

  test('the constructs take the spelling from the table: with 4.73.0\'s row they emit bgp_enabled', () => {
    jest.isolateModules(() => {
      jest.doMock('../../src/azure/provider-versions', () => {
        const actual = jest.requireActual<typeof import('../../src/azure/provider-versions')>('../../src/azure/provider-versions');
        return { ...actual, azurermSpellings: () => actual.AZURERM_SPELLINGS['4.73.0'] };
      });
      const { gateway, connection, overrides } = synthBgp();
      expect(overrides).toEqual({ azurerm_virtual_network_gateway: ['bgp_enabled'], azurerm_virtual_network_gateway_connection: ['bgp_enabled'] });
      expect([gateway.bgp_enabled, gateway.enable_bgp]).toEqual([true, undefined]);
      expect([connection.bgp_enabled, connection.enable_bgp]).toEqual([true, undefined]);
    });
  });
});
