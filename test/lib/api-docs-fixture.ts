/**
 * Input of the API documentation check's own test (test/api-docs.test.ts): a tiny public entry in
 * which some properties break a rule and the others are documented the way the check wants.
 * Not imported by anything; only compiled.
 */

/** Properties of a fixture construct. */
export interface FixtureProps {
  readonly undocumented: string;

  /** Name of the thing. */
  readonly optionalWithoutDefault?: string;

  /** How long to wait before giving up. */
  readonly waitTime: number;

  /** The peer's BGP ASN, a 4-byte number (a unit alone does not say which values are allowed). */
  readonly peerAsn: number;

  /**
   * How long to wait before giving up, in seconds: 1-60.
   *
   * @default 30
   */
  readonly timeoutSeconds?: number;

  /** The peer's BGP ASN: 1-4294967295. */
  readonly localAsn: number;

  /** Allowed bandwidths: 5, 10, 20 or 50 Mbit/s. */
  readonly bandwidthsMbps: readonly number[];

  /**
   * Nested settings.
   *
   * @default - none
   */
  readonly nested?: {
    /** How many times to retry. */
    readonly retryCount: number;
  };

  /** @internal */
  readonly _hidden?: number;
}

/** Something that is only a set of fixed values: the type lists them. */
export type FixtureGroup = 1 | 2 | 14;

/** A class whose attributes are checked too, without the `@default` rule. */
export class FixtureThing {
  /** The id, given or generated. */
  public readonly id?: string;
  public readonly size: number;
  private readonly secret = 'x';

  constructor(props: FixtureProps) {
    this.id = props.undocumented;
    this.size = props.timeoutSeconds ?? 30;
  }

  /** Methods are left to TypeDoc's own validation. */
  public reveal(): string {
    return this.secret;
  }
}
