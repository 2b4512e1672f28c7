/**
 * AWS as verify sees it: its line of the registry (`../index.ts`), bundling its extraction,
 * model, acceptance rules and routing (each in this folder, with its sources).
 */
import type { VerifyCloud } from '../../cloud';
import { acceptAws } from './accept';
import { type AwsParts, extractAws } from './extract';
import { awsHalves } from './model';
import { AWS_ROUTING_ASSUMPTIONS, awsRouting } from './routing';

export type { AwsParts, AwsConnectionRes, AwsGatewayRes, AwsTunnelRes } from './extract';

/** AWS: CloudFormation output, endpoints in 192.0.2.0/24 (RFC 5737 TEST-NET-1). */
export const AWS_VERIFY: VerifyCloud<AwsParts> = {
  id: 'aws',
  name: 'AWS',
  engine: 'cdk',
  pool: (192 << 24) | (0 << 16) | (2 << 8),
  carriers: ['AWS::EC2::VPNConnection', 'AWS::EC2::CustomerGateway', 'AWS::EC2::VPNGateway', 'AWS::EC2::TransitGateway'],
  extract: (x) => ({ aws: extractAws(x) }),
  referenced: (d) => d.aws.map((c) => c.customerGateway.address),
  halves: (d, r) => d.aws.flatMap((c) => awsHalves(c, d, r)),
  sites: (d) => d.aws.map((c) => ({ key: c.gateway.key, cloud: 'aws', label: c.gateway.label, asn: c.gateway.asn, networks: c.gateway.networks, networksSource: c.gateway.networksSource })),
  accept: acceptAws,
  routing: awsRouting,
  routingAssumptions: AWS_ROUTING_ASSUMPTIONS,
};
