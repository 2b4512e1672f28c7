/**
 * The options of one AWS VPN tunnel: the public struct, its defaults, the checks (the same ones
 * the planner applies, from `src/plan/checks.ts`) and the rendering into CloudFormation's
 * `VpnTunnelOptionsSpecifications` entry, with every option written explicitly.
 */
import { SecretValue, Stack, Token, Lazy } from 'aws-cdk-lib/core';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { IConstruct } from 'constructs';
import {
  AWS_DEFAULT_TUNNEL, FACTS, IntRange, PresharedKey, algorithmProblem, insideCidrProblem, lifetimeProblem, parseCidr, pskProblem, rangeProblem, show,
} from '../plan';
import type { PropsChecker } from '../private/errors';

/**
 * What AWS does when dead peer detection times out (`DPDTimeoutAction`).
 *
 * @see https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
 */
export enum AwsDpdTimeoutAction {
  /** End the IKE session and the tunnel; the peer must initiate again (AWS's own default). */
  CLEAR = 'clear',
  /** Take no action. */
  NONE = 'none',
  /** Restart IKE negotiation from the AWS side. */
  RESTART = 'restart',
}

/**
 * Who starts IKE negotiation (`StartupAction`).
 *
 * @see https://docs.aws.amazon.com/vpn/latest/s2svpn/initiate-vpn-tunnels.html
 */
export enum AwsStartupAction {
  /** The peer must initiate (AWS's own default). */
  ADD = 'add',
  /** AWS initiates. IKEv2 only. */
  START = 'start',
}

/**
 * The options of one tunnel of an AWS VPN connection.
 *
 * Only the pre-shared key and the inside CIDR have no default. Every other option has a strong
 * default and is written into the template explicitly, so AWS never falls back to its own
 * permissive defaults (which accept IKEv1, SHA-1 and DH group 2).
 */
export interface AwsTunnelOptions {
  /**
   * The pre-shared key of the tunnel.
   *
   * A `SecretValue` that is a dynamic reference (`SecretValue.secretsManager(...)`,
   * `SecretValue.ssmSecure(...)`) keeps the key out of the template: CloudFormation resolves it
   * at deploy time. A planner `PresharedKey` is written into the template in plain text: anyone
   * who can read the stack's template (`cloudformation:GetTemplate`, the CDK output directory,
   * the deployment bucket) can read the key; stack events do not show it.
   * Letters, digits, `.` and `_`, 8-64 characters, not starting with `0`.
   * CloudFormation `PreSharedKey`.
   *
   * @see https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
   */
  readonly presharedKey: SecretValue | PresharedKey;

  /**
   * The inside /30 of the tunnel: AWS uses its first host, the peer the second.
   *
   * An aligned /30 in 169.254.0.0/16 outside AWS's reserved blocks (169.254.0.0/30 to
   * 169.254.5.0/30 and 169.254.169.252/30); unique across the VPN connections of one virtual
   * private gateway. CloudFormation `TunnelInsideCidr`.
   *
   * @see https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
   */
  readonly insideCidr: string;

  /**
   * IKE versions the tunnel accepts: `ikev1`, `ikev2`. CloudFormation `IKEVersions`.
   *
   * @default ['ikev2']
   */
  readonly ikeVersions?: readonly string[];

  /**
   * Phase 1 (IKE) encryption algorithms, in AWS's spelling: `AES128`, `AES256`,
   * `AES128-GCM-16`, `AES256-GCM-16`. CloudFormation `Phase1EncryptionAlgorithms`.
   *
   * @default ['AES256']
   */
  readonly phase1EncryptionAlgorithms?: readonly string[];

  /**
   * Phase 1 integrity algorithms, in AWS's spelling: `SHA1`, `SHA2-256`, `SHA2-384`,
   * `SHA2-512`. CloudFormation `Phase1IntegrityAlgorithms`.
   *
   * @default ['SHA2-256']
   */
  readonly phase1IntegrityAlgorithms?: readonly string[];

  /**
   * Phase 1 Diffie-Hellman group numbers: 2, 14-24. CloudFormation `Phase1DHGroupNumbers`.
   *
   * @default [14]
   */
  readonly phase1DhGroupNumbers?: readonly number[];

