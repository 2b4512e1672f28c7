// Lint rules that keep the architecture honest (see ../shared/DESIGN.md):
// - the planning core (src/plan) imports no engine;
// - giant packages are imported by submodule, never through their barrel or root.
import tseslint from 'typescript-eslint';

const providerBarrels = {
  paths: [
    { name: '@cdktf/provider-azurerm', message: 'Import the resource submodule (@cdktf/provider-azurerm/lib/<resource>): the barrel costs ~1.5 s and ~400 MB.' },
    { name: '@cdktf/provider-aws', message: 'Import the resource submodule (@cdktf/provider-aws/lib/<resource>): the barrel is huge.' },
    // At run time the root loads services lazily, but its declarations do not: one import of it
    // puts every service's (~960 K lines, against ~210 K for core and the services used here)
    // into each TypeScript program that reads the file: tsc, TypeDoc, the API-docs check, and
    // through the emitted .d.ts users' own builds.
    { name: 'aws-cdk-lib', message: "Import aws-cdk-lib/core (App, Stack, Token, ...) or the service's submodule (aws-cdk-lib/aws-ec2): the root's declarations are ~960 K lines, loaded into every TypeScript program that reads this file and, through its .d.ts, users' programs." },
  ],
};

// The generated Alibaba Cloud bindings are imported by submodule too, never through their index.
const generatedIndex = {
  regex: 'generated/cdkt[fn]/providers/alicloud(/index|/lazy-index)?$',
  message: 'Import the resource submodule (./generated/<engine>/providers/alicloud/<resource>), not the index.',
};

// verify is an independent witness: nothing from the planner, the constructs or the cross-cloud
// layer; `up` is the relative path from the linted file up to src/.
const verifyIndependence = (up) => ({
  group: ['plan', 'aws', 'azure', 'alicloud', 'private', 'cross-cloud-vpn', 'index'].flatMap((d) => [`${up}/${d}`, `${up}/${d}/*`]),
  message: 'verify is an independent witness: its tables come from the clouds\' documentation and the providers\' source, never from the planner or the constructs. Neutral helpers live in src/common.',
});

export default tseslint.config(
  { ignores: ['lib/**', 'node_modules/**', 'cdk.out/**', 'cdktf.out/**', '**/*.js', '**/*.mjs', 'src/alicloud/generated/**', '.gen/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { ...providerBarrels, patterns: [generatedIndex] }],
    },
  },
  {
    files: ['src/plan/**/*.ts', 'src/index.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        ...providerBarrels,
        patterns: [generatedIndex, {
          group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'cdktf', 'cdktf/*', 'constructs', '@cdktf/*', '../aws/*', '../azure/*', '../alicloud/*', '../aws', '../azure', '../alicloud', './aws', './azure', './alicloud', './aws/*', './azure/*', './alicloud/*'],
          message: 'The planning core and the root entry stay engine-free: no aws-cdk-lib, cdktf, constructs or provider imports.',
        }],
      }],
    },
  },
  {
    // The cloud profiles of the planning core (src/plan/clouds): the registry imports its sibling
    // profiles (./aws.ts, ...); the construct folders are two levels up from here.
    files: ['src/plan/clouds/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        ...providerBarrels,
        patterns: [generatedIndex, {
          group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'cdktf', 'cdktf/*', 'constructs', '@cdktf/*', '../../aws', '../../azure', '../../alicloud', '../../aws/*', '../../azure/*', '../../alicloud/*'],
          message: 'The planning core stays engine-free: no aws-cdk-lib, cdktf, constructs or provider imports, nothing of the construct folders.',
        }],
      }],
    },
  },
  {
    // verify is an independent witness: its per-cloud tables come from the clouds' documentation
    // and the providers' source, never from the planner or the constructs (a shared mistake must
    // not pass both). Neutral helpers (CIDR parsing, the key wrapper) live in src/common.
    files: ['src/verify/*.ts'],
    rules: { 'no-restricted-imports': ['error', { ...providerBarrels, patterns: [generatedIndex, verifyIndependence('..')] }] },
  },
  {
    files: ['src/verify/*/*.ts'],
    rules: { 'no-restricted-imports': ['error', { ...providerBarrels, patterns: [generatedIndex, verifyIndependence('../..')] }] },
  },
  {
    files: ['src/verify/*/*/*.ts'],
    rules: { 'no-restricted-imports': ['error', { ...providerBarrels, patterns: [generatedIndex, verifyIndependence('../../..')] }] },
  },
  {
    // The benchmark's naive version imports the provider barrels on purpose: it is the baseline
    // the real constructs are measured against. Its load probe requires entries by name.
    files: ['bench/naive/**/*.ts', 'bench/cases/load.ts'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
