import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/** Loads a module in a fresh Node process and lists the packages and generated bindings it pulled in. */
function loadedBy(entry: string): { packages: string[]; bindings: string[] } {
  const script = `require(${JSON.stringify(entry)});
    const files = Object.keys(require.cache);
    const packages = new Set(files.filter((f) => f.includes('node_modules') && !f.includes('@swc')).map((f) => { const p = f.split('node_modules/').pop().split('/'); return p[0].startsWith('@') ? p[0] + '/' + p[1] : p[0]; }));
    const bindings = files.filter((f) => f.includes('/generated/cdktf/providers/alicloud/')).map((f) => f.split('/generated/cdktf/providers/alicloud/').pop()).sort();
    console.log(JSON.stringify({ packages: [...packages], bindings }));`;
  const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

test('the alicloud entry loads cdktf and the binding submodules it uses, never aws-cdk-lib, azurerm or the bindings barrel', () => {
  const { packages, bindings } = loadedBy('./src/alicloud/index.ts');
  expect(packages).toEqual(expect.arrayContaining(['cdktf', 'constructs']));
  for (const other of ['aws-cdk-lib', '@cdktf/provider-azurerm']) expect(packages).not.toContain(other);
  expect(bindings).toEqual([
    'cms-alarm/index.ts', 'provider/index.ts', 'vpc/index.ts', 'vpn-connection/index.ts', 'vpn-customer-gateway/index.ts',
    'vpn-gateway/index.ts', 'vpn-pbr-route-entry/index.ts', 'vpn-route-entry/index.ts', 'vswitch/index.ts',
  ]);
});
