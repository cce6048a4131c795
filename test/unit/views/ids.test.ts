// src/views/ids.ts is the one place SignDesk writes its command ids, view ids and context keys; package.json
// must contribute exactly those names, and no other source file may write a command id itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVICES } from '../../../src/providers';
import { accountExtraCommands, COMMANDS, CONTEXT_KEYS, serviceCommands, serviceContextKey, VIEW_IDS } from '../../../src/views/ids';
import { CombinedContextKeys, loginContextKeys } from '../../../src/views/statusBar/state';
import { makeSession } from '../../support/sessions';

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

/** The keys the signature services' status bar segments set (combined and per service), in every state. */
function keysSetBySegments(): string[] {
  const set: string[] = [];
  const keys = new CombinedContextKeys((key) => set.push(key));
  for (const service of SERVICES.filter((s) => s.signatures)) {
    const setContext = keys.forService(service.id);
    const states = [{ configured: false }, { configured: true }, { session: makeSession({ service: service.id }) }, { session: makeSession({ service: service.id, status: 'expired' }) }];
    for (const state of states) for (const [key, value] of Object.entries(loginContextKeys(state))) setContext(key, value);
  }
  return sorted(set);
}

/** `CONTEXT_KEYS.<name>` is read by some source file other than views/ids.ts (where each is set). */
function contextKeysUsedInSource(): string[] {
  const ownFile = path.join(root, 'src', 'views', 'ids.ts');
  const used = sourceFiles(path.join(root, 'src'))
    .filter((file) => file !== ownFile)
    .flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/\bCONTEXT_KEYS\.(\w+)/g)].map((match) => match[1]));
  return sorted(Object.entries(CONTEXT_KEYS).filter(([name]) => used.includes(name)).map(([, key]) => key));
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

  it('every context key package.json reads is in CONTEXT_KEYS or one service\'s copy of one; SignDesk sets no other key nothing reads', () => {
    const global: string[] = Object.values(CONTEXT_KEYS);
    const perService = new Set(keysSetBySegments().filter((key) => !global.includes(key)));
    assert.deepEqual(sorted(Object.values(CONTEXT_KEYS)), contextKeysReadByPackageJson().filter((key) => !perService.has(key)));
  });

  it('every context key a package.json when clause reads is set by SignDesk (a key nobody sets would hide its entry for good)', () => {
    const set = new Set([...contextKeysUsedInSource(), ...keysSetBySegments()]);
    assert.deepEqual(contextKeysReadByPackageJson().filter((key) => !set.has(key)), []);
    assert.ok(set.has(serviceContextKey(CONTEXT_KEYS.appConfigured, 'signNow')) && set.has(serviceContextKey(CONTEXT_KEYS.signedIn, 'signNow')));
  });

  it('a service\'s own palette entries read that service\'s keys: signNow\'s password sign-in once signNow is configured, its Verify while signed in to it, each Sign In to <service> once that service is configured', () => {
    const when = (id: string) => (pkg.contributes.menus.commandPalette as Array<{ command: string; when?: string }>).find((m) => m.command === id)?.when ?? '';
    const signNow = accountExtraCommands('signNow');
    assert.match(when(signNow.signInWithPassword), /(^|&& )signdesk\.appConfigured\.signNow( &&|$)/);
    assert.match(when(signNow.verifySignIn), /(^|&& )signdesk\.signedIn\.signNow( &&|$)/);
    for (const service of SERVICES.filter((s) => s.signatures)) {
      assert.match(when(serviceCommands(service.id).signIn), new RegExp(`(^|&& )signdesk\\.appConfigured\\.${service.id}( &&|$)`), service.id);
    }
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
