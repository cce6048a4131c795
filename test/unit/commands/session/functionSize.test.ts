// The session commands are split by job (which service, another account?, the account check, the browser
// sign-in, the pasted callback, the set-up): a function that grows past a screen is doing several. Until the
// split, registerSignInCommands alone ran to 270 lines.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

// Compiled to out/test/unit/commands/session: the repo root is five levels up.
const root = path.resolve(__dirname, '..', '..', '..', '..', '..');
const SESSION_DIR = path.join(root, 'src', 'commands', 'session');
const MAX_LINES = 65;

/** `file:line name (n lines)` of each function (declaration, method, expression, arrow) longer than `max` lines. */
function longFunctions(file: string, max: number): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node)) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (last - first + 1 > max) {
        const name = (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name ? node.name.getText() : '(anonymous)';
        found.push(`${path.relative(root, file)}:${first + 1} ${name} (${last - first + 1} lines)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('commands/session: one job per function', () => {
  it(`no function in src/commands/session/ is longer than ${MAX_LINES} lines`, () => {
    const files = fs.readdirSync(SESSION_DIR).filter((name) => name.endsWith('.ts')).map((name) => path.join(SESSION_DIR, name));
    assert.deepEqual(files.flatMap((file) => longFunctions(file, MAX_LINES)), []);
  });

  it('the session and sign-in set-up live with the session commands', () => {
    for (const file of ['sessionSetup.ts', 'signInSetup.ts']) {
      assert.ok(fs.existsSync(path.join(SESSION_DIR, file)), `src/commands/session/${file}`);
      assert.ok(!fs.existsSync(path.join(root, 'src', 'commands', file)), `src/commands/${file} is gone`);
    }
  });
});
