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
    ["import { vpnConnection } from './generated/cdktf/providers/alicloud';", 'src/alicloud/x.ts'],
    // verify is an independent witness: no planner, construct or cross-cloud import at any depth.
    ["import { FACTS } from '../plan/facts';", 'src/verify/x.ts'],
    ["import { FACTS } from '../../plan/facts';", 'src/verify/models/x.ts'],
    ["import { FACTS } from '../../../plan/facts';", 'src/verify/clouds/aws/x.ts'],
    ["import { planVpn } from '../../../plan';", 'src/verify/clouds/azure/x.ts'],
    ["import { AwsVpnConnection } from '../aws';", 'src/verify/x.ts'],
    ["import { AZURE_SKUS } from '../../../azure/vpn-gateway';", 'src/verify/clouds/azure/x.ts'],
    ["import { CrossCloudVpn } from '../cross-cloud-vpn';", 'src/verify/x.ts'],
  ])('rejects %s in %s', async (code, file) => {
    expect(await rulesHit(`${code}\nexport {};\n`, file)).toContain('no-restricted-imports');
  });

  test.each([
    ["import { parseCidr } from '../../../common/cidr';", 'src/verify/clouds/aws/x.ts'],
    ["import { AWS_ASSUMPTIONS } from '../aws/tables';", 'src/verify/clouds/azure/x.ts'],
    ["import { DH_KEYWORDS } from '../../models/proposals';", 'src/verify/clouds/alicloud/x.ts'],
    ["import type { DeploymentManifest } from '../manifest';", 'src/verify/x.ts'],
  ])('verify may import %s in %s (neutral helpers and its own folders)', async (code, file) => {
    expect(await rulesHit(`${code}\nexport {};\n`, file)).not.toContain('no-restricted-imports');
  });

  test('allows submodule provider imports in cloud code', async () => {
    const code = "import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';\nexport const g = VirtualNetworkGateway;\n";
    expect(await rulesHit(code, 'src/azure/x.ts')).not.toContain('no-restricted-imports');
  });
});
