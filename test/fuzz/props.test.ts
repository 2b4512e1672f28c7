/**
 * Every public prop of every exported construct is checked at runtime, for JavaScript callers
 * and `as any` too: a wrong type, a non-finite or huge number, a prototype key or an over-long
 * name gets the library's `ValidationError` (construct path, field, value, what is allowed) —
 * each row here threw a `TypeError` or was accepted before.
 */
import { App as TerraformApp } from 'cdktf';
import { CrossCloudVpn, PlanError } from '../../src';
import { ValidationError } from '../../src/private/errors';
import { AlicloudSite, AwsSite, AzureSite } from '../../examples/lib/sites';
import { App } from 'aws-cdk-lib/core';
import { AwsGatewayKind } from '../../src/aws';
import * as cases from './cases';
import { checkConstruct } from './cases';
import { TEST_SECRET } from '../plan/fixtures';

/** Builds `construct` with `field` (a dotted path into its base props) set to `value`; returns the error message. */
function refusal(construct: string, field: string, value: unknown): string {
  // A mutation plan that sets exactly one field: find the slot by walking the base props.
  const { message } = refused(construct, (props) => {
    const keys = field.split('.');
    let at = props as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
    if (value === DELETE) delete at[keys[keys.length - 1]];
    else at[keys[keys.length - 1]] = value;
  });
  return message;
}
const DELETE = Symbol('delete');

function refused(construct: string, edit: (props: unknown) => void): ValidationError {
  try {
    buildWith(construct, edit);
  } catch (e) {
    if (e instanceof ValidationError) {
      // Every refusal is one issue per problem, each with a path and a stable code.
      const bad = cases.issueProblem(e);
      if (bad) throw new Error(`the ValidationError ${bad}`);
      return e;
    }
    throw new Error(`expected a ValidationError, got ${(e as Error).constructor.name}: ${(e as Error).message}`);
  }
  throw new Error('expected a ValidationError, got a construct');
}

/** Builds `construct` from the fuzzer's base props after `edit`. */
function buildWith(construct: string, edit: (props: unknown) => void): void {
  cases.buildConstruct(construct, edit);
}

