/**
 * `npm run build` leaves the `ccvpn` bin executable: tsc writes lib/cli/main.js with mode 0644,
 * and `npx ccvpn` in the repository then failed with "Permission denied" after every rebuild.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

type Graph = Map<string, { spec: string; resolved: string | undefined }[]>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { markBinsExecutable, engineClosure } = require('../../scripts/build.js') as {
  markBinsExecutable: (root: string) => string[];
  engineClosure: (graph: Graph, srcDir: string, engine: unknown) => Set<string>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ENGINES } = require('../../scripts/engine-flavours.js') as { ENGINES: Record<string, unknown> };
const ROOT = path.join(__dirname, '..', '..');

describe('the build script', () => {
  test('is what npm run build runs (and so npm pack, prepare and bench)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.build).toBe('node scripts/build.js');
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(pkg.bin).toEqual({ ccvpn: 'lib/cli/main.js' });
  });

  test('makes every bin of package.json executable, as tsc leaves it 0644', () => {
    // GIVEN a package whose compiled bin has tsc's mode
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-build-'));
    try {
      fs.mkdirSync(path.join(root, 'lib', 'cli'), { recursive: true });
      fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ bin: { ccvpn: 'lib/cli/main.js' } }));
      const bin = path.join(root, 'lib', 'cli', 'main.js');
      fs.writeFileSync(bin, '#!/usr/bin/env node\n');
      fs.chmodSync(bin, 0o644);
      // WHEN
      expect(markBinsExecutable(root)).toEqual(['lib/cli/main.js']);
      // THEN user, group and others may execute it (where they may read it)
      expect(fs.statSync(bin).mode & 0o777).toBe(0o755);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('the compiled bin starts with a node shebang (src/cli/main.ts keeps it)', () => {
    expect(fs.readFileSync(path.join(ROOT, 'src', 'cli', 'main.ts'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});

describe('the engine-dependent closure (what lib/cdktn/ re-emits)', () => {
  const SRC = '/repo/src';
  const f = (rel: string) => `${SRC}/${rel}`;
  /** A module graph from `file: [specifier → resolved file (relative to src/) or a package]` rows. */
  const graph = (rows: Record<string, [string, string | undefined][]>): Graph => new Map(Object.entries(rows).map(([file, edges]) => [
    f(file), edges.map(([spec, resolved]) => ({ spec, resolved: resolved === undefined ? undefined : resolved.startsWith('/') ? resolved : f(resolved) })),
  ]));
  const closure = (g: Graph) => [...engineClosure(g, SRC, ENGINES.cdktn)].map((x) => x.slice(SRC.length + 1)).sort();

  test.each([
    ['a file importing cdktf, and its importers, transitively', {
      'private/cdktf.ts': [['cdktf', '/nm/cdktf/lib/index.d.ts']],
      'private/tf-deployment.ts': [['./cdktf', 'private/cdktf.ts'], ['./errors', 'private/errors.ts']],
      'azure/vpn-gateway.ts': [['../private/tf-deployment', 'private/tf-deployment.ts'], ['../plan', 'plan/index.ts']],
      'azure/index.ts': [['./vpn-gateway', 'azure/vpn-gateway.ts'], ['./interfaces', 'azure/interfaces.ts']],
      'azure/interfaces.ts': [['../plan', 'plan/index.ts'], ['constructs', '/nm/constructs/lib/index.d.ts']],
      'plan/index.ts': [['ipaddr.js', '/nm/ipaddr.js/lib/ipaddr.js.d.ts']],
      'private/errors.ts': [],
    }, ['azure/index.ts', 'azure/vpn-gateway.ts', 'private/cdktf.ts', 'private/tf-deployment.ts']],
    ['a type-only import of cdktf and provider submodules count; constructs does not', {
      'azure/provider-versions.ts': [['cdktf', '/nm/cdktf/lib/index.d.ts']],
      'azure/peer-gateway.ts': [['@cdktf/provider-azurerm/lib/local-network-gateway', '/nm/@cdktf/provider-azurerm/lib/local-network-gateway/index.d.ts']],
      'contract.ts': [['constructs', '/nm/constructs/lib/index.d.ts']],
    }, ['azure/peer-gateway.ts', 'azure/provider-versions.ts']],
    ['the generated bindings (a relative generated/cdktf/ specifier) and their importers', {
      'alicloud/generated/cdktf/providers/alicloud/vpc/index.ts': [['cdktf', '/nm/cdktf/lib/index.d.ts']],
      'alicloud/vpn-gateway.ts': [['./generated/cdktf/providers/alicloud/vpc', 'alicloud/generated/cdktf/providers/alicloud/vpc/index.ts']],
      'alicloud/interfaces.ts': [['../plan', 'plan/index.ts']],
    }, ['alicloud/generated/cdktf/providers/alicloud/vpc/index.ts', 'alicloud/vpn-gateway.ts']],
    ['every file of the generated bindings\' folder, even one that imports nothing (lazy-index.ts: require() calls only)', {
      'alicloud/generated/cdktf/providers/alicloud/lazy-index.ts': [],
      'alicloud/interfaces.ts': [],
    }, ['alicloud/generated/cdktf/providers/alicloud/lazy-index.ts']],
    ['nothing when no file reaches an engine (declaration files outside src/ are never part of it)', {
      'index.ts': [['./plan', 'plan/index.ts']],
      'plan/index.ts': [],
    }, []],
  ] as [string, Record<string, [string, string | undefined][]>, string[]][])('%s', (_name, rows, expected) => {
    expect(closure(graph(rows))).toEqual(expected);
  });
});
