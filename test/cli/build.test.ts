/**
 * `npm run build` leaves the `ccvpn` bin executable: tsc writes lib/cli/main.js with mode 0644,
 * and `npx ccvpn` in the repository then failed with "Permission denied" after every rebuild.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { markBinsExecutable } = require('../../scripts/build.js') as { markBinsExecutable: (root: string) => string[] };
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
