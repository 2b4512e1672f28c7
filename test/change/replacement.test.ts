/**
 * The engines' update verdicts (`src/change/replacement.ts` over the generated tables): the ones
 * the tunnels depend on, per azurerm version (v4.55.0: the cdktf flavour; v4.73.0: CDK
 * Terrain), that every attribute the examples emit has a verdict in its version's table, and
 * what `ccvpn diff` says of a move from the cdktf flavour's output to CDK Terrain's.
 *
 * Both flavours' outputs are synthesized in child processes (`test/verify/clouds/flavour-outputs.ts`):
 * one jest worker holds one engine, and so the file holds under any jest project.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diffOutputs } from '../../src/change/diff';
import { azurermTableFor } from '../../src/change/providers';
import { attributeVerdict } from '../../src/change/replacement';
import { ALICLOUD_UPDATE, AZURERM_COMMITS, AZURERM_TAGS, AZURERM_UPDATE_BY_TAG } from '../../src/change/replacement-tables.generated';
import { AZURERM_TAGS as GENERATOR_TAGS, azurerm } from '../../scripts/gen-replacement-tables';
import { cleanupFlavourOutputs, flavourOutput, flavourOutputs } from '../verify/clouds/flavour-outputs';
import { cleanupScratch, staticMeshOutput } from '../verify/mutate';

afterAll(() => {
  cleanupScratch();
  cleanupFlavourOutputs();
});

/** A Terraform stack's `terraform` block naming an azurerm version, as the bindings write it. */
const stackOf = (version?: string) => ({ terraform: { required_providers: version === undefined ? {} : { azurerm: { version, source: 'azurerm' } } } });
const V455 = stackOf('4.55.0');
const V473 = stackOf('4.73.0');

