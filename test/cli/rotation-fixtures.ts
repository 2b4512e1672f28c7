/** The topology of the rotation and staged-deploy tests. */
import type { LinkSpec, Topology } from '../../src/plan';

/** AWS ↔ Azure active-active (minimal layout: 2 active, 2 idle tunnels) and Azure ↔ Alibaba dual-tunnel (2 active). */
export function rotationTopology(awsAzure: Partial<LinkSpec> = {}): Topology {
  return {
    sites: [
      { id: 'aws', cloud: 'aws', cidrs: ['10.1.0.0/16'] },
      { id: 'azure', cloud: 'azure', cidrs: ['10.2.0.0/16'] },
      { id: 'ali', cloud: 'alicloud', cidrs: ['10.3.0.0/16'] },
    ],
    links: [{ between: ['aws', 'azure'], layout: 'minimal', ...awsAzure }, { between: ['azure', 'ali'], routing: 'static' }],
  };
}
