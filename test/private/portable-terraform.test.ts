/**
 * Synthesized Terraform is portable: no path of the synth machine in any stack, so the output
 * deploys from another checkout or a CI runner with the same state files.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib/core';
import { App as TerraformApp, S3Backend, TerraformStack, Testing } from 'cdktf';
import { CrossCloudVpn, MASTER_SECRET_ENV } from '../../src';
import { synthExample } from '../../examples/lib/example-apps';
import { threeCloudMesh } from '../../examples/three-cloud-mesh';
import { AwsSite, AzureSite } from '../../examples/lib/sites';
import { TEST_SECRET } from '../plan/fixtures';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

function terraformFiles(manifest: string): Map<string, string> {
  const stacks = path.join(path.dirname(manifest), 'cdktf.out', 'stacks');
  return new Map(fs.readdirSync(stacks).sort().map((s) => [s, fs.readFileSync(path.join(stacks, s, 'cdk.tf.json'), 'utf8')]));
}

test('two synths of the three-cloud mesh in different folders (and working directories) give byte-identical Terraform JSON', () => {
  // GIVEN two unrelated folders, synthesized from different working directories
  const saved = { cwd: process.cwd(), secret: process.env[MASTER_SECRET_ENV] };
  process.env[MASTER_SECRET_ENV] = TEST_SECRET;
  const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const outputs: Map<string, string>[] = [];
  try {
    for (const name of ['first-checkout', 'second/checkout']) {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-portable-'));
      roots.push(root);
      fs.mkdirSync(path.join(root, name), { recursive: true });
      process.chdir(path.join(root, name));
      outputs.push(terraformFiles(synthExample('mesh', (apps) => threeCloudMesh(apps), path.join(root, name)).manifest));
    }
  } finally {
    process.chdir(saved.cwd);
    quiet.mockRestore();
    if (saved.secret === undefined) delete process.env[MASTER_SECRET_ENV];
    else process.env[MASTER_SECRET_ENV] = saved.secret;
  }
  // THEN
  const [a, b] = outputs;
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [stack, text] of a) {
    expect({ stack, text: b.get(stack) === text ? 'identical' : 'differs' }).toEqual({ stack, text: 'identical' });
    expect(text).not.toContain(os.tmpdir());
    const body = JSON.parse(text);
    expect(body.terraform.backend.local.path).toBe(`../../../terraform.${stack}.tfstate`);
    for (const ds of Object.values<{ config: { path: string } }>(body.data?.terraform_remote_state ?? {})) {
      expect(ds.config.path).toMatch(/^\.\.\/\.\.\/\.\.\/terraform\.[\w-]+\.tfstate$/);
    }
  }
}, 120_000);

function awsAzure(configure?: (azure: TerraformStack) => void) {
  const cdk = new App();
  const tf = Testing.app();
  const aws = new AwsSite(cdk, 'Aws', { siteId: 'aws', cidr: '10.1.0.0/16', asn: 64512 });
  const azure = new AzureSite(tf as TerraformApp, 'azure', { siteId: 'azure', cidr: '10.2.0.0/16', gatewaySubnet: '10.2.255.0/27', asn: 65000 });
  configure?.(azure);
  return { aws, azure, tf };
}

test('a gateway stack with a remote backend: its link stacks need terraformBackend, said before anything is synthesized', () => {
  const { aws, azure } = awsAzure((stack) => new S3Backend(stack, { bucket: 'state', key: 'azure.tfstate', region: 'eu-west-1' }));
  expect(() => new CrossCloudVpn('Mesh', { masterSecret: TEST_SECRET, links: [{ between: [aws.gateway, azure.gateway] }] }))
    .toThrow(/\[azure\] the stack uses a 's3' backend, so its link stack azure-links-3 needs one too: pass terraformBackend to CrossCloudVpn/);
});

test('terraformBackend configures every link stack once', () => {
  const { aws, azure, tf } = awsAzure((stack) => new S3Backend(stack, { bucket: 'state', key: 'azure.tfstate', region: 'eu-west-1' }));
  new CrossCloudVpn('Mesh', {
    masterSecret: TEST_SECRET,
    links: [{ between: [aws.gateway, azure.gateway] }],
    terraformBackend: (stack) => new S3Backend(stack as TerraformStack, { bucket: 'state', key: `${(stack as TerraformStack).node.id}.tfstate`, region: 'eu-west-1' }),
  });
  const link = tf.node.findChild('azure-links-3') as TerraformStack;
  const body = JSON.parse(Testing.synth(link));
  expect(body.terraform.backend).toEqual({ s3: { bucket: 'state', key: 'azure-links-3.tfstate', region: 'eu-west-1' } });
});
