// activate() now runs in every window (onStartupFinished), so it must stay cheap: no network call, and
// each secret read at most once. The compiled extension is loaded against the bench's fake `vscode`
// with a context whose secret storage counts reads and with Node's HTTP and fetch made to fail loudly.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { SERVICES } from '../../src/providers';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
// The modules themselves (not an import's frozen namespace), so their request functions can be replaced.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import http = require('node:http');
// eslint-disable-next-line @typescript-eslint/no-require-imports
import https = require('node:https');
import * as path from 'node:path';
import { appSecretKey } from '../../src/model/serviceSettings';
import { indexSecretKey, sessionSecretKey } from '../../src/auth/sessionStore';
import { createFakeContext, createFakeVscode, interceptVscode } from '../support/fakeVscode';
import { repoRoot } from '../runner/paths';
import { makeSession } from '../support/sessions';

const CLIENT_SECRET_KEY = appSecretKey('dropboxSign', 'clientSecret');

interface Activation {
  secretReads: string[];
  network: string[];
  statusText: string;
  contextKeys: Map<string, unknown>;
}

const packageJson = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

/** Activates SignDesk with these stored secrets (and client ID setting); resolves once the status bar and the view have settled. */
async function activate(stored: Record<string, string>, clientId = ''): Promise<Activation> {
  const pkg = structuredClone(packageJson);
  pkg.contributes.configuration.properties['signdesk.dropboxSign.clientId'].default = clientId;
  const { api } = createFakeVscode(pkg);
  const contextKeys = new Map<string, unknown>();
  let onShown: () => void = () => undefined;
  const shown = new Promise<void>((resolve) => (onShown = resolve));
  const item: any = {
    text: '',
    show: () => onShown(),
    hide: () => undefined,
    dispose: () => undefined,
  };
  api.window.createStatusBarItem = () => item;
  api.commands.executeCommand = async (command: string, key: string, value: unknown) => {
    if (command === 'setContext') contextKeys.set(key, value);
    return undefined;
  };

  const network: string[] = [];
  const refuse = (what: string) => (...args: unknown[]) => {
    network.push(`${what} ${String(args[0])}`);
    throw new Error(`network during activation: ${what}`);
  };
  const originals = { httpRequest: http.request, httpGet: http.get, httpsRequest: https.request, httpsGet: https.get, fetch: globalThis.fetch };
  Object.assign(http, { request: refuse('http.request'), get: refuse('http.get') });
  Object.assign(https, { request: refuse('https.request'), get: refuse('https.get') });
  globalThis.fetch = refuse('fetch') as typeof fetch;

  const restoreVscode = interceptVscode(api);
  const context = createFakeContext(api, pkg, repoRoot);
  const secretReads: string[] = [];
  for (const [key, value] of Object.entries(stored)) await context.secrets.store(key, value);
  const get = context.secrets.get;
  const reads: Promise<unknown>[] = [];
  context.secrets.get = (key: string) => {
    secretReads.push(key);
    const read = get(key);
    reads.push(read);
    return read;
  };
  try {
    // Each module binds `vscode` when first loaded: load the extension afresh against this run's fake.
    const sources = path.join(repoRoot, 'out', 'src') + path.sep;
    for (const file of Object.keys(require.cache)) if (file.startsWith(sources)) delete require.cache[file];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const extension = require('../../src/extension') as { activate(context: unknown): unknown };
    extension.activate(context);
    await shown;
    // Until no more reads start: the view, the Accounts menu and the current-account tracker read alongside.
    for (let seen = -1; seen !== reads.length; ) {
      seen = reads.length;
      await Promise.all(reads);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { secretReads, network, statusText: item.text, contextKeys };
  } finally {
    for (const d of context.subscriptions) d.dispose();
    restoreVscode();
    Object.assign(http, { request: originals.httpRequest, get: originals.httpGet });
    Object.assign(https, { request: originals.httpsRequest, get: originals.httpsGet });
    globalThis.fetch = originals.fetch;
  }
}

/** Every service's session index: the store lists each one once (no app secret: Dropbox needs none). */
const INDEXES = SERVICES.map((service) => indexSecretKey(service.id)).sort();

describe('activation (runs in every window: onStartupFinished)', () => {
  it('not configured: one secret read (the session index), no network, the indicator says "not configured"', async () => {
    const run = await activate({});
    assert.deepEqual(run.network, []);
    assert.deepEqual(run.secretReads.sort(), INDEXES);
    assert.equal(run.statusText, '$(account) Dropbox Sign: not configured');
    assert.equal(run.contextKeys.get('signdesk.requests.state'), 'notConfigured');
  });

  it('client ID set, secret missing: still "not configured" (the view asks to configure first)', async () => {
    const run = await activate({}, 'some-client-id');
    assert.deepEqual(run.network, []);
    assert.deepEqual(run.secretReads.sort(), [CLIENT_SECRET_KEY, ...INDEXES].sort());
    assert.equal(run.statusText, '$(account) Dropbox Sign: not configured');
    assert.equal(run.contextKeys.get('signdesk.requests.state'), 'notConfigured');
  });

  it('configured, signed out: the index and the client secret, each read once; no network', async () => {
    const run = await activate({ [CLIENT_SECRET_KEY]: 'a-client-secret' }, 'some-client-id');
    assert.deepEqual(run.network, []);
    assert.deepEqual(run.secretReads.sort(), [CLIENT_SECRET_KEY, ...INDEXES].sort());
    assert.equal(run.statusText, '$(account) Dropbox Sign: signed out');
    assert.equal(run.contextKeys.get('signdesk.signedIn'), false);
  });

  it('signed in: the index and the account entry, each read once (not the client secret); no network, no token refresh', async () => {
    const session = makeSession({ email: 'alice@example.com', expiresAt: 0 }); // expired access token: still no refresh at startup
    const run = await activate(
      { [indexSecretKey('dropboxSign')]: JSON.stringify([session.accountId]), [sessionSecretKey(session)]: JSON.stringify(session) },
      'some-client-id',
    );
    assert.deepEqual(run.network, []);
    assert.deepEqual(run.secretReads.sort(), [...INDEXES, sessionSecretKey(session)].sort());
    assert.equal(run.statusText, '$(pass) Dropbox Sign: alice@example.com');
    assert.equal(run.contextKeys.get('signdesk.signedIn'), true);
  });
});
