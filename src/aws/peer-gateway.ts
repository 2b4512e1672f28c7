/**
 * The peer of an AWS VPN connection as AWS registers it: a customer gateway.
 */
import { Resource, Token } from 'aws-cdk-lib/core';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { parseCidr, parseIpv4, peerAsnProblem, show } from '../plan';
import { PropsChecker } from '../private/errors';
import type { IAwsPeerGateway } from './interfaces';
import { AWS_PEER_GATEWAY_PROPS, checkAwsProps } from './props-shape';

/** AWS's default customer gateway ASN (EC2 `CreateCustomerGateway`). */
const DEFAULT_PEER_ASN = 65000;

/**
 * `AWS::EC2::CustomerGateway` takes an ASN up to 2,147,483,647 as `BgpAsn`, and a larger one only
 * as `BgpAsnExtended` ("If the ASN is larger than 2,147,483,647, you must use BgpAsnExtended":
 * CloudFormation resource docs, as aws-cdk-lib's `CfnCustomerGatewayProps` carries them). The docs
 * text lets `BgpAsnExtended` reach the largest 4-byte ASN, but the resource schema that
 * aws-cdk-lib's CloudFormation validator bundles caps it one below (its rule F3034; the last ASN
 * is IANA-reserved anyway): the profile's `AWS.peerAsn` takes the stricter bound.
 */
const BGP_ASN_MAX = 2147483647;

/**
 * Why AWS cannot register `asn` on a customer gateway, or `undefined`: the planner's AWS peer
 * range (one table for both), which already spans `BgpAsn` and `BgpAsnExtended`.
 */
export function customerGatewayAsnProblem(asn: number): string | undefined {
  return peerAsnProblem('aws', asn);
}

/**
 * Ranges that are not public unicast IPv4 (RFC 6890). A customer gateway of a VPN connection
 * with public outside addresses (the only type this library creates) needs a public address.
 */
const NON_PUBLIC = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3'];

/** Why `ip` cannot be a customer gateway address, or `undefined`. */
export function publicIpv4Problem(ip: string): string | undefined {
  const allowed = 'allowed: a public IPv4 address in dotted-quad form';
  const address = parseIpv4(ip);
  if (address === undefined) return `${show(ip)} is not a dotted-quad IPv4 address; ${allowed}`;
  for (const text of NON_PUBLIC) {
    const parsed = parseCidr(text);
    if (!parsed.ok) continue;
    const { network, prefixLength } = parsed.cidr;
    const mask = prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
    if (((address & mask) >>> 0) === network) return `${show(ip)} is in the non-public range ${text}; ${allowed}`;
  }
  return undefined;
}

/** Properties of an `AwsPeerGateway`. */
export interface AwsPeerGatewayProps {
  /**
   * The public IPv4 address of the peer's VPN endpoint: a literal, or a token such as a
   * `CfnParameter`'s `valueAsString` or another stack's output.
   *
   * Static, public, dotted-quad. CloudFormation `IpAddress`.
   *
   * @see https://docs.aws.amazon.com/vpn/latest/s2svpn/cgw-options.html
   */
  readonly ipAddress: string;

  /**
   * The peer's BGP ASN (the device's own ASN, never the AWS side's).
   *
   * In the ranges of {@link "cross-cloud-vpn".AWS | AWS}`.peerAsn` (a few ASNs are reserved in some
   * regions); must differ from the AWS side's ASN on a BGP connection. Written even on static
   * connections, where AWS ignores it. CloudFormation `BgpAsn` up to 2147483647, `BgpAsnExtended`
   * above (4-byte ASNs).
   *
   * @default 65000
   * @see https://docs.aws.amazon.com/vpn/latest/s2svpn/cgw-options.html
   */
  readonly peerAsn?: number;
}

/**
 * A peer's VPN device registered with AWS.
 *
 * @resource AWS::EC2::CustomerGateway
 */
export class AwsPeerGateway extends Resource implements IAwsPeerGateway {
  public readonly customerGatewayId: string;
  /**
   * The peer's BGP ASN, as registered on the customer gateway: `peerAsn`, else AWS's default
   * 65000. In the ranges of {@link "cross-cloud-vpn".AWS | AWS}`.peerAsn`.
   */
  public readonly peerAsn: number;
  /** The peer's public IPv4 address, as given. */
  public readonly ipAddress: string;

  constructor(scope: Construct, id: string, props: AwsPeerGatewayProps) {
    super(scope, id);
    checkAwsProps(this.node.path, props, AWS_PEER_GATEWAY_PROPS);
    this.peerAsn = props.peerAsn ?? DEFAULT_PEER_ASN;
    this.ipAddress = props.ipAddress;

    const checker = new PropsChecker(this.node.path);
    if (!Token.isUnresolved(props.ipAddress)) checker.check('ipAddress', 'ip-address-invalid', publicIpv4Problem(props.ipAddress));
    if (!Token.isUnresolved(this.peerAsn)) checker.check('peerAsn', 'asn-invalid', customerGatewayAsnProblem(this.peerAsn));
    checker.throwIfAny();

    const extended = !Token.isUnresolved(this.peerAsn) && this.peerAsn > BGP_ASN_MAX;
    const resource = new ec2.CfnCustomerGateway(this, 'Resource', {
      type: 'ipsec.1',
      ipAddress: props.ipAddress,
      ...(extended ? { bgpAsnExtended: this.peerAsn } : { bgpAsn: this.peerAsn }),
    });
    this.customerGatewayId = resource.ref;
  }
}