  /**
   * Phase 2 (IPsec) encryption algorithms, in AWS's spelling: `AES128`, `AES256`,
   * `AES128-GCM-16`, `AES256-GCM-16`. CloudFormation `Phase2EncryptionAlgorithms`.
   *
   * @default ['AES256']
   */
  readonly phase2EncryptionAlgorithms?: readonly string[];

  /**
   * Phase 2 integrity algorithms, in AWS's spelling: `SHA1`, `SHA2-256`, `SHA2-384`,
   * `SHA2-512` (unused by GCM ciphers, still written explicitly).
   * CloudFormation `Phase2IntegrityAlgorithms`.
   *
   * @default ['SHA2-256']
   */
  readonly phase2IntegrityAlgorithms?: readonly string[];

  /**
   * Phase 2 Diffie-Hellman (PFS) group numbers: 2, 5, 14-24. CloudFormation `Phase2DHGroupNumbers`.
   *
   * @default [14]
   */
  readonly phase2DhGroupNumbers?: readonly number[];

  /**
   * Phase 1 lifetime, in seconds: 900-28800. CloudFormation `Phase1LifetimeSeconds`.
   *
   * @default 28800
   */
  readonly phase1LifetimeSeconds?: number;

  /**
   * Phase 2 lifetime, in seconds: 900-3600 and below the phase 1 lifetime.
   * CloudFormation `Phase2LifetimeSeconds`.
   *
   * @default 3600
   */
  readonly phase2LifetimeSeconds?: number;

  /**
   * Margin before the phase 2 lifetime ends in which AWS rekeys, in seconds: 60 to half the
   * phase 2 lifetime. Set explicitly because AWS's documented defaults disagree (540 vs 270).
   * CloudFormation `RekeyMarginTimeSeconds`.
   *
   * @default 540
   */
  readonly rekeyMarginTimeSeconds?: number;

  /**
   * Percentage of the rekey window in which the rekey time is randomly chosen: 0-100.
   * CloudFormation `RekeyFuzzPercentage`.
   *
   * @default 100
   */
  readonly rekeyFuzzPercentage?: number;

  /**
   * IKE replay window, in packets: 64-2048. CloudFormation `ReplayWindowSize`.
   *
   * @default 1024
   */
  readonly replayWindowSizePackets?: number;

  /**
   * Dead peer detection timeout, in seconds: 30 or more. Set explicitly because AWS's
   * documented defaults disagree (30 vs 40). CloudFormation `DPDTimeoutSeconds`.
   *
   * @default 30
   */
  readonly dpdTimeoutSeconds?: number;

  /**
   * What AWS does when dead peer detection times out. CloudFormation `DPDTimeoutAction`.
   *
   * @default AwsDpdTimeoutAction.RESTART
   */
  readonly dpdTimeoutAction?: AwsDpdTimeoutAction;

  /**
   * Who starts IKE negotiation; `start` needs `ikeVersions` to be `['ikev2']`.
   * CloudFormation `StartupAction`.
   *
   * @default - `AwsStartupAction.START` when `ikeVersions` is `['ikev2']`, else `AwsStartupAction.ADD`
   */
  readonly startupAction?: AwsStartupAction;
}

/** Tunnel options with every default applied. */
interface ResolvedTunnel {
  readonly presharedKey: SecretValue | PresharedKey;
  readonly insideCidr: string;
  readonly ikeVersions: readonly string[];
  readonly phase1EncryptionAlgorithms: readonly string[];
  readonly phase1IntegrityAlgorithms: readonly string[];
  readonly phase1DhGroupNumbers: readonly number[];
  readonly phase2EncryptionAlgorithms: readonly string[];
  readonly phase2IntegrityAlgorithms: readonly string[];
  readonly phase2DhGroupNumbers: readonly number[];
  readonly phase1LifetimeSeconds: number;
  readonly phase2LifetimeSeconds: number;
  readonly rekeyMarginTimeSeconds: number;
  readonly rekeyFuzzPercentage: number;
  readonly replayWindowSizePackets: number;
  readonly dpdTimeoutSeconds: number;
  readonly dpdTimeoutAction: string;
  readonly startupAction: string;
}

