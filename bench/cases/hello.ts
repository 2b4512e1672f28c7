/**
 * The floor: a bare app that creates one empty aws-cdk-lib stack and one empty cdktf stack and
 * synthesizes both, loading nothing of this library. Every synth figure is compared to it.
 *
 * argv: <output folder>
 */
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib/core';
import { App as TerraformApp, TerraformStack } from 'cdktf';

const outdir = process.argv[2];
const cdk = new App({ outdir: path.join(outdir, 'cdk.out') });
new Stack(cdk, 'Hello');
cdk.synth();
const terraform = new TerraformApp({ outdir: path.join(outdir, 'cdktf.out') });
new TerraformStack(terraform, 'hello');
terraform.synth();
