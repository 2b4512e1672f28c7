/**
 * `AlicloudVpnGateway.fromVpnGatewayAttributes`: an existing Alibaba Cloud VPN gateway as an
 * `IVpnGateway` — its site, its literal endpoints, the connections realised on it (bound to its
 * id, carrying the gateway record in `//.crossCloudVpn` beside cdktf's `//.metadata`), and the
 * checks of its attributes and of the links it cannot carry.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  AlicloudConnectionRouting, AlicloudPeerGateway, AlicloudTunnelMode, AlicloudVpnConnection, AlicloudVpnGateway, AlicloudVpnGatewayAttributes,
} from '../../src/alicloud';
import { isCrossCloudVpnError } from '../../src/common/errors';
import type { LinkRealisation } from '../../src/contract';
import { AlicloudLinkResources, Routing, SiteSpec, planVpn } from '../../src/plan';
import { KEY_1, KEY_2, newStack, resourcesOf, synthChecked } from './fixtures';
import { expectValidAlicloud } from './schema-check';

/**
 * The stack as \`cdktf synth\` writes it (\`Testing.synth\` drops every \`//\` key), checked against
 * the provider schema: the schema check must take the comment key.
 */
function synthWritten(stack: TerraformStack): string {
  const out = Testing.fullSynth(stack);
  const json = fs.readFileSync(path.join(out, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8');
  expectValidAlicloud(JSON.parse(json));
  return json;
}

const SECRET = 'test-only-master-secret-0123456789';

/** The parts of a synthesized `alicloud_vpn_connection` these tests read. */
interface Conn {
  readonly vpn_gateway_id: string;
  readonly enable_tunnels_bgp: boolean;
  readonly tunnel_options_specification: readonly {
    readonly tunnel_bgp_config: { readonly tunnel_cidr: string; readonly local_asn: string };
    readonly tunnel_ike_config: { readonly local_id: string };
  }[];
  readonly '//': { readonly metadata: { readonly path: string }; readonly crossCloudVpn?: { readonly gateway: Record<string, unknown> } };
}
const onlyConnection = (synth: string): Conn => Object.values(resourcesOf(synth, 'alicloud_vpn_connection'))[0] as unknown as Conn;

const ATTRS: AlicloudVpnGatewayAttributes = {
  vpnGatewayId: 'vpn-bp1r3v1xqkl0w519gexst',
  tunnelMode: AlicloudTunnelMode.DUAL_TUNNEL,
  internetIp: '203.0.113.101',
  disasterRecoveryInternetIp: '203.0.113.102',
  cidrs: ['10.20.0.0/16'],
  asn: 65110,
  bgpSupported: true,
  autoPropagateBgpRoutes: true,
  inUse: { insideCidrs: ['169.254.21.0/30', '169.254.21.4/30'], connections: 2 },
  siteId: 'ali-hz',
};

const AZURE: SiteSpec = { id: 'azure-jpe', cloud: 'azure', gateway: 'active-active', cidrs: ['192.168.0.0/16'], asn: 65000 };

/** Plans a link Azure ↔ the existing gateway and realises the Alibaba half in a fresh stack. */
function realise(attrs: Partial<AlicloudVpnGatewayAttributes> = {}, routing: Routing = 'bgp') {
  const { stack } = newStack();
  const gateway = AlicloudVpnGateway.fromVpnGatewayAttributes(stack, 'Existing', { ...ATTRS, ...attrs });
  const plan = planVpn({ sites: [AZURE, gateway.site], links: [{ id: 'l1', between: ['azure-jpe', 'ali-hz'], routing }] }, { masterSecret: SECRET });
  const gwPlan = plan.gateways.find((g) => g.site === 'ali-hz')!;
  const realisation: LinkRealisation = {
    plan, gateway: gwPlan, resources: gwPlan.links[0] as AlicloudLinkResources, tunnels: plan.tunnels,
    remoteAddress: (endpoint) => (endpoint === 'instance0' ? '198.51.100.10' : '198.51.100.11'),
  };
  return { stack, gateway, plan, run: () => gateway.realiseLink(realisation) };
}

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (e) {
    if (isCrossCloudVpnError(e)) return [...e.issues];
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('AlicloudVpnGateway.fromVpnGatewayAttributes', () => {
  test('a site with the given kind, networks, ASN and inUse; endpoints known with the gateway, as literal IPs', () => {
    const { stack } = newStack();
    const gw = AlicloudVpnGateway.fromVpnGatewayAttributes(stack, 'Existing', { ...ATTRS, region: 'cn-hangzhou', maxConnections: 40, alarms: false });
    expect(gw.site).toEqual({
      id: 'ali-hz', cloud: 'alicloud', gateway: 'dual-tunnel', cidrs: ['10.20.0.0/16'], asn: 65110, region: 'cn-hangzhou', maxConnections: 40,
      inUse: ATTRS.inUse, alarms: false,
    });
    expect(gw.endpointsKnown).toBe('gateway');
    expect(gw.endpointAddress('master')).toBe('203.0.113.101');
    expect(gw.endpointAddress('slave')).toBe('203.0.113.102');
    expect(gw.existing).toBe(true);
    expect(gw.path).toBe('Stack/Existing');
    expect(() => gw.endpointAddress('instance0')).toThrow(/endpoint 'instance0' is not an endpoint of this dual-tunnel gateway/);
    // no gateway resource: the gateway is not this app's
    expect(resourcesOf(synthChecked(stack), 'alicloud_vpn_gateway')).toEqual({});
  });

  test('the site id defaults to the construct id', () => {
    const { stack } = newStack();
    expect(AlicloudVpnGateway.fromVpnGatewayAttributes(stack, 'hz-existing', { ...ATTRS, siteId: undefined }).site.id).toBe('hz-existing');
  });

  test('its links: connections bound to the gateway id, tunnel CIDRs clear of those in use, the gateway record beside cdktf\'s metadata', () => {
    // GIVEN an existing dual-tunnel gateway whose other connections use 169.254.21.0/30 and .4/30
    const { stack, run, plan } = realise();
    // WHEN the planned BGP link is realised
    run();
    // THEN one dual-tunnel connection on the literal gateway id, with the planned tunnel CIDRs
    const synth = synthWritten(stack);
    expect(Object.values(resourcesOf(synth, 'alicloud_vpn_connection'))).toHaveLength(1);
    const conn = onlyConnection(synth);
    expect(conn.vpn_gateway_id).toBe('vpn-bp1r3v1xqkl0w519gexst');
    const cidrs = conn.tunnel_options_specification.map((t) => t.tunnel_bgp_config.tunnel_cidr);
    expect(cidrs).toEqual(plan.tunnels.filter((t) => t.ends.some((e) => e.cloud === 'alicloud')).map((t) => t.insideCidr));
    expect(conn.tunnel_options_specification.map((t) => t.tunnel_bgp_config.local_asn)).toEqual(['65110', '65110']);
    expect(conn.tunnel_options_specification.map((t) => t.tunnel_ike_config.local_id)).toEqual(['203.0.113.101', '203.0.113.102']);
    // the record of what was declared, and cdktf's own metadata kept beside it
    expect(conn['//'].metadata.path).toBe('Stack/Existing/Link-l1/conn1/Resource');
    expect(conn['//'].crossCloudVpn).toEqual({
      gateway: {
        existing: true, vpnGatewayId: 'vpn-bp1r3v1xqkl0w519gexst', tunnelMode: 'dual-tunnel', internetIp: '203.0.113.101',
        disasterRecoveryInternetIp: '203.0.113.102', asn: 65110, networks: ['10.20.0.0/16'], bgpSupported: true, autoPropagateBgpRoutes: true,
        tunnelCidrsInUse: ['169.254.21.0/30', '169.254.21.4/30'],
      },
    });
    // the customer gateways and routes are the library's; the gateway is not
    expect(Object.keys(resourcesOf(synth, 'alicloud_vpn_customer_gateway'))).toHaveLength(2);
    expect(resourcesOf(synth, 'alicloud_vpn_gateway')).toEqual({});
  });

  test('a BGP link on a gateway without BGP support, or without route propagation, is refused on the gateway', () => {
    expect(issuesOf(realise({ bgpSupported: false }).run)).toEqual([expect.objectContaining({ path: '[Stack/Existing] bgpSupported', code: 'bgp-unsupported' })]);
    expect(issuesOf(realise({ autoPropagateBgpRoutes: false }).run)).toEqual([expect.objectContaining({ path: '[Stack/Existing] autoPropagateBgpRoutes', code: 'bgp-routes-not-propagated' })]);
  });

  test('a policy link on a gateway without BGP support is built', () => {
    const { stack, run } = realise({ bgpSupported: false }, 'policy');
    run();
    const conn = onlyConnection(synthWritten(stack));
    expect(conn.enable_tunnels_bgp).toBe(false);
    expect(conn['//'].crossCloudVpn!.gateway.bgpSupported).toBe(false);
  });

  test.each<[string, Partial<AlicloudVpnGatewayAttributes>, string, string]>([
    ['a masked id from the documentation', { vpnGatewayId: 'vpn-bp1r3v1xqkl0w519g****' }, 'vpnGatewayId', 'gateway-id-invalid'],
    ['an unknown tunnel mode', { tunnelMode: 'triple' as AlicloudTunnelMode }, 'tunnelMode', 'prop-invalid'],
    ['a masked IP', { internetIp: '47.22.XX.XX' }, 'internetIp', 'ip-address-invalid'],
    ['dual-tunnel without a second IP', { disasterRecoveryInternetIp: undefined }, 'disasterRecoveryInternetIp', 'ip-address-missing'],
    ['single-tunnel with a second IP', { tunnelMode: AlicloudTunnelMode.SINGLE_TUNNEL }, 'disasterRecoveryInternetIp', 'ip-address-unused'],
    ['the same IP twice', { disasterRecoveryInternetIp: '203.0.113.101' }, 'disasterRecoveryInternetIp', 'ip-address-duplicate'],
    ['no networks', { cidrs: [] }, 'cidrs', 'cidrs-missing'],
    ['a network with host bits', { cidrs: ['10.20.0.1/16'] }, 'cidrs[0]', 'cidr-invalid'],
    ['Alibaba Cloud\'s own ASN range refused', { asn: 0 }, 'asn', 'asn-invalid'],
    ['a malformed tunnel CIDR in use', { inUse: { insideCidrs: ['169.254.21.1/30'] } }, 'inUse.insideCidrs[0]', 'cidr-invalid'],
    ['a malformed BGP address in use', { inUse: { insideAddresses: ['169.254.21.300'] } }, 'inUse.insideAddresses[0]', 'ip-address-invalid'],
    ['a negative connection count', { inUse: { connections: -1 } }, 'inUse.connections', 'connections-invalid'],
    ['a connection limit of 0', { maxConnections: 0 }, 'maxConnections', 'max-connections-invalid'],
  ])('refuses %s with one clear error', (_what, change, field, code) => {
    const { stack } = newStack();
    const issues = issuesOf(() => AlicloudVpnGateway.fromVpnGatewayAttributes(stack, 'Existing', { ...ATTRS, ...change }));
    expect(issues).toEqual([expect.objectContaining({ path: `[Stack/Existing] ${field}`, code })]);
  });

  test('refuses tokens: an existing gateway\'s attributes are literals', () => {
    const { stack } = newStack();
    const token = new TerraformVariable(stack, 'ip', { type: 'string' }).stringValue;
    const issues = issuesOf(() => AlicloudVpnGateway.fromVpnGatewayAttributes(stack, 'Existing', { ...ATTRS, internetIp: token }));
    expect(issues).toEqual([expect.objectContaining({ path: '[Stack/Existing] internetIp', code: 'attribute-token' })]);
  });
});

describe('AlicloudVpnConnection on a plain-object existing gateway', () => {
  function connect(gateway: Record<string, unknown>, tunnelCidrs: [string, string] = ['169.254.30.0/30', '169.254.30.4/30']) {
    const { stack } = newStack();
    const peer = new AlicloudPeerGateway(stack, 'Router', { ipAddress: '198.51.100.30', peerAsn: 65030 });
    return {
      stack,
      build: () => new AlicloudVpnConnection(stack, 'Connection', {
        gateway: { vpnGatewayId: 'vpn-bp1plain0000000000001', tunnelMode: AlicloudTunnelMode.DUAL_TUNNEL, ...gateway },
        routing: AlicloudConnectionRouting.bgp({ localAsn: 65110 }),
        masterTunnel: { peer, presharedKey: KEY_1, tunnelCidr: tunnelCidrs[0] },
        slaveTunnel: { peer, presharedKey: KEY_2, tunnelCidr: tunnelCidrs[1] },
      }),
    };
  }

  test('records the gateway as declared (keys absent when not declared)', () => {
    const { stack, build } = connect({ internetIp: '203.0.113.120' });
    build();
    const conn = onlyConnection(synthWritten(stack));
    expect(conn['//'].crossCloudVpn!.gateway).toEqual({
      existing: true, vpnGatewayId: 'vpn-bp1plain0000000000001', tunnelMode: 'dual-tunnel', internetIp: '203.0.113.120', networks: [], tunnelCidrsInUse: [],
    });
  });

  test('refuses a tunnel CIDR the gateway\'s other connections use, BGP on a gateway without BGP support or route propagation', () => {
    expect(issuesOf(connect({ tunnelCidrsInUse: ['169.254.30.4/30'] }).build))
      .toEqual([expect.objectContaining({ path: '[Stack/Connection] slaveTunnel.tunnelCidr', code: 'tunnel-cidr-in-use' })]);
    expect(issuesOf(connect({ bgpSupported: false, autoPropagateBgpRoutes: false }).build).map((i) => i.code))
      .toEqual(['bgp-unsupported', 'bgp-routes-not-propagated']);
  });

  test('a new gateway\'s connections carry no record', () => {
    const { stack } = newStack();
    const gateway = new AlicloudVpnGateway(stack, 'Gateway', {
      vpcId: 'vpc-x', vswitchId: 'vsw-a', disasterRecoveryVswitchId: 'vsw-b', bandwidthMbps: 100, cidrs: ['10.0.0.0/16'],
    });
    const peer = new AlicloudPeerGateway(stack, 'Router', { ipAddress: '198.51.100.30' });
    new AlicloudVpnConnection(stack, 'Connection', {
      gateway, routing: AlicloudConnectionRouting.destination({ destinations: ['192.168.0.0/16'] }),
      masterTunnel: { peer, presharedKey: KEY_1 }, slaveTunnel: { peer, presharedKey: KEY_2 },
    });
    const conn = onlyConnection(synthWritten(stack));
    expect(conn['//'].metadata).toBeDefined();
    expect(conn['//']).not.toHaveProperty('crossCloudVpn');
  });
});
