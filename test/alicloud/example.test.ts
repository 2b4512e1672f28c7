import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { AlicloudOnlyStack, keysFromEnvironment } from '../../examples/alicloud-only/main';
import { VpnConnection } from '../../src/alicloud/generated/cdktf/providers/alicloud/vpn-connection';
import { VpnGateway } from '../../src/alicloud/generated/cdktf/providers/alicloud/vpn-gateway';
import { synthChecked } from './fixtures';
import { expectValidAlicloud } from './schema-check';
import { ENGINE_CLI, ENGINE_VERSION } from '../lib/engine';
import '../lib/cdktf-matchers';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'alicloud-only');
const TEST_SECRET = 'test-only-master-secret-0123456789';

describe('examples/alicloud-only', () => {
  test('synthesizes the documented stack (snapshot, keys redacted)', () => {
    const stack = new AlicloudOnlyStack(Testing.app(), 'alicloud-only', { keys: { kind: 'variables' } });
    const json = JSON.parse(Testing.synth(stack));
    expect(expectValidAlicloud(json)).toBe(6);
    expect(json).toMatchSnapshot();
  });

  test('BGP over a dual-tunnel gateway toward the router: keys from sensitive variables, nothing in the source', () => {
    const stack = new AlicloudOnlyStack(Testing.app(), 'alicloud-only', { keys: keysFromEnvironment({}) });
    const synth = synthChecked(stack);
    expect(synth).toHaveResourceWithProperties(VpnGateway, { bandwidth: 10, enable_ipsec: true, enable_ssl: false, auto_propagate: true });
    expect(synth).toHaveResourceWithProperties(VpnConnection, {
      enable_tunnels_bgp: true,
      tunnel_options_specification: [
        expect.objectContaining({ role: 'master', tunnel_ike_config: expect.objectContaining({ psk: '${var.master_tunnel_psk}' }), tunnel_bgp_config: { local_asn: '64620', tunnel_cidr: '169.254.21.0/30', local_bgp_ip: '169.254.21.1' } }),
        expect.objectContaining({ role: 'slave', tunnel_ike_config: expect.objectContaining({ psk: '${var.slave_tunnel_psk}' }), tunnel_bgp_config: { local_asn: '64620', tunnel_cidr: '169.254.22.0/30', local_bgp_ip: '169.254.22.1' } }),
      ],
    });
    expect(JSON.parse(synth).variable.master_tunnel_psk).toMatchObject({ sensitive: true, type: 'string' });
    expect(Object.keys(JSON.parse(synth).output)).toEqual(['master_ip', 'slave_ip']);
  });

  test('with a master secret, derives one key per tunnel', () => {
    const keys = keysFromEnvironment({ CCVPN_MASTER_SECRET: TEST_SECRET });
    expect(keys.kind).toBe('derived');
    const synth = synthChecked(new AlicloudOnlyStack(Testing.app(), 'alicloud-only', { keys }));
    const [connection] = Object.values(JSON.parse(synth).resource.alicloud_vpn_connection) as { tunnel_options_specification: { tunnel_ike_config: { psk: string } }[] }[];
    const [master, slave] = connection.tunnel_options_specification.map((t) => t.tunnel_ike_config.psk);
    expect(master).toMatch(/^[A-Za-z][A-Za-z0-9]{39}$/);
    expect(slave).not.toBe(master);
    expect(JSON.parse(synth).variable).toBeUndefined();
  });

  test(`\`${ENGINE_CLI.name} synth\` (the real CLI, the example's cdktf.json) succeeds and its cdk.tf.json passes the schema check`, () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-alicloud-example-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, ...ENGINE_CLI.env, CHECKPOINT_DISABLE: '1', CI: '1', FORCE_COLOR: '0' };
      delete env.CCVPN_MASTER_SECRET;
      const r = spawnSync(process.execPath, [...ENGINE_CLI.args, 'synth', '--output', out], { cwd: EXAMPLE, env, encoding: 'utf8', timeout: 90_000 });
      expect({ status: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, stderr: '' });
      const file = path.join(out, 'stacks', 'alicloud-only', 'cdk.tf.json');
      const json = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(expectValidAlicloud(json)).toBe(6);
      expect(json.terraform.required_providers.alicloud).toEqual({ source: 'aliyun/alicloud', version: '1.289.0' });
      // written by the CLI's own engine (the app ran as its flavour)
      expect(json['//'].metadata.version).toBe(ENGINE_VERSION);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
