/**
 * The shape of a cloud's limits, reserved values and algorithm spellings (`CloudFacts`), and the
 * engine-neutral algorithm names and preferences every cloud's facts are written in (and a
 * proposal in those names, `NeutralProposal`). Neutral types at the bottom of the planning core:
 * they import nothing but the cloud ids (`./clouds/ids.ts`).
 *
 * Each cloud's own facts live in its profile (`src/plan/clouds/<cloud>.ts`), every entry with the
 * ids of its sources (listed in `SOURCES` and in the project's reference notes,
 * `shared/reference/cloud-vpn-facts.md`). Values marked `unconfirmed` were not found in a primary
 * source: they are the conservative reading and stay overridable where it matters. The tables
 * of every cloud (`FACTS`, `CLOUD_NAMES`, ...) are the registry's (`./clouds`).
 *
 * Nothing in here decides anything: the allocators and the proposal negotiation read these tables.
 */
import type { Cloud } from './clouds/ids';

/** Engine-neutral algorithm names (strongSwan keywords where one exists). */
export type Encryption = 'aes128' | 'aes192' | 'aes256' | 'aes128gcm16' | 'aes192gcm16' | 'aes256gcm16' | '3des' | 'des';
/** Engine-neutral integrity (hash) algorithm names (strongSwan keywords). */
export type Integrity = 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512';
/** IANA Diffie-Hellman group numbers. */
export type DhGroup = 1 | 2 | 5 | 14 | 15 | 16 | 17 | 18 | 19 | 20 | 21 | 22 | 23 | 24;
/** IKE protocol version. */
export type IkeVersion = 'ikev1' | 'ikev2';

/** Every encryption algorithm, strongest first (the planner's order of preference). */
export const ENCRYPTIONS: readonly Encryption[] = ['aes256', 'aes256gcm16', 'aes192', 'aes192gcm16', 'aes128', 'aes128gcm16', '3des', 'des'];
/** Every integrity algorithm, preferred first. */
export const INTEGRITIES: readonly Integrity[] = ['sha256', 'sha384', 'sha512', 'sha1', 'md5'];
/** Every Diffie-Hellman group, preferred first. */
export const DH_GROUPS: readonly DhGroup[] = [14, 20, 19, 15, 16, 17, 18, 21, 24, 22, 23, 5, 2, 1];

/** A proposal in engine-neutral names (strongSwan keywords, IANA DH numbers). */
export interface NeutralProposal {
  /** IKE version. */
  readonly ikeVersion: IkeVersion;
  /** Phase 1 (IKE SA) algorithms. */
  readonly phase1: {
    /** Encryption algorithm. */
    readonly encryption: Encryption;
    /** Integrity (and PRF) algorithm. */
    readonly integrity: Integrity;
    /** Diffie-Hellman group (IANA number). */
    readonly dhGroup: DhGroup;
  };
  /** Phase 2 (IPsec / CHILD SA) algorithms. */
  readonly phase2: {
    /** Encryption algorithm. */
    readonly encryption: Encryption;
    /** Integrity algorithm; `null` with an AEAD (GCM) cipher. */
    readonly integrity: Integrity | null;
    /** PFS group (IANA number); `null` without PFS. */
    readonly pfsGroup: DhGroup | null;
  };
}

/** A range of integers, both ends inclusive. */
export interface IntRange {
  /**
   * Smallest allowed value, inclusive, in the unit of the value the range bounds (seconds for
   * lifetimes, characters for key lengths; ASNs are plain numbers).
   */
  readonly min: number;
  /**
   * Largest allowed value, inclusive, in the same unit as `min` (seconds, characters, ...); equal
   * to `min` for a fixed value.
   */
  readonly max: number;
}

/** What one cloud accepts for one IPsec phase. */
export interface PhaseCapability {
  /** Encryption algorithms the cloud accepts in this phase. */
  readonly encryption: readonly Encryption[];
  /** Integrity algorithms the cloud accepts in this phase. */
  readonly integrity: readonly Integrity[];
  /** DH groups (phase 1) or PFS groups (phase 2). */
  readonly dhGroups: readonly DhGroup[];
  /** Whether phase 2 may run without PFS. */
  readonly allowsNoPfs: boolean;
  /** Lifetimes the cloud accepts, in seconds. */
  readonly lifetimeSeconds: IntRange;
  /** The lifetime the cloud uses when nothing is set, in seconds (inside `lifetimeSeconds`). */
  readonly defaultLifetimeSeconds: number;
  /** True when the lifetime cannot be configured at all (Azure phase 1). */
  readonly lifetimeFixed: boolean;
}

