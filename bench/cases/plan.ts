/**
 * Planning time: the three-cloud mesh and the 100-gateway topology of `bench/plan.bench.ts`,
 * each planned several times in this process; prints the median milliseconds as JSON.
 */
import * as path from 'node:path';
import { readTopology } from '../../src/cli/topology-file';
import { hundredGateways, timePlan } from '../plan.bench';

const mesh = timePlan(readTopology(path.join(__dirname, '..', '..', 'examples', 'topologies', 'three-cloud-mesh.yaml')), 21);
const big = timePlan(hundredGateways(), 7);
process.stdout.write(`${JSON.stringify({ meshMs: mesh.medianMs, bigMs: big.medianMs, bigTunnels: big.tunnels })}\n`);
