import * as assert from 'node:assert/strict';
import {
  accountKeyFromSessionId,
  AuthSessionsChange,
  AuthSessionsTracker,
  SessionFreshener,
  toAuthSession,
} from '../../../src/auth/authProviderCore';
import { AuthError, NetworkError } from '../../../src/core/errors';
import { SessionStore } from '../../../src/auth/sessionStore';
import { RecordingLogger } from '../../support/log';
import { FakeKeyring } from '../../support/secrets';
import { makeSession } from '../../support/sessions';
import { SERVICES } from '../../../src/providers';

describe('AuthSessionsTracker (Accounts menu)', () => {
  let keyring: FakeKeyring;
  let log: RecordingLogger;
  let store: SessionStore;
  let tracker: AuthSessionsTracker;
  let events: AuthSessionsChange[];

  beforeEach(async () => {
    keyring = new FakeKeyring();
    log = new RecordingLogger();
    store = new SessionStore({ services: SERVICES, secrets: keyring.window(), log });
    tracker = new AuthSessionsTracker('dropboxSign', store, log);
    events = [];
    tracker.onDidChangeSessions((e) => events.push(e));
    await tracker.settled();
  });

  afterEach(() => {
    tracker.dispose();
    store.dispose();
  });

  it('sign-in → added; refresh → changed; sign-out → removed', async () => {
    const s = makeSession();
    await store.save(s);
    await tracker.settled();
    await store.save({ ...s, accessToken: 'Refreshed-token-1' });
    await tracker.settled();
    await store.remove(s);
    await tracker.settled();
    assert.deepEqual(events, [
      { added: [toAuthSession(s)], removed: [], changed: [] },
      { added: [], removed: [], changed: [toAuthSession({ ...s, accessToken: 'Refreshed-token-1' })] },
      { added: [], removed: [toAuthSession({ ...s, accessToken: 'Refreshed-token-1' })], changed: [] },
    ]);
  });

  it('lists sessions with the email as label and service:account as id; expired ones are not offered', async () => {
    const a = makeSession({ createdAt: 1 });
    const b = makeSession({ createdAt: 2, status: 'expired' });
    await store.save(a);
    await store.save(b);
    const sessions = await tracker.getSessions();
    assert.deepEqual(sessions, [
      { id: `dropboxSign:${a.accountId}`, accessToken: a.accessToken, account: { id: a.accountId, label: a.email }, scopes: a.scopes },
    ]);
  });

  it('a session turning expired is reported as removed', async () => {
    const s = makeSession();
    await store.save(s);
    await tracker.settled();
    events.length = 0;
    await store.save({ ...s, status: 'expired' });
    await tracker.settled();
    assert.deepEqual(events, [{ added: [], removed: [toAuthSession(s)], changed: [] }]);
  });

  it('filters by scopes and by account', async () => {
    const a = makeSession({ scopes: ['basic_account_info'] });
    const b = makeSession({ scopes: ['basic_account_info', 'request_signature'] });
    await store.save(a);
    await store.save(b);
    assert.deepEqual((await tracker.getSessions(['request_signature'])).map((s) => s.account.id), [b.accountId]);
    assert.deepEqual((await tracker.getSessions(undefined, a.accountId)).map((s) => s.account.id), [a.accountId]);
    assert.equal((await tracker.getSessions([])).length, 2);
  });

  it('a sign-in in another window shows up as added here', async () => {
    const s = makeSession();
    const change = new Promise<AuthSessionsChange>((resolve) => tracker.onDidChangeSessions(resolve));
    const otherWindow = new SessionStore({ services: SERVICES, secrets: keyring.window(), log });
    await otherWindow.save(s);
    assert.deepEqual((await change).added.map((x) => x.id), [`dropboxSign:${s.accountId}`]);
    otherWindow.dispose();
  });

  it('parses session ids back to account keys, and rejects others', () => {
    assert.deepEqual(accountKeyFromSessionId('dropboxSign:abc:def', 'dropboxSign'), { service: 'dropboxSign', accountId: 'abc:def' });
    assert.equal(accountKeyFromSessionId('other:abc', 'dropboxSign'), undefined);
    assert.deepEqual(accountKeyFromSessionId('other:abc', 'other'), { service: 'other', accountId: 'abc' });
    assert.equal(accountKeyFromSessionId('dropboxSign:', 'dropboxSign'), undefined);
    assert.equal(accountKeyFromSessionId('nocolon', 'dropboxSign'), undefined);
  });
});

describe('AuthSessionsTracker: tokens handed out are fresh', () => {
  let keyring: FakeKeyring;
  let log: RecordingLogger;
  let store: SessionStore;
  let freshened: string[];
  let freshen: SessionFreshener;
  let tracker: AuthSessionsTracker;

  beforeEach(async () => {
    keyring = new FakeKeyring();
    log = new RecordingLogger();
    store = new SessionStore({ services: SERVICES, secrets: keyring.window(), log });
    freshened = [];
    // As the token manager does: store the refreshed session, give it back.
    freshen = async (session) => {
      freshened.push(session.accountId);
      const refreshed = { ...session, accessToken: `Fresh-${freshened.length}-Abcdef123456` };
      await store.save(refreshed);
      return refreshed;
    };
    tracker = new AuthSessionsTracker('dropboxSign', store, log, (session) => freshen(session));
    await tracker.settled();
  });

  afterEach(() => {
    tracker.dispose();
    store.dispose();
  });

  it('getSessions hands out the freshened token; watching the store for changes refreshes nothing', async () => {
    const s = makeSession();
    await store.save(s);
    await tracker.settled();
    assert.deepEqual(freshened, [], 'noticing the sign-in did not refresh');
    const events: AuthSessionsChange[] = [];
    tracker.onDidChangeSessions((e) => events.push(e));
    const [handed] = await tracker.getSessions();
    assert.equal(handed.accessToken, 'Fresh-1-Abcdef123456');
    await tracker.settled();
    assert.deepEqual(freshened, [s.accountId]);
    assert.deepEqual(events.map((e) => e.changed.map((c) => c.accessToken)), [['Fresh-1-Abcdef123456']], 'the new token is announced');
  });

  it('a refused refresh (AuthError) offers nothing; a network failure offers the stored token', async () => {
    const s = makeSession();
    await store.save(s);
    freshen = async () => {
      throw new AuthError('The refresh token is invalid.', { status: 400, errorName: 'invalid_grant' });
    };
    assert.deepEqual(await tracker.getSessions(), []);
    freshen = async () => {
      throw new NetworkError('ECONNREFUSED');
    };
    assert.deepEqual((await tracker.getSessions()).map((x) => x.accessToken), [s.accessToken]);
    assert.match(log.text(), /Could not refresh the sign-in of/);
    assert.ok(!log.text().includes(s.accessToken));
  });
});
