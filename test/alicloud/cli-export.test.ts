/**
 * The reader of the Alibaba Cloud CLI's exports of an existing VPN gateway (`src/alicloud/cli-export.ts`)
 * on the documented-shape fixtures of `fixtures/cli/` (see its README): what it takes from them,
 * and one clear problem (file, JSON path, value, what is allowed) for each malformed value.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  AlicloudCliExport, AlicloudTunnelMode, AlicloudVpnGateway, alicloudGatewayAttributesFromCli, parseAlicloudGatewayExport,
} from '../../src/alicloud';
import { isCrossCloudVpnError } from '../../src/common/errors';
import { newStack } from './fixtures';

const DIR = path.join(__dirname, 'fixtures', 'cli');
const FILES = {
  vpnGateway: path.join(DIR, 'describe-vpn-gateway.json'),
  vpnConnections: path.join(DIR, 'describe-vpn-connections.json'),
  vpcs: path.join(DIR, 'describe-vpcs.json'),
};
type Doc = Record<string, unknown>;
const load = (file: string): Doc => JSON.parse(fs.readFileSync(file, 'utf8')) as Doc;

/** The good export with one document changed. */
function exportWith(change: { gateway?: (d: Doc) => void; connections?: (d: Doc) => void; vpcs?: (d: Doc) => void }): AlicloudCliExport {
  const doc = (file: string, fn?: (d: Doc) => void) => {
    const d = load(file);
    fn?.(d);
    return { file: path.basename(file), text: JSON.stringify(d) };
  };
  return {
    vpnGateway: doc(FILES.vpnGateway, change.gateway),
    vpnConnections: [doc(FILES.vpnConnections, change.connections)],
    vpcs: doc(FILES.vpcs, change.vpcs),
  };
}

/** The issues of a parse that must fail. */
function issuesOf(run: () => unknown): { path: string; code: string; message: string }[] {
  try {
    run();
  } catch (e) {
    if (isCrossCloudVpnError(e)) return e.issues.map((i) => ({ ...i, path: i.path.replace(/^\[Alibaba Cloud CLI export\] /, '') }));
    throw e;
  }
  throw new Error('expected the export to be refused');
}

const connection = (d: Doc, i: number) => ((d.VpnConnections as Doc).VpnConnection as Doc[])[i];
const tunnel = (d: Doc, i: number, j: number) => ((connection(d, i).TunnelOptionsSpecification as Doc).TunnelOptions as Doc[])[j];

