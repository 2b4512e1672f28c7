/**
 * The library's errors, shared by the planner, the constructs and the CLI (a neutral module: it
 * knows no engine and no cloud).
 *
 * One base, `CrossCloudVpnError`, carries every problem found as an issue (where, a stable code,
 * what is wrong); its kinds are the planner's `PlanError` and the constructs' `ValidationError`.
 * One collector, `IssueCollector`, gathers issues while checking and throws them all at once.
 *
 * The type guards read a brand registered with `Symbol.for`, not the class, so they also answer
 * for an error thrown by a second copy of the package in the same process (two versions in
 * `node_modules`, or a bundled and an installed copy), where `instanceof` answers `false`; the
 * same approach as aws-cdk-lib's `Errors.isValidationError`.
 */

/**
 * One problem: where, a stable code and what is wrong.
 *
 * Codes are kebab-case, `<subject>-<problem>` (e.g. `inside-cidr-reserved`, `asn-invalid`,
 * `prop-missing`), and stable across releases: match on them rather than on message text. The
 * common problem words are `-invalid` (malformed or not allowed), `-missing`, `-unknown` (not one
 * of the allowed names), `-out-of-range`, `-reserved`, `-duplicate`, `-unused` (given but without
 * effect), `-mismatch` (two values that must agree do not), `-too-many`, `-exhausted` (a pool
 * has no free value left) and `-unsupported`. Codes shared by every construct: `prop-invalid`
 * (a prop of the wrong type or out of its bounds), `prop-missing`, `plan-mismatch` (a plan that
 * does not fit the construct it is realised on) and `endpoint-unknown`.
 */
export interface CrossCloudVpnIssue {
  /**
   * Where: a field path in the topology (`sites[0].asn`, `links[2].insideCidrs[1]`), or for a
   * construct its path in brackets, then the prop's field path when the problem has one
   * (`[Stack/Gateway] cidrs[0]`, `[Mesh] links[0].tunnels[0].insideCidr`). The message lists
   * each issue as `<path>: <message>`.
   */
  readonly path: string;
  /** Stable, machine-readable code in kebab-case, e.g. `inside-cidr-reserved` (see `CrossCloudVpnIssue`). */
  readonly code: string;
  /** What is wrong: the value given (quoted, cut when long, never a key) and what is allowed. */
  readonly message: string;
}

/** Which part of the library refused the input: the planner (`PlanError`) or a construct (`ValidationError`). */
export type CrossCloudVpnErrorKind = 'plan' | 'validation';

/** Most problems a message lists one by one; the rest are counted (all are in `issues`). */
export const MAX_LISTED_PROBLEMS = 50;

/**
 * The brand every error of the library carries, registered globally so that every copy of the
 * package sets and reads the same key. Its name is part of the contract: never change it.
 */
const BRAND: unique symbol = Symbol.for('cross-cloud-vpn.CrossCloudVpnError');

/**
 * Every error the library throws on bad input: a topology the planner refuses (`PlanError`) or
 * construct props a construct refuses (`ValidationError`). It lists every problem found, so one
 * round of fixes suffices; `issues` holds them for programs, each with a stable `code` (scheme
 * in `CrossCloudVpnIssue`).
 *
 * Catch it with `isCrossCloudVpnError(e)`, which also recognises an error from another copy of
 * the package (`instanceof` does not):
 *
 * ```ts
 * try {
 *   new CrossCloudVpn('Mesh', props);
 * } catch (e) {
 *   if (isCrossCloudVpnError(e)) for (const issue of e.issues) console.error(issue.code, issue.path);
 *   throw e;
 * }
 * ```
 */
export class CrossCloudVpnError extends Error {
  /**
   * Whether `x` is an error of this library (any kind), from this copy of the package or another.
   *
   * @param x - any value
   */
  public static isCrossCloudVpnError(x: unknown): x is CrossCloudVpnError {
    return isCrossCloudVpnError(x);
  }

