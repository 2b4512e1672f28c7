/**
 * The per-azurerm-version table (`src/azure/provider-versions.ts`) and what each engine flavour
 * emits from it: the cdktf bindings (azurerm 4.55.0) write `enable_bgp`, the CDK Terrain bindings
 * (azurerm 4.73.0) `bgp_enabled` and never the deprecated spelling; bindings of a version no row
 * covers are refused with one construct error.
 *
 * Each flavour is run as a child process (`scripts/engine-register.js`, exactly as the examples
 * and benchmarks run the cdktn flavour): jest's module registry holds one engine per worker, and
 * a child needs no jest configuration of its own, so the test holds whatever projects
 * `jest.config.js` defines.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AZURERM_VERSIONS, azurermVersionRow, supportedAzurermVersions } from '../../src/azure/provider-versions';
import { GATEWAY_PROPS } from './util';

const ROOT = path.join(__dirname, '..', '..');

/** The typings and the generator's provider version of one resource of an installed bindings package. */
function bindings(pkg: string, resource: string): { typings: string; version: string } {
  // read from the folder, not require.resolve: a cdktn jest project maps @cdktf/… to @cdktn/…
  const dir = path.join(ROOT, 'node_modules', pkg, 'lib', resource);
  const js = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
  return { typings: fs.readFileSync(path.join(dir, 'index.d.ts'), 'utf8'), version: /providerVersion: '([0-9.]+)'/.exec(js)![1] };
}

type Tf = { resource: Record<string, Record<string, Record<string, unknown>>>; terraform: { required_providers: Record<string, { version: string }> }; '//'?: { metadata?: { overrides?: unknown } } };

/** The BGP app (`fixtures/bgp-switch-app.ts`) synthesized by one engine flavour in a child process. */
function synthWith(engine: 'cdktf' | 'cdktn'): Tf {
  const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-r', './scripts/engine-register.js', 'test/azure/fixtures/bgp-switch-app.ts'], {
    cwd: ROOT, env: { ...process.env, CCVPN_ENGINE: engine }, encoding: 'utf8',
  });
  const r = JSON.parse(out) as { tf?: Tf; error?: string };
  if (!r.tf) throw new Error(`${engine}: ${r.error}`);
  return r.tf;
}
const only = (tf: Tf, type: string) => Object.values(tf.resource[type])[0];

describe('the azurerm version table', () => {
  test('its rows are contiguous ranges from 4.55.0 to before 5.0.0, each with a source', () => {
    for (let i = 1; i < AZURERM_VERSIONS.length; i++) expect(AZURERM_VERSIONS[i].since).toBe(AZURERM_VERSIONS[i - 1].until);
    expect(supportedAzurermVersions()).toBe('4.55.0 to before 5.0.0');
    for (const row of AZURERM_VERSIONS) expect(row.source).toMatch(/terraform-provider-azurerm v4\.\d+\.0 .*\.go:\d+/);
  });

  test.each([
    // GIVEN an azurerm version → THEN the gateway's and the connection's BGP switch (undefined: no row)
    ['4.55.0', 'enable_bgp'],
    ['4.61.0', 'enable_bgp'],
    ['4.62.0', 'bgp_enabled'], // the first tag with bgp_enabled
    ['4.73.0', 'bgp_enabled'],
    ['4.99.9', 'bgp_enabled'],
    ['4.54.0', undefined],
    ['5.0.0', undefined],
    ['4.73', undefined],
    ['toString', undefined],
  ])('azurerm %s: %s', (version, spelling) => {
    const row = azurermVersionRow(version);
    expect(row?.gatewayBgpEnabled).toBe(spelling);
    expect(row?.connectionBgpEnabled).toBe(spelling);
  });

  test.each([
    ['@cdktf/provider-azurerm', '4.55.0'],
    ['@cdktn/provider-azurerm', '4.73.0'],
  ])('%s is generated from azurerm %s, and its row spells the BGP switch as its typings document it', (pkg, version) => {
    for (const [dir, resource, key] of [
      ['virtual-network-gateway', 'virtual_network_gateway', 'gatewayBgpEnabled'],
      ['virtual-network-gateway-connection', 'virtual_network_gateway_connection', 'connectionBgpEnabled'],
    ] as const) {
      const b = bindings(pkg, dir);
      expect(b.version).toBe(version);
      const row = azurermVersionRow(b.version)!;
      expect(b.typings).toContain(`/${version}/docs/resources/${resource}#${row[key]} `);
      // the other spelling: absent (4.55), or present and deprecated in the row (4.73)
      const other = row[key] === 'enable_bgp' ? 'bgp_enabled' : 'enable_bgp';
      expect([b.typings.includes(`#${other} `), row.deprecated.includes(other)]).toEqual(version === '4.55.0' ? [false, false] : [true, true]);
    }
  });
});

