/**
 * The peer of an Alibaba Cloud IPsec connection as Alibaba Cloud registers it: a customer gateway.
 */
import { Construct } from 'constructs';
import { parseIpv4, peerAsnProblem, show } from '../plan';
import { Token } from '../private/cdktf';
import { PropsChecker } from '../private/errors';
import type { IAlicloudPeerGateway } from './interfaces';
import { ALICLOUD_PEER_GATEWAY_PROPS, checkAlicloudProps } from './props-shape';
import { currentTfProps } from '../private/tf-renamed';
import { VpnCustomerGateway } from './generated/cdktf/providers/alicloud/vpn-customer-gateway';

/**
 * An ASN as the provider takes it (a decimal string), token-aware.
 * @internal
 */
export function asnText(asn: number): string {
  return Token.isUnresolved(asn) ? Token.asString(asn) : String(asn);
}

/** Properties of an `AlicloudPeerGateway`. */
export interface AlicloudPeerGatewayProps {
  /**
   * The public IPv4 address of the peer's VPN endpoint: a literal, or a token such as a
   * `TerraformVariable`'s value or another resource's attribute.
   *
   * Static, dotted-quad. Terraform `ip_address` (replaces the customer gateway when changed).
   *
   * @see https://www.alibabacloud.com/help/doc-detail/65286.htm
   */
  readonly ipAddress: string;

  /**
   * The peer's BGP ASN (the device's own ASN, never the Alibaba Cloud side's).
   *
   * In the ranges of {@link "cross-cloud-vpn".ALICLOUD | ALICLOUD}`.peerAsn` (Alibaba Cloud's own
   * {@link "cross-cloud-vpn".ALICLOUD_DEFAULT_ASN | ALICLOUD_DEFAULT_ASN} excepted); needed by BGP
   * connections and must differ from the Alibaba Cloud side's `asn`. Terraform `asn` (a string;
   * replaces the customer gateway when changed).
   *
   * @default - no ASN registered (static and policy routing only)
   * @see https://www.alibabacloud.com/help/doc-detail/65286.htm
   */
  readonly peerAsn?: number;

  /**
   * Name of the customer gateway: 1-100 characters. Terraform `customer_gateway_name`.
   *
   * @default - no name (the console shows the id)
   */
  readonly name?: string;

  /**
   * The old name of `name` (the same value under both is accepted; different values are refused).
   *
   * @default - `name`
   * @deprecated use `name` (one name for a resource's name in every cloud); removed in the next release
   */
  readonly customerGatewayName?: string;
}

/**
 * A peer's VPN device registered with Alibaba Cloud.
 *
 * @resource alicloud_vpn_customer_gateway
 */
export class AlicloudPeerGateway extends Construct implements IAlicloudPeerGateway {
  /** The customer gateway's id. */
  public readonly customerGatewayId: string;
  /** The peer's public IPv4 address, as given. */
  public readonly ipAddress: string;
  /** The peer's BGP ASN, as given: in the ranges of {@link "cross-cloud-vpn".ALICLOUD | ALICLOUD}`.peerAsn`; none without BGP. */
  public readonly peerAsn?: number;

  constructor(scope: Construct, id: string, given: AlicloudPeerGatewayProps) {
    super(scope, id);
    checkAlicloudProps(this.node.path, given, ALICLOUD_PEER_GATEWAY_PROPS);
    const props = currentTfProps(this, given, ALICLOUD_PEER_GATEWAY_PROPS, 'AlicloudPeerGatewayProps');
    this.ipAddress = props.ipAddress;
    this.peerAsn = props.peerAsn;

    const checker = new PropsChecker(this.node.path);
    if (!Token.isUnresolved(props.ipAddress) && parseIpv4(props.ipAddress) === undefined) {
      checker.check('ipAddress', 'ip-address-invalid', `${show(props.ipAddress)} is not a dotted-quad IPv4 address; allowed: the peer's static public IPv4 address`);
    }
    if (props.peerAsn !== undefined && !Token.isUnresolved(props.peerAsn)) {
      checker.check('peerAsn', 'asn-invalid', peerAsnProblem('alicloud', props.peerAsn));
    }
    checker.throwIfAny();

    const resource = new VpnCustomerGateway(this, 'Resource', {
      ipAddress: props.ipAddress,
      asn: props.peerAsn === undefined ? undefined : asnText(props.peerAsn),
      customerGatewayName: props.name,
    });
    this.customerGatewayId = resource.id;
  }
}
