// Settings are read (and written) in one place, src/runtime/settings.ts; everyone else takes values or its
// functions. So what a setting means (user level only for what decides where secrets go, where a write
// lands, which scope wins) is decided once.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// Compiled to out/test/unit/runtime: the repo root is four levels up.
const root = path.resolve(__dirname, '..', '..', '..', '..');
const ADAPTER = 'src/runtime/settings.ts';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('settings are read in one place (runtime/settings.ts)', () => {
  it('no other source file calls workspace.getConfiguration or onDidChangeConfiguration', () => {
    const readers = sourceFiles(path.join(root, 'src'))
      .map((file) => path.relative(root, file).split(path.sep).join('/'))
      .filter((file) => file !== ADAPTER)
      .filter((file) => /\b(getConfiguration|onDidChangeConfiguration)\b/.test(fs.readFileSync(path.join(root, file), 'utf8')));
    assert.deepEqual(readers, []);
  });

  it('the adapter is the one that does', () => {
    assert.match(fs.readFileSync(path.join(root, ADAPTER), 'utf8'), /workspace\.getConfiguration\(/);
  });
});
