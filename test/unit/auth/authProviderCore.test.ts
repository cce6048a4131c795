import * as assert from 'node:assert/strict';
import {
  accountKeyFromSessionId,
  AuthSessionsChange,
  AuthSessionsTracker,
  toAuthSession,
} from '../../../src/auth/authProviderCore';
import { SessionStore } from '../../../src/auth/sessionStore';
import { FakeKeyring, makeSession, RecordingLogger } from './fakes';

describe('AuthSessionsTracker (Accounts menu)', () => {
  let keyring: FakeKeyring;
  let log: RecordingLogger;
  let store: SessionStore;
  let tracker: AuthSessionsTracker;
  let events: AuthSessionsChange[];

  beforeEach(async () => {
    keyring = new FakeKeyring();
    log = new RecordingLogger();
    store = new SessionStore({ secrets: keyring.window(), log });
    tracker = new AuthSessionsTracker(store, log);
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
    const otherWindow = new SessionStore({ secrets: keyring.window(), log });
    await otherWindow.save(s);
    assert.deepEqual((await change).added.map((x) => x.id), [`dropboxSign:${s.accountId}`]);
    otherWindow.dispose();
  });

  it('parses session ids back to account keys, and rejects others', () => {
    assert.deepEqual(accountKeyFromSessionId('dropboxSign:abc:def'), { service: 'dropboxSign', accountId: 'abc:def' });
    assert.equal(accountKeyFromSessionId('other:abc'), undefined);
    assert.equal(accountKeyFromSessionId('dropboxSign:'), undefined);
    assert.equal(accountKeyFromSessionId('nocolon'), undefined);
  });
});
