/**
 * The lab's control channels spoken in-process, instead of a `swanctl` or `birdc` process per
 * question: strongSwan's VICI protocol on charon's unix socket and BIRD's control protocol on its
 * socket. A spawned process forks the harness (5-40 ms of blocked event loop each, growing with
 * the harness's memory); a 100-tunnel lab asked several thousand questions.
 *
 * Sources: VICI — strongSwan 5.9.8 `src/libcharon/plugins/vici/README.md` (transport: 32-bit
 * big-endian length, then the packet; packet types CMD_REQUEST 0, CMD_RESPONSE 1, CMD_UNKNOWN 2,
 * EVENT_REGISTER 3, EVENT_UNREGISTER 4, EVENT_CONFIRM 5, EVENT_UNKNOWN 6, EVENT 7, the named ones
 * followed by an 8-bit name length and the name; message elements SECTION_START 1, SECTION_END 2,
 * KEY_VALUE 3, LIST_START 4, LIST_ITEM 5, LIST_END 6, names 8-bit length-prefixed, values 16-bit)
 * and `src/swanctl/commands/{initiate,list_sas,rekey,terminate}.c` (what swanctl sends and
 * prints: `[<group>] <msg>` per control-log event, `initiate completed successfully` /
 * `initiate failed: <errmsg>`; `--raw` prints each event as `<name> event {…}`). BIRD — BIRD
 * 2.0.12 `client/client.c` `server_got_reply` (reply lines are `<4-digit code>-` or `<code> `,
 * continuations start with a space; a code line with a space after the code ends the reply; code
 * 0 lines are not printed) and `doc/bird.sgml` ("Remote control").
 *
 * Each call returns what the command-line tool would have printed, as a `CommandResult`, so the
 * parsers (`parse.ts`) and the failure classification read the same text either way.
 * @internal
 */
import * as net from 'node:net';
import type { CommandResult } from '../exec';
import type { ViciSection } from '../parse';

type Tree = ViciSection;

const enum Packet { CmdRequest = 0, CmdResponse = 1, CmdUnknown = 2, EventRegister = 3, EventUnregister = 4, EventConfirm = 5, EventUnknown = 6, Event = 7 }
const enum Element { SectionStart = 1, SectionEnd = 2, KeyValue = 3, ListStart = 4, ListItem = 5, ListEnd = 6 }

/** Encodes a VICI message (sections are objects, lists string arrays). */
export function encodeVici(msg: Tree): Buffer {
  const parts: Buffer[] = [];
  const name = (n: string) => {
    const b = Buffer.from(n, 'utf8');
    if (b.length > 255) throw new Error(`vici: name too long: ${n.slice(0, 40)}`);
    parts.push(Buffer.from([b.length]), b);
  };
  const value = (v: string) => {
    const b = Buffer.from(v, 'utf8');
    const len = Buffer.alloc(2);
    len.writeUInt16BE(b.length);
    parts.push(len, b);
  };
  const section = (s: Tree) => {
    for (const [k, v] of Object.entries(s)) {
      if (typeof v === 'string') {
        parts.push(Buffer.from([Element.KeyValue]));
        name(k);
        value(v);
      } else if (Array.isArray(v)) {
        parts.push(Buffer.from([Element.ListStart]));
        name(k);
        for (const item of v) {
          parts.push(Buffer.from([Element.ListItem]));
          value(item);
        }
        parts.push(Buffer.from([Element.ListEnd]));
      } else {
        parts.push(Buffer.from([Element.SectionStart]));
        name(k);
        section(v);
        parts.push(Buffer.from([Element.SectionEnd]));
      }
    }
  };
  section(msg);
  return Buffer.concat(parts);
}

/** Decodes a VICI message. */
export function decodeVici(buf: Buffer): Tree {
  let i = 0;
  const name = () => {
    const n = buf[i++];
    const s = buf.subarray(i, i + n).toString('utf8');
    i += n;
    return s;
  };
  const value = () => {
    const n = buf.readUInt16BE(i);
    i += 2;
    const s = buf.subarray(i, i + n).toString('utf8');
    i += n;
    return s;
  };
  const root: Tree = {};
  const stack: Tree[] = [root];
  let list: string[] | undefined;
  while (i < buf.length) {
    const type = buf[i++];
    const top = stack[stack.length - 1];
    if (type === Element.SectionStart) {
      const s: Tree = {};
      top[name()] = s;
      stack.push(s);
    } else if (type === Element.SectionEnd) {
      if (stack.length < 2) throw new Error('vici: unbalanced section end');
      stack.pop();
    } else if (type === Element.KeyValue) {
      const k = name();
      top[k] = value();
    } else if (type === Element.ListStart) {
      list = [];
      top[name()] = list;
    } else if (type === Element.ListItem) {
      if (!list) throw new Error('vici: list item outside a list');
      list.push(value());
    } else if (type === Element.ListEnd) {
      list = undefined;
    } else {
      throw new Error(`vici: unknown element type ${type}`);
    }
  }
  return root;
}

