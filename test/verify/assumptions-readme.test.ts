/**
 * Every assumption a verify model can rely on is listed in the README's table, with its cloud:
 * "nothing assumed silently" holds for readers, not only in `--json`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALICLOUD_ASSUMPTIONS } from '../../src/verify/clouds/alicloud/tables';
import { AWS_ASSUMPTIONS } from '../../src/verify/clouds/aws/tables';
import { AZURE_ASSUMPTIONS } from '../../src/verify/clouds/azure/tables';
import { ROUTING_ASSUMPTIONS } from '../../src/verify/routing';
import type { Assumption } from '../../src/verify/types';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const CLOUD = { aws: 'AWS', azure: 'Azure', alicloud: 'Alibaba' };
const ALL: Assumption[] = [AWS_ASSUMPTIONS, AZURE_ASSUMPTIONS, ALICLOUD_ASSUMPTIONS, ROUTING_ASSUMPTIONS].flatMap((t) => Object.values(t) as Assumption[]);

test('ids are unique across the clouds and routing', () => {
  expect(new Set(ALL.map((a) => a.id)).size).toBe(ALL.length);
});

test.each(ALL.map((a) => [a.id, a] as const))('the README lists %s with its cloud', (id, a) => {
  expect(README).toMatch(new RegExp(`\\| \`${id}\` \\| ${CLOUD[a.cloud]} \\|`));
});