describe('update verdicts that decide whether a tunnel survives a change', () => {
  test.each([
    // GIVEN engine, type, attribute → THEN verdict
    ['cdk', 'AWS::EC2::VPNConnection', 'VpnTunnelOptionsSpecifications.PreSharedKey', 'replace'],
    ['cdk', 'AWS::EC2::VPNConnection', 'VpnTunnelOptionsSpecifications.Phase2LifetimeSeconds', 'replace'],
    ['cdk', 'AWS::EC2::VPNConnection', 'VpnTunnelOptionsSpecifications.Phase1EncryptionAlgorithms', 'replace'],
    ['cdk', 'AWS::EC2::VPNConnection', 'CustomerGatewayId', 'replace'],
    ['cdk', 'AWS::EC2::VPNConnection', 'Tags', 'in-place'],
    ['cdk', 'AWS::EC2::CustomerGateway', 'IpAddress', 'replace'],
    ['cdk', 'AWS::EC2::CustomerGateway', 'BgpAsn', 'replace'],
    ['cdk', 'AWS::EC2::VPNGateway', 'AmazonSideAsn', 'replace'],
    ['cdk', 'AWS::EC2::TransitGateway', 'AmazonSideAsn', 'replace'],
    ['cdk', 'AWS::EC2::TransitGateway', 'VpnEcmpSupport', 'in-place'],
    ['cdk', 'AWS::EC2::VPNConnectionRoute', 'DestinationCidrBlock', 'replace'],
    ['cdk', 'Custom::VpnTunnelOutsideIps', 'VpnConnectionId', 'in-place'],
    ['cdktf', 'azurerm_virtual_network_gateway_connection', 'shared_key', 'in-place'],
    ['cdktf', 'azurerm_virtual_network_gateway_connection', 'ipsec_policy.sa_lifetime', 'in-place'],
    ['cdktf', 'azurerm_virtual_network_gateway_connection', 'dpd_timeout_seconds', 'replace'],
    ['cdktf', 'azurerm_virtual_network_gateway_connection', 'connection_protocol', 'replace'],
    ['cdktf', 'azurerm_virtual_network_gateway_connection', 'local_network_gateway_id', 'in-place'],
    ['cdktf', 'azurerm_local_network_gateway', 'gateway_address', 'in-place'],
    ['cdktf', 'azurerm_local_network_gateway', 'bgp_settings.asn', 'in-place'],
    ['cdktf', 'azurerm_virtual_network_gateway', 'bgp_settings.peering_addresses.apipa_addresses', 'in-place'],
    ['cdktf', 'azurerm_virtual_network_gateway', 'ip_configuration.public_ip_address_id', 'replace'],
    ['cdktf', 'azurerm_virtual_network_gateway', 'active_active', 'in-place'],
    ['cdktf', 'azurerm_public_ip', 'zones', 'replace'],
    ['cdktf', 'alicloud_vpn_connection', 'tunnel_options_specification.tunnel_ike_config.psk', 'in-place'],
    ['cdktf', 'alicloud_vpn_connection', 'tunnel_options_specification.customer_gateway_id', 'replace'],
    ['cdktf', 'alicloud_vpn_customer_gateway', 'ip_address', 'replace'],
    ['cdktf', 'alicloud_vpn_customer_gateway', 'asn', 'replace'],
  ] as const)('%s %s %s: %s (azurerm 4.55.0 and 4.73.0 alike)', (engine, type, attr, behaviour) => {
    for (const stack of type.startsWith('azurerm_') ? [V455, V473] : [undefined]) {
      const v = attributeVerdict(engine, type, attr, { stack });
      expect(v.behaviour).toBe(behaviour);
      expect(v.source.length).toBeGreaterThan(10);
    }
  });

  test('azurerm verdicts cite the provider source at the tag of the version the stack names, file:line', () => {
    expect(AZURERM_TAGS).toEqual(['v4.55.0', 'v4.73.0']);
    expect(attributeVerdict('cdktf', 'azurerm_virtual_network_gateway_connection', 'dpd_timeout_seconds', { stack: V455 }).source)
      .toBe('terraform-provider-azurerm v4.55.0 internal/services/network/virtual_network_gateway_connection_resource.go:97');
    expect(attributeVerdict('cdktf', 'azurerm_virtual_network_gateway_connection', 'dpd_timeout_seconds', { stack: V473 }).source)
      .toBe('terraform-provider-azurerm v4.73.0 internal/services/network/virtual_network_gateway_connection_resource.go:98');
    expect(attributeVerdict('cdktf', 'azurerm_virtual_network_gateway', 'ip_configuration.subnet_id', { stack: V455 }).source).toMatch(/virtual_network_gateway_resource\.go:140$/);
  });

  test.each([
    // GIVEN the version the stack names → THEN the table that answers, and the note on the source
    ['4.55.0', 'v4.55.0', ''],
    ['4.73.0', 'v4.73.0', ''],
    ['= 4.73.0', 'v4.73.0', ''],
    ['4.65.0', 'v4.73.0', ' (nearest table for azurerm 4.65.0)'],
    ['4.50.0', 'v4.55.0', ' (nearest table for azurerm 4.50.0)'],
    ['4.80.0', 'v4.73.0', ' (nearest table for azurerm 4.80.0)'],
    ['~> 4.0', 'v4.73.0', ' (the output names no exact azurerm version: the newest table)'],
    [undefined, 'v4.73.0', ' (the output names no exact azurerm version: the newest table)'],
  ])('azurerm %s: the %s table', (version, tag, note) => {
    expect(azurermTableFor(stackOf(version)).tag).toBe(tag);
    const source = attributeVerdict('cdktf', 'azurerm_public_ip', 'zones', { stack: stackOf(version) }).source;
    expect(source.startsWith(`terraform-provider-azurerm ${tag} internal/services/network/public_ip_resource.go:`)).toBe(true);
    expect(source.endsWith(`commonschema/zones.go:55)${note}`)).toBe(true);
  });

  test('the BGP switch per version: bgp_enabled exists from v4.73.0\'s table on, one API field with enable_bgp', () => {
    // GIVEN azurerm 4.55.0: no bgp_enabled (unknown: diff treats it as a replacement); enable_bgp in place
    expect(attributeVerdict('cdktf', 'azurerm_virtual_network_gateway', 'bgp_enabled', { stack: V455 }).behaviour).toBe('unknown');
    expect(attributeVerdict('cdktf', 'azurerm_virtual_network_gateway', 'enable_bgp', { stack: V455 }))
      .toEqual({ behaviour: 'in-place', source: 'terraform-provider-azurerm v4.55.0 internal/services/network/virtual_network_gateway_resource.go:91-95' });
    // GIVEN azurerm 4.73.0: both in place, each citing the other as the same API field
    for (const [type, file, lines] of [
      ['azurerm_virtual_network_gateway', 'virtual_network_gateway_resource.go', { bgp_enabled: '667-672', enable_bgp: '659-665' }],
      ['azurerm_virtual_network_gateway_connection', 'virtual_network_gateway_connection_resource.go', { bgp_enabled: '364-369', enable_bgp: '357-363' }],
    ] as const) {
      for (const attr of ['bgp_enabled', 'enable_bgp'] as const) {
        const v = attributeVerdict('cdktf', type, attr, { stack: V473 });
        expect(v.behaviour).toBe('in-place');
        expect(v.source).toMatch(new RegExp(`^terraform-provider-azurerm v4\\.73\\.0 internal/services/network/${file.replace(/\./g, '\\.')}:${lines[attr]}; enable_bgp and bgp_enabled are one API field \\(EnableBgp\\): read sets both`));
      }
    }
  });

  test('removing an attribute the after-version\'s schema does not have is in place (the SDK drops it from the state); adding one is unknown', () => {
    const removed = attributeVerdict('cdktf', 'azurerm_virtual_network_gateway_connection', 'bgp_enabled', { stack: V455, removed: true });
    expect(removed.behaviour).toBe('in-place');
    expect(removed.source).toMatch(/v4\.55\.0 has no azurerm_virtual_network_gateway_connection\.bgp_enabled: UpgradeResourceState drops .*grpc_provider\.go:469, 522, 689-695/);
    expect(attributeVerdict('cdktf', 'azurerm_virtual_network_gateway_connection', 'bgp_enabled', { stack: V455 }).behaviour).toBe('unknown');
    // a nested attribute under no known block, or a type without a table, stays unknown
    expect(attributeVerdict('cdktf', 'azurerm_virtual_network_gateway_connection', 'not_there.x', { stack: V455, removed: true }).behaviour).toBe('unknown');
    expect(attributeVerdict('cdktf', 'azurerm_firewall', 'sku_name', { stack: V455, removed: true }).behaviour).toBe('unknown');
  });

  test('an attribute or type without metadata is unknown (diff treats it as a replacement)', () => {
    expect(attributeVerdict('cdktf', 'azurerm_virtual_network_gateway_connection', 'not_an_attribute').behaviour).toBe('unknown');
    expect(attributeVerdict('cdktf', 'google_compute_vpn_tunnel', 'shared_secret').behaviour).toBe('unknown');
    expect(attributeVerdict('cdk', 'AWS::EC2::Instance', 'ImageId').behaviour).toBe('unknown');
  });

  test('the alicloud table is constraints.json\'s forceNew, entry for entry', () => {
    const c = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'providers', 'alicloud', 'constraints.json'), 'utf8')) as { resources: Record<string, Record<string, { forceNew?: boolean; mode?: string }>> };
    let n = 0;
    for (const [type, attrs] of Object.entries(c.resources)) {
      for (const [p, a] of Object.entries(attrs)) {
        if (p === 'timeouts' || a.mode === 'computed') continue;
        expect([type, p, ALICLOUD_UPDATE[type]?.[p]]).toEqual([type, p, a.forceNew ? 'replace' : 'in-place']);
        n++;
      }
    }
    expect(n).toBeGreaterThan(100);
  });
});

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Attribute paths of a body (blocks joined with `.`, list indices dropped), skipping cdktf metadata. */
function paths(v: Json, at = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) {
    for (const x of v) if (x && typeof x === 'object' && !Array.isArray(x)) paths(x, at, out);
    return out;
  }
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (!at && (k === '//' || k === 'depends_on' || k === 'lifecycle' || k === 'provider')) continue;
      const p = at ? `${at}.${k}` : k;
      out.add(p);
      if (x && typeof x === 'object' && !/^(Ref|Fn::)/.test(Object.keys(x)[0] ?? '')) paths(x, p, out);
    }
  }
  return out;
}

