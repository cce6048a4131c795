// src/views/ids.ts is the one place SignDesk writes its command ids, view ids and context keys; package.json
// must contribute exactly those names, and no other source file may write a command id itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVICES } from '../../../src/providers';
import { accountExtraCommands, COMMANDS, CONTEXT_KEYS, serviceCommands, VIEW_IDS } from '../../../src/views/ids';

// Compiled to out/test/unit/views: the repo root is four levels up.
const root = path.resolve(__dirname, '..', '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** Every `signdesk.*` name read by a `when`/`enablement` clause or a walkthrough's `onContext:` event. */
function contextKeysReadByPackageJson(): string[] {
  const keys: string[] = [];
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (key === 'when' || key === 'enablement') {
        for (const match of value.matchAll(/(config\.)?\bsigndesk\.[A-Za-z.]+/g)) {
          if (!match[1]) keys.push(match[0]);
        }
      }
      const onContext = /^onContext:(signdesk\.[A-Za-z.]+)$/.exec(value);
      if (onContext) keys.push(onContext[1]);
      return;
    }
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, Array.isArray(value) ? key : k);
    }
  };
  visit(pkg.contributes, '');
  const viewIds: string[] = Object.values(VIEW_IDS);
  return sorted(keys.filter((k) => !viewIds.includes(k)));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The account commands each service's OAuth client offers (built without sending anything). */
function extraCommands(): string[] {
  const context = { http: { request: () => Promise.reject(new Error('no requests here')) }, settings: () => ({ apiBaseUrl: 'https://api.example', oauthBaseUrl: 'https://app.example' }), clock: { now: () => 0 }, secrets: { values: () => [] } };
  return SERVICES.flatMap((service) => {
    const oauth = service.oauth.create(context);
    const ids = accountExtraCommands(service.id);
    return [...(typeof oauth.passwordGrant === 'function' ? [ids.signInWithPassword] : []), ...(typeof oauth.tokenSecondsLeft === 'function' ? [ids.verifySignIn] : [])];
  });
}

describe('command ids and context keys (views/ids.ts) against package.json', () => {
  it('every contributed command is in COMMANDS or a signature service’s serviceCommands, and each of those is contributed', () => {
    const contributed = (pkg.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    const perService = SERVICES.filter((service) => service.signatures)
      .flatMap((service) => Object.values(serviceCommands(service.id)));
    assert.deepEqual(sorted([...Object.values(COMMANDS), ...perService, ...extraCommands()]), sorted(contributed));
  });

  it('Sign In with Password… and Verify Sign-In are contributed exactly for the services whose OAuth client offers them (signNow)', () => {
    assert.deepEqual(extraCommands(), ['signdesk.signNow.signInWithPassword', 'signdesk.signNow.verifySignIn']);
  });

  it('every context key package.json reads is in CONTEXT_KEYS, and SignDesk sets no key nothing reads', () => {
    assert.deepEqual(sorted(Object.values(CONTEXT_KEYS)), contextKeysReadByPackageJson());
  });

  it('the requests view and the files view are the contributed ones', () => {
    const views = Object.values(pkg.contributes.views as Record<string, Array<{ id: string }>>).flat().map((v) => v.id);
    assert.deepEqual(views, [VIEW_IDS.requests, VIEW_IDS.files]);
  });

  it('no other source file writes a command id: they take it from COMMANDS', () => {
    const ids = new Set<string>(Object.values(COMMANDS));
    const ownFile = path.join(root, 'src', 'views', 'ids.ts');
    const written = sourceFiles(path.join(root, 'src'))
      .filter((file) => file !== ownFile)
      .flatMap((file) =>
        [...fs.readFileSync(file, 'utf8').matchAll(/['"](signdesk\.[A-Za-z.]+)['"]/g)]
          .filter((match) => ids.has(match[1]))
          .map((match) => `${path.relative(root, file)}: ${match[1]}`),
      );
    assert.deepEqual(written, []);
  });
});
