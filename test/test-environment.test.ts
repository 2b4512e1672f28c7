/**
 * The jest infrastructure under every test. The environment (test/lib/environment.js) shares
 * aws-cdk-lib's template validator across the files of a jest worker: what the tests prove about
 * CloudFormation templates rests on that validation still running, with the same verdicts, in
 * every file. The sequencer (test/lib/sequencer.js) starts the slow files first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, CfnResource, Stack } from 'aws-cdk-lib/core';
import { STRICT_CONTEXT } from './aws/util';

function synth(properties: Record<string, unknown>, type = 'AWS::EC2::VPNConnection') {
  const app = new App({ context: STRICT_CONTEXT });
  const stack = new Stack(app, 'S');
  new CfnResource(stack, 'R', { type, properties });
  return () => app.synth();
}

const good = { Type: 'ipsec.1', CustomerGatewayId: 'cgw-0123456789abcdef0', VpnGatewayId: 'vgw-0123456789abcdef0' };

describe('the shared CloudFormation validator', () => {
  test('is the one the environment loaded, not a per-file copy', () => {
    const shared = (globalThis as { __ccvpnCloudFormationValidate?: unknown }).__ccvpnCloudFormationValidate;
    expect(shared).toBeDefined();
    // aws-cdk-lib's own require of the package resolves to it (jest.config.js's moduleNameMapper)
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package has no types of its own here
    expect(require('@aws/cloudformation-validate')).toBe(shared);
  });

  test('passes a valid template and rejects an invalid one, also once its engine is cached', () => {
    for (let round = 0; round < 2; round++) {
      expect(synth(good)).not.toThrow();
      expect(synth({ ...good, Tunnel: 1 })).toThrow(/ERROR Tunnel: Additional properties are not allowed \('Tunnel' was unexpected\)/);
    }
  });

  test('a template with other resource types gets their rules too (a second engine)', () => {
    expect(synth({ TopicName: 'ok' }, 'AWS::SNS::Topic')).not.toThrow();
    expect(synth({ TopicName: 42 }, 'AWS::SNS::Topic')).toThrow(/TopicName: 42 is not of type 'string'/);
  });
});

describe('the test sequencer (test/lib/sequencer.js)', () => {
  test('names only test files that exist, so a renamed slow file is not silently started late', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS module of jest's configuration
    const { TYPICAL_SECONDS, WAITING_FIRST } = require('./lib/sequencer') as { TYPICAL_SECONDS: Map<string, number>; WAITING_FIRST: string[] };
    expect(TYPICAL_SECONDS.size).toBeGreaterThan(5);
    expect(WAITING_FIRST.length).toBeGreaterThan(3);
    for (const file of [...WAITING_FIRST, ...TYPICAL_SECONDS.keys()]) expect(fs.existsSync(path.join(__dirname, file)) ? file : `missing: ${file}`).toBe(file);
  });
});
