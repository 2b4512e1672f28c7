/**
 * Parsers for what the daemons print: `swanctl --raw` (VICI messages as text) and `birdc`.
 * Pure: unit-tested on captured output.
 * @internal
 */

/** A VICI message: sections are objects, lists are string arrays. */
export interface ViciSection { [key: string]: string | string[] | ViciSection }

/**
 * Parses `swanctl --raw` output: one message per line, e.g.
 * `list-sa event {tun {state=ESTABLISHED child-sas {tun-1 {local-ts=[0.0.0.0/0]}}}}`.
 * Returns the payload sections of every message (the part inside the outer braces).
 */
export function parseViciRaw(text: string): ViciSection[] {
  const out: ViciSection[] = [];
  for (const line of text.split('\n')) {
    const start = line.indexOf('{');
    if (start < 0) continue;
    const tokens = tokenize(line.slice(start));
    let i = 0;
    const section = (): ViciSection => {
      const s: ViciSection = {};
      if (tokens[i] !== '{') throw new Error(`vici: expected '{' at token ${i}`);
      i++;
      while (i < tokens.length && tokens[i] !== '}') {
        const key = tokens[i++];
        if (tokens[i] === '{') {
          s[key] = section();
        } else if (tokens[i] === '=') {
          i++;
          if (tokens[i] === '[') {
            i++;
            const list: string[] = [];
            while (i < tokens.length && tokens[i] !== ']') list.push(tokens[i++]);
            i++;
            s[key] = list;
          } else {
            s[key] = tokens[i++];
          }
        } else {
          throw new Error(`vici: unexpected token '${tokens[i]}' after '${key}'`);
        }
      }
      i++;
      return s;
    };
    try {
      out.push(section());
    } catch {
      // a line that is not a message (log noise): skip it
    }
  }
  return out;
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let cur = '';
  const flush = () => { if (cur) tokens.push(cur); cur = ''; };
  for (const ch of text) {
    if (ch === '{' || ch === '}' || ch === '[' || ch === ']') { flush(); tokens.push(ch); } else if (ch === '=' && !tokens.length) { cur += ch; } else if (ch === '=') { flush(); tokens.push('='); } else if (ch === ' ' || ch === '\t') { flush(); } else { cur += ch; }
  }
  flush();
  return tokens;
}

/** The IKE SA and CHILD SA of connection `tun`, as `swanctl --list-sas --raw` reports them. */
export interface SaState {
  readonly ike?: ViciSection;
  readonly child?: ViciSection;
  /** Every CHILD SA of the IKE SA (several during a rekey). */
  readonly children: readonly ViciSection[];
}

