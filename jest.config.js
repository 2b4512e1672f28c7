/**
 * Jest runs TypeScript through SWC (no type-check: `tsc --noEmit` does that separately), in two
 * projects:
 * - `cdktf`: every test, on the source as written (cdktf, azurerm 4.55.0);
 * - `cdktn`: the tests whose subject is built by a Terraform engine (the Azure and Alibaba Cloud
 *   constructs, the cross-cloud layer that wires their stacks, the example snapshots and the
 *   cross-checks of their halves, the real CLIs' synth, verify on each example's output) again,
 *   on the CDK Terrain flavour: the same source with `scripts/engine-flavours.js`'s specifier
 *   swaps as `moduleNameMapper`, and snapshots of its own in `__snapshots__/cdktn/`. Planner,
 *   verify, change and CLI tests that only read plans or synthesized files run once.
 * `npx jest --selectProjects cdktn` runs one of them.
 */
const { jestModuleNameMapper } = require('./scripts/engine-flavours');

/** Test files (relative to `test/`) that the CDK Terrain project runs too. */
const ENGINE_TESTS = [
  'azure/alarms', 'azure/cross-cloud', 'azure/example', 'azure/existing-gateway', 'azure/peer-gateway', 'azure/realise-link', 'azure/vpn-connection', 'azure/vpn-gateway',
  'alicloud/example', 'alicloud/peer-gateway', 'alicloud/realise-link', 'alicloud/vpn-connection', 'alicloud/vpn-gateway', 'alicloud/alarms',
  'cross-cloud-vpn', 'private/portable-terraform', 'private/renamed-props',
  'examples/examples', 'examples/engines',
];

/** aws-cdk-lib's template validator, shared across a worker's files (test/lib/environment.js). */
const SHARED_MODULES = { '^@aws/cloudformation-validate$': '<rootDir>/test/lib/cfn-validate.js' };

const common = {
  // scripts/test-times.js sets CCVPN_TEST_TIMES: node's environment that also records each file's time
  // node's, sharing one CloudFormation validation engine per rule set across a worker's files
  // (test/lib/environment.js); scripts/test-times.js sets CCVPN_TEST_TIMES: the same, also
  // recording each file's time
  testEnvironment: process.env.CCVPN_TEST_TIMES ? '<rootDir>/scripts/test-times-env.js' : '<rootDir>/test/lib/environment.js',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // One folder per run for outputs several files synthesize alike (test/lib/output-cache.ts).
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  snapshotSerializers: ['<rootDir>/test/redact-serializer.js'],
  testTimeout: 60000,
  moduleNameMapper: SHARED_MODULES,
};

module.exports = {
  // A global option: inside `projects` jest ignores it (the tests then time out at 5 s).
  testTimeout: 60000,
  // The slow (lab) files first, also on a fresh clone with no durations cached.
  testSequencer: '<rootDir>/test/lib/sequencer.js',
  projects: [
    { ...common, displayName: 'cdktf', testMatch: ['**/*.test.ts'], snapshotResolver: '<rootDir>/test/snapshot-resolver.js', globals: { CCVPN_JEST_ENGINE: 'cdktf' } },
    {
      ...common,
      displayName: 'cdktn',
      testMatch: ENGINE_TESTS.map((t) => `<rootDir>/test/${t}.test.ts`),
      moduleNameMapper: { ...SHARED_MODULES, ...jestModuleNameMapper('cdktn') },
      // the engine test/examples/engines.test.ts checks the mapped source reports
      globals: { CCVPN_JEST_ENGINE: 'cdktn' },
      snapshotResolver: '<rootDir>/test/snapshot-resolver-cdktn.js',
    },
  ],
};
