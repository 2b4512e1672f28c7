import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { Testing } from 'cdktf';
import { AzureOnlyStack } from '../../examples/azure-only/main';
import { AZURERM_VERSION, ENGINE, ENGINE_CLI, ENGINE_VERSION } from '../lib/engine';
import '../lib/cdktf-matchers';

const EXAMPLE_DIR = path.join(__dirname, '..', '..', 'examples', 'azure-only');

describe('examples/azure-only', () => {
  test('synthesizes the gateway, the peer and the BGP connection (snapshot, key redacted)', () => {
    // GIVEN
    const stack = new AzureOnlyStack(Testing.app(), 'azure-only');
    // WHEN
    const synth = Testing.synth(stack, true);
    // THEN
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
      shared_key: '${var.onprem_shared_key}',
      custom_bgp_addresses: { primary: '169.254.21.2', secondary: '169.254.22.2' },
    });
    expect(JSON.parse(synth).variable.onprem_shared_key.sensitive).toBe(true);
    expect(JSON.parse(synth)).toMatchSnapshot();
  });

  test(`\`${ENGINE_CLI.name} synth\` of the example (its cdktf.json) writes the gateway into cdk.tf.json`, () => {
    // GIVEN: an output folder outside the repository, no telemetry, an empty Terraform CLI config
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-azure-only-'));
    const tfrc = path.join(tmp, 'terraformrc');
    fs.writeFileSync(tfrc, '');
    try {
      // WHEN
      const run = spawnSync(process.execPath, [...ENGINE_CLI.args, 'synth', '--output', path.join(tmp, 'out')], {
        cwd: EXAMPLE_DIR,
        encoding: 'utf8',
        timeout: 90_000,
        env: { ...process.env, ...ENGINE_CLI.env, CHECKPOINT_DISABLE: '1', CI: '1', DISABLE_VERSION_CHECK: '1', TF_CLI_CONFIG_FILE: tfrc, FORCE_COLOR: '0' },
      });
      // THEN
      expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
      expect(run.stdout).toMatch(/Generated Terraform code for the stacks: azure-only/);
      const out = fs.readFileSync(path.join(tmp, 'out', 'stacks', 'azure-only', 'cdk.tf.json'), 'utf8');
      // the app ran as the CLI's own flavour: its engine version and its azurerm version
      expect([JSON.parse(out)['//'].metadata.version, JSON.parse(out).terraform.required_providers.azurerm.version]).toEqual([ENGINE_VERSION, AZURERM_VERSION]);
      // (azurerm 4.73's spelling of BGP on the gateway is `e-azurerm`'s: checked here for cdktf only)
      expect(out).toHaveResourceWithProperties(VirtualNetworkGateway, { type: 'Vpn', vpn_type: 'RouteBased', active_active: true, ...(ENGINE === 'cdktf' ? { enable_bgp: true } : {}) });
      expect(out).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, { shared_key: '${var.onprem_shared_key}' });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 90_000);
});
