/**
 * The deployment manifest: the order in which stacks of both engines are deployed (phases), and
 * which stack output feeds which stack input. Written at synth by `CrossCloudVpn`, read by
 * `ccvpn deploy` / `ccvpn destroy`. Engine-free.
 */

import type { StackEngine } from './plan/gateway';

/** A value one stack needs from another stack of another phase. */
export interface ManifestInput {
  /** Name of the CloudFormation parameter or Terraform variable. */
  readonly name: string;
  /** The output that feeds it. */
  readonly from: { readonly stack: string; readonly output: string };
}

export interface ManifestStack {
  /** Stack name as the engine's CLI knows it (CloudFormation stack / cdktf stack). */
  readonly name: string;
  readonly engine: StackEngine;
  readonly inputs: readonly ManifestInput[];
  /** Outputs later phases read. */
  readonly outputs: readonly string[];
}

export interface ManifestPhase {
  /** From 1. */
  readonly phase: number;
  /** Why the phase exists, for people reading the manifest. */
  readonly description: string;
  readonly stacks: readonly ManifestStack[];
}

export interface DeploymentManifest {
  readonly version: 1;
  /** Cloud assembly folder of the aws-cdk-lib app, relative to the manifest. */
  readonly cdkOut?: string;
  /** Output folder of the cdktf app, relative to the manifest. */
  readonly cdktfOut?: string;
  readonly phases: readonly ManifestPhase[];
}

/** Problems of a manifest's shape: unknown stacks, inputs fed from the same or a later phase. */
export function manifestProblems(m: DeploymentManifest): string[] {
  const problems: string[] = [];
  const phaseOf = new Map<string, number>();
  const outputsOf = new Map<string, readonly string[]>();
  if (m.version !== 1 || !Array.isArray(m.phases)) return ['not a ccvpn deployment manifest (version 1 with phases)'];
  for (const p of m.phases) {
    for (const s of p.stacks) {
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