/** The defaults: the planner's strong proposal and timers (`AWS_DEFAULT_TUNNEL`, the AWS profile in `src/plan/clouds/aws.ts`). */
export const TUNNEL_DEFAULTS = {
  ikeVersions: [AWS_DEFAULT_TUNNEL.ikeVersion],
  encryption: [AWS_DEFAULT_TUNNEL.encryption],
  integrity: [AWS_DEFAULT_TUNNEL.integrity],
  dhGroups: [AWS_DEFAULT_TUNNEL.dhGroup],
  phase1LifetimeSeconds: AWS_DEFAULT_TUNNEL.phase1LifetimeSeconds,
  phase2LifetimeSeconds: AWS_DEFAULT_TUNNEL.phase2LifetimeSeconds,
  rekeyMarginTimeSeconds: AWS_DEFAULT_TUNNEL.rekeyMarginSeconds,
  rekeyFuzzPercentage: AWS_DEFAULT_TUNNEL.rekeyFuzzPercentage,
  replayWindowSizePackets: AWS_DEFAULT_TUNNEL.replayWindowPackets,
  dpdTimeoutSeconds: AWS_DEFAULT_TUNNEL.dpdTimeoutSeconds,
  dpdTimeoutAction: AwsDpdTimeoutAction.RESTART,
} as const;

const REKEY_FUZZ: IntRange = { min: 0, max: 100 };
const REPLAY_WINDOW: IntRange = { min: 64, max: 2048 };
const MIN_DPD_TIMEOUT_SECONDS = 30;
const MIN_REKEY_MARGIN_SECONDS = 60;

const onlyIkev2 = (versions: readonly string[]) => versions.length === 1 && versions[0] === 'ikev2';

/** Applies the defaults. */
export function resolveTunnel(t: AwsTunnelOptions): ResolvedTunnel {
  const ikeVersions = t.ikeVersions ?? TUNNEL_DEFAULTS.ikeVersions;
  return {
    presharedKey: t.presharedKey,
    insideCidr: t.insideCidr,
    ikeVersions,
    phase1EncryptionAlgorithms: t.phase1EncryptionAlgorithms ?? TUNNEL_DEFAULTS.encryption,
    phase1IntegrityAlgorithms: t.phase1IntegrityAlgorithms ?? TUNNEL_DEFAULTS.integrity,
    phase1DhGroupNumbers: t.phase1DhGroupNumbers ?? TUNNEL_DEFAULTS.dhGroups,
    phase2EncryptionAlgorithms: t.phase2EncryptionAlgorithms ?? TUNNEL_DEFAULTS.encryption,
    phase2IntegrityAlgorithms: t.phase2IntegrityAlgorithms ?? TUNNEL_DEFAULTS.integrity,
    phase2DhGroupNumbers: t.phase2DhGroupNumbers ?? TUNNEL_DEFAULTS.dhGroups,
    phase1LifetimeSeconds: t.phase1LifetimeSeconds ?? TUNNEL_DEFAULTS.phase1LifetimeSeconds,
    phase2LifetimeSeconds: t.phase2LifetimeSeconds ?? TUNNEL_DEFAULTS.phase2LifetimeSeconds,
    rekeyMarginTimeSeconds: t.rekeyMarginTimeSeconds ?? TUNNEL_DEFAULTS.rekeyMarginTimeSeconds,
    rekeyFuzzPercentage: t.rekeyFuzzPercentage ?? TUNNEL_DEFAULTS.rekeyFuzzPercentage,
    replayWindowSizePackets: t.replayWindowSizePackets ?? TUNNEL_DEFAULTS.replayWindowSizePackets,
    dpdTimeoutSeconds: t.dpdTimeoutSeconds ?? TUNNEL_DEFAULTS.dpdTimeoutSeconds,
    dpdTimeoutAction: t.dpdTimeoutAction ?? TUNNEL_DEFAULTS.dpdTimeoutAction,
    startupAction: t.startupAction ?? (onlyIkev2(ikeVersions) ? AwsStartupAction.START : AwsStartupAction.ADD),
  };
}

const isToken = (v: unknown) => Token.isUnresolved(v);

/**
 * The literal key behind a key option, or `undefined` when it is only known at deploy time
 * (a dynamic reference, a parameter, any other token). Used for validation only.
 */
function literalKey(scope: IConstruct, key: SecretValue | PresharedKey): string | undefined {
  if (key instanceof PresharedKey) return key.reveal();
  // unsafeUnwrap gives a token string; resolving it here is a check, not a write.
  const resolved: unknown = Stack.of(scope).resolve(key.unsafeUnwrap());
  // Dynamic references ({{resolve:secretsmanager:...}}, {{resolve:ssm-secure:...}}) resolve at deploy time.
  return typeof resolved === 'string' && !resolved.includes('{{resolve:') ? resolved : undefined;
}

