// The VS Code adapters (src/commands/, src/views/) serve every service: what they show takes the service's
// name from its definition (ServiceDefinition.label), never from a string of their own. This reads every
// string literal and template text in those folders (comments do not count) and fails on a service's
// label, id or authentication provider id.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { SERVICES } from '../../../src/providers';
import type { ServiceDefinition } from '../../../src/model/service';

// Compiled to out/test/unit/commands: the repo root is four levels up.
const root = path.resolve(__dirname, '..', '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every string literal's and template part's text in a TypeScript source. */
export function stringsOf(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const strings: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      strings.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return strings;
}

/** A pattern for every name the services go by: label, id, authentication provider id (whole words, any case). */
export function serviceNamePattern(services: readonly Pick<ServiceDefinition, 'id' | 'label' | 'authProviderId'>[]): RegExp {
  const names = services.flatMap((service) => [service.label, service.id, service.authProviderId]);
  const escaped = [...new Set(names)].sort((a, b) => b.length - a.length).map((name) => name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'));
  return new RegExp(`(?<![A-Za-z0-9])(${escaped.join('|')})(?![A-Za-z0-9])`, 'i');
}

/** `file: "string"` for each string in the file that names a service. */
function namingStrings(file: string, pattern: RegExp): string[] {
  const relative = path.relative(root, file).split(path.sep).join('/');
  return stringsOf(file, fs.readFileSync(file, 'utf8'))
    .filter((text) => pattern.test(text))
    .map((text) => `${relative}: ${JSON.stringify(text)}`);
}

describe('user-facing text in commands/ and views/ takes the service name from the definition', () => {
  const pattern = serviceNamePattern(SERVICES);
  const files = ['commands', 'views'].flatMap((dir) => sourceFiles(path.join(root, 'src', dir)));

  it('finds a service name in a string, not in a comment (the check itself)', () => {
    const sample = [
      '// Dropbox Sign cancels asynchronously',
      "const a = `Signed in to ${label}`;",
      "const b = 'Sign in to Dropbox Sign';",
      'const c = `Opening signNow in ${where}…`;',
      "const d = 'signdesk-dropbox';",
      "const e = 'dropboxed';",
    ].join('\n');
    assert.deepEqual(
      stringsOf('sample.ts', sample).filter((text) => pattern.test(text)),
      ['Sign in to Dropbox Sign', 'Opening signNow in ', 'signdesk-dropbox'],
    );
  });

  it('no string in src/commands/** or src/views/** names a service of the list (label, id, auth provider id)', () => {
    const named = files.flatMap((file) => namingStrings(file, pattern));
    assert.deepEqual(named, []);
  });
});
