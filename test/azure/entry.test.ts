import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

test('the azure entry loads its six provider submodules, never the provider barrel or aws-cdk-lib', () => {
  const script = `require('./src/azure');
    const files = Object.keys(require.cache).filter((f) => f.includes('node_modules'));
    console.log(JSON.stringify({
      azurerm: files.filter((f) => f.includes('@cdktf/provider-azurerm/')).map((f) => f.split('@cdktf/provider-azurerm/')[1]).sort(),
      awsCdk: files.some((f) => f.includes('/aws-cdk-lib/')),
    }));`;
  const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({
    azurerm: [
      'lib/local-network-gateway/index.js', 'lib/monitor-metric-alert/index.js', 'lib/public-ip/index.js', 'lib/subnet/index.js',
      'lib/virtual-network-gateway-connection/index.js', 'lib/virtual-network-gateway/index.js',
    ],
    awsCdk: false,
  });
});
