import * as assert from 'node:assert/strict';
import type { StoredSession } from '../../../../src/auth/session';
import { ActiveSession } from '../../../../src/auth/sessionSelection';
import { SessionStore } from '../../../../src/auth/sessionStore';
import type { LoginIndicatorState } from '../../../../src/views/statusBar/indicator';
import { StatusBarController } from '../../../../src/views/statusBar/controller';
import { RecordingLogger } from '../../../support/log';
import { FakeKeyring } from '../../../support/secrets';
import { makeSession } from '../../../support/sessions';
import { settle } from '../../../support/time';
import { SERVICES } from '../../../../src/providers';
import { FakeMemento } from '../../../support/memento';


const toDispose: Array<{ dispose(): void }> = [];
afterEach(() => toDispose.splice(0).forEach((d) => d.dispose()));

/** The states the login indicator was given, in order, and the context keys set. */
async function setUp(options: { configured?: boolean; stored?: StoredSession[] } = {}) {
  const keyring = new FakeKeyring();
  const log = new RecordingLogger();
  const store = new SessionStore({ services: SERVICES, secrets: keyring.window(), log });
  for (const session of options.stored ?? []) await store.save(session);
  const active = new ActiveSession(store, new FakeMemento(), log);
  const shown: LoginIndicatorState['kind'][] = [];
  const context = new Map<string, boolean>();
  let configured = options.configured ?? true;
  let configuredReads = 0;
  const setupChanged = new Set<(e: unknown) => unknown>();
  const controller = new StatusBarController({
    serviceLabel: 'Dropbox Sign',
    bar: { render: (state) => void shown.push(state.kind) },
    active,
    clock: { now: () => 1_000 },
    log,
    isConfigured: async () => {
      configuredReads++;
      return configured;
    },
    onDidChangeAppSetup: (listener) => {
      setupChanged.add(listener);
      return { dispose: () => setupChanged.delete(listener) };
    },
    setContext: (key, value) => context.set(key, value),
  });
  toDispose.push({ dispose: () => (controller.dispose(), active.dispose(), store.dispose()) });
  return {
    store,
    controller,
    shown,
    context,
    keyring,
    configuredReads: () => configuredReads,
    configure(value: boolean) {
      configured = value;
      for (const listener of setupChanged) listener(undefined);
    },
  };
}

describe('StatusBarController (login indicator)', () => {
  it('shows nothing until the stored sign-in is read, then "not configured" without a client ID and secret', async () => {
    const t = await setUp({ configured: false });
    assert.deepEqual(t.shown, [], 'no guess before the first read');
    await t.controller.update();
    assert.equal(t.shown.at(-1), 'notConfigured');
    assert.equal(t.context.get('signdesk.appConfigured'), false);
    assert.equal(t.context.get('signdesk.signedIn'), false);
    t.configure(true);
    await t.controller.update();
    assert.equal(t.shown.at(-1), 'signedOut');
    assert.equal(t.context.get('signdesk.appConfigured'), true);
  });

  it('signed in: shows the account and does not read the client secret', async () => {
    const t = await setUp({ stored: [makeSession()] });
    await t.controller.update();
    assert.equal(t.shown.at(-1), 'signedIn');
    assert.equal(t.configuredReads(), 0);
    assert.equal(t.context.get('signdesk.signedIn'), true);
    assert.equal(t.context.get('signdesk.hasAccount'), true);
  });

  it('an expired sign-in needs attention: an account (Sign Out), but not signed in (no Send/Refresh)', async () => {
    const t = await setUp({ stored: [makeSession({ status: 'expired' })] });
    await t.controller.update();
    assert.equal(t.shown.at(-1), 'needsAttention');
    assert.equal(t.context.get('signdesk.signedIn'), false);
    assert.equal(t.context.get('signdesk.hasAccount'), true);
  });

  it('a sign-in that completes goes from "signing in" straight to the account, never through "signed out"', async () => {
    const t = await setUp();
    await t.controller.update();
    assert.equal(t.shown.at(-1), 'signedOut');
    await t.controller.setSignInInProgress(true);
    const from = t.shown.length - 1;
    assert.equal(t.shown[from], 'signingIn');
    // As the sign-in flow does it: save the session, then report the attempt over.
    await t.store.save(makeSession());
    await t.controller.setSignInInProgress(false);
    await settle();
    await t.controller.update();
    const after = t.shown.slice(from);
    assert.ok(!after.includes('signedOut'), `shown after signing in: ${after.join(' → ')}`);
    assert.equal(after.at(-1), 'signedIn');
  });

  it('a sign-in that ends without a session (cancel) goes back to "signed out"', async () => {
    const t = await setUp();
    await t.controller.update();
    await t.controller.setSignInInProgress(true);
    await t.controller.setSignInInProgress(false);
    assert.equal(t.shown.at(-1), 'signedOut');
  });

  it('sets each context key only when its value changes', async () => {
    const calls: string[] = [];
    const controller = new StatusBarController({
    serviceLabel: 'Dropbox Sign',
      bar: { render: () => undefined },
      active: { current: async () => undefined, onDidChange: () => ({ dispose: () => undefined }) },
      clock: { now: () => 0 },
      log: new RecordingLogger(),
      isConfigured: async () => true,
      setContext: (key, value) => calls.push(`${key}=${value}`),
    });
    toDispose.push(controller);
    await controller.update();
    await controller.update();
    controller.noteRateLimit({ remaining: 5 });
    assert.deepEqual(calls.sort(), ['signdesk.appConfigured=true', 'signdesk.hasAccount=false', 'signdesk.signedIn=false']);
  });
});
