// Where the `@aws/cloudformation-validate` aws-cdk-lib loads is installed: in aws-cdk-lib's own
// node_modules, or hoisted beside it. Found by looking (not `require.resolve`: inside a test file
// jest's resolver maps the package name to test/lib/cfn-validate.js).
const fs = require('node:fs');
const path = require('node:path');

const cdk = path.dirname(require.resolve('aws-cdk-lib/package.json'));
const candidates = [path.join(cdk, 'node_modules'), path.dirname(cdk)].map((d) => path.join(d, '@aws', 'cloudformation-validate'));
const found = candidates.find((d) => fs.existsSync(path.join(d, 'package.json')));
if (!found) throw new Error(`@aws/cloudformation-validate is not installed where aws-cdk-lib loads it from: looked in ${candidates.join(', ')}`);

module.exports = path.join(found, JSON.parse(fs.readFileSync(path.join(found, 'package.json'), 'utf8')).main ?? 'index.js');
