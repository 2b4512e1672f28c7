// Lets the tests run `cdktn-cli` 0.24.0 on this machine's Node 20. The CLI declares
// `engines.node >=22.19.0`; the one newer API its `synth` reaches is
// `worker_threads.markAsUncloneable` (Node 22.10), which its bundled undici calls on its own
// objects to keep them out of `structuredClone`: no synth clones them, so a no-op stands in.
// On a Node that has it, this changes nothing. Loaded with `node -r` before the CLI only.
'use strict';
const workerThreads = require('node:worker_threads');

if (typeof workerThreads.markAsUncloneable !== 'function') workerThreads.markAsUncloneable = () => undefined;
