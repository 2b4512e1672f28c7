import { listProblems } from '../plan/errors';

/**
 * The error every construct throws on bad input: the construct path in front, then what was
 * given and what is allowed, and a stable code. Modelled on aws-cdk-lib's `ValidationError`,
 * without depending on any engine (both aws-cdk-lib and cdktf constructs use it).
 * @internal
 */
export class ValidationError extends Error {
  public readonly constructPath: string;
  public readonly code: string;

  constructor(constructPath: string, code: string, message: string) {
    super(`[${constructPath}] ${message}`);
    this.name = 'ValidationError';
    this.constructPath = constructPath;
    this.code = code;
  }
}

/**
 * Collects every problem found while checking a construct's props, then throws them as one
 * error (so a user fixes everything in one round).
 * @internal
 */
export class PropsChecker {
  private readonly problems: { prop: string; message: string; code: string }[] = [];

  constructor(private readonly constructPath: string) {}

  /** Records `message` for `prop` when it is defined. */
  public check(prop: string, code: string, message: string | undefined): void {
    if (message !== undefined) this.problems.push({ prop, message, code });
  }

  /** Whether a problem was recorded. */
  public get hasProblems(): boolean {
    return this.problems.length > 0;
  }

  public throwIfAny(): void {
    if (this.problems.length === 0) return;
    const text = this.problems.map((p) => `${p.prop}: ${p.message}`);
    throw new ValidationError(this.constructPath, this.problems[0].code, text.length === 1 ? text[0] : `${text.length} problems:\n${listProblems(text)}`);
  }
}
