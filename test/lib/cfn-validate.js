// `@aws/cloudformation-validate` as test files see it (jest.config.js maps the package here): the
// module test/lib/environment.js shares across the files of a worker, or, under any other
// environment, the package aws-cdk-lib loads.
module.exports = globalThis.__ccvpnCloudFormationValidate ?? require(require('./validator-path'));
