/**
 * The sites of `examples/lib/sites.ts` written the naive way, for `npm run bench` only: every
 * package through its root barrel — `@cdktf/provider-azurerm`, the generated Alibaba bindings'
 * index, the aws-cdk-lib root. Same stacks, same resources; only the imports differ.
 * (Exempt from the barrel lint rule: this is the counter-example.)
 */
import * as cdk from 'aws-cdk-lib';
import * as cdktf from 'cdktf';
import * as azurerm from '@cdktf/provider-azurerm';
import * as alicloud from '../../src/alicloud/generated/cdktf/providers/alicloud';
import { AwsGatewayKind, AwsVpnGateway } from '../../src/aws';
import { AzureVpnGateway } from '../../src/azure';
import { AlicloudVpnGateway } from '../../src/alicloud';

export class NaiveAwsSite extends cdk.Stack {
  public readonly gateway: AwsVpnGateway;

  constructor(app: cdk.App, id: string, props: { siteId: string; cidr: string; asn: number }) {
    super(app, id);
    const vpc = new cdk.aws_ec2.Vpc(this, 'Vpc', {
      ipAddresses: cdk.aws_ec2.IpAddresses.cidr(props.cidr),
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'private', subnetType: cdk.aws_ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
    });
    this.gateway = new AwsVpnGateway(this, 'VpnGateway', {
      siteId: props.siteId,
      asn: props.asn,
      kind: AwsGatewayKind.vpnGateway({ vpc }),
      cidrs: [props.cidr],
    });
  }
}

export class NaiveAzureSite extends cdktf.TerraformStack {
  public readonly gateway: AzureVpnGateway;

  constructor(app: cdktf.App, id: string, props: { siteId: string; cidr: string; gatewaySubnet: string; asn: number }) {
    super(app, id);
    new azurerm.provider.AzurermProvider(this, 'azurerm', { features: [{}] });
    const location = 'japaneast';
    const group = new azurerm.resourceGroup.ResourceGroup(this, 'ResourceGroup', { name: `rg-${props.siteId}`, location });
    const vnet = new azurerm.virtualNetwork.VirtualNetwork(this, 'VirtualNetwork', { name: `vnet-${props.siteId}`, resourceGroupName: group.name, location, addressSpace: [props.cidr] });
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

export class NaiveAlicloudSite extends cdktf.TerraformStack {
  public readonly gateway: AlicloudVpnGateway;

  constructor(app: cdktf.App, id: string, props: { siteId: string; cidr: string; asn?: number }) {
    super(app, id);
    const region = 'cn-hangzhou';
    new alicloud.provider.AlicloudProvider(this, 'alicloud', { region });
    const network = new alicloud.vpc.Vpc(this, 'Vpc', { vpcName: props.siteId, cidrBlock: props.cidr });
    const [a, b, c] = props.cidr.split('.');
    const zone = (suffix: string, n: number) => new alicloud.vswitch.Vswitch(this, `Vswitch${suffix.toUpperCase()}`, {
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
