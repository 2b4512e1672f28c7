import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');

/** Loads a module in a fresh Node process and lists the packages it pulled in. */
function packagesLoadedBy(entry: string): string[] {
  const script = `require(${JSON.stringify(entry)});
    const mods = Object.keys(require.cache).filter((f) => f.includes('node_modules') && !f.includes('@swc'));
    const names = new Set(mods.map((f) => { const p = f.split('node_modules/').pop().split('/'); return p[0].startsWith('@') ? p[0] + '/' + p[1] : p[0]; }));
    console.log(JSON.stringify([...names]));`;
  const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

test('the root entry loads no engine (no aws-cdk-lib, cdktf, constructs or provider package)', () => {
  const loaded = packagesLoadedBy('./src/index.ts');
  for (const engine of ['aws-cdk-lib', 'cdktf', 'constructs', '@cdktf/provider-azurerm']) expect(loaded).not.toContain(engine);
  // what it does load: its two small parsing dependencies
  expect(loaded).toContain('ipaddr.js');
});
