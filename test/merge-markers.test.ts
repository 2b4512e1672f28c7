/**
 * No merge conflict markers in what the repository ships or tests. A marker inside a doc comment
 * type-checks and lints (one did, once, in `src/verify/types.ts`): only a scan of the committed
 * text catches it. Every file git tracks is read, binary files and snapshots' own `=======`
 * separators aside (the check wants the opening and closing markers, which no file needs).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const MARKER = /^(<{7}|>{7})(\s|$)/m;

/** Tracked text files that hold a conflict marker at the start of a line, as `file:line`. */
export function filesWithMarkers(root: string): string[] {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  const found: string[] = [];
  for (const f of files) {
    const full = path.join(root, f);
    if (!fs.existsSync(full) || !fs.statSync(full).isFile()) continue;
    const bytes = fs.readFileSync(full);
    if (bytes.includes(0)) continue; // binary
    const text = bytes.toString('utf8');
    if (!MARKER.test(text)) continue;
    text.split('\n').forEach((line, i) => { if (MARKER.test(line)) found.push(`${f}:${i + 1}`); });
  }
  return found;
}

test('no tracked file holds a merge conflict marker', () => {
  expect(filesWithMarkers(ROOT)).toEqual([]);
});

test('the scan finds a marker in a doc comment (it would have caught the one that slipped in)', () => {
  // GIVEN a scratch repository with one tracked file whose doc comment holds a conflict
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccvpn-markers-'));
  try {
    execFileSync('git', ['init', '-q'], { cwd: dir });
    fs.writeFileSync(path.join(dir, 'a.ts'), `/**\n${'<'.repeat(7)} HEAD\n * one\n=======\n * two\n${'>'.repeat(7)} branch\n */\nexport const a = 1;\n`);
    fs.writeFileSync(path.join(dir, 'b.ts'), 'export const b = "<<<<<<< inside a string is not at a line start";\n');
    execFileSync('git', ['add', '.'], { cwd: dir });
    // WHEN scanned THEN both markers of a.ts are found, nothing of b.ts
    expect(filesWithMarkers(dir)).toEqual(['a.ts:2', 'a.ts:6']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
