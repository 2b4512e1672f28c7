import type { LinkSpec, SiteSpec, Topology } from '../../src/plan';

/** A master secret for tests only (never a real one). */
export const TEST_SECRET = 'test-only-master-secret-0123456789';

export const awsSite: SiteSpec = { id: 'aws-tokyo', cloud: 'aws', cidrs: ['10.10.0.0/16'] };
export const azureSite: SiteSpec = { id: 'azure-east', cloud: 'azure', cidrs: ['10.20.0.0/16'] };
export const aliSite: SiteSpec = { id: 'ali-hz', cloud: 'alicloud', cidrs: ['10.30.0.0/16'] };

export function topo(sites: SiteSpec[], links: LinkSpec[]): Topology {
  return { sites, links };
}

/** The three-cloud mesh of the examples. */
export const mesh: Topology = topo([awsSite, azureSite, aliSite], [
  { between: ['aws-tokyo', 'azure-east'] },
  { between: ['azure-east', 'ali-hz'], routing: 'policy' },
  { between: ['aws-tokyo', 'ali-hz'] },
]);
