/**
 * Proposal building blocks shared by the cloud models: IANA DH group numbers as strongSwan
 * keywords and strongSwan proposal strings. Each cloud's own spellings are in its folder
 * (`src/verify/clouds/<cloud>/tables.ts`), written from that cloud's sources.
 *
 * strongSwan syntax (S2): dash-joined keywords; IKEv2 may list several algorithms of one kind in
 * one proposal; IKEv1 uses only the first of each kind, so a half that may speak IKEv1 gets one
 * proposal per combination. AEAD and non-AEAD algorithms go in separate proposals; an IKE AEAD
 * proposal names its PRF (`aes256gcm16-prfsha384-ecp384`). A DH group in an ESP proposal means
 * PFS; `modpnone` makes PFS optional.
 */

/** IANA DH group number → strongSwan keyword (S1). */
export const DH_KEYWORDS: Readonly<Record<number, string>> = {
  1: 'modp768', 2: 'modp1024', 5: 'modp1536', 14: 'modp2048', 15: 'modp3072', 16: 'modp4096', 17: 'modp6144', 18: 'modp8192',
  19: 'ecp256', 20: 'ecp384', 21: 'ecp521', 22: 'modp1024s160', 23: 'modp2048s224', 24: 'modp2048s256',
};

export const isAead = (enc: string) => /gcm\d+$/.test(enc);

/** IKE proposals accepting any combination of the given algorithms. */
export function ikeProposals(encs: readonly string[], integs: readonly string[], dhs: readonly string[], expand: boolean): string[] {
  const plain = encs.filter((e) => !isAead(e));
  const aead = encs.filter(isAead);
  if (expand) {
    const out: string[] = [];
    for (const e of plain) for (const i of integs) for (const d of dhs) out.push(`${e}-${i}-${d}`);
    for (const e of aead) for (const i of integs) for (const d of dhs) out.push(`${e}-prf${i}-${d}`);
    return out;
  }
  const out: string[] = [];
  if (plain.length) out.push([...plain, ...integs, ...dhs].join('-'));
  if (aead.length) out.push([...aead, ...integs.map((i) => `prf${i}`), ...dhs].join('-'));
  return out;
}

/**
 * ESP proposals accepting any combination; `pfs` empty = no PFS, `optionalPfs` adds `modpnone`
 * (PFS accepted but not required).
 */
export function espProposals(encs: readonly string[], integs: readonly string[], pfs: readonly string[], expand: boolean, optionalPfs = false): string[] {
  const plain = encs.filter((e) => !isAead(e));
  const aead = encs.filter(isAead);
  const groups = optionalPfs ? [...pfs, 'modpnone'] : [...pfs];
  if (expand) {
    const out: string[] = [];
    const gs = groups.length ? groups : [undefined];
    for (const e of plain) for (const i of integs) for (const g of gs) out.push([e, i, g].filter(Boolean).join('-'));
    for (const e of aead) for (const g of gs) out.push([e, g].filter(Boolean).join('-'));
    return out;
  }
  const out: string[] = [];
  if (plain.length) out.push([...plain, ...integs, ...groups].join('-'));
  if (aead.length) out.push([...aead, ...groups].join('-'));
  return out;
}

/** First host and second host of a /30 (or the two hosts around an address in a /30). */
export function hostsOf(cidr: string): { first: string; second: string } | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/30$/.exec(cidr.trim());
  if (!m) return undefined;
  const n = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
  const base = (n & ~3) >>> 0;
  const f = (x: number) => [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255].join('.');
  return { first: f(base + 1), second: f(base + 2) };
}
