/**
 * Loading synthesized output: finds the stacks of a CDK cloud assembly (`*.template.json`, with
 * construct paths from its `tree.json` and stack names from its `manifest.json`) and of a cdktf
 * output folder (`stacks/<name>/cdk.tf.json`), and the deployment manifest
 * (`ccvpn.manifest.json`) beside or above them. Values are returned as written: following
 * references is `resolve.ts`'s work.
 *
 * Folders accepted: a manifest folder (its `cdkOut` / `cdktfOut` are read), an engine folder
 * (the manifest is looked up in it and in its parent), a single cdktf stack folder (`cdk.tf.json`),
 * or a parent of several examples' folders (`cdk.out` / `cdktf.out` one level down).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StackEngine } from '../../contract';
import type { DeploymentManifest } from '../../manifest';

/** A JSON value as read. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object as read. */
export type Obj = { [key: string]: Json };

/** Whether a JSON value is an object (not null, not an array). */
export const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One synthesized stack. */
export interface StackDoc {
  /**
   * The stack's format: `cdk` (a CloudFormation template) or `cdktf` (Terraform JSON, as both
   * cdktf and CDK Terrain write it: the same `stacks/<name>/cdk.tf.json` layout and blocks).
   */
  readonly engine: 'cdk' | 'cdktf';
  /** Stack name as the engine's CLI (and the manifest) knows it. */
  readonly name: string;
  readonly file: string;
  readonly body: Obj;
  /** CloudFormation: construct path per logical id (from the cloud assembly's tree.json). */
  readonly paths?: ReadonlyMap<string, string>;
}

/**
 * The format of the stacks a manifest's tool deploys (`ManifestStack.engine` → `StackDoc.engine`):
 * CDK Terrain's output is cdktf's (compared on every example: only `//.metadata.version`, the
 * provider versions the flavour pins and JSON whitespace differ), so both read as `cdktf`.
 */
export function stackFormat(engine: StackEngine): StackDoc['engine'] {
  return engine === 'cdk' ? 'cdk' : 'cdktf';
}

/** What `loadStacks` found. */
export interface LoadedStacks {
  readonly stacks: StackDoc[];
  readonly manifest?: DeploymentManifest;
  /** Folders that are not folders, or hold no stack. */
  readonly warnings: string[];
}

const MANIFEST_FILE = 'ccvpn.manifest.json';