describe('alicloudGatewayAttributesFromCli: the documented-shape export', () => {
  test('reads the gateway, the tunnel CIDRs and BGP addresses in use, the connection count, the shared ASN and the VPC\'s CIDRs', () => {
    // WHEN
    const attrs = alicloudGatewayAttributesFromCli(FILES);
    // THEN
    expect(attrs).toEqual({
      vpnGatewayId: 'vpn-bp1r3v1xqkl0w519gexst',
      tunnelMode: AlicloudTunnelMode.DUAL_TUNNEL,
      internetIp: '203.0.113.101',
      disasterRecoveryInternetIp: '203.0.113.102',
      bgpSupported: true,
      autoPropagateBgpRoutes: true,
      cidrs: ['10.20.0.0/16', '10.21.0.0/16'],
      asn: 65110,
      region: 'cn-hangzhou',
      inUse: { insideCidrs: ['169.254.10.0/30', '169.254.10.4/30'], insideAddresses: ['169.254.10.1', '169.254.10.5'], connections: 2 },
    });
  });

  test('the attributes import as a gateway: endpoints are the literal IPs, the site carries inUse and the ASN', () => {
    const { stack } = newStack();
    const gw = AlicloudVpnGateway.fromVpnGatewayAttributes(stack, 'Hangzhou', { ...alicloudGatewayAttributesFromCli(FILES), siteId: 'ali-hz' });
    expect(gw.endpointsKnown).toBe('gateway');
    expect([gw.endpointAddress('master'), gw.endpointAddress('slave')]).toEqual(['203.0.113.101', '203.0.113.102']);
    expect(gw.site).toMatchObject({ id: 'ali-hz', cloud: 'alicloud', gateway: 'dual-tunnel', asn: 65110, region: 'cn-hangzhou', inUse: { connections: 2 } });
  });

  test('a single-tunnel gateway (no DisasterRecoveryInternetIp) whose BGP connection uses VpnBgpConfig', () => {
    const attrs = parseAlicloudGatewayExport(exportWith({
      gateway: (d) => { delete d.DisasterRecoveryInternetIp; delete d.DisasterRecoveryVSwitchId; },
      connections: (d) => {
        d.TotalCount = 1;
        const c = connection(d, 0);
        delete c.TunnelOptionsSpecification;
        c.VpnBgpConfig = { EnableBgp: 'true', LocalAsn: 65120, LocalBgpIp: '169.254.11.1', TunnelCidr: '169.254.11.0/30', PeerAsn: 65001, Status: 'success' };
        (d.VpnConnections as Doc).VpnConnection = [c];
      },
    }));
    expect(attrs).toMatchObject({ tunnelMode: AlicloudTunnelMode.SINGLE_TUNNEL, asn: 65120, inUse: { insideCidrs: ['169.254.11.0/30'], connections: 1 } });
    expect(attrs).not.toHaveProperty('disasterRecoveryInternetIp');
  });

  test('BGP support: Tag.VpnEnableBgp "false" says unsupported even with EnableBgp true; without the tag EnableBgp decides', () => {
    const tagFalse = parseAlicloudGatewayExport(exportWith({ gateway: (d) => { d.Tag = '{"VpnEnableBgp":"false"}'; } }));
    expect(tagFalse.bgpSupported).toBe(false);
    const noTag = parseAlicloudGatewayExport(exportWith({ gateway: (d) => { delete d.Tag; d.EnableBgp = false; } }));
    expect(noTag).not.toHaveProperty('bgpSupported');
  });

  test('connections with different Alibaba-side ASNs give no ASN (the planner allocates one)', () => {
    const attrs = parseAlicloudGatewayExport(exportWith({ connections: (d) => { (tunnel(d, 0, 1).TunnelBgpConfig as Doc).LocalAsn = '65111'; } }));
    expect(attrs).not.toHaveProperty('asn');
  });

  test('options.cidrs replace the VPC\'s (and the DescribeVpcs output is then optional)', () => {
    const noVpcs = { vpnGateway: FILES.vpnGateway, vpnConnections: FILES.vpnConnections };
    expect(alicloudGatewayAttributesFromCli(noVpcs, { cidrs: ['10.20.0.0/17'] }).cidrs).toEqual(['10.20.0.0/17']);
  });

  test('several pages together holding every connection are read as one export', () => {
    const page = (n: number, i: number) => {
      const d = load(FILES.vpnConnections);
      d.PageSize = 1;
      d.PageNumber = n;
      (d.VpnConnections as Doc).VpnConnection = [connection(d, i)];
      return { file: `page${n}.json`, text: JSON.stringify(d) };
    };
    const good = exportWith({});
    const attrs = parseAlicloudGatewayExport({ ...good, vpnConnections: [page(1, 0), page(2, 1)] });
    expect(attrs.inUse).toEqual({ insideCidrs: ['169.254.10.0/30', '169.254.10.4/30'], insideAddresses: ['169.254.10.1', '169.254.10.5'], connections: 2 });
    // the same page twice is refused
    const twice = issuesOf(() => parseAlicloudGatewayExport({ ...good, vpnConnections: [page(1, 0), page(1, 0)] }));
    expect(twice.map((i) => i.code)).toEqual(expect.arrayContaining(['cli-page-duplicate', 'cli-connection-duplicate']));
  });
});

