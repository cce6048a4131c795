// The build renames TypeScript private members that src/ uses for nothing else (test/build/privateNames.js):
// which names that rule picks, and that what ships has them renamed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import { buildShipped } from '../../bench/bundle';
import { repoRoot } from '../../runner/paths';

interface PrivateNames {
  privateOnlyNames(sources: Array<{ file: string; text: string }>): string[];
  sourceTexts(srcRoot: string): Array<{ file: string; text: string }>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const privateNames = require(path.join(repoRoot, 'test', 'build', 'privateNames.js')) as PrivateNames;
const namesOf = (text: string) => privateNames.privateOnlyNames([{ file: 'a.ts', text }]);

describe('the names the build renames (TypeScript private members used for nothing else)', function () {
  this.timeout(60_000);

  it('takes a private field, parameter property, method and accessor read only as this.<name> in its class', () => {
    const text = `class A {
      private count = 0;
      constructor(private readonly store: Map<string, number>) {}
      private bump(): void { this.count++; }
      private get total(): number { return this.store.size; }
      run(): number { this.bump(); return this.total + this.count; }
    }`;
    assert.deepEqual(namesOf(text), ['bump', 'count', 'store', 'total']);
  });

  it('leaves a name alone that src/ also uses otherwise: another object’s property, a key, a type member, a string, an export, a binding', () => {
    const uses = [
      'const n = other.count;',
      'const o = { count: 1 };',
      'const count = 1; const o = { count };',
      'interface I { count: number }',
      "const k = 'count';",
      'const t = `${x} count`;',
      'const { count } = o;',
      'export function count(): void {}',
      'export { count };',
      'class B { count = 1; }',
    ];
    for (const use of uses) {
      assert.deepEqual(namesOf(`class A { private count = 0; f() { return this.count; } }\n${use}`), [], use);
    }
  });

  it('leaves alone a private member read on another instance, and one of a class that extends another (its base may use the name)', () => {
    assert.deepEqual(namesOf('class A { private count = 0; same(o: A) { return o.count === this.count; } }'), []);
    assert.deepEqual(namesOf('class A extends Error { private count = 0; f() { return this.count; } }'), []);
  });

  it('finds names in src/ (the rule is not empty)', () => {
    const names = privateNames.privateOnlyNames(privateNames.sourceTexts(path.join(repoRoot, 'src')));
    assert.ok(names.length > 50, names.join(' '));
    assert.ok(names.includes('loadedPagesValue'), 'requestsPaging’s private loadedPagesValue');
  });
});

describe('what ships has them renamed', function () {
  this.timeout(60_000);

  it('no renamed name is read as a property in either file; the names others use stay', async () => {
    const { startup, features } = await buildShipped();
    const shipped = fs.readFileSync(startup.file, 'utf8') + fs.readFileSync(features.file, 'utf8');
    for (const name of ['loadedPagesValue', 'lastErrorValue', 'takeOverFromOtherWindow']) {
      assert.doesNotMatch(shipped, new RegExp(`\\.${name}\\b`), name);
    }
    for (const name of ['showInformationMessage', 'refreshToken', 'signInCommandOf']) {
      assert.match(shipped, new RegExp(`\\.${name}\\b`), name);
    }
  });
});
