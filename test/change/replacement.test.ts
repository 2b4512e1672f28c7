/**
 * The engines' update verdicts (`src/change/replacement.ts` over the generated tables): the ones
 * the tunnels depend on, and that every attribute the examples emit has a verdict.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXAMPLES } from '../../examples';
import { attributeVerdict } from '../../src/change/replacement';
import { ALICLOUD_UPDATE, AZURERM_UPDATE, AZURERM_VERSION } from '../../src/change/replacement-tables.generated';
import { cleanupScratch, exampleOutput, staticMeshOutput } from '../verify/mutate';

afterAll(cleanupScratch);

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
  ] as const)('%s %s %s: %s', (engine, type, attr, behaviour) => {
    const v = attributeVerdict(engine, type, attr);
    expect(v.behaviour).toBe(behaviour);
    expect(v.source.length).toBeGreaterThan(10);
  });

  test('azurerm verdicts cite the provider source at the pinned tag, file:line', () => {
    expect(AZURERM_VERSION).toBe('v4.55.0');
    expect(attributeVerdict('cdktf', 'azurerm_virtual_network_gateway_connection', 'dpd_timeout_seconds').source)
      .toBe('terraform-provider-azurerm v4.55.0 internal/services/network/virtual_network_gateway_connection_resource.go:97');
    expect(attributeVerdict('cdktf', 'azurerm_virtual_network_gateway', 'ip_configuration.subnet_id').source).toMatch(/virtual_network_gateway_resource\.go:140$/);
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

test('every attribute every example emits has a verdict from the engine metadata (no unknowns)', () => {
  const dirs = [...EXAMPLES.map((e) => exampleOutput(e.name)), staticMeshOutput()];
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
      for (const [type, list] of Object.entries(body.resource ?? {})) {
        for (const r of Object.values(list)) {
          for (const p of paths(r)) {
            checked++;
            // azurerm: the attribute itself must be in the table (read from the provider source), not only a block above it.
            const known = type.startsWith('azurerm_') ? AZURERM_UPDATE[type]?.[p] !== undefined : attributeVerdict('cdktf', type, p).behaviour !== 'unknown';
            if (!known) unknown.add(`${type} ${p}`);
          }
        }
      }
    }
  }
  expect([...unknown].sort()).toEqual([]);
  expect(checked).toBeGreaterThan(1000);
}, 300000);
