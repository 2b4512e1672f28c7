/**
 * Runs the fixture lab (`lab-fixture.ts`) with the run id given as the first argument, so a test
 * can signal or kill this process at a chosen moment and look for what the lab left behind.
 * Phases are announced on stderr (`CCVPN_VERIFY_TIMING=1` lines of the harness); the verdict
 * is printed on stdout as `lab done: <up>/<tunnels> up`.
 *
 *   node -r @swc-node/register test/verify/lab-child.ts <run id>
 */
import { runLab } from '../../src/verify/harness';
import { fixtureLab } from './lab-fixture';

async function main(): Promise<void> {
  process.env.CCVPN_VERIFY_TIMING = '1';
  const { sites, tunnels } = fixtureLab();
  const run = await runLab(sites, tunnels, { runId: process.argv[2] });
  const up = [...run.outcomes.values()].filter((o) => !o.failure).length;
  process.stdout.write(`lab done: ${up}/${tunnels.length} up\n`);
}

main().catch((e) => {
  process.stderr.write(`lab-child failed: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
