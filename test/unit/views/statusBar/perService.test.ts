// Issue 11 item 3: one status bar segment per service, each following that service's own account, its own
// sign-in and its own app set-up; the context keys that offer Send/Refresh hold when any signature service
// is signed in; a service nobody configured adds no "not configured" segment beside the first.
import * as assert from 'node:assert/strict';
import type { StoredSession } from '../../../../src/auth/session';
import { ActiveSession } from '../../../../src/auth/sessionSelection';
import { SessionStore } from '../../../../src/auth/sessionStore';
import { StatusBarController } from '../../../../src/views/statusBar/controller';
import {
  CombinedContextKeys,
  combinedContextKeys,
  segmentShown,
  statusSegments,
  type LoginIndicatorState,
} from '../../../../src/views/statusBar/state';
import { CONTEXT_KEYS, serviceContextKey } from '../../../../src/views/ids';
import { dropboxSign } from '../../../../src/providers/dropboxSign/definition';
import { FakeKeyring } from '../../../support/secrets';
import { makeSession } from '../../../support/sessions';
import { RecordingLogger } from '../../../support/log';
import { settle } from '../../../support/time';
import { FakeMemento } from '../../../support/memento';


/** A second signature service: only its id and label matter here. */
const otherSign = { id: 'otherSign', label: 'Other Sign' };
const SERVICES = [dropboxSign, otherSign];

const toDispose: Array<{ dispose(): unknown }> = [];
afterEach(() => toDispose.splice(0).forEach((d) => d.dispose()));

async function twoSegments(options: { configured?: Record<string, boolean> } = {}) {
  const log = new RecordingLogger();
  const store = new SessionStore({ services: SERVICES, secrets: new FakeKeyring().window(), log });
  const memento = new FakeMemento();
  const active = new ActiveSession(store, memento, log);
  const context = new Map<string, boolean>();
  const keys = new CombinedContextKeys((key, value) => context.set(key, value));
  const shown = new Map<string, LoginIndicatorState>();
  const segments = statusSegments(SERVICES);
  const controllers = SERVICES.map(
    (service) =>
      new StatusBarController({
        serviceLabel: service.label,
        bar: { render: (state) => void shown.set(service.id, state) },
        active: active.forService(service.id),
        clock: { now: () => 1_000 },
        log,
        isConfigured: async () => options.configured?.[service.id] ?? true,
        setContext: keys.forService(service.id),
      }),
  );
  toDispose.push(...controllers, active, store);
  const settled = async () => {
    await settle();
    await Promise.all(controllers.map((c) => c.update()));
  };
  await settled();
  return { store, active, memento, context, shown, controllers, segments, settled };
}

