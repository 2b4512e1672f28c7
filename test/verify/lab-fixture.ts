/**
 * A small lab for the harness's own tests: the BGP tunnel of the recorded AWS ⇄ Azure fixture
 * (`fixtures/aws-azure`), paired and given roles as `verify` does, ready for `runLab`
 * (7 namespaces, 6 daemons).
 * `lab-child.ts` runs it in a child process that the tests signal or kill.
 */
import * as path from 'node:path';
import { chooseRoles } from '../../src/verify';
import type { LabSiteSpec, LabTunnelSpec } from '../../src/verify/lab-plan';
import { modelDeployment, pairHalves } from '../../src/verify/models';
import { readDeployment } from '../../src/verify/read-output';

/** Sites and tunnels of the fixture deployment, as `verify` hands them to the lab. */
export function fixtureLab(): { sites: LabSiteSpec[]; tunnels: LabTunnelSpec[] } {
  const model = modelDeployment(readDeployment([path.join(__dirname, 'fixtures', 'aws-azure')]));
  const tunnels: LabTunnelSpec[] = [];
  pairHalves(model.halves).pairs.forEach((p, i) => {
    const roles = chooseRoles(p.halves);
    // The fixture's second pair mixes BGP and static routing on purpose (a failure case).
    if ('reason' in roles || p.halves.some((h) => h.problems.length) || p.halves[0].routing !== p.halves[1].routing) return;
    tunnels.push({ id: `t${i + 1}`, halves: p.halves, initiator: roles.initiator, rekeyer: roles.rekeyer });
  });
  const used = new Set(tunnels.flatMap((t) => t.halves.map((h) => h.site)));
  return { sites: model.sites.filter((s) => used.has(s.key)).map((s) => ({ key: s.key, networks: s.networks })), tunnels };
}