/** A VICI message in swanctl's `--raw` form (`k=v`, `k=[a b]`, `name {…}`), as `parse.ts` reads it. */
export function rawVici(msg: Tree): string {
  const body = Object.entries(msg).map(([k, v]) => (typeof v === 'string' ? `${k}=${v}` : Array.isArray(v) ? `${k}=[${v.join(' ')}]` : `${k} ${rawVici(v)}`));
  return `{${body.join(' ')}}`;
}

function packet(type: Packet, name: string | undefined, msg?: Tree): Buffer {
  const head = name === undefined ? Buffer.from([type]) : Buffer.concat([Buffer.from([type, Buffer.byteLength(name)]), Buffer.from(name)]);
  const body = msg ? encodeVici(msg) : Buffer.alloc(0);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(head.length + body.length);
  return Buffer.concat([len, head, body]);
}

/** One VICI exchange: register for `events`, send `command`, collect events until the response. */
export function viciCall(socketPath: string, command: string, args: Tree, events: readonly string[], timeoutMs: number): Promise<{ response?: Tree; events: { name: string; msg: Tree }[]; error?: string; timedOut: boolean; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const got: { name: string; msg: Tree }[] = [];
    let buf = Buffer.alloc(0);
    let pendingConfirms = events.length;
    let settled = false;
    const sock = net.createConnection(socketPath);
    const finish = (r: { response?: Tree; error?: string; timedOut?: boolean }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      resolve({ response: r.response, events: got, error: r.error, timedOut: !!r.timedOut, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish({ error: `no answer within ${timeoutMs} ms`, timedOut: true }), timeoutMs);
    sock.on('error', (e: NodeJS.ErrnoException) => finish({ error: `${e.code ?? 'error'}: ${e.message}` }));
    sock.on('close', () => finish({ error: 'connection closed before the response' }));
    sock.on('connect', () => {
      for (const e of events) sock.write(packet(Packet.EventRegister, e));
      if (!events.length) sock.write(packet(Packet.CmdRequest, command, args));
    });
    sock.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 4 && buf.length >= 4 + buf.readUInt32BE(0)) {
        const len = buf.readUInt32BE(0);
        const p = buf.subarray(4, 4 + len);
        buf = buf.subarray(4 + len);
        const type = p[0] as Packet;
        try {
          if (type === Packet.EventConfirm) {
            if (--pendingConfirms === 0) sock.write(packet(Packet.CmdRequest, command, args));
          } else if (type === Packet.EventUnknown) {
            finish({ error: 'charon does not know an event the call needs' });
          } else if (type === Packet.Event) {
            const n = p[1];
            got.push({ name: p.subarray(2, 2 + n).toString('utf8'), msg: decodeVici(p.subarray(2 + n)) });
          } else if (type === Packet.CmdResponse) {
            finish({ response: decodeVici(p.subarray(1)) });
          } else if (type === Packet.CmdUnknown) {
            finish({ error: `charon does not know the command '${command}'` });
          }
        } catch (e) {
          finish({ error: (e as Error).message });
        }
      }
    });
  });
}

const failed = (started: number, stderr: string, timedOut = false): CommandResult => ({ code: timedOut ? null : 1, stdout: '', stderr, timedOut, ms: Date.now() - started });

/**
 * The swanctl commands the lab asks, over VICI, printed as swanctl prints them; `undefined` for
 * any other command line (the caller runs swanctl itself).
 *   --stats · --list-sas --raw · --initiate --child C [--timeout S] · --rekey --child C ·
 *   --terminate --ike C [--timeout S]
 */