/**
 * A bare clone of hashicorp/terraform-provider-azurerm with both tags (`AZURERM_GIT_DIR`, or the
 * machine's mirror): without one the regeneration cannot run and is skipped (reported as such).
 */
const AZURERM_GIT = process.env.AZURERM_GIT_DIR ?? '/work/.mirror/hashicorp+terraform-provider-azurerm/repo';
const haveAzurermGit = fs.existsSync(path.join(AZURERM_GIT, 'HEAD'));

(haveAzurermGit ? test : test.skip)('the azurerm tables are what the generator reads from each tag today (regenerate and compare)', () => {
  expect(GENERATOR_TAGS).toEqual([...AZURERM_TAGS]);
  for (const tag of AZURERM_TAGS) {
    const { commit, table } = azurerm(AZURERM_GIT, tag);
    expect([tag, commit]).toEqual([tag, AZURERM_COMMITS[tag]]);
    const generated = Object.fromEntries(Object.entries(table).map(([type, rows]) => [type, Object.fromEntries(Object.entries(rows).map(([p, r]) => [p, [r.behaviour, r.at]]))]));
    expect(generated).toEqual(AZURERM_UPDATE_BY_TAG[tag]);
  }
}, 120000);

test('every attribute every example emits, with either engine, has a verdict from its version\'s metadata (no unknowns)', () => {
  // the static mesh in-process (whichever engine this jest project runs), every example by each flavour
  const dirs = [staticMeshOutput(), ...flavourOutputs('cdktf').values(), ...flavourOutputs('cdktn').values()];
  const tags = new Set<string>();
  const unknown = new Set<string>();
  let checked = 0;
  for (const dir of dirs) {
    const cdk = path.join(dir, 'cdk.out');
    for (const f of fs.readdirSync(cdk).filter((x) => x.endsWith('.template.json'))) {
      for (const r of Object.values((JSON.parse(fs.readFileSync(path.join(cdk, f), 'utf8')) as { Resources: Record<string, { Type: string; Properties?: Json }> }).Resources)) {
        for (const p of paths(r.Properties ?? {})) {
          if (p.split('.').length > 2) continue; // CloudFormation's verdicts are per property and one level below
          checked++;
          if (attributeVerdict('cdk', r.Type, p).behaviour === 'unknown') unknown.add(`${r.Type} ${p}`);
        }
      }
    }
    const stacks = path.join(dir, 'cdktf.out', 'stacks');
    for (const s of fs.readdirSync(stacks)) {
      const body = JSON.parse(fs.readFileSync(path.join(stacks, s, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, Record<string, Json>> };
      const { tag, version } = azurermTableFor(body);
      if (JSON.stringify(body.resource ?? {}).includes('"azurerm_')) {
        expect(`v${version}`).toBe(tag); // the bindings name an exact version with a table
        tags.add(tag);
      }
      for (const [type, list] of Object.entries(body.resource ?? {})) {
        for (const r of Object.values(list)) {
          for (const p of paths(r)) {
            checked++;
            // azurerm: the attribute itself must be in the table (read from the provider source), not only a block above it.
            // A map's keys are the user's data, not schema attributes: `tags.<key>` is the `tags` attribute.
            const attr = p.startsWith('tags.') ? 'tags' : p;
            const known = type.startsWith('azurerm_') ? AZURERM_UPDATE_BY_TAG[tag][type]?.[attr] !== undefined : attributeVerdict('cdktf', type, p).behaviour !== 'unknown';
            if (!known) unknown.add(`${type} ${p}`);
          }
        }
      }
    }
  }
  expect([...unknown].sort()).toEqual([]);
  expect(checked).toBeGreaterThan(1000);
  expect([...tags].sort()).toEqual(['v4.55.0', 'v4.73.0']);
}, 300000);

describe('ccvpn diff from the cdktf flavour\'s output to CDK Terrain\'s (and back)', () => {
  test.each(['aws-azure-bgp', 'three-cloud-mesh', 'azure-alicloud-policy'])('%s: only the BGP switch changes, renamed in place; no resource replaced, no tunnel down', (example) => {
    const cdktf = flavourOutput('cdktf', example);
    const cdktn = flavourOutput('cdktn', example);
    for (const [before, after, tag, added, removed] of [
      [cdktf, cdktn, 'v4.73.0', 'bgp_enabled', 'enable_bgp'],
      [cdktn, cdktf, 'v4.55.0', 'enable_bgp', 'bgp_enabled'],
    ] as const) {
      const r = diffOutputs(before, after);
      // THEN every changed resource is a gateway or connection updated in place, only in its BGP switch
      for (const x of r.resources) {
        expect([x.key, x.action]).toEqual([x.key, 'update']);
        expect(['azurerm_virtual_network_gateway', 'azurerm_virtual_network_gateway_connection']).toContain(x.type);
        expect(x.attributes.map((a) => [a.path, a.kind, a.verdict.behaviour]).sort()).toEqual([[added, 'added', 'in-place'], [removed, 'removed', 'in-place']].sort());
        for (const a of x.attributes) expect(a.verdict.source).toContain(`terraform-provider-azurerm ${tag} `);
      }
      // a BGP example changes its switch on every gateway and BGP connection; the policy example changes enable_bgp = false ones alike
      expect(r.resources.length).toBeGreaterThan(0);
      expect(r.tunnels.every((t) => t.outage.down.length === 0)).toBe(true);
      expect(r.cutsOff).toBe(false);
    }
  }, 300000);
});
