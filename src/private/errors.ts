/**
 * The constructs' side of the library's errors (`src/common/errors.ts`): `ValidationError`, and
 * `PropsChecker`, the one issue collector set up to throw a `ValidationError` naming a construct.
 */
import { IssueCollector, ValidationError } from '../common/errors';

export { ValidationError } from '../common/errors';

/**
 * Collects every problem found while checking a construct's props (each under its field path,
 * e.g. `tunnel1.insideCidr`), then throws them as one `ValidationError` with the construct path
 * in front (so a user fixes everything in one round).
 * @internal
 */
export class PropsChecker extends IssueCollector {
  /** @param constructPath - the construct's `node.path`, put in front of every problem */
  constructor(constructPath: string) {
    super((issues) => new ValidationError(constructPath, issues));
  }
}
