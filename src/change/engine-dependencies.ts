/**
 * What each engine's assembly says its stacks depend on, read from a synthesized output folder:
 * `artifacts.<id>.dependencies` of the cloud assembly's `manifest.json` (CloudFormation stacks
 * only; asset manifests and other artifacts left out, ids mapped to stack names) and
 * `stacks.<name>.dependencies` of cdktf's `manifest.json`. `ccvpn deploy` builds its graph from
 * these (`deployGraph`), and `ccvpn diff` evaluates the deploy over the same graph.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DeploymentManifest } from '../manifest';
import type { EngineDependencies } from './deploy-graph';

/** The engine dependencies of an output folder, and which assemblies they were read from. */
export interface OutputEngineDependencies {
  readonly dependencies: EngineDependencies;
  /** The assembly manifests found (`cdk.out/manifest.json`, `cdktf.out/manifest.json`, relative to the folder); none: the graph has manifest inputs only. */
  readonly read: readonly string[];
}

/**
 * Reads both assemblies' dependencies; an assembly that is not there gives none (e.g. a dry run
 * before synth).
 *
 * @param readJson reads and parses one JSON file, throwing the caller's error (`what` names it)
 */
export function engineDependenciesIn(dir: string, m: Pick<DeploymentManifest, 'cdkOut' | 'cdktfOut'>, readJson: (file: string, what: string) => unknown): OutputEngineDependencies {
  const deps = new Map<string, string[]>();
  const read: string[] = [];
  const cdkManifest = path.join(m.cdkOut ?? 'cdk.out', 'manifest.json');
  if (fs.existsSync(path.join(dir, cdkManifest))) {
    read.push(cdkManifest);
    const artifacts = (readJson(path.join(dir, cdkManifest), 'cloud assembly manifest') as { artifacts?: Record<string, { type?: string; dependencies?: string[]; properties?: { stackName?: string } }> }).artifacts ?? {};
    const stacks = new Map(Object.entries(artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack').map(([id, a]) => [id, a.properties?.stackName ?? id]));
    for (const [id, a] of Object.entries(artifacts)) {
      if (stacks.has(id)) deps.set(`cdk:${stacks.get(id)}`, (a.dependencies ?? []).filter((d) => stacks.has(d)).map((d) => stacks.get(d)!));
    }
  }
  const tfManifest = path.join(m.cdktfOut ?? 'cdktf.out', 'manifest.json');
  if (fs.existsSync(path.join(dir, tfManifest))) {
    read.push(tfManifest);
    const stacks = (readJson(path.join(dir, tfManifest), 'cdktf manifest') as { stacks?: Record<string, { dependencies?: string[] }> }).stacks ?? {};
    for (const [name, s] of Object.entries(stacks)) deps.set(`cdktf:${name}`, (s.dependencies ?? []).filter((d) => typeof d === 'string'));
  }
  return { dependencies: deps, read };
}
