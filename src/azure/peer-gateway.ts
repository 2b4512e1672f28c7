/**
 * The remote end of an Azure site-to-site connection as Azure registers it: a local network
 * gateway.
 */
import { LocalNetworkGateway } from '@cdktf/provider-azurerm/lib/local-network-gateway';
import { Construct } from 'constructs';
import { parseCidr, parseIpv4, peerAsnProblem, show } from '../plan';
import { Token } from '../private/cdktf';
import { PropsChecker } from '../private/errors';
import type { IAzurePeerGateway } from './interfaces';
import { AZURE_PEER_GATEWAY_PROPS, checkAzureProps } from './props-shape';
import { currentTfProps } from '../private/tf-renamed';
import { azureNameProblem } from './azure-names';
import { azurermRowOf } from './provider-versions';

/** Properties of an `AzurePeerGateway`. */
export interface AzurePeerGatewayProps {
  /**
   * Name of the local network gateway.
   *
   * 1-80 letters, digits, `_`, `.` or `-`. Terraform `name`.
   *
   * @see https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftnetwork
   */
  readonly name: string;

  /** Resource group of the local network gateway. Terraform `resource_group_name`. */
  readonly resourceGroupName: string;

  /** Azure region of the local network gateway, e.g. `japaneast`. Terraform `location`. */
  readonly location: string;

  /**
   * Public IPv4 address of the remote VPN device: a literal, or a token such as a
   * `TerraformVariable`'s value or a reference to another resource.
   *
   * Dotted-quad. Terraform `gateway_address`.
   *
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-site-to-site-resource-manager-portal
   */
  readonly gatewayAddress: string;

  /**
   * Prefixes behind the remote device that Azure routes over the connection (static routing),
   * or the remote traffic selectors (policy routing).
   *
   * IPv4 prefixes, network address aligned. May stay empty when BGP carries the routes. Terraform
   * `address_space`.
   *
   * @default - none: the routes come over BGP (then `peerAsn` and `bgpPeeringAddress` are required)
   */
  readonly cidrs?: readonly string[];

  /**
   * The old name of `cidrs` (the same value under both is accepted; different values are refused).
   *
   * @default - `cidrs`
   * @deprecated use `cidrs` (one name for the networks behind a gateway in every cloud); removed in the next release
   */
  readonly addressSpace?: string[];

  /**
   * BGP ASN of the remote device (the peer's own ASN, never the Azure gateway's).
   *
   * In the ranges of {@link "cross-cloud-vpn".AZURE | AZURE}`.peerAsn` (32-bit ASNs are supported;
   * Azure reserves or rejects a few, its own default among them; Azure's BGP FAQ). Terraform
   * `bgp_settings.asn`.
   *
   * @default - no BGP on this local network gateway
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-bgp-overview
   */
  readonly peerAsn?: number;

  /**
   * BGP address of the remote device: the address Azure's gateway peers with.
   *
   * Dotted-quad IPv4; an APIPA address (169.254.x.x) such as an AWS tunnel's inside address is
   * allowed when the Azure gateway has custom APIPA addresses. Must differ from `gatewayAddress`.
   * Terraform `bgp_settings.bgp_peering_address`.
   *
   * @default - no BGP on this local network gateway
   * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
   */
  readonly bgpPeeringAddress?: string;

  /**
   * Tags of the local network gateway.
   *
   * @default - no tags
   */
  readonly tags?: Record<string, string>;
}

/**
 * A remote VPN device registered with Azure.
 *
 * @resource azurerm_local_network_gateway
 */
export class AzurePeerGateway extends Construct implements IAzurePeerGateway {
  public readonly localNetworkGatewayId: string;
  public readonly peerAsn?: number;
  /** The underlying Terraform resource. */
  public readonly resource: LocalNetworkGateway;

  constructor(scope: Construct, id: string, given: AzurePeerGatewayProps) {
    super(scope, id);
    checkAzureProps(this.node.path, given, AZURE_PEER_GATEWAY_PROPS);
    const props = currentTfProps(this, given, AZURE_PEER_GATEWAY_PROPS, 'AzurePeerGatewayProps');
    const checker = new PropsChecker(this.node.path);
    const literal = (s: string | undefined): s is string => s !== undefined && !Token.isUnresolved(s);
    const ipv4 = (value: string) => (parseIpv4(value) === undefined ? `${show(value)} is not a dotted-quad IPv4 address; allowed: an IPv4 address such as 203.0.113.10` : undefined);

    if (literal(props.name)) checker.check('name', 'name-invalid', azureNameProblem(props.name));
    if (literal(props.gatewayAddress)) checker.check('gatewayAddress', 'address-invalid', ipv4(props.gatewayAddress));
    if (!Token.isUnresolved(props.cidrs)) {
      (props.cidrs ?? []).forEach((prefix, i) => {
        if (Token.isUnresolved(prefix)) return;
        const p = parseCidr(prefix);
        if (!p.ok) checker.check(`cidrs[${i}]`, 'cidr-malformed', `${show(prefix)} is not a valid IPv4 prefix (${p.reason})`);
      });
    }
    const bgp = props.peerAsn !== undefined || props.bgpPeeringAddress !== undefined;
    if (bgp && (props.peerAsn === undefined || props.bgpPeeringAddress === undefined)) {
      checker.check(props.peerAsn === undefined ? 'peerAsn' : 'bgpPeeringAddress', 'bgp-incomplete',
        `${props.peerAsn === undefined ? 'missing while bgpPeeringAddress is set' : 'missing while peerAsn is set'}; allowed: both peerAsn and bgpPeeringAddress (BGP), or neither (static routing)`);
    }
    if (props.peerAsn !== undefined && !Token.isUnresolved(props.peerAsn)) checker.check('peerAsn', 'asn-reserved', peerAsnProblem('azure', props.peerAsn));
    if (literal(props.bgpPeeringAddress)) {
      checker.check('bgpPeeringAddress', 'address-invalid', ipv4(props.bgpPeeringAddress));
      if (props.bgpPeeringAddress === props.gatewayAddress) {
        checker.check('bgpPeeringAddress', 'bgp-address-is-public', `${show(props.bgpPeeringAddress)} is also the gatewayAddress; allowed: an address other than the device's public IP (e.g. an APIPA or loopback address)`);
      }
    }
    const noAddressSpace = props.cidrs === undefined || (!Token.isUnresolved(props.cidrs) && props.cidrs.length === 0);
    if (!bgp && noAddressSpace) {
      checker.check('cidrs', 'address-space-empty', 'is empty and BGP is not set, so Azure would route nothing to the peer; allowed: at least one prefix, or peerAsn and bgpPeeringAddress');
    }
    checker.throwIfAny();

    this.peerAsn = props.peerAsn;
    this.resource = new LocalNetworkGateway(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      gatewayAddress: props.gatewayAddress,
      addressSpace: noAddressSpace ? undefined : (props.cidrs as string[]),
      bgpSettings: bgp ? { asn: props.peerAsn!, bgpPeeringAddress: props.bgpPeeringAddress! } : undefined,
      tags: props.tags,
    });
    // Nothing here differs between the supported azurerm versions; bindings of another version are refused (provider-versions.ts).
    azurermRowOf(this.node.path, this.resource);
    this.localNetworkGatewayId = this.resource.id;
  }
}
