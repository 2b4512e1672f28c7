/**
 * The Terraform engine the running jest project builds the source with (jest.config.js): `cdktf`
 * in the default project, `cdktn` in the CDK Terrain one, read from the engine package that
 * `src/private/cdktf.ts` actually loads. Tests that name the engine (the manifest's tool, the CLI
 * they run) take it from here, so one test file checks both flavours.
 */
import * as path from 'node:path';
import { version } from 'cdktf/package.json';
import { ENGINE } from '../../src/private/cdktf';

export { ENGINE };

/** The engine package's version (`//.metadata.version` of every stack it writes). */
export const ENGINE_VERSION: string = version;

/** The azurerm provider version each flavour's bindings pin (`@cdktf/provider-azurerm` 14.23.1, `@cdktn/provider-azurerm` 16.1.0). */
export const AZURERM_VERSION: string = ENGINE === 'cdktn' ? '4.73.0' : '4.55.0';

const ROOT = path.join(__dirname, '..', '..');

/**
 * The engine's own CLI: `node <args> synth …` runs its bundled entry with this node (cdktn's with
 * `cdktn-cli-node20.js` first: it wants Node 22), and `env` makes the app `cdktf.json` starts run
 * as the same flavour (its `app` loads `scripts/engine-register.js`).
 */
export const ENGINE_CLI: { readonly name: string; readonly args: readonly string[]; readonly env: Readonly<Record<string, string>> } = ENGINE === 'cdktn'
  ? { name: 'cdktn', args: ['-r', path.join(__dirname, 'cdktn-cli-node20.js'), path.join(ROOT, 'node_modules', 'cdktn-cli', 'bundle', 'bin', 'cdktn.js')], env: { CCVPN_ENGINE: 'cdktn' } }
  : { name: 'cdktf', args: [path.join(ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf')], env: { CCVPN_ENGINE: 'cdktf' } };