/** Picks connection `tun` out of `swanctl --list-sas --raw`. */
export function saState(raw: string, name = 'tun'): SaState {
  for (const msg of parseViciRaw(raw)) {
    const ike = msg[name];
    if (ike && typeof ike === 'object' && !Array.isArray(ike)) {
      const sas = ike['child-sas'];
      const children = sas && typeof sas === 'object' && !Array.isArray(sas) ? Object.values(sas).filter((c): c is ViciSection => typeof c === 'object' && !Array.isArray(c)) : [];
      const installed = children.filter((c) => c.state === 'INSTALLED');
      return { ike, child: installed[installed.length - 1] ?? children[children.length - 1], children };
    }
  }
  return { children: [] };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A negotiated proposal as text, e.g. `AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048`. */
export function proposalText(sa: ViciSection | undefined): string | undefined {
  if (!sa) return undefined;
  const enc = str(sa['encr-alg']);
  if (!enc) return undefined;
  const size = str(sa['encr-keysize']);
  return [size ? `${enc}-${size}` : enc, str(sa['integ-alg']), str(sa['prf-alg']), str(sa['dh-group'])].filter(Boolean).join('/');
}

/** `bytes-in`/`bytes-out`/`packets-*` of a CHILD SA (0 when absent). */
export function counters(child: ViciSection | undefined): { bytesIn: number; bytesOut: number; packetsIn: number; packetsOut: number } {
  const n = (k: string) => Number(str(child?.[k]) ?? 0) || 0;
  return { bytesIn: n('bytes-in'), bytesOut: n('bytes-out'), packetsIn: n('packets-in'), packetsOut: n('packets-out') };
}

/** Byte counters of one CHILD SA, keyed by what identifies the SA across readings. */
export interface ChildCounters {
  /** charon's `uniqueid` of the CHILD SA (unique for the daemon's lifetime), else `spi:<spi-in>`. */
  readonly id: string;
  readonly state: string;
  readonly bytesIn: number;
  readonly bytesOut: number;
}

/**
 * Every CHILD SA of connection `name` in `swanctl --list-sas --raw`, across every IKE SA of that
 * connection (during an IKE rekey its CHILD SAs move to the new IKE SA). Includes SAs that are
 * rekeying or already rekeyed (`REKEYED`, `DELETED`: charon keeps them a few seconds after a
 * rekey, then they vanish from the list with their counters).
 */
export function childCounters(raw: string, name = 'tun'): ChildCounters[] {
  const out: ChildCounters[] = [];
  for (const msg of parseViciRaw(raw)) {
    const ike = msg[name];
    if (!ike || typeof ike !== 'object' || Array.isArray(ike)) continue;
    const sas = ike['child-sas'];
    if (!sas || typeof sas !== 'object' || Array.isArray(sas)) continue;
    for (const c of Object.values(sas)) {
      if (typeof c !== 'object' || Array.isArray(c)) continue;
      const id = str(c.uniqueid) ? `uid:${str(c.uniqueid)}` : `spi:${str(c['spi-in']) ?? '?'}`;
      const n = counters(c);
      out.push({ id, state: str(c.state) ?? '?', bytesIn: n.bytesIn, bytesOut: n.bytesOut });
    }
  }
  return out;
}

/** Bytes a tunnel half carried between two readings, and whether SAs came and went between them. */
export interface EspDelta {
  readonly bytesIn: number;
  readonly bytesOut: number;
  /** CHILD SAs of the first reading that the second no longer lists (rekeyed and deleted). */
  readonly vanished: number;
  /** CHILD SAs of the second reading that the first did not list (new, counted from 0). */
  readonly appeared: number;
}

/**
 * What crossed a half's CHILD SAs between readings `before` and `after`, compared SA by SA: an
 * SA in both counts its growth, a new SA counts all its bytes (it started from 0), an SA that
 * vanished counts nothing (its last bytes are unknown). Summing all SAs of each reading and
 * subtracting instead goes negative when a rekeyed SA is deleted in between, taking its bytes
 * with it.
 */
export function espDelta(before: readonly ChildCounters[], after: readonly ChildCounters[]): EspDelta {
  const old = new Map(before.map((c) => [c.id, c]));
  const now = new Set(after.map((c) => c.id));
  let bytesIn = 0;
  let bytesOut = 0;
  let appeared = 0;
  for (const c of after) {
    const b = old.get(c.id);
    if (!b) appeared++;
    // One SA's counters never shrink; a lower reading (which would be a parsing error) adds 0.
    bytesIn += b ? Math.max(0, c.bytesIn - b.bytesIn) : c.bytesIn;
    bytesOut += b ? Math.max(0, c.bytesOut - b.bytesOut) : c.bytesOut;
  }
  return { bytesIn, bytesOut, vanished: before.filter((c) => !now.has(c.id)).length, appeared };
}

/** State of one BIRD BGP protocol from `birdc show protocols all <name>`. */
export interface BgpProtocolState {
  /** `Established`, `Active`, `Connect`, `Idle`, `OpenSent`, ... (`BGP state:` line). */
  readonly state?: string;
  /** The info column of the summary line, e.g. `Received: Bad peer AS`. */
  readonly info?: string;
  readonly lastError?: string;
  readonly neighborAs?: number;
  readonly localAs?: number;
  readonly importedRoutes?: number;
}

/** Parses `birdc show protocols all <name>`. */
export function parseBirdProtocol(text: string, name: string): BgpProtocolState {
  const lines = text.split('\n');
  const head = lines.find((l) => l.trim().startsWith(`${name} `) || l.trim() === name);
  let info: string | undefined;
  if (head) {
    // name proto table state since info  (since may contain a space: date and time)
    const m = /^\s*\S+\s+\S+\s+\S+\s+\S+\s+\S+(?:\s+\d{2}:\d{2}:\d{2}(?:\.\d+)?)?\s*(.*)$/.exec(head);
    info = m?.[1]?.trim().replace(/\s+/g, ' ') || undefined;
  }
  const field = (label: string) => {
    const l = lines.find((x) => x.trim().startsWith(`${label}:`));
    return l ? l.trim().slice(label.length + 1).trim() : undefined;
  };
  const routes = /Routes:\s+(\d+) imported/.exec(text);
  const asn = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
  return {
    state: field('BGP state'),
    info,
    lastError: field('Last error'),
    neighborAs: asn(field('Neighbor AS')),
    localAs: asn(field('Local AS')),
    importedRoutes: routes ? Number(routes[1]) : undefined,
  };
}

/** Prefixes in `birdc show route [protocol X]` output (lines that start with a prefix). */
export function parseBirdRoutes(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\d+\.\d+\.\d+\.\d+\/\d+)\s/.exec(line);
    if (m) out.push(m[1]);
  }
  return out;
}
