import { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { TerraformVariable, Testing } from 'cdktf';
import { AzureConnectionMode, AzurePeerGateway, AzureVpnConnection, AzureVpnConnectionProps } from '../../src/azure';
import { PresharedKey } from '../../src/plan';
import { TEST_KEY, gatewayFixture, resourcesOf, bgpSwitch } from './util';
import '../lib/cdktf-matchers';

type ConnectionProps = Omit<AzureVpnConnectionProps, 'gateway' | 'peer'>;

/** A connection from the fixture's active-active gateway to its BGP peer. */
function connection(props: Partial<ConnectionProps> = {}, fixture = gatewayFixture()) {
  const conn = new AzureVpnConnection(fixture.stack, 'Conn', { name: 'cn-router', gateway: fixture.gateway, peer: fixture.peer, sharedKey: TEST_KEY, ...props });
  return { ...fixture, conn };
}

const synthConnection = (props: Partial<ConnectionProps> = {}) => Testing.synth(connection(props).stack);
const build = (props: Partial<ConnectionProps>) => () => connection(props);
const onlyConnection = (synth: string) => Object.values(resourcesOf(synth, 'azurerm_virtual_network_gateway_connection'))[0];

describe('AzureVpnConnection', () => {
  test('writes an IPsec connection with a strong custom policy by default', () => {
    // GIVEN / WHEN
    const synth = synthConnection();
    // THEN
    const [gw] = Object.keys(resourcesOf(synth, 'azurerm_virtual_network_gateway'));
    const [lng] = Object.keys(resourcesOf(synth, 'azurerm_local_network_gateway'));
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
      name: 'cn-router',
      resource_group_name: 'rg-vpn',
      location: 'japaneast',
      type: 'IPsec',
      virtual_network_gateway_id: `\${azurerm_virtual_network_gateway.${gw}.id}`,
      local_network_gateway_id: `\${azurerm_local_network_gateway.${lng}.id}`,
      connection_protocol: 'IKEv2',
      ipsec_policy: {
        ike_encryption: 'AES256', ike_integrity: 'SHA256', dh_group: 'DHGroup14',
        ipsec_encryption: 'AES256', ipsec_integrity: 'SHA256', pfs_group: 'PFS2048', sa_lifetime: 27000,
      },
      dpd_timeout_seconds: 45,
      connection_mode: 'Default',
      use_policy_based_traffic_selectors: false,
    });
    expect(onlyConnection(synth)).not.toHaveProperty('sa_datasize');
    expect(onlyConnection(synth)).not.toHaveProperty('custom_bgp_addresses');
    expect(onlyConnection(synth)).not.toHaveProperty('traffic_selector_policy');
  });

  test('turns BGP on when the peer has BGP settings, off when it has none', () => {
    expect(synthConnection()).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, { [bgpSwitch()]: true });
    const fixture = gatewayFixture();
    const staticPeer = new AzurePeerGateway(fixture.stack, 'StaticPeer', { name: 'lng-static', resourceGroupName: 'rg-vpn', location: 'japaneast', gatewayAddress: '198.51.100.7', cidrs: ['192.168.0.0/16'] });
    new AzureVpnConnection(fixture.stack, 'Conn', { name: 'cn-static', gateway: fixture.gateway, peer: staticPeer, sharedKey: TEST_KEY });
    expect(Testing.synth(fixture.stack)).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, { name: 'cn-static', [bgpSwitch()]: false });
  });

  test('writes a planner key revealed, and a sensitive variable as a reference', () => {
    expect(onlyConnection(synthConnection({ sharedKey: new PresharedKey(TEST_KEY, 'pinned') })).shared_key).toBe(TEST_KEY);
    const fixture = gatewayFixture();
    const key = new TerraformVariable(fixture.stack, 'psk', { type: 'string', sensitive: true }).stringValue;
    expect(onlyConnection(Testing.synth(connection({ sharedKey: key }, fixture).stack)).shared_key).toBe('${var.psk}');
  });

  test('writes the custom policy, lifetimes, DPD and mode it is given', () => {
    const synth = synthConnection({
      ikeVersion: 'IKEv2', ikeEncryption: 'GCMAES256', ikeIntegrity: 'SHA384', dhGroup: 'ECP384',
      ipsecEncryption: 'GCMAES256', ipsecIntegrity: 'GCMAES256', pfsGroup: 'ECP384',
      saLifetimeSeconds: 3600, saDataSizeKilobytes: 102400000, dpdTimeoutSeconds: 30, connectionMode: AzureConnectionMode.RESPONDER_ONLY,
      tags: { env: 'test' },
    });
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
      ipsec_policy: {
        ike_encryption: 'GCMAES256', ike_integrity: 'SHA384', dh_group: 'ECP384',
        ipsec_encryption: 'GCMAES256', ipsec_integrity: 'GCMAES256', pfs_group: 'ECP384', sa_lifetime: 3600, sa_datasize: 102400000,
      },
      dpd_timeout_seconds: 30,
      connection_mode: 'ResponderOnly',
      tags: { env: 'test' },
    });
  });

  test('writes custom BGP addresses: primary on instance0, secondary on instance1', () => {
    const { stack } = connection({ customBgpPrimaryAddress: '169.254.21.2', customBgpSecondaryAddress: '169.254.22.2' });
    // validations run: both addresses are the gateway's APIPA addresses of the right instance
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
      custom_bgp_addresses: { primary: '169.254.21.2', secondary: '169.254.22.2' },
    });
  });

  test('writes policy-based traffic selectors', () => {
    const synth = synthConnection({ trafficSelectorLocalCidrs: ['10.20.0.0/16'], trafficSelectorRemoteCidrs: ['192.168.0.0/16', '192.169.0.0/16'] });
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
      use_policy_based_traffic_selectors: true,
      traffic_selector_policy: [{ local_address_cidrs: ['10.20.0.0/16'], remote_address_cidrs: ['192.168.0.0/16', '192.169.0.0/16'] }],
    });
  });

  test('takes its resource group and region from the gateway unless given', () => {
    expect(synthConnection({ resourceGroupName: 'rg-conn', location: 'japanwest' })).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, { resource_group_name: 'rg-conn', location: 'japanwest' });
  });

  test('skips checks of unresolved values', () => {
    const fixture = gatewayFixture();
    const v = (name: string, type = 'string') => new TerraformVariable(fixture.stack, name, { type });
    expect(() => connection({
      ikeEncryption: v('enc').stringValue, saLifetimeSeconds: v('life', 'number').numberValue, dpdTimeoutSeconds: v('dpd', 'number').numberValue,
      customBgpPrimaryAddress: v('bgp').stringValue,
    }, fixture)).not.toThrow();
    expect(() => Testing.synth(fixture.stack, true)).not.toThrow();
  });

  describe('validation', () => {
    test.each([
      ['a space', 'TestOnly Key0123456789'],
      ['a hyphen', 'TestOnly-Key0123456789'],
      ['a tilde', 'TestOnly~Key0123456789'],
    ])('fails when the shared key contains %s, without echoing the key', (_what, key) => {
      let message = '';
      try {
        connection({ sharedKey: key });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/\[Test\/Conn\] sharedKey: Azure takes only printable ASCII except space, "-" and "~"/);
      expect(message).not.toContain(key);
    });

    test('fails when the shared key is longer than 128 characters', () => {
      expect(build({ sharedKey: 'k'.repeat(129) })).toThrow(/sharedKey: Azure takes 1-128 characters, got 129/);
    });

    test('fails when a planner key does not suit Azure', () => {
      expect(build({ sharedKey: new PresharedKey('pinned key', 'pinned') })).toThrow(/sharedKey: Azure takes only printable ASCII/);
    });

    test('fails when the IKE version is unknown', () => {
      expect(build({ ikeVersion: 'ikev2' })).toThrow(/ikeVersion: 'ikev2' is not an IKE version Azure knows; allowed: IKEv1, IKEv2/);
    });

    test.each([
      ['ikeEncryption', 'AES512', /ikeEncryption: 'AES512' is not a phase1 encryption Azure knows; allowed: GCMAES256, GCMAES128, AES256/],
      ['ikeIntegrity', 'SHA512', /ikeIntegrity: 'SHA512' is not a phase1 integrity Azure knows; allowed: SHA384, SHA256, SHA1, MD5/],
      ['dhGroup', 'DHGroup5', /dhGroup: 'DHGroup5' is not a phase1 DH group Azure knows; allowed: DHGroup24, ECP384, ECP256, DHGroup14, DHGroup2, DHGroup1/],
      ['ipsecEncryption', 'AES256-GCM-16', /ipsecEncryption: 'AES256-GCM-16' is not a phase2 encryption Azure knows/],
      ['ipsecIntegrity', 'SHA384', /ipsecIntegrity: 'SHA384' is not a phase2 integrity Azure knows; allowed: SHA256, SHA1, MD5, GCMAES256/],
      ['pfsGroup', 'DHGroup14', /pfsGroup: 'DHGroup14' is not a phase2 PFS group Azure knows; allowed: PFS24, ECP384, ECP256, PFS2048, PFS2, PFS1, None/],
    ])('fails when %s is %s (not in Azure\'s spelling)', (prop, value, message) => {
      expect(build({ [prop]: value })).toThrow(message);
    });

    test('fails when a GCM cipher is not its own integrity', () => {
      expect(build({ ipsecEncryption: 'GCMAES256', ipsecIntegrity: 'SHA256' })).toThrow(/ipsecIntegrity: 'SHA256' does not match ipsecEncryption 'GCMAES256'; allowed: with a GCM cipher, the same GCM name for both/);
      expect(build({ ipsecEncryption: 'AES256', ipsecIntegrity: 'GCMAES128' })).toThrow(/ipsecIntegrity: 'GCMAES128' does not match ipsecEncryption 'AES256'/);
    });

    test.each([299, 172800, 300.5])('fails when the SA lifetime is %d s', (seconds) => {
      expect(build({ saLifetimeSeconds: seconds })).toThrow(/saLifetimeSeconds: .+ s is outside Azure's phase2 lifetime range; allowed: 300-172799 s/);
    });

    test('fails when the SA volume lifetime is below 1024 KB', () => {
      expect(build({ saDataSizeKilobytes: 1000 })).toThrow(/saDataSizeKilobytes: volume lifetime 1000 KB is out of range; allowed: 1024-2147483647 KB/);
    });

    test.each([8, 3601])('fails when the DPD timeout is %d s', (seconds) => {
      expect(build({ dpdTimeoutSeconds: seconds })).toThrow(new RegExp(`dpdTimeoutSeconds: DPD timeout ${seconds} s is out of range; allowed: 9-3600 s`));
    });

    test('fails when a custom BGP address is outside Azure\'s APIPA range', () => {
      expect(build({ customBgpPrimaryAddress: '169.254.20.2' })).toThrow(/customBgpPrimaryAddress: '169\.254\.20\.2' is outside Azure's APIPA range; allowed: an address in 169\.254\.21\.0-169\.254\.22\.255/);
    });

    test('fails when a custom secondary BGP address is given to an active-standby gateway', () => {
      const fixture = gatewayFixture({ activeActive: false, instance1ApipaAddresses: undefined });
      expect(() => connection({ customBgpPrimaryAddress: '169.254.21.2', customBgpSecondaryAddress: '169.254.22.2' }, fixture))
        .toThrow(/customBgpSecondaryAddress: '169\.254\.22\.2' is set but the gateway is active-standby \(one instance\); allowed: a secondary address only on an active-active gateway/);
    });

    test('fails when a custom secondary BGP address comes without a primary', () => {
      expect(build({ customBgpSecondaryAddress: '169.254.22.2' })).toThrow(/customBgpPrimaryAddress: is missing while customBgpSecondaryAddress is set/);
    });

    test('fails when custom BGP addresses are given with BGP off', () => {
      expect(build({ bgpEnabled: false, customBgpPrimaryAddress: '169.254.21.2' })).toThrow(/customBgpPrimaryAddress: '169\.254\.21\.2' is set but BGP is off on this connection/);
    });

    test('fails when BGP is on but the peer has no BGP settings', () => {
      const fixture = gatewayFixture();
      const staticPeer = new AzurePeerGateway(fixture.stack, 'StaticPeer', { name: 'lng-static', resourceGroupName: 'rg-vpn', location: 'japaneast', gatewayAddress: '198.51.100.7', cidrs: ['192.168.0.0/16'] });
      expect(() => new AzureVpnConnection(fixture.stack, 'Conn', { name: 'cn', gateway: fixture.gateway, peer: staticPeer, sharedKey: TEST_KEY, bgpEnabled: true }))
        .toThrow(/bgpEnabled: is true but the peer has no BGP settings/);
    });

    test('fails at synthesis when a custom BGP address is not an APIPA address of its instance', () => {
      // instance0 has 169.254.21.2 and instance1 169.254.22.2: swapped, BGP would stay down on both tunnels
      const { stack } = connection({ customBgpPrimaryAddress: '169.254.22.2', customBgpSecondaryAddress: '169.254.21.2' });
      expect(() => Testing.synth(stack, true)).toThrow(/\[Test\/Conn\] customBgpPrimaryAddress: '169\.254\.22\.2' is not an APIPA address of the gateway's instance0; allowed: 169\.254\.21\.2/);
      expect(() => Testing.synth(stack, true)).toThrow(/customBgpSecondaryAddress: '169\.254\.21\.2' is not an APIPA address of the gateway's instance1; allowed: 169\.254\.22\.2/);
    });

    test('fails when only one traffic selector list is given', () => {
      expect(build({ trafficSelectorLocalCidrs: ['10.20.0.0/16'] })).toThrow(/trafficSelectorRemoteCidrs: is missing while the other traffic selector list is set/);
    });

    test('fails when a traffic selector list is empty or malformed', () => {
      expect(build({ trafficSelectorLocalCidrs: [], trafficSelectorRemoteCidrs: ['192.168.0.0/16'] })).toThrow(/trafficSelectorLocalCidrs: is empty/);
      expect(build({ trafficSelectorLocalCidrs: ['10.20.0.0/16'], trafficSelectorRemoteCidrs: ['192.168.0.0'] })).toThrow(/trafficSelectorRemoteCidrs\[0\]: '192\.168\.0\.0' is not a valid IPv4 prefix/);
    });

    test('fails when the name is not an Azure name', () => {
      expect(build({ name: '-cn' })).toThrow(/name: '-cn' is not a valid Azure resource name/);
    });

    test('reports every problem at once', () => {
      expect(build({ dhGroup: 'DHGroup5', dpdTimeoutSeconds: 1, saLifetimeSeconds: 10 })).toThrow(/3 problems:/);
    });
  });
});
