/**
 * `npm run example`: synthesizes every example into `out/<example>/` — CloudFormation templates
 * in `cdk.out/*.template.json`, Terraform JSON in `cdktf.out/stacks/<name>/cdk.tf.json`, and the
 * deployment manifest `ccvpn.manifest.json` — and prints each plan.
 */
import { EXAMPLES } from './index';
import { main } from './lib/example-apps';

for (const example of EXAMPLES) main(example.name, example.define);
