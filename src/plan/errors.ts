/**
 * One problem found in a topology: where (a field path such as `links[2].insideCidrs[1]`), what
 * value was given, and what is allowed.
 */
export interface PlanIssue {
  /** Field path in the topology, e.g. `sites[0].asn`. */
  readonly path: string;
  /** What is wrong, in the terms of the topology. */
  readonly message: string;
  /** Stable, machine-readable code, e.g. `inside-cidr-reserved`. */
  readonly code: string;
}

/**
 * The planner's only error: every problem found in a topology, thrown once.
 *
 * Constructs put their construct path in front (see `src/private/errors.ts`).
 */
export class PlanError extends Error {
  /** Every problem found, in the order found; the message lists them too, one per line. */
  public readonly issues: readonly PlanIssue[];

  constructor(issues: readonly PlanIssue[]) {
    super(PlanError.format(issues));
    this.name = 'PlanError';
    this.issues = issues;
  }

  private static format(issues: readonly PlanIssue[]): string {
    const head = issues.length === 1 ? 'the topology has 1 problem' : `the topology has ${issues.length} problems`;
    return `${head}:\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')}`;
  }
}

/** Collects problems while validating; throws them all at once. */
export class IssueCollector {
  private readonly list: PlanIssue[] = [];

  /**
   * Records one problem.
   *
   * @param path - field path in the topology, e.g. `sites[0].asn`
   * @param code - stable, machine-readable code, e.g. `asn-reserved`
   * @param message - what is wrong, in the terms of the topology
   */
  public add(path: string, code: string, message: string): void {
    this.list.push({ path, code, message });
  }

  /** Number of problems recorded so far (0 or more). */
  public get size(): number {
    return this.list.length;
  }

  /**
   * Throws every problem recorded so far as one `PlanError`; does nothing when there is none.
   *
   * @throws PlanError listing every recorded problem
   */
  public throwIfAny(): void {
    if (this.list.length > 0) {
      throw new PlanError(this.list);
    }
  }
}

/** Quotes a user value for a message. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === undefined) return 'nothing';
  return JSON.stringify(value);
}