/** Whether the key is written into the template in plain text. */
export function isPlaintextKey(scope: IConstruct, key: SecretValue | PresharedKey): boolean {
  return literalKey(scope, key) !== undefined;
}

function checkList<T extends string | number>(
  checker: PropsChecker, prop: string, values: readonly T[], problem: (v: T) => string | undefined,
): void {
  if (isToken(values)) return;
  if (!Array.isArray(values) || values.length === 0) {
    checker.check(prop, 'tunnel-option-empty', `expected at least one value, got ${show(values)}`);
    return;
  }
  for (const v of values) {
    if (!isToken(v)) checker.check(prop, 'tunnel-algorithm-unsupported', problem(v));
  }
}

/**
 * Checks one tunnel's options (defaults applied) and records every problem under
 * `<prefix>.<prop>`. Unresolved tokens are skipped; a key is never echoed.
 */
export function checkTunnel(scope: IConstruct, checker: PropsChecker, prefix: string, t: ResolvedTunnel): void {
  const p = (prop: string) => `${prefix}.${prop}`;

  if (!isToken(t.insideCidr)) checker.check(p('insideCidr'), 'inside-cidr-invalid', insideCidrProblem(['aws'], t.insideCidr));

  const key = literalKey(scope, t.presharedKey);
  if (key !== undefined) {
    const problem = pskProblem('aws', key);
    // The value itself is never echoed, only the rule it breaks.
    checker.check(p('presharedKey'), 'psk-invalid', problem && `the key is rejected: ${problem}; allowed: ${FACTS.aws.psk.charset}, ${FACTS.aws.psk.length.min}-${FACTS.aws.psk.length.max} characters, not starting with "0"`);
  }

  const ikeNames = Object.values(FACTS.aws.spelling.ikeVersion);
  checkList(checker, p('ikeVersions'), t.ikeVersions, (v) => (ikeNames.includes(v) ? undefined : `${show(v)} is not an IKE version AWS knows; allowed: ${ikeNames.join(', ')}`));
  checkList(checker, p('phase1EncryptionAlgorithms'), t.phase1EncryptionAlgorithms, (v) => algorithmProblem('aws', 'phase1', 'encryption', v));
  checkList(checker, p('phase1IntegrityAlgorithms'), t.phase1IntegrityAlgorithms, (v) => algorithmProblem('aws', 'phase1', 'integrity', v));
  checkList(checker, p('phase1DhGroupNumbers'), t.phase1DhGroupNumbers, (v) => algorithmProblem('aws', 'phase1', 'dhGroup', String(v)));
  checkList(checker, p('phase2EncryptionAlgorithms'), t.phase2EncryptionAlgorithms, (v) => algorithmProblem('aws', 'phase2', 'encryption', v));
  checkList(checker, p('phase2IntegrityAlgorithms'), t.phase2IntegrityAlgorithms, (v) => algorithmProblem('aws', 'phase2', 'integrity', v));
  checkList(checker, p('phase2DhGroupNumbers'), t.phase2DhGroupNumbers, (v) => algorithmProblem('aws', 'phase2', 'dhGroup', String(v)));

  const p1 = t.phase1LifetimeSeconds;
  const p2 = t.phase2LifetimeSeconds;
  const p1Problem = isToken(p1) ? undefined : lifetimeProblem('aws', 'phase1', p1);
  checker.check(p('phase1LifetimeSeconds'), 'lifetime-out-of-range', p1Problem);
  if (!isToken(p2)) {
    const problem = lifetimeProblem('aws', 'phase2', p2);
    checker.check(p('phase2LifetimeSeconds'), 'lifetime-out-of-range', problem);
    if (!problem && !p1Problem && !isToken(p1) && p2 >= p1) {
      checker.check(p('phase2LifetimeSeconds'), 'lifetime-order', `${show(p2)} s must be below the phase 1 lifetime (${p1} s)`);
    }
    if (!isToken(t.rekeyMarginTimeSeconds) && !problem) {
      const range = { min: MIN_REKEY_MARGIN_SECONDS, max: Math.floor(p2 / 2) };
      checker.check(p('rekeyMarginTimeSeconds'), 'rekey-margin-out-of-range',
        rangeProblem('rekey margin', t.rekeyMarginTimeSeconds, range, ' s')?.concat(` (60 to half the phase 2 lifetime of ${p2} s)`));
    }
  }
  if (!isToken(t.rekeyFuzzPercentage)) checker.check(p('rekeyFuzzPercentage'), 'rekey-fuzz-out-of-range', rangeProblem('rekey fuzz', t.rekeyFuzzPercentage, REKEY_FUZZ, '%'));
  if (!isToken(t.replayWindowSizePackets)) {
    checker.check(p('replayWindowSizePackets'), 'replay-window-out-of-range', rangeProblem('replay window', t.replayWindowSizePackets, REPLAY_WINDOW, ' packets'));
  }
  const dpd = t.dpdTimeoutSeconds;
  if (!isToken(dpd) && (!Number.isInteger(dpd) || dpd < MIN_DPD_TIMEOUT_SECONDS)) {
    checker.check(p('dpdTimeoutSeconds'), 'dpd-timeout-out-of-range', `${show(dpd)} s is below AWS's minimum; allowed: an integer of at least ${MIN_DPD_TIMEOUT_SECONDS} s`);
  }
  const dpdActions = Object.values(AwsDpdTimeoutAction) as string[];
  if (!isToken(t.dpdTimeoutAction) && !dpdActions.includes(t.dpdTimeoutAction)) {
    checker.check(p('dpdTimeoutAction'), 'dpd-action-unknown', `${show(t.dpdTimeoutAction)} is not a DPD timeout action AWS knows; allowed: ${dpdActions.join(', ')}`);
  }
  const startupActions = Object.values(AwsStartupAction) as string[];
  if (!isToken(t.startupAction) && !startupActions.includes(t.startupAction)) {
    checker.check(p('startupAction'), 'startup-action-unknown', `${show(t.startupAction)} is not a startup action AWS knows; allowed: ${startupActions.join(', ')}`);
  } else if (t.startupAction === AwsStartupAction.START && !isToken(t.ikeVersions) && !onlyIkev2(t.ikeVersions)) {
    checker.check(p('startupAction'), 'startup-action-needs-ikev2', `'start' (AWS initiates) needs IKEv2 only, but ikeVersions is ${show(t.ikeVersions)}; allowed: ikeVersions ['ikev2'], or startupAction 'add'`);
  }
}