describe('each flavour emits what its azurerm version documents', () => {
  test.each([
    // GIVEN engine → THEN required_providers version, the spelling written and the one never written
    ['cdktf', '4.55.0', 'enable_bgp', 'bgp_enabled'],
    ['cdktn', '4.73.0', 'bgp_enabled', 'enable_bgp'],
  ] as const)('%s: azurerm %s, %s on the gateway and the connection, never %s', (engine, version, spelled, never) => {
    const tf = synthWith(engine);
    expect(tf.terraform.required_providers.azurerm.version).toBe(version);
    for (const type of ['azurerm_virtual_network_gateway', 'azurerm_virtual_network_gateway_connection']) {
      expect([only(tf, type)[spelled], only(tf, type)[never]]).toEqual([true, undefined]);
    }
    // written through the bindings' typed property (enableBgp / bgpEnabled), not a raw override
    expect(tf['//']?.metadata?.overrides).toBeUndefined();
  }, 60000);
});

describe('bindings of an azurerm version no row covers', () => {
  test('a peer gateway whose bindings name azurerm 5.0.0 is refused too', () => {
    jest.isolateModules(() => {
      jest.doMock('@cdktf/provider-azurerm/lib/local-network-gateway', () => {
        const actual = jest.requireActual<typeof import('@cdktf/provider-azurerm/lib/local-network-gateway')>('@cdktf/provider-azurerm/lib/local-network-gateway');
        class OtherVersion extends actual.LocalNetworkGateway {
          constructor(...args: ConstructorParameters<typeof actual.LocalNetworkGateway>) {
            super(...args);
            (this as unknown as { terraformGeneratorMetadata: object }).terraformGeneratorMetadata = { providerName: 'azurerm', providerVersion: '5.0.0' };
          }
        }
        return { ...actual, LocalNetworkGateway: OtherVersion };
      });
      /* eslint-disable @typescript-eslint/no-require-imports -- required inside the isolated registry that holds the mocked bindings */
      const { Testing, TerraformStack } = require('cdktf') as typeof import('cdktf');
      const { AzurePeerGateway } = require('../../src/azure') as typeof import('../../src/azure');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const stack = new TerraformStack(Testing.app(), 'Test');
      expect(() => new AzurePeerGateway(stack, 'Peer', { name: 'lng', resourceGroupName: 'rg', location: 'japaneast', gatewayAddress: '203.0.113.20', cidrs: ['192.168.0.0/16'] }))
        .toThrow(/Test\/Peer.*azurerm "5\.0\.0".*allowed: azurerm 4\.55\.0 to before 5\.0\.0/);
    });
  });

  test.each(['5.0.0', '4.54.0'])('azurerm %s: one construct error naming the path, the version and the supported ones', (version) => {
    jest.isolateModules(() => {
      // GIVEN gateway bindings generated from another azurerm version
      jest.doMock('@cdktf/provider-azurerm/lib/virtual-network-gateway', () => {
        const actual = jest.requireActual<typeof import('@cdktf/provider-azurerm/lib/virtual-network-gateway')>('@cdktf/provider-azurerm/lib/virtual-network-gateway');
        class OtherVersion extends actual.VirtualNetworkGateway {
          constructor(...args: ConstructorParameters<typeof actual.VirtualNetworkGateway>) {
            super(...args);
            (this as unknown as { terraformGeneratorMetadata: object }).terraformGeneratorMetadata = { providerName: 'azurerm', providerVersion: version };
          }
        }
        return { ...actual, VirtualNetworkGateway: OtherVersion };
      });
      /* eslint-disable @typescript-eslint/no-require-imports -- required inside the isolated registry that holds the mocked bindings */
      const { Testing, TerraformStack } = require('cdktf') as typeof import('cdktf');
      const { AzureVpnGateway } = require('../../src/azure') as typeof import('../../src/azure');
      const { ValidationError } = require('../../src/common/errors') as typeof import('../../src/common/errors');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const stack = new TerraformStack(Testing.app(), 'Test');
      // WHEN a gateway is built THEN
      let error: unknown;
      try {
        new AzureVpnGateway(stack, 'Gw', GATEWAY_PROPS);
      } catch (e) {
        error = e;
      }
      expect(ValidationError.isValidationError(error)).toBe(true);
      expect((error as InstanceType<typeof ValidationError>).code).toBe('provider-version-unsupported');
      expect((error as Error).message).toContain('Test/Gw');
      expect((error as Error).message).toContain(`azurerm "${version}"`);
      expect((error as Error).message).toContain('allowed: azurerm 4.55.0 to before 5.0.0');
    });
  });
});
