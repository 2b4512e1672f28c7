/**
 * The deployment manifest: the order in which stacks of both engines are deployed (phases), and
 * which stack output feeds which stack input. Written at synth by `CrossCloudVpn`, read by
 * `ccvpn deploy` / `ccvpn destroy`, and by `ccvpn diff` / `verify` (which output feeds which
 * input). Each stack names the tool that deploys it: `cdk`, `cdktf` or `cdktn`. Engine-free.
 */

import type { StackEngine } from './contract';

/** A value one stack needs from another stack of another phase. */
export interface ManifestInput {
  /** Name of the CloudFormation parameter or Terraform variable. */
  readonly name: string;
  /** The output that feeds it. */
  readonly from: {
    /** Name of the stack that declares the output (a stack of an earlier phase). */
    readonly stack: string;
    /** Name of the output, one of that stack's `outputs`. */
    readonly output: string;
  };
}

/** One stack of a phase: what it reads from earlier phases and what it publishes for later ones. */
export interface ManifestStack {
  /** Stack name as the engine's CLI knows it (CloudFormation stack / Terraform stack). */
  readonly name: string;
  /**
   * The tool that deploys the stack: `cdk` (`cdk deploy`), `cdktf` (`cdktf deploy`) or `cdktn`
   * (CDK Terrain, `cdktn deploy`), the engine the stack's gateway was built with.
   */
  readonly engine: StackEngine;
  /**
   * Values the stack reads from stacks of earlier phases, passed at deploy time as CloudFormation
   * parameters or Terraform variables.
   */
  readonly inputs: readonly ManifestInput[];
  /** Outputs later phases read. */
  readonly outputs: readonly string[];
}

/** One deployment phase: stacks that need only values of earlier phases. */
export interface ManifestPhase {
  /** Number of the phase, from 1 (`CrossCloudVpn` writes phases 1-3); phases deploy in this order. */
  readonly phase: number;
  /** Why the phase exists, for people reading the manifest. */
  readonly description: string;
  /** The stacks of the phase, deployed one after the other in this order. */
  readonly stacks: readonly ManifestStack[];
}

/**
 * The deployment manifest `CrossCloudVpn.writeManifest` writes and `ccvpn deploy` /
 * `ccvpn destroy` read: every stack of both engines, by phase, and which output feeds which input.
 */
export interface DeploymentManifest {
  /** Format version of the manifest: always 1. */
  readonly version: 1;
  /**
   * Cloud assembly folder of the aws-cdk-lib app, relative to the manifest.
   *
   * @default - `cdk.out` beside the manifest (what `ccvpn deploy` then reads)
   */
  readonly cdkOut?: string;
  /**
   * Output folder of the Terraform app (cdktf or CDK Terrain: both write the same layout,
   * `stacks/<name>/cdk.tf.json`), relative to the manifest.
   *
   * @default - `cdktf.out` beside the manifest (what `ccvpn deploy` then reads)
   */
  readonly cdktfOut?: string;
  /** The phases, in deployment order (`ccvpn destroy` runs them in reverse). */
  readonly phases: readonly ManifestPhase[];
  /**
   * How the output's derived keys were made (never the keys): `ccvpn deploy` refuses output
   * whose keys come from the published demo secret.
   *
   * @default - not recorded (a manifest written before 0.2)
   */
  readonly keys?: ManifestKeys;
}

/** How a deployment's derived keys were made. */
export interface ManifestKeys {
  /** `bound` (to `deployment`) or `unbound-v1`. */
  readonly derivation: 'bound' | 'unbound-v1';
  /**
   * The deployment name keys are bound to.
   *
   * @default - none (`unbound-v1`)
   */
  readonly deployment?: string;
  /** True when the master secret was the published demo secret: never deploy such output. */
  readonly demoSecret: boolean;
}

/** The tools a manifest may name for a stack (`ManifestStack.engine`). */
export const STACK_ENGINES: readonly StackEngine[] = ['cdk', 'cdktf', 'cdktn'];

/** Whether a stack's tool is one of the Terraform engines (its output is Terraform JSON in `cdktfOut`). */
export function isTerraformEngine(engine: StackEngine): engine is 'cdktf' | 'cdktn' {
  return engine === 'cdktf' || engine === 'cdktn';
}

/**
 * Problems of a manifest's shape: unknown tools, unknown stacks, inputs fed from the same or a
 * later phase.
 */
export function manifestProblems(m: DeploymentManifest): string[] {
  const problems: string[] = [];
  const phaseOf = new Map<string, number>();
  const outputsOf = new Map<string, readonly string[]>();
  if (m.version !== 1 || !Array.isArray(m.phases)) return ['not a ccvpn deployment manifest (version 1 with phases)'];
  for (const p of m.phases) {
    for (const s of p.stacks) {
      if (!STACK_ENGINES.includes(s.engine)) problems.push(`stack '${s.name}' has engine ${JSON.stringify(s.engine)?.slice(0, 40)}; allowed: ${STACK_ENGINES.join(', ')}`);
      if (phaseOf.has(s.name)) problems.push(`stack '${s.name}' appears in phases ${phaseOf.get(s.name)} and ${p.phase}`);
      phaseOf.set(s.name, p.phase);
      outputsOf.set(s.name, s.outputs);
    }
  }
  for (const p of m.phases) {
    for (const s of p.stacks) {
      for (const input of s.inputs) {
        const from = phaseOf.get(input.from.stack);
        if (from === undefined) problems.push(`input '${input.name}' of stack '${s.name}' reads stack '${input.from.stack}', which is in no phase`);
        else if (from >= p.phase) problems.push(`input '${input.name}' of stack '${s.name}' (phase ${p.phase}) reads stack '${input.from.stack}' of phase ${from}: it must come from an earlier phase`);
        else if (!outputsOf.get(input.from.stack)!.includes(input.from.output)) problems.push(`input '${input.name}' of stack '${s.name}' reads output '${input.from.output}', which stack '${input.from.stack}' does not declare`);
      }
    }
  }
  return problems;
}