/** The pre-shared key rules of one cloud. */
export interface PskRule {
  /** Human description of the allowed characters. */
  readonly charset: string;
  /** The allowed characters, as a whole-string pattern. */
  readonly pattern: RegExp;
  /** Allowed length, in characters. */
  readonly length: IntRange;
  /**
   * A further rule beyond charset and length (e.g. AWS: must not start with "0").
   *
   * @default - none: charset and length are the whole rule
   */
  readonly extra?: {
    /** True when the key passes the rule. */
    readonly test: (k: string) => boolean;
    /** The rule in words, for error messages. */
    readonly rule: string;
  };
  /** Source ids (see `SOURCES`). */
  readonly sources: readonly string[];
}

/** Everything the planner needs to know about one cloud. */
export interface CloudFacts {
  /** The cloud these facts describe. */
  readonly cloud: Cloud;
  /** Pre-shared key rules. */
  readonly psk: PskRule;
  /** Ranges inside 169.254.0.0/16 where this cloud takes tunnel inside addresses. */
  readonly insideRanges: readonly string[];
  /** /30 blocks (or larger) this cloud reserves. */
  readonly insideReserved: readonly string[];
  /** ASN this cloud's own gateway may use. */
  readonly ownAsn: {
    /** Allowed ranges. */
    readonly ranges: readonly IntRange[];
    /** Values inside `ranges` that are nevertheless refused. */
    readonly reserved: readonly IntRange[];
    /** The rule in words, for error messages. */
    readonly rule: string;
    /** Source ids (see `SOURCES`). */
    readonly sources: readonly string[];
  };
  /** ASN this cloud accepts for a remote peer (customer gateway / local network gateway). */
  readonly peerAsn: {
    /** Allowed ranges. */
    readonly ranges: readonly IntRange[];
    /** Values inside `ranges` that are nevertheless refused. */
    readonly reserved: readonly IntRange[];
    /** The rule in words, for error messages. */
    readonly rule: string;
    /** Source ids (see `SOURCES`). */
    readonly sources: readonly string[];
  };
  /** IKE versions the cloud supports, preferred first. */
  readonly ikeVersions: readonly IkeVersion[];
  /** What the cloud accepts in IKE phase 1 (IKE SA). */
  readonly phase1: PhaseCapability;
  /** What the cloud accepts in IKE phase 2 (IPsec / CHILD SA). */
  readonly phase2: PhaseCapability;
  /** Spelling of each algorithm in this cloud's API (`undefined` = not supported). */
  readonly spelling: {
    /** Encryption algorithm names. */
    readonly encryption: Partial<Record<Encryption, string>>;
    /** Integrity algorithm names. */
    readonly integrity: Partial<Record<Integrity, string>>;
    /** Phase 1 Diffie-Hellman group names. */
    readonly phase1Dh: Partial<Record<DhGroup, string>>;
    /** Phase 2 PFS group names. */
    readonly phase2Dh: Partial<Record<DhGroup, string>>;
    /**
     * The value that turns PFS off.
     *
     * @default - none: PFS cannot be turned off (AWS)
     */
    readonly noPfs?: string;
    /** IKE version names. */
    readonly ikeVersion: Record<IkeVersion, string>;
    /**
     * What an AEAD (GCM) proposal names as its phase 2 integrity: `cipher` repeats the cipher's name (Azure).
     *
     * @default - none: an AEAD proposal has no phase 2 integrity
     */
    readonly aeadIntegrity?: 'cipher';
  };
  /** Source ids (see `SOURCES`). */
  readonly sources: readonly string[];
}

/** Choices that only a user who says `allowWeakCrypto` gets (weak or broken). */
export const WEAK = {
  /** Weak encryption algorithms. */
  encryption: ['3des', 'des'] as readonly Encryption[],
  /** Weak integrity algorithms. */
  integrity: ['md5', 'sha1'] as readonly Integrity[],
  /** Weak Diffie-Hellman / PFS groups. */
  dhGroups: [1, 2, 5, 22] as readonly DhGroup[],
  /** Weak IKE versions. */
  ikeVersions: ['ikev1'] as readonly IkeVersion[],
  /** Source ids (see `SOURCES`). */
  sources: ['Z1', 'S2'],
};

