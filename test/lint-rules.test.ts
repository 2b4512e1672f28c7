/**
 * The architecture lint rules (eslint.config.mjs), run by the real ESLint with the project's
 * config on snippets linted as if they were the named files. All snippets are linted by one
 * child process (the config is ESM, which jest's module system cannot load), through ESLint's
 * `lintText` with each snippet's file path: the same config lookup and rules as
 * `eslint --stdin --stdin-filename <file>`, without starting ESLint once per snippet.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');

/** The rule ids ESLint reports on each `[code, file]` (in order), from one child process. */
function lintAll(cases: readonly (readonly [string, string])[]): (string | null)[][] {
  const script = [
    "const { ESLint } = require('eslint');",
    'const cases = JSON.parse(require("node:fs").readFileSync(0, "utf8"));',
    'const eslint = new ESLint({ cwd: process.cwd() });',
    '(async () => {',
    '  const out = [];',
    '  for (const [code, filePath] of cases) out.push((await eslint.lintText(code, { filePath }))[0].messages.map((m) => m.ruleId));',
    '  process.stdout.write(JSON.stringify(out));',
    '})().catch((e) => { console.error(e); process.exit(2); });',
  ].join('\n');
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, input: JSON.stringify(cases), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`eslint failed (${r.status}): ${r.stderr}`);
  const out = JSON.parse(r.stdout) as (string | null)[][];
  if (out.length !== cases.length) throw new Error(`eslint linted ${out.length} of ${cases.length} snippets`);
  return out;
}

/** Every snippet the tests below lint, registered while jest collects them, linted in `beforeAll`. */
const pending: [string, string][] = [];
let results: (string | null)[][] | undefined;
beforeAll(() => {
  results = lintAll(pending);
}, 60_000);

/** Registers `code` linted as `file` and returns a reader of the rule ids ESLint reported on it. */
function lint(code: string, file: string): () => (string | null)[] {
  const i = pending.push([code, file]) - 1;
  return () => results![i];
}

/** The table of one `test.each`, each row with the reader of its lint result appended. */
const linted = (rows: [string, string][], wrap = (c: string) => `${c}\nexport {};\n`) => rows.map(([code, file]) => [code, file, lint(wrap(code), file)] as const);

describe('architecture lint rules', () => {
  test.each(linted([
    ["import { App } from 'aws-cdk-lib';", 'src/plan/x.ts'],
    ["import { Stack } from 'aws-cdk-lib/core';", 'src/plan/x.ts'],
    ["import { TerraformStack } from 'cdktf';", 'src/plan/x.ts'],
    ["import { Construct } from 'constructs';", 'src/plan/x.ts'],
    ["import { AwsVpnGateway } from '../aws';", 'src/plan/x.ts'],
    ["import { App } from 'aws-cdk-lib/core';", 'src/index.ts'],
    // aws-cdk-lib's root brings every service's declarations into each TypeScript program.
    ["import { App } from 'aws-cdk-lib';", 'src/aws/x.ts'],
    ["import { Stack } from 'aws-cdk-lib';", 'examples/x.ts'],
    ["import { Stack } from 'aws-cdk-lib';", 'test/x.test.ts'],
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
  ]))('rejects %s in %s', (_code, _file, rulesHit) => {
    expect(rulesHit()).toContain('no-restricted-imports');
  });

  test.each(linted([
    ["import { parseCidr } from '../../../common/cidr';", 'src/verify/clouds/aws/x.ts'],
    ["import { AWS_ASSUMPTIONS } from '../aws/tables';", 'src/verify/clouds/azure/x.ts'],
    ["import { DH_KEYWORDS } from '../../models/proposals';", 'src/verify/clouds/alicloud/x.ts'],
    ["import type { DeploymentManifest } from '../manifest';", 'src/verify/x.ts'],
  ]))('verify may import %s in %s (neutral helpers and its own folders)', (_code, _file, rulesHit) => {
    expect(rulesHit()).not.toContain('no-restricted-imports');
  });

  const submodule = lint("import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';\nexport const g = VirtualNetworkGateway;\n", 'src/azure/x.ts');
  test('allows submodule provider imports in cloud code', () => {
    expect(submodule()).not.toContain('no-restricted-imports');
  });

  const cdkSubpaths = lint("import { Stack } from 'aws-cdk-lib/core';\nimport * as ec2 from 'aws-cdk-lib/aws-ec2';\nexport const s = [Stack, ec2];\n", 'src/aws/x.ts');
  test("allows aws-cdk-lib's core and service subpaths in cloud code", () => {
    expect(cdkSubpaths()).not.toContain('no-restricted-imports');
  });
});