describe('status bar: one segment per service', () => {
  it('each segment shows its own service: signing in to the second leaves the first signed out', async () => {
    const { store, shown, settled } = await twoSegments();
    assert.equal(shown.get('dropboxSign')?.kind, 'signedOut');
    assert.equal(shown.get('otherSign')?.kind, 'signedOut');
    await store.save(makeSession({ service: 'otherSign', email: 'other@x.com' }));
    await settled();
    assert.deepEqual(shown.get('otherSign'), { ...shown.get('otherSign'), kind: 'signedIn', email: 'other@x.com' });
    assert.equal(shown.get('dropboxSign')?.kind, 'signedOut', "the other service's account is not Dropbox Sign's");
  });

  it('both signed in: each segment names its own account, whichever was signed in last', async () => {
    const { store, shown, settled } = await twoSegments();
    await store.save(makeSession({ service: 'dropboxSign', email: 'ds@x.com' }));
    await store.save(makeSession({ service: 'otherSign', email: 'os@x.com' }));
    await settled();
    assert.equal((shown.get('dropboxSign') as { email: string }).email, 'ds@x.com');
    assert.equal((shown.get('otherSign') as { email: string }).email, 'os@x.com');
  });

  it('a sign-in in progress shows on its own service’s segment only', async () => {
    const { controllers, shown } = await twoSegments();
    await controllers[1].setSignInInProgress(true);
    assert.equal(shown.get('otherSign')?.kind, 'signingIn');
    assert.equal(shown.get('dropboxSign')?.kind, 'signedOut');
  });

  it('the context keys hold while any signature service is signed in', async () => {
    const { store, context, settled } = await twoSegments();
    assert.equal(context.get(CONTEXT_KEYS.signedIn), false);
    const other = makeSession({ service: 'otherSign' });
    await store.save(other);
    await settled();
    assert.equal(context.get(CONTEXT_KEYS.signedIn), true, 'signed in to the second service only');
    assert.equal(context.get(CONTEXT_KEYS.hasAccount), true);
    await store.remove(other);
    await settled();
    assert.equal(context.get(CONTEXT_KEYS.signedIn), false);
  });

  it('each service has its own copy of the keys, for its palette entries: not configured, configured, signed in, expired', async () => {
    const { store, context, settled } = await twoSegments({ configured: { dropboxSign: true, otherSign: false } });
    const keys = (service: string) =>
      [CONTEXT_KEYS.appConfigured, CONTEXT_KEYS.signedIn, CONTEXT_KEYS.hasAccount].map((key) => context.get(serviceContextKey(key, service)));
    assert.deepEqual(keys('otherSign'), [false, false, false], 'not configured');
    assert.deepEqual(keys('dropboxSign'), [true, false, false], 'configured, signed out');
    const other = makeSession({ service: 'otherSign' });
    await store.save(other);
    await settled();
    assert.deepEqual(keys('otherSign'), [true, true, true], 'signed in');
    assert.deepEqual(keys('dropboxSign'), [true, false, false], 'the other service\'s sign-in is not this one\'s');
    await store.save({ ...other, status: 'expired' });
    await settled();
    assert.deepEqual(keys('otherSign'), [true, false, true], 'expired: an account, but not signed in');
    assert.equal(context.get(CONTEXT_KEYS.signedIn), false);
  });

  it('rate-limit warnings stay on the service that sent them', async () => {
    const { store, controllers, shown, settled } = await twoSegments();
    await store.save(makeSession({ service: 'dropboxSign' }));
    await store.save(makeSession({ service: 'otherSign' }));
    await settled();
    controllers[1].noteRateLimit({ limit: 100, remaining: 3 });
    const tooltip = (id: string) => String((shown.get(id) as { tooltip?: unknown }).tooltip);
    assert.match(tooltip('otherSign'), /3 of 100 requests left/);
    assert.match(tooltip('dropboxSign'), /not known yet/);
  });

  it('the first segment always shows; another only once its service is configured or in use', () => {
    const [first, second] = statusSegments(SERVICES);
    assert.equal(segmentShown(first, { kind: 'notConfigured' }), true);
    assert.equal(segmentShown(second, { kind: 'notConfigured' }), false);
    for (const state of [{ kind: 'signedOut' }, { kind: 'signingIn' }, { kind: 'signedIn', email: 'a@x.com' }] as LoginIndicatorState[]) {
      assert.equal(segmentShown(second, state), true, state.kind);
    }
  });

  it('combinedContextKeys: a key holds when one segment says so', () => {
    assert.deepEqual(combinedContextKeys([{ a: false, b: true }, { a: true, b: false }, { a: false, b: false }]), { a: true, b: true });
    assert.deepEqual(combinedContextKeys([{ a: false }]), { a: false });
  });
});

describe('ActiveSession: one current account per service', () => {
  it('a sign-in to one service does not replace the current account of another', async () => {
    const { store, active } = await twoSegments();
    const first = makeSession({ service: 'dropboxSign' });
    await store.save(first);
    await settle();
    const second = makeSession({ service: 'otherSign' });
    await store.save(second);
    await settle();
    assert.deepEqual(await active.currentOf('dropboxSign'), first);
    assert.deepEqual(await active.currentOf('otherSign'), second);
  });

  it('choosing an account chooses it for its service; the choice written before per-service choices is still read', async () => {
    const { store, active, memento } = await twoSegments();
    const older: StoredSession = makeSession({ service: 'dropboxSign', createdAt: 1 });
    const newer: StoredSession = makeSession({ service: 'dropboxSign', createdAt: 2 });
    await store.save(older);
    await store.save(newer);
    await settle();
    await active.select(older);
    assert.deepEqual(await active.currentOf('dropboxSign'), older);
    // Data from before: only the overall choice is stored.
    memento.values.clear();
    await memento.update('signdesk.activeAccount', { service: 'dropboxSign', accountId: newer.accountId });
    assert.deepEqual(await active.currentOf('dropboxSign'), newer);
    assert.equal(await active.currentOf('otherSign'), undefined);
  });
});
