/**
 * Alibaba Cloud only, no planner: a VPC in Frankfurt (eu-central-1) with two vSwitches in two
 * zones, a dual-tunnel VPN gateway, and one BGP IPsec connection (master + slave tunnel) to an
 * on-premises router at 203.0.113.30 with ASN 65030.
 *
 * Routing: BGP. The Alibaba Cloud side uses ASN 64620; the tunnels' inside /30s are
 * 169.254.21.0/30 (master) and 169.254.22.0/30 (slave), Alibaba Cloud on the first host (.1),
 * the router on the second (.2). The gateway advertises the learned routes to the VPC
 * (`auto_propagate`). Every IKE/IPsec setting is written explicitly (IKEv2, main mode, AES-256,
 * SHA-256, DH group 14, 28800 s / 3600 s, PFS group 14); Alibaba Cloud starts negotiating as soon
 * as the connection exists.
 *
 * The router connects both of its tunnels to the gateway's two public IPs (stack outputs
 * `master_ip` and `slave_ip`); both tunnels use the same customer gateway.
 *
 * Pre-shared keys:
 * - by default, the sensitive Terraform variables `master_tunnel_psk` and `slave_tunnel_psk`
 *   (`TF_VAR_master_tunnel_psk=... cdktf deploy`): the source and cdk.tf.json hold no key;
 * - with `CCVPN_MASTER_SECRET` set, keys derived from it per tunnel, as the planner derives them.
 *   These are written into cdk.tf.json in plain text.
 * Either way the Terraform state holds the keys (the provider does not mark `psk` sensitive).
 *
 * Run: cd examples/alicloud-only && npx cdktf synth   (cdktf.json runs this file)
 */
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import {
  AlicloudConnectionRouting, AlicloudPeerGateway, AlicloudVpnConnection, AlicloudVpnGateway, provider, vpc, vswitch,
} from '../../src/alicloud';
import { MASTER_SECRET_ENV, PresharedKey, deriveKey } from '../../src/plan';

/** Where the tunnels' keys come from. */
export type KeySource = { readonly kind: 'variables' } | { readonly kind: 'derived'; readonly masterSecret: string };

export interface AlicloudOnlyStackProps {
  readonly keys: KeySource;
}

export class AlicloudOnlyStack extends TerraformStack {
  public readonly gateway: AlicloudVpnGateway;
  public readonly connection: AlicloudVpnConnection;

  constructor(scope: Construct, id: string, props: AlicloudOnlyStackProps) {
    super(scope, id);
    new provider.AlicloudProvider(this, 'alicloud', { region: 'eu-central-1' });

    const network = new vpc.Vpc(this, 'Vpc', { vpcName: 'cross-cloud-vpn', cidrBlock: '10.0.0.0/16' });
    const zoneA = new vswitch.Vswitch(this, 'VswitchA', { vpcId: network.id, cidrBlock: '10.0.1.0/24', zoneId: 'eu-central-1a', vswitchName: 'vpn-a' });
    const zoneB = new vswitch.Vswitch(this, 'VswitchB', { vpcId: network.id, cidrBlock: '10.0.2.0/24', zoneId: 'eu-central-1b', vswitchName: 'vpn-b' });

    this.gateway = new AlicloudVpnGateway(this, 'VpnGateway', {
      vpcId: network.id,
      cidrs: ['10.0.0.0/16'],
      vswitchId: zoneA.id,
      disasterRecoveryVswitchId: zoneB.id,
      bandwidthMbps: 10,
      asn: 64620,
      name: 'cross-cloud-vpn',
    });
    const router = new AlicloudPeerGateway(this, 'OnPremRouter', { ipAddress: '203.0.113.30', peerAsn: 65030, name: 'on-prem-router' });

    const keys = props.keys;
    const key = (tunnel: 'master' | 'slave') => (keys.kind === 'variables'
      ? new TerraformVariable(this, `${tunnel}_tunnel_psk`, { type: 'string', sensitive: true, description: `Pre-shared key of the ${tunnel} tunnel` }).stringValue
      : new PresharedKey(deriveKey(keys.masterSecret, `alicloud-only/${tunnel}`, { deployment: 'alicloud-only' }), 'derived'));

    this.connection = new AlicloudVpnConnection(this, 'OnPremConnection', {
      gateway: this.gateway,
      routing: AlicloudConnectionRouting.bgp(),
      masterTunnel: { peer: router, presharedKey: key('master'), tunnelCidr: '169.254.21.0/30' },
      slaveTunnel: { peer: router, presharedKey: key('slave'), tunnelCidr: '169.254.22.0/30' },
      vpnConnectionName: 'on-prem',
    });

    new TerraformOutput(this, 'master_ip', { value: this.gateway.internetIp, description: 'Public IP of the master tunnel (tunnel 1)' });
    new TerraformOutput(this, 'slave_ip', { value: this.gateway.disasterRecoveryInternetIp, description: 'Public IP of the slave tunnel (tunnel 2)' });
  }
}

/** The key source from the environment: derived when a master secret is set, else Terraform variables. */
export function keysFromEnvironment(env: NodeJS.ProcessEnv): KeySource {
  const masterSecret = env[MASTER_SECRET_ENV];
  return masterSecret ? { kind: 'derived', masterSecret } : { kind: 'variables' };
}

if (require.main === module) {
  const app = new App();
  new AlicloudOnlyStack(app, 'alicloud-only', { keys: keysFromEnvironment(process.env) });
  app.synth();
}
