/**
 * The lab's in-process control channels (`src/verify/lab/control.ts`) and its daemon launcher
 * script (`src/verify/lab/launch.ts`), without root or daemons: VICI messages encode and decode
 * to the same tree, read back through the parsers as swanctl's `--raw` text; a fake BIRD
 * control socket answers as birdc prints; a VICI server that never answers times out.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { birdControl, decodeVici, encodeVici, rawVici, swanctlOverVici } from '../../src/verify/lab/control';
import type { ChildProcess } from 'node:child_process';
import { launchDaemons, launcherScript, shellQuote } from '../../src/verify/lab/launch';
import { childCounters, parseBirdProtocol, saState } from '../../src/verify/parse';

const LIST_SA = {
  tun: {
    uniqueid: '3', version: '2', state: 'ESTABLISHED', 'encr-alg': 'AES_CBC', 'encr-keysize': '256',
    'child-sas': {
      'tun-4': { uniqueid: '4', state: 'INSTALLED', 'spi-in': 'c1a2b3c4', 'bytes-in': '168', 'bytes-out': '252', 'local-ts': ['10.0.0.0/16'], 'remote-ts': ['0.0.0.0/0'] },
      'tun-2': { uniqueid: '2', state: 'REKEYED', 'spi-in': 'aabbccdd', 'bytes-in': '84', 'bytes-out': '0', 'local-ts': ['10.0.0.0/16'], 'remote-ts': ['0.0.0.0/0'] },
    },
  },
};

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-control-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('VICI messages', () => {
  test('encode then decode gives the same tree (sections, key-values, lists, empty values)', () => {
    const msg = { ...LIST_SA, empty: '', list: [] as string[], utf8: 'ä ⇄ b' };
    expect(decodeVici(encodeVici(msg))).toEqual(msg);
  });

  test('the wire form is the documented one: KEY_VALUE 3, 8-bit name length, 16-bit value length', () => {
    expect([...encodeVici({ child: 'tun' })]).toEqual([3, 5, ...Buffer.from('child'), 0, 3, ...Buffer.from('tun')]);
    expect([...encodeVici({ s: { l: ['a'] } })]).toEqual([1, 1, 115, 4, 1, 108, 5, 0, 1, 97, 6, 2]);
  });

  test('a decoded list-sa event reads back through the --raw parsers as swanctl would print it', () => {
    const raw = `list-sa event ${rawVici(decodeVici(encodeVici(LIST_SA)))}\nlist-sas reply {}\n`;
    const sa = saState(raw);
    expect(sa.ike?.state).toBe('ESTABLISHED');
    expect(sa.child?.['spi-in']).toBe('c1a2b3c4');
    expect(sa.child?.['local-ts']).toEqual(['10.0.0.0/16']);
    expect(childCounters(raw)).toEqual([
      { id: 'uid:4', state: 'INSTALLED', bytesIn: 168, bytesOut: 252 },
      { id: 'uid:2', state: 'REKEYED', bytesIn: 84, bytesOut: 0 },
    ]);
  });

  test('a command swanctlOverVici does not speak is left to swanctl; a server that never answers times out', async () => {
    const sock = path.join(dir, 'mute.vici');
    const server = net.createServer(() => undefined).listen(sock);
    try {
      expect(await swanctlOverVici(sock, ['--load-all', '--file', 'x'], 500)).toBeUndefined();
      const r = await swanctlOverVici(sock, ['--list-sas', '--raw'], 300);
      expect(r).toMatchObject({ code: null, timedOut: true });
    } finally {
      server.close();
    }
  });

  test('initiate: control-log lines as swanctl prints them, then the verdict; exit 1 on failure', async () => {
    const sock = path.join(dir, 'charon.vici');
    const frame = (type: number, name: string | undefined, msg?: Record<string, unknown>) => {
      const head = name === undefined ? Buffer.from([type]) : Buffer.concat([Buffer.from([type, name.length]), Buffer.from(name)]);
      const body = msg ? encodeVici(msg as never) : Buffer.alloc(0);
      const len = Buffer.alloc(4);
      len.writeUInt32BE(head.length + body.length);
      return Buffer.concat([len, head, body]);
    };
    const server = net.createServer((c) => {
      let got = Buffer.alloc(0);
      c.on('data', (d: Buffer) => {
        got = Buffer.concat([got, d]);
        while (got.length >= 4 && got.length >= 4 + got.readUInt32BE(0)) {
          const p = got.subarray(4, 4 + got.readUInt32BE(0));
          got = got.subarray(4 + p.length);
          if (p[0] === 3) c.write(frame(5, undefined)); // EVENT_REGISTER → EVENT_CONFIRM
          if (p[0] === 0) { // CMD_REQUEST initiate
            c.write(frame(7, 'control-log', { group: 'IKE', level: '1', msg: 'received AUTHENTICATION_FAILED notify error' }));
            c.write(frame(1, undefined, { success: 'no', errmsg: 'establishing CHILD_SA \'tun\' failed' }));
          }
        }
      });
    }).listen(sock);
    try {
      // (a deadline far above the fake server's answer time: the test is about the answer, not the clock)
      const r = await swanctlOverVici(sock, ['--initiate', '--child', 'tun', '--timeout', '20'], 30_000);
      expect(r).toMatchObject({ code: 1, timedOut: false });
      expect(r!.stdout).toBe('[IKE] received AUTHENTICATION_FAILED notify error\ninitiate failed: establishing CHILD_SA \'tun\' failed\n');
    } finally {
      server.close();
    }
  });
});

describe('BIRD control socket', () => {
  test('the greeting and the reply printed as birdc prints them; the reply ends at a code line with a space', async () => {
    const sock = path.join(dir, 'bird.ctl');
    let asked = '';
    const server = net.createServer((c) => {
      c.write('0001 BIRD 2.0.12 ready.\n');
      c.on('data', (d) => {
        asked += String(d);
        c.write('2002-Name       Proto      Table      State  Since         Info\n'
          + '1002-tun        BGP        ---        up     12:00:00.000  Established   \n'
          + '1006-  BGP state:          Established\n'
          + '       Neighbor AS:      65000\n'
          + '0000 \n');
      });
    }).listen(sock);
    try {
      const r = await birdControl(sock, 'show protocols all tun', 30_000);
      expect(asked).toBe('show protocols all tun\n');
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe('BIRD 2.0.12 ready.');
      expect(parseBirdProtocol(r.stdout, 'tun')).toMatchObject({ state: 'Established', info: 'Established', neighborAs: 65000 });
    } finally {
      server.close();
    }
  });

  test('no socket: a failed command, not an exception', async () => {
    const r = await birdControl(path.join(dir, 'none.ctl'), 'show status', 30_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Unable to connect to server control socket/);
  });
});

describe('daemon launcher script', () => {
  test('each daemon in the background with only its environment, its folder, its log; quotes survive', () => {
    const script = launcherScript([{ name: 'charon a', file: 'ip', args: ['netns', 'exec', "cvx-it's", 'sh', '-c', 'exec "$1"', 'sh', '/usr/lib/ipsec/charon'], logFile: '/tmp/lab x/a/charon.out', env: { STRONGSWAN_CONF: '/tmp/lab x/a/strongswan.conf' } }]);
    const [line] = script.split('\n');
    expect(line).toMatch(/^\( cd '\/tmp\/lab x\/a' && exec env -i PATH='[^']*' LC_ALL='C' STRONGSWAN_CONF='\/tmp\/lab x\/a\/strongswan.conf' 'ip' 'netns' 'exec' 'cvx-it'\\''s' /);
    expect(line).toMatch(/ \) >>'\/tmp\/lab x\/a\/charon.out' 2>&1 <\/dev\/null & echo "pid 0 \$!"$/);
    expect(script).toMatch(/echo started\nwhile :; do pid=; wait -n -p pid;/);
    expect(shellQuote("a'b")).toBe("'a'\\''b'");
  });

  test('a batch whose script is larger than one argument may be (128 KiB) starts every daemon and reports each exit', async () => {
    // GIVEN 400 daemons with a long variable each, as a 100-tunnel lab's ~400 daemons carry the
    // caller's PATH (long under npm): about 240 KiB of script (spawn's E2BIG when passed by `bash -c`)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-launch-'));
    try {
      const long = `/opt/${'x'.repeat(500)}`;
      const specs = Array.from({ length: 400 }, (_, i) => ({ name: `d${i}`, file: 'sh', args: ['-c', `echo "$LONG" | wc -c; exit ${i % 3}`], logFile: path.join(dir, `d${i}.log`), env: { LONG: long } }));
      expect(launcherScript(specs).length).toBeGreaterThan(200 * 1024);
      const launchers = new Set<ChildProcess>();
      // WHEN
      const daemons = await launchDaemons(specs, launchers);
      // THEN each started, ran with its variable, and its exit status came back
      expect(daemons.map((d) => d.name)).toEqual(specs.map((s) => s.name));
      const exits = await Promise.all(daemons.map((d) => d.exited));
      expect(exits.map((e) => e.code)).toEqual(specs.map((_, i) => i % 3));
      expect(fs.readFileSync(path.join(dir, 'd7.log'), 'utf8')).toBe(`${long.length + 1}\n`);
      // the script file is gone (bash read it), only the logs are left
      expect(fs.readdirSync(dir).filter((f) => !f.endsWith('.log'))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
