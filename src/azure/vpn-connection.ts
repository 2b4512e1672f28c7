/**
 * One Azure site-to-site connection: IPsec from an Azure VPN gateway to one local network
 * gateway, always with a custom IPsec/IKE policy.
 */
import { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { Construct } from 'constructs';
import { AZURE_DEFAULT_TUNNEL, FACTS, PresharedKey, algorithmProblem, azureApipaProblem, lifetimeProblem, parseCidr, pskProblem, rangeProblem, show } from '../plan';
import { Token } from '../private/cdktf';
import { PropsChecker } from '../private/errors';
import { AZURE_VPN_CONNECTION_PROPS, checkAzureProps } from './props-shape';
import { azureNameProblem } from './azure-names';
import { AzureConnectionMode, AzureGatewayInstance, IAzurePeerGateway, IAzureVpnGateway } from './interfaces';
import { azurermRowOf, setVersionedAttribute } from './provider-versions';

/** Dead peer detection timeout range of an Azure connection, in seconds (Z3). */
const DPD_RANGE = { min: 9, max: 3600 };
/** Phase 2 volume lifetime range of an Azure custom policy, in kilobytes (Z2; terraform `sa_datasize`). */
const SA_DATA_SIZE_RANGE = { min: 1024, max: 2147483647 };

/** Properties of an `AzureVpnConnection`. */
export interface AzureVpnConnectionProps {
  /**
   * Name of the connection.
   *
   * 1-80 letters, digits, `_`, `.` or `-`. Terraform `name`.
   */
  readonly name: string;

  /** The Azure VPN gateway the connection belongs to. Terraform `virtual_network_gateway_id`. */
  readonly gateway: IAzureVpnGateway;

  /** The remote device. Terraform `local_network_gateway_id`. */
  readonly peer: IAzurePeerGateway;

  /**
   * The pre-shared key: a planner `PresharedKey`, or a token such as a sensitive
   * `TerraformVariable`'s value. A literal string works but then lives in your source.
   *
   * Printable ASCII except space, `-` and `~`, 1-128 characters; a literal is checked and never
   * echoed. Terraform `shared_key`.
   *
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
   */
  readonly sharedKey: PresharedKey | string;

  /**
   * IKE version. Cannot change after creation.
   *
   * `IKEv2` or `IKEv1`. Terraform `connection_protocol`.
   *
   * @default 'IKEv2'
   */
  readonly ikeVersion?: string;

  /**
   * Phase 1 (IKE) encryption of the custom policy.
   *
   * GCMAES256, GCMAES128, AES256, AES192, AES128, DES3, DES. Terraform `ipsec_policy.ike_encryption`.
   *
   * @default 'AES256'
   * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
   */
  readonly ikeEncryption?: string;

  /**
   * Phase 1 (IKE) integrity of the custom policy.
   *
   * SHA384, SHA256, SHA1, MD5. Terraform `ipsec_policy.ike_integrity`.
   *
   * @default 'SHA256'
   */
  readonly ikeIntegrity?: string;

  /**
   * Phase 1 Diffie-Hellman group of the custom policy.
   *
   * DHGroup24, ECP384, ECP256, DHGroup14, DHGroup2, DHGroup1. Terraform `ipsec_policy.dh_group`.
   *
   * @default 'DHGroup14'
   */
  readonly dhGroup?: string;

  /**
   * Phase 2 (IPsec) encryption of the custom policy.
   *
   * GCMAES256, GCMAES192, GCMAES128, AES256, AES192, AES128, DES3, DES. A GCM cipher needs the
   * same name as `ipsecIntegrity`. Terraform `ipsec_policy.ipsec_encryption`.
   *
   * @default 'AES256'
   */
  readonly ipsecEncryption?: string;

  /**
   * Phase 2 (IPsec) integrity of the custom policy.
   *
   * SHA256, SHA1, MD5, or the GCM cipher of `ipsecEncryption`. Terraform `ipsec_policy.ipsec_integrity`.
   *
   * @default 'SHA256'
   */
  readonly ipsecIntegrity?: string;

  /**
   * Phase 2 PFS group of the custom policy.
   *
   * PFS24, ECP384, ECP256, PFS2048, PFS2, PFS1, None. Terraform `ipsec_policy.pfs_group`.
   *
   * @default 'PFS2048'
   */
  readonly pfsGroup?: string;

  /**
   * Phase 2 SA lifetime, in seconds. (Azure's phase 1 lifetime is fixed:
   * {@link "cross-cloud-vpn".AZURE | AZURE}`.phase1`.)
   *
   * In {@link "cross-cloud-vpn".AZURE | AZURE}`.phase2.lifetimeSeconds`. Lifetimes are local on
   * Azure: the peer's may differ. Terraform `ipsec_policy.sa_lifetime`.
   *
   * @default {@link "cross-cloud-vpn".AZURE_DEFAULT_TUNNEL | AZURE_DEFAULT_TUNNEL}`.phase2LifetimeSeconds`
   */
  readonly saLifetimeSeconds?: number;

  /**
   * Phase 2 SA volume lifetime, in kilobytes.
   *
   * 1024-2147483647. Terraform `ipsec_policy.sa_datasize`.
   *
   * @default - Azure's 102400000 KB
   */
  readonly saDataSizeKilobytes?: number;

  /**
   * Dead peer detection timeout, in seconds.
   *
   * 9-3600 (30-45 recommended). Terraform `dpd_timeout_seconds`.
   *
   * @default {@link "cross-cloud-vpn".AZURE_DEFAULT_TUNNEL | AZURE_DEFAULT_TUNNEL}`.dpdTimeoutSeconds`
   */
  readonly dpdTimeoutSeconds?: number;

  /**
   * Which side may start IKE negotiation. Facing an AWS VPN connection whose tunnels start the
   * negotiation, Azure's guide uses `RESPONDER_ONLY`.
   *
   * Terraform `connection_mode`.
   *
   * @default AzureConnectionMode.DEFAULT
   */
  readonly connectionMode?: AzureConnectionMode;

  /**
   * Whether routes are exchanged with BGP over this connection. Needs a peer with BGP settings.
   *
   * Terraform `enable_bgp` with azurerm 4.55-4.61 (cdktf bindings), `bgp_enabled` from 4.62 on
   * (CDK Terrain bindings, azurerm 4.73; see `AZURERM_VERSIONS`).
   *
   * @default - true when the peer has BGP settings (`peerAsn`), else false
   */
  readonly bgpEnabled?: boolean;

  /**
   * Custom APIPA BGP address of the gateway's first instance (ip configuration `instance0`) for
   * this connection: one of that instance's APIPA addresses.
   *
   * In Azure's APIPA range, {@link "cross-cloud-vpn".AZURE | AZURE}`.insideRanges`. Needs BGP.
   * Terraform `custom_bgp_addresses.primary`.
   *
   * @default - the instance's default BGP address (its GatewaySubnet IP)
   * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
   */
  readonly customBgpPrimaryAddress?: string;

  /**
   * Custom APIPA BGP address of the gateway's second instance (ip configuration `instance1`):
   * one of that instance's APIPA addresses. Active-active gateways only.
   *
   * In Azure's APIPA range, {@link "cross-cloud-vpn".AZURE | AZURE}`.insideRanges`. Needs
   * `customBgpPrimaryAddress`. Terraform `custom_bgp_addresses.secondary`.
   *
   * @default - the instance's default BGP address
   */
  readonly customBgpSecondaryAddress?: string;

  /**
   * Local prefixes of policy-based traffic selectors. Setting them turns on
   * `use_policy_based_traffic_selectors`.
   *
   * IPv4 prefixes. Terraform `traffic_selector_policy.local_address_cidrs`.
   *
   * @default - route-based (any-to-any) selectors
   */
  readonly trafficSelectorLocalCidrs?: string[];

  /**
   * Remote prefixes of policy-based traffic selectors; required with `trafficSelectorLocalCidrs`.
   *
   * IPv4 prefixes. Terraform `traffic_selector_policy.remote_address_cidrs`.
   *
   * @default - route-based (any-to-any) selectors
   */
  readonly trafficSelectorRemoteCidrs?: string[];

  /**
   * Resource group of the connection.
   *
   * @default - the gateway's resource group
   */
  readonly resourceGroupName?: string;

  /**
   * Azure region of the connection.
   *
   * @default - the gateway's region
   */
  readonly location?: string;

  /**
   * Tags of the connection.
   *
   * @default - no tags
   */
  readonly tags?: Record<string, string>;
}

const isGcm = (name: string) => name.startsWith('GCMAES');

/**
 * An IPsec site-to-site connection of an Azure VPN gateway, with a custom IPsec/IKE policy
 * (Azure's default policy offers DH group 2 only and, as initiator, no PFS; a custom policy is
 * then the only proposal Azure sends and accepts).
 *
 * @resource azurerm_virtual_network_gateway_connection
 */
export class AzureVpnConnection extends Construct {
  /** The connection's resource id. */
  public readonly connectionId: string;
  /** The underlying Terraform resource. */
  public readonly resource: VirtualNetworkGatewayConnection;

  constructor(scope: Construct, id: string, props: AzureVpnConnectionProps) {
    super(scope, id);
    checkAzureProps(this.node.path, props, AZURE_VPN_CONNECTION_PROPS);
    const ikeVersion = props.ikeVersion ?? AZURE_DEFAULT_TUNNEL.ikeVersion;
    const policy = {
      ikeEncryption: props.ikeEncryption ?? AZURE_DEFAULT_TUNNEL.ikeEncryption,
      ikeIntegrity: props.ikeIntegrity ?? AZURE_DEFAULT_TUNNEL.ikeIntegrity,
      dhGroup: props.dhGroup ?? AZURE_DEFAULT_TUNNEL.dhGroup,
      ipsecEncryption: props.ipsecEncryption ?? AZURE_DEFAULT_TUNNEL.ipsecEncryption,
      ipsecIntegrity: props.ipsecIntegrity ?? AZURE_DEFAULT_TUNNEL.ipsecIntegrity,
      pfsGroup: props.pfsGroup ?? AZURE_DEFAULT_TUNNEL.pfsGroup,
      saLifetime: props.saLifetimeSeconds ?? AZURE_DEFAULT_TUNNEL.phase2LifetimeSeconds,
      saDatasize: props.saDataSizeKilobytes,
    };
    const dpdTimeoutSeconds = props.dpdTimeoutSeconds ?? AZURE_DEFAULT_TUNNEL.dpdTimeoutSeconds;
    const bgpEnabled = props.bgpEnabled ?? props.peer.peerAsn !== undefined;
    this.validate(props, ikeVersion, policy, dpdTimeoutSeconds, bgpEnabled);

    const key = props.sharedKey;
    const selectors = props.trafficSelectorLocalCidrs !== undefined && props.trafficSelectorRemoteCidrs !== undefined
      ? { localAddressCidrs: props.trafficSelectorLocalCidrs, remoteAddressCidrs: props.trafficSelectorRemoteCidrs }
      : undefined;
    this.resource = new VirtualNetworkGatewayConnection(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName ?? props.gateway.resourceGroupName,
      location: props.location ?? props.gateway.location,
      type: 'IPsec',
      virtualNetworkGatewayId: props.gateway.virtualNetworkGatewayId,
      localNetworkGatewayId: props.peer.localNetworkGatewayId,
      sharedKey: key instanceof PresharedKey ? key.reveal() : key,
      connectionProtocol: ikeVersion,
      customBgpAddresses: props.customBgpPrimaryAddress !== undefined
        ? { primary: props.customBgpPrimaryAddress, secondary: props.customBgpSecondaryAddress }
        : undefined,
      ipsecPolicy: policy,
      dpdTimeoutSeconds,
      connectionMode: props.connectionMode ?? AzureConnectionMode.DEFAULT,
      usePolicyBasedTrafficSelectors: selectors !== undefined,
      trafficSelectorPolicy: selectors ? [selectors] : undefined,
      tags: props.tags,
    });
    // The BGP switch is spelled as the loaded bindings' azurerm version documents (provider-versions.ts).
    setVersionedAttribute(this.resource, azurermRowOf(this.node.path, this.resource).connectionBgpEnabled, bgpEnabled);
    this.connectionId = this.resource.id;

    // The gateway's APIPA addresses may be added after this connection: checked at synthesis
    // (a custom address on the wrong instance leaves BGP down on that tunnel).
    this.node.addValidation({ validate: () => this.customBgpAddressesOnGateway(props) });
  }

  private validate(
    props: AzureVpnConnectionProps, ikeVersion: string,
    policy: { ikeEncryption: string; ikeIntegrity: string; dhGroup: string; ipsecEncryption: string; ipsecIntegrity: string; pfsGroup: string; saLifetime: number; saDatasize?: number },
    dpdTimeoutSeconds: number, bgpEnabled: boolean,
  ): void {
    const checker = new PropsChecker(this.node.path);
    const literal = (s: string | undefined): s is string => s !== undefined && !Token.isUnresolved(s);
    const known = (n: number | undefined): n is number => n !== undefined && !Token.isUnresolved(n);

    if (literal(props.name)) checker.check('name', 'name-invalid', azureNameProblem(props.name));
    const key = props.sharedKey instanceof PresharedKey ? props.sharedKey.reveal() : props.sharedKey;
    if (literal(key)) checker.check('sharedKey', 'psk-invalid', pskProblem('azure', key));

    const ikeVersions = Object.values(FACTS.azure.spelling.ikeVersion);
    if (literal(ikeVersion) && !ikeVersions.includes(ikeVersion)) {
      checker.check('ikeVersion', 'ike-version-unknown', `${show(ikeVersion)} is not an IKE version Azure knows; allowed: ${ikeVersions.join(', ')}`);
    }
    const algorithms = [
      ['ikeEncryption', 'phase1', 'encryption'], ['ikeIntegrity', 'phase1', 'integrity'], ['dhGroup', 'phase1', 'dhGroup'],
      ['ipsecEncryption', 'phase2', 'encryption'], ['ipsecIntegrity', 'phase2', 'integrity'], ['pfsGroup', 'phase2', 'dhGroup'],
    ] as const;
    for (const [prop, phase, kind] of algorithms) {
      if (literal(policy[prop])) checker.check(prop, 'algorithm-unknown', algorithmProblem('azure', phase, kind, policy[prop]));
    }
    const { ipsecEncryption: enc, ipsecIntegrity: integ } = policy;
    if (literal(enc) && literal(integ) && (isGcm(enc) || isGcm(integ)) && enc !== integ) {
      checker.check('ipsecIntegrity', 'gcm-mismatch', `${show(integ)} does not match ipsecEncryption ${show(enc)}; allowed: with a GCM cipher, the same GCM name for both (e.g. GCMAES256 / GCMAES256), else SHA256, SHA1 or MD5`);
    }
    if (known(policy.saLifetime)) checker.check('saLifetimeSeconds', 'lifetime-out-of-range', lifetimeProblem('azure', 'phase2', policy.saLifetime));
    if (known(policy.saDatasize)) checker.check('saDataSizeKilobytes', 'lifetime-out-of-range', rangeProblem('volume lifetime', policy.saDatasize, SA_DATA_SIZE_RANGE, ' KB'));
    if (known(dpdTimeoutSeconds)) checker.check('dpdTimeoutSeconds', 'dpd-out-of-range', rangeProblem('DPD timeout', dpdTimeoutSeconds, DPD_RANGE, ' s'));

    if (bgpEnabled && props.peer.peerAsn === undefined) {
      checker.check('bgpEnabled', 'bgp-without-peer', 'is true but the peer has no BGP settings; allowed: a peer with peerAsn and bgpPeeringAddress, or bgpEnabled false');
    }
    const custom = [['customBgpPrimaryAddress', props.customBgpPrimaryAddress], ['customBgpSecondaryAddress', props.customBgpSecondaryAddress]] as const;
    for (const [prop, address] of custom) {
      if (address === undefined) continue;
      if (!bgpEnabled) checker.check(prop, 'custom-bgp-without-bgp', `${literal(address) ? show(address) : 'a value'} is set but BGP is off on this connection; allowed: custom BGP addresses only with bgpEnabled`);
      if (literal(address)) checker.check(prop, 'apipa-out-of-range', azureApipaProblem(address));
    }
    if (props.customBgpSecondaryAddress !== undefined && props.customBgpPrimaryAddress === undefined) {
      checker.check('customBgpPrimaryAddress', 'custom-bgp-incomplete', 'is missing while customBgpSecondaryAddress is set; allowed: a primary address (instance0), optionally with a secondary one (instance1)');
    }
    if (props.customBgpSecondaryAddress !== undefined && !props.gateway.activeActive) {
      checker.check('customBgpSecondaryAddress', 'custom-bgp-secondary-standby', `${literal(props.customBgpSecondaryAddress) ? show(props.customBgpSecondaryAddress) : 'a value'} is set but the gateway is active-standby (one instance); allowed: a secondary address only on an active-active gateway`);
    }

    const local = props.trafficSelectorLocalCidrs;
    const remote = props.trafficSelectorRemoteCidrs;
    if ((local === undefined) !== (remote === undefined)) {
      checker.check(local === undefined ? 'trafficSelectorLocalCidrs' : 'trafficSelectorRemoteCidrs', 'selectors-incomplete',
        'is missing while the other traffic selector list is set; allowed: both lists (policy-based selectors) or neither');
    }
    const selectorLists = [['trafficSelectorLocalCidrs', local], ['trafficSelectorRemoteCidrs', remote]] as const;
    for (const [prop, list] of selectorLists) {
      if (list === undefined || Token.isUnresolved(list)) continue;
      if (list.length === 0) checker.check(prop, 'selectors-empty', 'is empty; allowed: at least one IPv4 prefix');
      list.forEach((prefix, i) => {
        if (Token.isUnresolved(prefix)) return;
        const p = parseCidr(prefix);
        if (!p.ok) checker.check(`${prop}[${i}]`, 'cidr-malformed', `${show(prefix)} is not a valid IPv4 prefix (${p.reason})`);
      });
    }
    checker.throwIfAny();
  }

  /** Custom BGP addresses must be APIPA addresses of the instance they stand for (primary: instance0, secondary: instance1). */
  private customBgpAddressesOnGateway(props: AzureVpnConnectionProps): string[] {
    const problems: string[] = [];
    const pairs = [
      ['customBgpPrimaryAddress', props.customBgpPrimaryAddress, AzureGatewayInstance.INSTANCE_0],
      ['customBgpSecondaryAddress', props.customBgpSecondaryAddress, AzureGatewayInstance.INSTANCE_1],
    ] as const;
    for (const [prop, address, instance] of pairs) {
      if (address === undefined || Token.isUnresolved(address)) continue;
      const configured = props.gateway.apipaAddressesOf(instance);
      if (configured.some((a) => Token.isUnresolved(a))) continue;
      if (!configured.includes(address)) {
        problems.push(`${prop}: ${show(address)} is not an APIPA address of the gateway's ${instance}; allowed: ${configured.length ? configured.join(', ') : `none yet (add it to the gateway's ${instance} APIPA addresses)`}`);
      }
    }
    return problems;
  }
}
