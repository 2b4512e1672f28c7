/**
 * The sites the examples connect: one stack per cloud, each with its network and its VPN gateway.
 * The gateways are what `CrossCloudVpn` links; everything else is ordinary CDK / cdktf code.
 */
import { Stack } from 'aws-cdk-lib/core';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { App as TerraformApp, TerraformStack } from 'cdktf';
import { App } from 'aws-cdk-lib/core';
import { AwsGatewayKind, AwsVpnGateway } from '../../src/aws';
import { AzureVpnGateway } from '../../src/azure';
import { AlicloudVpnGateway, provider, vpc, vswitch } from '../../src/alicloud';

/**
 * An AWS VPC with a virtual private gateway, or a transit gateway with VPN ECMP; or, with
 * `existingTransitGateway`, a transit gateway that exists already (its id, and the ASN it was
 * created with as `asn`): then the stack holds no VPC, only the gateway's record.
 */
export class AwsSite extends Stack {
  public readonly gateway: AwsVpnGateway;

  constructor(app: App, id: string, props: { siteId: string; cidr: string; asn: number; transitGateway?: boolean; existingTransitGateway?: string }) {
    super(app, id); // environment-agnostic: synthesizes with no AWS account at hand
    if (props.existingTransitGateway !== undefined) {
      this.gateway = new AwsVpnGateway(this, 'VpnGateway', {
        siteId: props.siteId,
        asn: props.asn,
        kind: AwsGatewayKind.existingTransitGateway(props.existingTransitGateway),
        cidrs: [props.cidr],
      });
      return;
    }
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr),
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
    });
    this.gateway = new AwsVpnGateway(this, 'VpnGateway', {
      siteId: props.siteId,
      asn: props.asn,
      kind: props.transitGateway
        ? AwsGatewayKind.transitGateway({ description: `${props.siteId} VPN hub (ECMP over every tunnel)` })
        : AwsGatewayKind.vpnGateway({ vpc }),
      cidrs: [props.cidr],
    });
  }
}

/** An Azure VNet with an active-active, zone-redundant VPN gateway. */
export class AzureSite extends TerraformStack {
  public readonly gateway: AzureVpnGateway;

  constructor(app: TerraformApp, id: string, props: { siteId: string; cidr: string; gatewaySubnet: string; asn: number; location?: string }) {
    super(app, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    const location = props.location ?? 'japaneast';
    const group = new ResourceGroup(this, 'ResourceGroup', { name: `rg-${props.siteId}`, location });
    const vnet = new VirtualNetwork(this, 'VirtualNetwork', { name: `vnet-${props.siteId}`, resourceGroupName: group.name, location, addressSpace: [props.cidr] });
    this.gateway = new AzureVpnGateway(this, 'VpnGateway', {
      siteId: props.siteId,
      resourceGroupName: group.name,
      location,
      virtualNetworkName: vnet.name,
      cidrs: [props.cidr],
      gatewaySubnetCidr: props.gatewaySubnet,
      asn: props.asn,
    });
  }
}

/** An Alibaba Cloud VPC with a dual-tunnel VPN gateway (vSwitches in two zones). */
export class AlicloudSite extends TerraformStack {
  public readonly gateway: AlicloudVpnGateway;

  constructor(app: TerraformApp, id: string, props: { siteId: string; cidr: string; asn?: number; region?: string }) {
    super(app, id);
    const region = props.region ?? 'cn-hangzhou';
    new provider.AlicloudProvider(this, 'alicloud', { region });
    const network = new vpc.Vpc(this, 'Vpc', { vpcName: props.siteId, cidrBlock: props.cidr });
    const [a, b, c] = props.cidr.split('.');
    const zone = (suffix: string, n: number) => new vswitch.Vswitch(this, `Vswitch${suffix.toUpperCase()}`, {
      vpcId: network.id, cidrBlock: `${a}.${b}.${Number(c) + n}.0/24`, zoneId: `${region}-${suffix}`, vswitchName: `${props.siteId}-vpn-${suffix}`,
    });
    this.gateway = new AlicloudVpnGateway(this, 'VpnGateway', {
      siteId: props.siteId,
      vpcId: network.id,
      cidrs: [props.cidr],
      vswitchId: zone('h', 1).id,
      disasterRecoveryVswitchId: zone('i', 2).id,
      bandwidthMbps: 100,
      asn: props.asn,
      name: props.siteId,
    });
  }
}