describe('runtime prop checks', () => {
  test.each([
    ['AwsVpnGateway', 'cidrs', 'x', /\[Fuzz\/Gw\] cidrs: got 'x'; allowed: a list of 0-200 entries, each an IPv4 prefix/],
    ['AwsVpnGateway', 'kind', 'vpn-gateway', /kind: got 'vpn-gateway'; allowed: an AwsGatewayKind/],
    ['AwsVpnConnection', 'tunnel1.presharedKey', 'plain', /tunnel1\.presharedKey: got a string; allowed: a SecretValue/],
    ['AwsVpnConnection', 'tunnel1.dpdTimeoutSeconds', 1e20, /tunnel1\.dpdTimeoutSeconds: got 100000000000000000000; allowed: an integer in 0-2147483647 s/],
    ['AwsVpnConnection', 'tunnel2.phase1DhGroupNumbers', [NaN], /tunnel2\.phase1DhGroupNumbers\[0\]: got NaN; allowed: a finite number/],
    ['AwsVpnConnection', 'gateway', undefined, /gateway: is missing; allowed: an IAwsVpnGateway/],
    ['AwsPeerGateway', 'peerAsn', Infinity, /peerAsn: got Infinity; allowed: a finite number/],
    ['AzureVpnConnection', 'ipsecEncryption', 5, /ipsecEncryption: got 5; allowed: a string of at most 64 characters/],
    ['AzureVpnConnection', 'connectionMode', 'Sometimes', /connectionMode: got 'Sometimes'; allowed: one of 'Default', 'ResponderOnly', 'InitiatorOnly'/],
    ['AzureVpnConnection', 'sharedKey', 12345678, /sharedKey: got a number; allowed: a planner PresharedKey, or a string/],
    ['AzureVpnConnection', 'sharedKey', true, /sharedKey: got a boolean/],
    ['AzureVpnConnection', 'dpdTimeoutSeconds', 1e20, /dpdTimeoutSeconds: DPD timeout 100000000000000000000 s is out of range; allowed: 9-3600 s/],
    ['AzureVpnGateway', 'generation', 'toString', /generation: 'toString' is not a gateway generation/],
    ['AzureVpnGateway', 'sku', 'toString', /sku: 'toString' is not a VPN gateway SKU/],
    ['AzureVpnGateway', 'tags', { a: 5 }, /tags\.a: got 5; allowed: a string of at most 256 characters/],
    ['AzureVpnGateway', 'resourceGroupName', 'r'.repeat(91), /resourceGroupName: got a string of 91 characters; allowed: a string of 1-90 characters/],
    ['AzurePeerGateway', 'name', 'n'.repeat(81), /name: 'n{80}…' \(81 characters\) is not a valid Azure resource name/],
    ['AlicloudVpnGateway', 'name', 'g', /name: got a string of 1 characters; allowed: a string of 2-100 characters/],
    ['AlicloudVpnGateway', 'name', 'g'.repeat(101), /name: got a string of 101 characters/],
    // A deprecated name is checked as its new name is.
    ['AlicloudVpnGateway', 'vpnGatewayName', 'g'.repeat(101), /vpnGatewayName: got a string of 101 characters/],
    ['AlicloudVpnGateway', 'localAsn', '64620', /localAsn: got '64620'; allowed: a finite number/],
    ['AwsVpnGateway', 'amazonSideAsn', NaN, /amazonSideAsn: got NaN; allowed: a finite number/],
    ['AzureVpnGateway', 'virtualNetworkAddressSpace', '10.0.0.0/16', /virtualNetworkAddressSpace: got '10\.0\.0\.0\/16'; allowed: a list/],
    ['AzureVpnGateway', 'cidrs', DELETE, /cidrs: is missing \(or its deprecated name virtualNetworkAddressSpace\); allowed: a list/],
    ['AwsVpnConnection', 'gateway.asn', DELETE, /gateway\.asn: is missing \(or its deprecated name amazonSideAsn\)/],
    ['AlicloudVpnGateway', 'bandwidthMbps', '100', /bandwidthMbps: got '100'; allowed: a finite number/],
    ['AlicloudPeerGateway', 'name', 'c'.repeat(101), /name: got a string of 101 characters; allowed: a string of 1-100 characters/],
    ['AlicloudPeerGateway', 'customerGatewayName', 'c'.repeat(101), /customerGatewayName: got a string of 101 characters; allowed: a string of 1-100 characters/],
    ['AlicloudVpnConnection', 'masterTunnel.presharedKey', true, /masterTunnel\.presharedKey: got a boolean; allowed: a planner PresharedKey, or a string/],
    ['AlicloudVpnConnection', 'gateway.tunnelMode', 'triple', /gateway\.tunnelMode: got 'triple'; allowed: one of 'dual-tunnel', 'single-tunnel'/],
  ])('%s refuses %s = %p', (construct, field, value, message) => {
    expect(refusal(construct, field, value)).toMatch(message);
  });

  test('AzureVpnGateway.addApipaAddresses checks its arguments', () => {
    const gateway = cases.buildConstruct('AzureVpnGateway') as { addApipaAddresses: (i: unknown, a: unknown) => void };
    expect(() => gateway.addApipaAddresses('instance0', '169.254.21.5')).toThrow(/addresses: got '169\.254\.21\.5'; allowed: a list of 0-128 entries/);
    expect(() => gateway.addApipaAddresses('instance7', [])).toThrow(/instance: got 'instance7'; allowed: one of 'instance0', 'instance1'/);
  });

  test.each([
    ['transitGateway(null)', () => AwsGatewayKind.transitGateway(null as never), /kind\.options: got null; allowed: an object/],
    ['vpnGateway({ vpc: {} })', () => AwsGatewayKind.vpnGateway({ vpc: {} } as never), /kind\.options\.vpc: got \{\}; allowed: an ec2\.IVpc/],
    ['existingTransitGateway(5)', () => AwsGatewayKind.existingTransitGateway(5 as never), /kind\.transitGatewayId: got 5; allowed: a string/],
  ])('AwsVpnGateway refuses a kind made by %s from JavaScript', (_, kind, message) => {
    expect(refusal('AwsVpnGateway', 'kind', kind())).toMatch(message);
  });

  test('a key is never echoed, whatever its type', () => {
    expect(refusal('AwsVpnConnection', 'tunnel1.presharedKey', 'plain-secret-value')).not.toContain('plain-secret-value');
    expect(refusal('AzureVpnConnection', 'sharedKey', 'k'.repeat(2000))).not.toContain('kkkk');
  });

  test('props that are not an object at all', () => {
    for (const construct of cases.CONSTRUCT_NAMES) {
      expect(() => cases.buildConstruct(construct, undefined, null)).toThrow(/props: got null; allowed: an object/);
    }
  });

  test('routing factories called from JavaScript with nothing are refused by the connection', () => {
    expect(() => checkConstruct({ construct: 'AlicloudVpnConnection', mutations: [], factory: [0, undefined] })).not.toThrow();
    expect(refusal('AlicloudVpnConnection', 'routing', undefined)).toMatch(/routing: is missing/);
  });
});

