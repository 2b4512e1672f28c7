/**
 * Azure only, no planner: a VNet with an active-active, zone-redundant VPN gateway and one BGP
 * connection to an on-premises router at 203.0.113.20 with ASN 65020.
 *
 * BGP runs over APIPA addresses: the router peers from 169.254.21.1 with Azure's instance0 at
 * 169.254.21.2 and instance1 at 169.254.22.2 (Azure takes custom APIPA addresses only in
 * 169.254.21.0-169.254.22.255). Azure never starts BGP from an APIPA address: the router must.
 * The connection carries a custom IPsec/IKE policy (IKEv2, AES256/SHA256/DHGroup14, PFS2048,
 * 27000 s), so Azure neither offers nor accepts its weaker defaults.
 *
 * Pre-shared key: the sensitive Terraform variable `onprem_shared_key`
 * (`TF_VAR_onprem_shared_key` at deploy time); no key is in this source or in the synthesized JSON.
 * Outputs: the gateway's two public IPs, for the router's configuration.
 *
 * Run: cd examples/azure-only && npx cdktf synth      (or, from the repository root,
 *      node -r @swc-node/register examples/azure-only/main.ts)
 */
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { AzureConnectionMode, AzureGatewayInstance, AzurePeerGateway, AzureVpnConnection, AzureVpnGateway } from '../../src/azure';

const VNET_CIDR = '10.20.0.0/16';

export class AzureOnlyStack extends TerraformStack {
  public readonly gateway: AzureVpnGateway;
  public readonly connection: AzureVpnConnection;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });

    const sharedKey = new TerraformVariable(this, 'onprem_shared_key', {
      type: 'string',
      sensitive: true,
      description: 'Pre-shared key of the connection to the on-premises router (printable ASCII except space, "-" and "~")',
    });
    const group = new ResourceGroup(this, 'ResourceGroup', { name: 'rg-azure-only-vpn', location: 'japaneast' });
    const vnet = new VirtualNetwork(this, 'VirtualNetwork', {
      name: 'vnet-azure-only',
      resourceGroupName: group.name,
      location: group.location,
      addressSpace: [VNET_CIDR],
    });

    this.gateway = new AzureVpnGateway(this, 'VpnGateway', {
      siteId: 'azure-only',
      resourceGroupName: group.name,
      location: group.location,
      virtualNetworkName: vnet.name,
      cidrs: [VNET_CIDR],
      gatewaySubnetCidr: '10.20.255.0/27',
      asn: 65515,
      instance0ApipaAddresses: ['169.254.21.2'],
      instance1ApipaAddresses: ['169.254.22.2'],
    });

    const router = new AzurePeerGateway(this, 'OnPremRouter', {
      name: 'lng-onprem-router',
      resourceGroupName: group.name,
      location: group.location,
      gatewayAddress: '203.0.113.20',
      peerAsn: 65020,
      bgpPeeringAddress: '169.254.21.1',
    });

    this.connection = new AzureVpnConnection(this, 'OnPremConnection', {
      name: 'cn-onprem-router',
      gateway: this.gateway,
      peer: router,
      sharedKey: sharedKey.stringValue,
      bgpEnabled: true,
      customBgpPrimaryAddress: this.gateway.apipaAddressesOf(AzureGatewayInstance.INSTANCE_0)[0],
      customBgpSecondaryAddress: this.gateway.apipaAddressesOf(AzureGatewayInstance.INSTANCE_1)[0],
      connectionMode: AzureConnectionMode.DEFAULT,
      ikeVersion: 'IKEv2',
      ikeEncryption: 'AES256',
      ikeIntegrity: 'SHA256',
      dhGroup: 'DHGroup14',
      ipsecEncryption: 'AES256',
      ipsecIntegrity: 'SHA256',
      pfsGroup: 'PFS2048',
      saLifetimeSeconds: 27000,
      dpdTimeoutSeconds: 45,
    });

    this.gateway.publicIpAddresses.forEach((ip, i) => new TerraformOutput(this, `instance${i}_public_ip`, {
      value: ip,
      description: `Public IP of gateway instance ${i}: a tunnel endpoint for the router`,
    }));
  }
}

if (require.main === module) {
  const app = new App();
  new AzureOnlyStack(app, 'azure-only');
  app.synth();
}
