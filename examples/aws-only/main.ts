/**
 * AWS only, no planner: a VPC with a virtual private gateway and one BGP VPN connection (two
 * tunnels) to an on-premises router at 203.0.113.12 with ASN 65010.
 *
 * Every tunnel option is written explicitly (IKEv2, AES-256, SHA2-256, DH 14, 28800 s / 3600 s,
 * AWS initiates); the stack outputs the two tunnels' outside IPs for the router's configuration.
 *
 * Pre-shared keys:
 * - by default, dynamic references to the Secrets Manager secret `cross-cloud-vpn/aws-only`
 *   (JSON fields `tunnel1` and `tunnel2`, created beforehand): the template holds no key;
 * - with `CCVPN_MASTER_SECRET` set, keys derived from it per tunnel, as the planner derives them.
 *   These are written into the template in plain text (the synth prints a warning).
 *
 * Run: npx cdk synth --app "node -r @swc-node/register examples/aws-only/main.ts"
 */
import { App, SecretValue, Stack, StackProps } from 'aws-cdk-lib/core';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { AwsGatewayKind, AwsPeerGateway, AwsVpnConnection, AwsVpnGateway } from '../../src/aws';
import { MASTER_SECRET_ENV, PresharedKey, deriveKey } from '../../src/plan';

/** Where the tunnels' keys come from. */
export type KeySource = { readonly kind: 'secrets-manager'; readonly secretName: string } | { readonly kind: 'derived'; readonly masterSecret: string };

export interface AwsOnlyStackProps extends StackProps {
  readonly keys: KeySource;
}

export class AwsOnlyStack extends Stack {
  public readonly connection: AwsVpnConnection;

  constructor(scope: Construct, id: string, props: AwsOnlyStackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('10.10.0.0/16'), maxAzs: 2, natGateways: 1 });
    const gateway = new AwsVpnGateway(this, 'VpnGateway', {
      kind: AwsGatewayKind.vpnGateway({ vpc }),
      asn: 64600,
    });
    const router = new AwsPeerGateway(this, 'OnPremRouter', { ipAddress: '203.0.113.12', peerAsn: 65010 });

    const keys = props.keys;
    const key = (tunnel: 'tunnel1' | 'tunnel2') => (keys.kind === 'secrets-manager'
      ? SecretValue.secretsManager(keys.secretName, { jsonField: tunnel })
      : new PresharedKey(deriveKey(keys.masterSecret, `aws-only/${tunnel}`, { deployment: 'aws-only' }), 'derived'));

    this.connection = new AwsVpnConnection(this, 'OnPremConnection', {
      gateway,
      peer: router,
      tunnel1: { presharedKey: key('tunnel1'), insideCidr: '169.254.10.0/30' },
      tunnel2: { presharedKey: key('tunnel2'), insideCidr: '169.254.10.4/30' },
    });
  }
}

/** The key source from the environment: derived when a master secret is set, else Secrets Manager. */
export function keysFromEnvironment(env: NodeJS.ProcessEnv): KeySource {
  const masterSecret = env[MASTER_SECRET_ENV];
  return masterSecret ? { kind: 'derived', masterSecret } : { kind: 'secrets-manager', secretName: 'cross-cloud-vpn/aws-only' };
}

if (require.main === module) {
  const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
  new AwsOnlyStack(app, 'AwsOnlyVpn', { keys: keysFromEnvironment(process.env) });
  app.synth();
}