/** What `fn` threw. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, got none');
}

describe('CrossCloudVpn', () => {
  function sites() {
    const tf = new TerraformApp({ outdir: '/tmp/ccvpn-unused' });
    return {
      aws: new AwsSite(new App(), 'Aws', { siteId: 'aws', cidr: '10.1.0.0/16', asn: 64512 }),
      ali: new AlicloudSite(tf, 'ali', { siteId: 'ali', cidr: '10.3.0.0/16', asn: 65100 }),
      azure: new AzureSite(tf, 'azure', { siteId: 'azure', cidr: '10.2.0.0/16', gatewaySubnet: '10.2.255.0/27', asn: 65000 }),
    };
  }

  test('one real problem is reported as 1 problem: the context line is not counted', () => {
    const s = sites();
    let error: unknown;
    try {
      new CrossCloudVpn('Mesh', { masterSecret: TEST_SECRET, links: [{ between: [s.aws.gateway, s.ali.gateway], tunnels: [{ insideCidr: '169.254.5.0/30' }] }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlanError);
    expect((error as PlanError).issues).toHaveLength(1);
    expect(cases.issueProblem(error)).toBeUndefined();
    expect((error as PlanError).message).toMatch(/^the topology has 1 problem:\n {2}- \[Mesh\] links\[0\]\.tunnels\[0\]\.insideCidr: .*\n\[Mesh\] \(sites\[0\] is Aws\/VpnGateway, sites\[1\] is ali\/VpnGateway; links\[i\] is props\.links\[i\]\)$/);
  });

  test.each([
    ['links that are not a list', { links: 'x' }, /\[Mesh\] links: got 'x'; allowed: a list/],
    ['a link end that is not a gateway', { links: [{ between: [{}, 5] }] }, /links\[0\]\.between\[0\]: got \{\}; allowed: an IVpnGateway/],
    ['a master secret that is a number', { links: [], masterSecret: 5 }, /masterSecret: got a number/],
    ['props that are null', null, /props: got null/],
  ])('refuses %s with a ValidationError', (_, props, message) => {
    expect(() => new CrossCloudVpn('Mesh', props as never)).toThrow(message);
    expect(() => new CrossCloudVpn('Mesh', props as never)).toThrow(ValidationError);
    expect(cases.issueProblem(thrownBy(() => new CrossCloudVpn('Mesh', props as never)))).toBeUndefined();
  });
});