/** The inside CIDR in canonical form when it is a valid literal, else as given. */
export function canonicalCidr(text: string): string {
  if (isToken(text)) return text;
  const parsed = parseCidr(text);
  return parsed.ok ? parsed.cidr.text : text;
}

/** The CloudFormation tunnel options entry, every option explicit. */
export function renderTunnel(t: ResolvedTunnel): ec2.CfnVPNConnection.VpnTunnelOptionsSpecificationProperty {
  const values = <T>(list: readonly T[]) => list.map((value) => ({ value }));
  const key = t.presharedKey;
  return {
    // A planner key is revealed only here, when CloudFormation renders the resource.
    preSharedKey: key instanceof PresharedKey ? Lazy.string({ produce: () => key.reveal() }) : key.unsafeUnwrap(),
    tunnelInsideCidr: canonicalCidr(t.insideCidr),
    ikeVersions: values(t.ikeVersions),
    phase1EncryptionAlgorithms: values(t.phase1EncryptionAlgorithms),
    phase1IntegrityAlgorithms: values(t.phase1IntegrityAlgorithms),
    phase1DhGroupNumbers: values(t.phase1DhGroupNumbers),
    phase2EncryptionAlgorithms: values(t.phase2EncryptionAlgorithms),
    phase2IntegrityAlgorithms: values(t.phase2IntegrityAlgorithms),
    phase2DhGroupNumbers: values(t.phase2DhGroupNumbers),
    phase1LifetimeSeconds: t.phase1LifetimeSeconds,
    phase2LifetimeSeconds: t.phase2LifetimeSeconds,
    rekeyMarginTimeSeconds: t.rekeyMarginTimeSeconds,
    rekeyFuzzPercentage: t.rekeyFuzzPercentage,
    replayWindowSize: t.replayWindowSizePackets,
    dpdTimeoutSeconds: t.dpdTimeoutSeconds,
    dpdTimeoutAction: t.dpdTimeoutAction,
    startupAction: t.startupAction,
  };
}
