import { LocalNetworkGateway } from '@cdktf/provider-azurerm/lib/local-network-gateway';
import { TerraformStack, Testing } from 'cdktf';
import { CrossCloudVpn } from '../../src/cross-cloud-vpn';
import { AzureVpnGateway } from '../../src/azure';
import type { IVpnGateway, LinkRealisation } from '../../src/contract';
import { TEST_SECRET } from '../plan/fixtures';
import { GATEWAY_PROPS, resourcesOf, testStack } from './util';
import { ENGINE } from '../lib/engine';
import '../lib/cdktf-matchers';

/** An AWS gateway of another app (engine `cdk`), recording what it is asked for. */
function fakeAwsGateway() {
  const realised: LinkRealisation[] = [];
  const gateway: IVpnGateway = {
    site: { id: 'aws-tokyo', cloud: 'aws', cidrs: ['10.10.0.0/16'] },
    path: 'AwsApp/AwsStack/Gw',
    endpointsKnown: 'link',
    deployment: {
      engine: 'cdk',
      app: {},
      stackName: 'AwsStack',
      linkStack: (phase) => ({ stackName: `AwsStack-links-${phase}`, phase, scope: undefined, importValue: (name) => ({ name, value: `{param ${name}}` }) }),
      exportEndpoint: (endpoint) => ({ stack: 'AwsStack-links-2', output: `Out${endpoint.replace(/[^A-Za-z0-9]/g, '')}` }),
    },
    endpointAddress: (endpoint) => `{aws ${endpoint}}`,
    realiseLink: (r) => {
      realised.push(r);
      // as the AWS half does: one customer gateway per Azure instance, at its public IP
      if (r.resources.cloud === 'aws') for (const cgw of r.resources.customerGateways) r.remoteAddress(cgw.remote.endpoint);
    },
  };
  return { gateway, realised };
}

describe('AzureVpnGateway with CrossCloudVpn', () => {
  test('builds its half facing AWS in a phase 3 link stack, reading the AWS outside IPs from variables', () => {
    // GIVEN
    const stack = testStack('Azure');
    const azure = new AzureVpnGateway(stack, 'Gw', { ...GATEWAY_PROPS, siteId: 'azure-east' });
    const aws = fakeAwsGateway();
    // WHEN
    const vpn = new CrossCloudVpn('Vpn', { links: [{ between: [aws.gateway, azure] }], masterSecret: TEST_SECRET });
    // THEN
    const linkStack = stack.node.scope!.node.findChild('Azure-links-3') as TerraformStack;
    const synth = Testing.synth(linkStack);
    const lngs = Object.values(resourcesOf(synth, 'azurerm_local_network_gateway'));
    expect(lngs).toHaveLength(4);
    for (const lng of lngs) expect(lng.gateway_address).toMatch(/^\$\{var\.aws-tokyo_/);
    expect(Object.keys(JSON.parse(synth).variable)).toHaveLength(4);
    expect(synth).toHaveResourceWithProperties(LocalNetworkGateway, { bgp_settings: expect.objectContaining({ asn: vpn.plan.gateways.find((g) => g.cloud === 'aws')!.asn }) });
    // the AWS half was asked for the Azure IPs through the Azure stack's outputs
    expect(aws.realised).toHaveLength(1);
    const manifest = vpn.manifest();
    expect(manifest.phases[0].stacks).toContainEqual(expect.objectContaining({ name: 'Azure', engine: ENGINE, outputs: ['endpoint_instance0', 'endpoint_instance1'] }));
    expect(manifest.phases.find((p) => p.phase === 3)!.stacks).toEqual([expect.objectContaining({ name: 'Azure-links-3', engine: ENGINE })]);
    expect(Testing.synth(stack)).toContain('"endpoint_instance0"');
  });
});