describe('alicloudGatewayAttributesFromCli: refused exports, one problem each', () => {
  test('the documentation\'s sample response (masked values) and a first page of two: every problem at once', () => {
    const issues = issuesOf(() => alicloudGatewayAttributesFromCli({
      vpnGateway: path.join(DIR, 'bad', 'describe-vpn-gateway-doc-sample.json'),
      vpnConnections: path.join(DIR, 'bad', 'describe-vpn-connections-first-page.json'),
      vpcs: FILES.vpcs,
    }));
    expect(issues.map((i) => [i.path.replace(/^.*fixtures\/cli\//, ''), i.code])).toEqual([
      ['bad/describe-vpn-gateway-doc-sample.json $.VpnGatewayId', 'cli-field-invalid'],
      ['bad/describe-vpn-gateway-doc-sample.json $.VpcId', 'cli-field-invalid'],
      ['bad/describe-vpn-gateway-doc-sample.json $.Status', 'cli-gateway-not-active'],
      ['bad/describe-vpn-gateway-doc-sample.json $.InternetIp', 'cli-field-invalid'],
      ['bad/describe-vpn-gateway-doc-sample.json $.DisasterRecoveryInternetIp', 'cli-field-invalid'],
      ['bad/describe-vpn-connections-first-page.json $.VpnConnections.VpnConnection', 'cli-page-incomplete'],
    ]);
    const page = issues.find((i) => i.code === 'cli-page-incomplete')!;
    expect(page.message).toContain('hold 2 of the gateway\'s 3 IPsec connections');
    expect(page.message).toContain('--PageSize 50');
    expect(page.message).toContain('--PageNumber 1 to --PageNumber 2');
    expect(issues.find((i) => i.path.endsWith('$.InternetIp'))!.message).toContain("'47.22.XX.XX'");
  });

  test('more than 50 connections: the message names every --PageNumber to export', () => {
    const issues = issuesOf(() => parseAlicloudGatewayExport(exportWith({ connections: (d) => { d.TotalCount = 120; } })));
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toContain('--PageSize 50 --PageNumber 1 to --PageNumber 3');
  });

  test.each<[string, { gateway?: (d: Doc) => void; connections?: (d: Doc) => void; vpcs?: (d: Doc) => void }, string, string, string]>([
    ['InternetIp missing', { gateway: (d) => { delete d.InternetIp; } }, 'describe-vpn-gateway.json $.InternetIp', 'cli-field-missing', 'is missing'],
    ['a private gateway', { gateway: (d) => { d.NetworkType = 'private'; } }, 'describe-vpn-gateway.json $.NetworkType', 'cli-gateway-private', "'private'"],
    ['IPsec-VPN off', { gateway: (d) => { d.IpsecVpn = 'disable'; } }, 'describe-vpn-gateway.json $.IpsecVpn', 'cli-ipsec-disabled', "'disable'"],
    ['a gateway being deleted', { gateway: (d) => { d.Status = 'deleting'; } }, 'describe-vpn-gateway.json $.Status', 'cli-gateway-not-active', "'deleting'"],
    ['AutoPropagate not a boolean', { gateway: (d) => { d.AutoPropagate = 'yes'; } }, 'describe-vpn-gateway.json $.AutoPropagate', 'cli-field-invalid', "'yes'"],
    ['Tag not JSON', { gateway: (d) => { d.Tag = 'VpnEnableBgp=true'; } }, 'describe-vpn-gateway.json $.Tag', 'cli-field-invalid', 'VpnEnableBgp=true'],
    ['TotalCount missing', { connections: (d) => { delete d.TotalCount; } }, 'describe-vpn-connections.json $.TotalCount', 'cli-field-missing', 'an integer'],
    ['PageSize above 50', { connections: (d) => { d.PageSize = 100; } }, 'describe-vpn-connections.json $.PageSize', 'cli-field-invalid', '1-50'],
    ['VpnConnections not a list holder', { connections: (d) => { d.VpnConnections = []; } }, 'describe-vpn-connections.json $.VpnConnections', 'cli-field-invalid', 'VpnConnection'],
    ['a connection of another gateway', { connections: (d) => { connection(d, 1).VpnGatewayId = 'vpn-bp1other000000000000'; } },
      'describe-vpn-connections.json $.VpnConnections.VpnConnection[1].VpnGatewayId', 'cli-connection-foreign', 'vpn-bp1other000000000000'],
    ['a malformed tunnel CIDR', { connections: (d) => { (tunnel(d, 0, 1).TunnelBgpConfig as Doc).TunnelCidr = '169.254.10.5/30'; } },
      'describe-vpn-connections.json $.VpnConnections.VpnConnection[0].TunnelOptionsSpecification.TunnelOptions[1].TunnelBgpConfig.TunnelCidr', 'cli-field-invalid', 'host bits'],
    ['a malformed local ASN', { connections: (d) => { (tunnel(d, 0, 0).TunnelBgpConfig as Doc).LocalAsn = '65110.5x'; } },
      'describe-vpn-connections.json $.VpnConnections.VpnConnection[0].TunnelOptionsSpecification.TunnelOptions[0].TunnelBgpConfig.LocalAsn', 'cli-field-invalid', "'65110.5x'"],
    ['a connection without id', { connections: (d) => { delete connection(d, 0).VpnConnectionId; } },
      'describe-vpn-connections.json $.VpnConnections.VpnConnection[0].VpnConnectionId', 'cli-field-missing', 'vco-'],
    ['the gateway\'s VPC not in DescribeVpcs', { vpcs: (d) => { ((d.Vpcs as Doc).Vpc as Doc[])[0].VpcId = 'vpc-bp1another0000000000'; } },
      'describe-vpcs.json $.Vpcs.Vpc', 'cli-vpc-missing', 'vpc-bp19m2yx1m5q0avyqexst'],
    ['a malformed secondary CIDR block', { vpcs: (d) => { ((d.Vpcs as Doc).Vpc as Doc[])[0].SecondaryCidrBlocks = { SecondaryCidrBlock: ['10.21.0.0/33'] }; } },
      'describe-vpcs.json $.Vpcs.Vpc[0].SecondaryCidrBlocks.SecondaryCidrBlock[0]', 'cli-field-invalid', '10.21.0.0/33'],
  ])('%s', (_what, change, where, code, shown) => {
    // GIVEN the good export with one value changed / WHEN it is parsed
    const issues = issuesOf(() => parseAlicloudGatewayExport(exportWith(change)));
    // THEN exactly one problem, naming the file and JSON path, showing the value
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: where, code });
    expect(issues[0].message).toContain(shown);
    expect(issues[0].message).toContain('allowed');
  });

  test('a file that is not JSON, and a file that cannot be read', () => {
    const good = exportWith({});
    const notJson = issuesOf(() => parseAlicloudGatewayExport({ ...good, vpnGateway: { file: 'gw.json', text: 'ERROR: InvalidAccessKeyId.NotFound' } }));
    expect(notJson).toEqual([expect.objectContaining({ path: 'gw.json $', code: 'cli-json-invalid' })]);
    const missing = issuesOf(() => alicloudGatewayAttributesFromCli({ ...FILES, vpnGateway: path.join(DIR, 'no-such-file.json') }));
    expect(missing).toEqual([expect.objectContaining({ code: 'file-unreadable' })]);
  });
});
