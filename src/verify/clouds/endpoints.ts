/**
 * The registry of endpoint rules, one leaf per cloud (`clouds/<cloud>/endpoints.ts`): the data
 * the resolver needs about clouds, kept apart from the verify registry (`clouds/index.ts`), whose
 * extractors import the resolver.
 */
import type { Cloud } from '../types';
import type { EndpointRules } from './endpoint-rules';
import { ALICLOUD_ENDPOINTS } from './alicloud/endpoints';
import { AWS_ENDPOINTS } from './aws/endpoints';
import { AZURE_ENDPOINTS } from './azure/endpoints';

export const ENDPOINT_RULES: Readonly<Record<Cloud, EndpointRules>> = {
  aws: AWS_ENDPOINTS,
  azure: AZURE_ENDPOINTS,
  alicloud: ALICLOUD_ENDPOINTS,
};