/** Finds the stacks (and the deployment manifest) in the given folders. */
export function loadStacks(folders: readonly string[]): LoadedStacks {
  const stacks: StackDoc[] = [];
  const warnings: string[] = [];
  let manifest: DeploymentManifest | undefined;
  const seenDirs = new Set<string>();
  const visit = (dir: string) => {
    const abs = path.resolve(dir);
    if (seenDirs.has(abs)) return;
    seenDirs.add(abs);
    if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
      warnings.push(`${dir}: not a folder`);
      return;
    }
    const manifestHere = [path.join(abs, MANIFEST_FILE), path.join(path.dirname(abs), MANIFEST_FILE)].find((f) => fs.existsSync(f));
    if (manifestHere && !manifest) {
      manifest = JSON.parse(fs.readFileSync(manifestHere, 'utf8')) as DeploymentManifest;
      const base = path.dirname(manifestHere);
      // A manifest folder given directly: read the engines' folders it names.
      if (path.resolve(base) === abs) {
        for (const sub of [manifest.cdkOut, manifest.cdktfOut]) if (sub) visit(path.join(base, sub));
      }
    }
    let found = false;
    const tree = constructPaths(abs);
    for (const entry of fs.readdirSync(abs).sort()) {
      if (entry.endsWith('.template.json')) {
        found = true;
        const artifact = entry.replace(/\.template\.json$/, '');
        const body = readJson(path.join(abs, entry));
        stacks.push({ engine: 'cdk', name: cdkStackName(abs, entry), file: path.join(abs, entry), body, paths: pathsOf(body, tree.get(artifact)) });
      }
    }
    const tfStacks = path.join(abs, 'stacks');
    if (fs.existsSync(tfStacks) && fs.statSync(tfStacks).isDirectory()) {
      for (const name of fs.readdirSync(tfStacks).sort()) {
        const file = path.join(tfStacks, name, 'cdk.tf.json');
        if (!fs.existsSync(file)) continue;
        found = true;
        const body = readJson(file);
        const meta = (body['//'] as Obj | undefined)?.metadata as Obj | undefined;
        stacks.push({ engine: 'cdktf', name: typeof meta?.stackName === 'string' ? meta.stackName : name, file, body });
      }
    }
    if (fs.existsSync(path.join(abs, 'cdk.tf.json'))) {
      found = true;
      stacks.push({ engine: 'cdktf', name: path.basename(abs), file: path.join(abs, 'cdk.tf.json'), body: readJson(path.join(abs, 'cdk.tf.json')) });
    }
    if (!found && !manifestHere) {
      // A parent of several examples' folders: look one level down for cdk.out / cdktf.out.
      for (const sub of ['cdk.out', 'cdktf.out']) if (fs.existsSync(path.join(abs, sub))) visit(path.join(abs, sub));
    }
  };
  for (const f of folders) visit(f);
  if (!stacks.length) warnings.push(`no synthesized stacks found in ${folders.join(', ')} (expected *.template.json or stacks/<name>/cdk.tf.json)`);
  return { stacks, manifest, warnings };
}

/**
 * Construct paths of CloudFormation resources per stack, from the cloud assembly's tree.json,
 * keyed by the human part of the logical id aws-cdk-lib derives from the path (path components
 * below the stack, without `Resource`/`Default`, alphanumerics only).
 */
function constructPaths(dir: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const file = path.join(dir, 'tree.json');
  if (!fs.existsSync(file)) return out;
  const walk = (node: Json) => {
    if (!isObj(node)) return;
    const attrs = node.attributes;
    if (isObj(attrs) && typeof attrs['aws:cdk:cloudformation:type'] === 'string' && typeof node.path === 'string') {
      const [stack, ...rest] = node.path.split('/');
      const human = rest.filter((x) => x !== 'Resource' && x !== 'Default').map((x) => x.replace(/[^A-Za-z0-9]/g, '')).join('');
      if (!out.has(stack)) out.set(stack, new Map());
      out.get(stack)!.set(human, node.path);
    }
    if (isObj(node.children)) Object.values(node.children).forEach(walk);
  };
  try {
    walk(readJson(file).tree);
  } catch {
    // no usable tree: labels fall back to logical ids
  }
  return out;
}

function pathsOf(body: Obj, byHuman: Map<string, string> | undefined): Map<string, string> | undefined {
  if (!byHuman) return undefined;
  const out = new Map<string, string>();
  for (const id of Object.keys((body.Resources as Obj | undefined) ?? {})) {
    const p = byHuman.get(id.replace(/[0-9A-F]{8}$/, '')) ?? byHuman.get(id);
    if (p) out.set(id, p);
  }
  return out;
}

function readJson(file: string): Obj {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Obj;
}

/** A template's stack name: the cloud assembly manifest's `stackName`, else the artifact id. */
function cdkStackName(dir: string, templateFile: string): string {
  const artifact = templateFile.replace(/\.template\.json$/, '');
  try {
    const m = readJson(path.join(dir, 'manifest.json'));
    const a = (m.artifacts as Obj | undefined)?.[artifact] as Obj | undefined;
    const props = a?.properties as Obj | undefined;
    if (typeof props?.stackName === 'string') return props.stackName;
    if (typeof a?.displayName === 'string' && !a.displayName.includes('/')) return a.displayName;
  } catch {
    // no manifest: the artifact id is the stack name
  }
  return artifact;
}
