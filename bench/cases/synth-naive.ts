/**
 * Synthesizes the three-cloud mesh written the naive way (`bench/naive/`: provider barrels), with
 * the same runner as the examples.
 *
 * argv: <output root>
 */
import { synthExample } from '../../examples/lib/example-apps';
import { naiveThreeCloudMesh } from '../naive/three-cloud-mesh';

synthExample('naive-three-cloud-mesh', naiveThreeCloudMesh, process.argv[2]);