  /** Which part of the library refused the input. */
  public readonly kind: CrossCloudVpnErrorKind;
  /** Every problem found, in the order found (the message lists them too, at most 50 of them). */
  public readonly issues: readonly CrossCloudVpnIssue[];

  /**
   * @param kind - which part of the library refused the input
   * @param message - the whole message, listing the problems
   * @param issues - every problem found (copied)
   */
  protected constructor(kind: CrossCloudVpnErrorKind, message: string, issues: readonly CrossCloudVpnIssue[]) {
    super(message);
    this.name = 'CrossCloudVpnError';
    this.kind = kind;
    this.issues = Object.freeze(issues.map((i) => Object.freeze({ path: i.path, code: i.code, message: i.message })));
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * The planner's error: every problem found in a topology (or in the files and options it is
 * planned from), thrown once. `CrossCloudVpn` puts its id in front of each path
 * (`[Mesh] links[0]…`).
 */
export class PlanError extends CrossCloudVpnError {
  /**
   * Whether `x` is a `PlanError`, from this copy of the package or another.
   *
   * @param x - any value
   */
  public static isPlanError(x: unknown): x is PlanError {
    return isPlanError(x);
  }

  /**
   * @param issues - every problem found
   * @param context - a line printed after the problems (what the paths refer to); not a problem
   */
  constructor(issues: readonly CrossCloudVpnIssue[], context?: string) {
    super('plan', planMessage(issues, context), issues);
    this.name = 'PlanError';
  }
}

/**
 * The constructs' error: construct props (or a call on a construct) that cannot be built, with
 * the construct path in front, then each field, what was given and what is allowed. Modelled on
 * aws-cdk-lib's `ValidationError`, without depending on any engine (the aws-cdk-lib and the
 * cdktf constructs throw it alike).
 */
export class ValidationError extends CrossCloudVpnError {
  /**
   * Whether `x` is a `ValidationError` of this library, from this copy of the package or another.
   *
   * @param x - any value
   */
  public static isValidationError(x: unknown): x is ValidationError {
    return isValidationError(x);
  }

  /** Path of the construct that refused its input, e.g. `Stack/Gateway` (`node.path`). */
  public readonly constructPath: string;
  /** Code of the first issue (every issue has its own: see `issues`). */
  public readonly code: string;

  /**
   * One problem of the construct as a whole.
   *
   * @param constructPath - the construct's `node.path`
   * @param code - stable code of the problem, e.g. `plan-mismatch`
   * @param message - what is wrong and what is allowed
   */
  constructor(constructPath: string, code: string, message: string);
  /**
   * Every problem found in the construct's props.
   *
   * @param constructPath - the construct's `node.path`
   * @param issues - the problems, each `path` a field path in the props (e.g. `tunnel1.insideCidr`)
   */
  constructor(constructPath: string, issues: readonly CrossCloudVpnIssue[]);
  constructor(constructPath: string, codeOrIssues: string | readonly CrossCloudVpnIssue[], message?: string) {
    const where = `[${constructPath}]`;
    const issues = typeof codeOrIssues === 'string'
      ? [{ path: where, code: codeOrIssues, message: message ?? '' }]
      : codeOrIssues.map((i) => ({ ...i, path: i.path ? `${where} ${i.path}` : where }));
    super('validation', `${where} ${typeof codeOrIssues === 'string' ? message ?? '' : propsMessage(codeOrIssues)}`, issues);
    this.name = 'ValidationError';
    this.constructPath = constructPath;
    this.code = issues[0]?.code ?? '';
  }
}

/**
 * Whether `x` is an error of this library (`PlanError` or `ValidationError`), from this copy of
 * the package or another one loaded in the same process.
 *
 * @param x - any value, typically what a `catch` caught
 */
export function isCrossCloudVpnError(x: unknown): x is CrossCloudVpnError {
  return typeof x === 'object' && x !== null && (x as { [BRAND]?: unknown })[BRAND] === true;
}

/**
 * Whether `x` is the planner's `PlanError`, from this copy of the package or another.
 *
 * @param x - any value
 */
export function isPlanError(x: unknown): x is PlanError {
  return isCrossCloudVpnError(x) && x.kind === 'plan';
}

/**
 * Whether `x` is a construct's `ValidationError` of this library, from this copy of the package
 * or another.
 *
 * @param x - any value
 */
export function isValidationError(x: unknown): x is ValidationError {
  return isCrossCloudVpnError(x) && x.kind === 'validation';
}

/**
 * Collects problems while checking, then throws them all at once (so a user fixes everything in
 * one round). The planner's collector throws a `PlanError`; a construct's (`PropsChecker` in
 * `src/private/errors.ts`) a `ValidationError` naming the construct.
 */
export class IssueCollector {
  private readonly list: CrossCloudVpnIssue[] = [];