export async function swanctlOverVici(socketPath: string, args: readonly string[], timeoutMs: number): Promise<CommandResult | undefined> {
  const started = Date.now();
  const opt = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  /** Every argument is one of `flags` or the value after one of `valued`. */
  const only = (flags: readonly string[], valued: readonly string[]) => {
    for (let i = 0; i < args.length; i++) {
      if (valued.includes(args[i]) && i + 1 < args.length) i++;
      else if (!flags.includes(args[i])) return false;
    }
    return true;
  };
  const ok = (r: Awaited<ReturnType<typeof viciCall>>) => r.response?.success === 'yes';
  if (args.length === 1 && args[0] === '--stats') {
    const r = await viciCall(socketPath, 'stats', {}, [], timeoutMs);
    return r.response ? { code: 0, stdout: rawVici(r.response), stderr: '', timedOut: false, ms: r.ms } : failed(started, r.error ?? '', r.timedOut);
  }
  if (args.length === 2 && args[0] === '--list-sas' && args[1] === '--raw') {
    const r = await viciCall(socketPath, 'list-sas', {}, ['list-sa'], timeoutMs);
    if (!r.response) return failed(started, r.error ?? '', r.timedOut);
    return { code: 0, stdout: `${r.events.filter((e) => e.name === 'list-sa').map((e) => `list-sa event ${rawVici(e.msg)}`).join('\n')}\nlist-sas reply {}\n`, stderr: '', timedOut: false, ms: r.ms };
  }
  const seconds = (v: string | undefined) => (v === undefined ? undefined : String(Math.round(Number(v) * 1000)));
  if (args[0] === '--initiate' && only(['--initiate'], ['--child', '--timeout']) && opt('--child')) {
    const req: Tree = { child: opt('--child')!, loglevel: '1' };
    if (opt('--timeout')) req.timeout = seconds(opt('--timeout'))!;
    const r = await viciCall(socketPath, 'initiate', req, ['control-log'], timeoutMs);
    const log = r.events.filter((e) => e.name === 'control-log').map((e) => `[${e.msg.group ?? '   '}] ${e.msg.msg ?? ''}\n`).join('');
    if (!r.response) return { ...failed(started, r.error ?? '', r.timedOut), stdout: log };
    return ok(r)
      ? { code: 0, stdout: `${log}initiate completed successfully\n`, stderr: '', timedOut: false, ms: r.ms }
      : { code: 1, stdout: `${log}initiate failed: ${r.response.errmsg ?? ''}\n`, stderr: '', timedOut: false, ms: r.ms };
  }
  if (args[0] === '--rekey' && only(['--rekey'], ['--child']) && opt('--child')) {
    const r = await viciCall(socketPath, 'rekey', { child: opt('--child')! }, [], timeoutMs);
    if (!r.response) return failed(started, r.error ?? '', r.timedOut);
    return ok(r) ? { code: 0, stdout: 'rekey completed successfully\n', stderr: '', timedOut: false, ms: r.ms } : { code: 1, stdout: `rekey failed: ${r.response.errmsg ?? ''}\n`, stderr: '', timedOut: false, ms: r.ms };
  }
  if (args[0] === '--terminate' && only(['--terminate'], ['--ike', '--timeout']) && opt('--ike')) {
    const req: Tree = { ike: opt('--ike')! };
    if (opt('--timeout')) req.timeout = seconds(opt('--timeout'))!;
    const r = await viciCall(socketPath, 'terminate', req, ['control-log'], timeoutMs);
    const log = r.events.map((e) => `[${e.msg.group ?? '   '}] ${e.msg.msg ?? ''}\n`).join('');
    if (!r.response) return { ...failed(started, r.error ?? '', r.timedOut), stdout: log };
    return ok(r) ? { code: 0, stdout: `${log}terminate completed successfully\n`, stderr: '', timedOut: false, ms: r.ms } : { code: 1, stdout: `${log}terminate failed: ${r.response.errmsg ?? ''}\n`, stderr: '', timedOut: false, ms: r.ms };
  }
  return undefined;
}

/**
 * One `birdc -s <socket> <command>` over BIRD's control socket: the greeting and the reply
 * printed as birdc prints them (code-0 lines dropped, codes stripped, continuations unindented).
 */
export function birdControl(socketPath: string, command: string, timeoutMs: number): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const sock = net.createConnection(socketPath);
    let text = '';
    let out = '';
    let greeted = false;
    let settled = false;
    const finish = (code: number | null, stderr = '', timedOut = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      resolve({ code, stdout: out, stderr, timedOut, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish(null, `no answer within ${timeoutMs} ms`, true), timeoutMs);
    sock.setEncoding('utf8');
    sock.on('error', (e: NodeJS.ErrnoException) => finish(1, `Unable to connect to server control socket (${socketPath}): ${e.message}`));
    sock.on('close', () => finish(greeted ? 0 : 1, greeted ? '' : 'connection closed'));
    sock.on('data', (chunk: string) => {
      text += chunk;
      let nl: number;
      while ((nl = text.indexOf('\n')) >= 0) {
        const line = text.slice(0, nl);
        text = text.slice(nl + 1);
        if (line.startsWith('+')) {
          out += `>>> ${line.slice(1)}\n`;
        } else if (line.startsWith(' ')) {
          out += `${line.slice(1)}\n`;
        } else if (/^\d{4}[ -]/.test(line)) {
          if (Number(line.slice(0, 4)) !== 0) out += `${line.slice(5)}\n`;
          if (line[4] === ' ') {
            if (!greeted) {
              greeted = true;
              sock.write(`${command}\n`);
            } else {
              finish(0);
              return;
            }
          }
        } else {
          out += `??? <${line}>\n`;
        }
      }
    });
  });
}
