import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const ESLINT = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** Lints `code` as if it were `file` with the project's config (in a child: the config is ESM). */
const rulesHit = async (code: string, file: string): Promise<(string | null)[]> => {
  const r = spawnSync(process.execPath, [ESLINT, '--stdin', '--stdin-filename', file, '--format', 'json'], { cwd: ROOT, input: code, encoding: 'utf8' });
  return JSON.parse(r.stdout)[0].messages.map((m: { ruleId: string | null }) => m.ruleId);
};

describe('architecture lint rules', () => {
  test.each([
    ["import { App } from 'aws-cdk-lib';", 'src/plan/x.ts'],
    ["import { Stack } from 'aws-cdk-lib/core';", 'src/plan/x.ts'],
    ["import { TerraformStack } from 'cdktf';", 'src/plan/x.ts'],
    ["import { Construct } from 'constructs';", 'src/plan/x.ts'],
    ["import { AwsVpnGateway } from '../aws';", 'src/plan/x.ts'],
    ["import { App } from 'aws-cdk-lib';", 'src/index.ts'],
    ["import { VirtualNetworkGateway } from '@cdktf/provider-azurerm';", 'src/azure/x.ts'],
    ["import { VirtualNetworkGateway } from '@cdktf/provider-azurerm';", 'examples/x.ts'],
    ["import { vpnConnection } from './generated/providers/alicloud';", 'src/alicloud/x.ts'],
  ])('rejects %s in %s', async (code, file) => {
    expect(await rulesHit(`${code}\nexport {};\n`, file)).toContain('no-restricted-imports');
  });

  test('allows submodule provider imports in cloud code', async () => {
    const code = "import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';\nexport const g = VirtualNetworkGateway;\n";
    expect(await rulesHit(code, 'src/azure/x.ts')).not.toContain('no-restricted-imports');
  });
});