  /**
   * @param raise - the error the recorded problems become; by default a `PlanError`
   */
  constructor(private readonly raise: (issues: readonly CrossCloudVpnIssue[]) => CrossCloudVpnError = (issues) => new PlanError(issues)) {}

  /**
   * Records one problem.
   *
   * @param path - field path, e.g. `sites[0].asn`
   * @param code - stable, machine-readable code, e.g. `asn-reserved`
   * @param message - what is wrong, what was given and what is allowed
   */
  public add(path: string, code: string, message: string): void {
    this.list.push({ path, code, message });
  }

  /**
   * Records `message` for `path` when it is defined (a check that returns a problem or nothing).
   *
   * @param path - field path, e.g. `tunnel1.insideCidr`
   * @param code - stable, machine-readable code, e.g. `inside-cidr-invalid`
   * @param message - what is wrong, or `undefined` when nothing is
   */
  public check(path: string, code: string, message: string | undefined): void {
    if (message !== undefined) this.add(path, code, message);
  }

  /** The problems recorded so far, in the order found. */
  public get all(): readonly CrossCloudVpnIssue[] {
    return this.list;
  }

  /** Number of problems recorded so far (0 or more). */
  public get size(): number {
    return this.list.length;
  }

  /** Whether a problem was recorded. */
  public get hasProblems(): boolean {
    return this.list.length > 0;
  }

  /**
   * Throws every problem recorded so far as one error; does nothing when there is none.
   *
   * @throws CrossCloudVpnError (a `PlanError` unless the collector was made with another `raise`)
   */
  public throwIfAny(): void {
    if (this.list.length > 0) throw this.raise([...this.list]);
  }
}

/**
 * Problems as `  - ` lines, at most `MAX_LISTED_PROBLEMS` of them (then a count of the rest), so
 * a message stays readable and bounded whatever the input.
 */
export function listProblems(lines: readonly string[]): string {
  const shown = lines.slice(0, MAX_LISTED_PROBLEMS).map((l) => `  - ${l}`);
  if (lines.length > MAX_LISTED_PROBLEMS) shown.push(`  - … and ${lines.length - MAX_LISTED_PROBLEMS} more`);
  return shown.join('\n');
}

/** `the topology has N problems:`, the problems, then the context line. */
function planMessage(issues: readonly CrossCloudVpnIssue[], context: string | undefined): string {
  const head = issues.length === 1 ? 'the topology has 1 problem' : `the topology has ${issues.length} problems`;
  return `${head}:\n${listProblems(issues.map((i) => `${i.path}: ${i.message}`))}${context ? `\n${context}` : ''}`;
}

/** One problem as `field: message`; several as `N problems:` and one line each. */
function propsMessage(issues: readonly CrossCloudVpnIssue[]): string {
  const text = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  return text.length === 1 ? text[0] : `${text.length} problems:\n${listProblems(text)}`;
}
