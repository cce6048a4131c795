import * as assert from 'node:assert/strict';
import { SecretRegistry } from '../../../src/core/log';
import { SecretStorageUnavailableError, SessionChange } from '../../../src/auth/session';
import { indexSecretKey, sessionSecretKey, SessionStore } from '../../../src/auth/sessionStore';
import { RecordingLogger } from '../../support/log';
import { FakeKeyring } from '../../support/secrets';
import { makeSession } from '../../support/sessions';
import { settle } from '../../support/time';
import { SERVICES } from '../../../src/providers';

function nextChange(store: SessionStore): Promise<SessionChange> {
  return new Promise((resolve) => {
    const sub = store.onDidChange((change) => {
      sub.dispose();
      resolve(change);
    });
  });
}

describe('SessionStore', () => {
  let keyring: FakeKeyring;
  let log: RecordingLogger;
  let store: SessionStore;

  beforeEach(() => {
    keyring = new FakeKeyring();
    log = new RecordingLogger();
    store = new SessionStore({ services: SERVICES, secrets: keyring.window(), log });
  });

  afterEach(() => store.dispose());

  it('saves one entry per account plus an index, and reads them back in sign-in order', async () => {
    const first = makeSession({ createdAt: 1 });
    const second = makeSession({ createdAt: 2 });
    await store.save(second);
    await store.save(first);

    assert.deepEqual(JSON.parse(keyring.values.get(sessionSecretKey(first))!), first);
    assert.deepEqual(JSON.parse(keyring.values.get(indexSecretKey('dropboxSign'))!), [second.accountId, first.accountId]);
    assert.deepEqual(await store.list(), [first, second]);
    assert.deepEqual(await store.get(first), first);
  });

  it('a second store over the same secrets (a reactivated extension) reads the sessions back', async () => {
    const session = makeSession();
    await store.save(session);
    const again = new SessionStore({ services: SERVICES, secrets: keyring.window(), log });
    assert.deepEqual(await again.list('dropboxSign'), [session]);
    again.dispose();
  });

  it('keeps every listed service apart: its own index and entries, listed together or alone; an unlisted service is refused', async () => {
    const services = [SERVICES[0], { id: 'signNow', label: 'signNow' }];
    const both = new SessionStore({ services, secrets: keyring.window(), log });
    const signed = makeSession({ createdAt: 2 });
    const other = makeSession({ service: 'signNow', accountId: 'sn-1', createdAt: 1 });
    await both.save(signed);
    await both.save(other);
    assert.deepEqual(JSON.parse(keyring.values.get('signdesk.sessionIndex.signNow')!), ['sn-1']);
    assert.deepEqual(JSON.parse(keyring.values.get('signdesk.session.signNow.sn-1')!), other);
    assert.deepEqual(await both.list(), [other, signed]);
    assert.deepEqual(await both.list('signNow'), [other]);
    assert.deepEqual(await both.list(signed.service), [signed]);
    await assert.rejects(async () => both.save(makeSession({ service: 'elsewhere' })), /bad service/);
    // A store that does not carry signNow (an older SignDesk) leaves its sessions alone.
    const older = new SessionStore({ services: [SERVICES[0]], secrets: keyring.window(), log });
    assert.deepEqual(await older.list(), [signed]);
    older.dispose();
    both.dispose();
  });

  it('names the service whose session the keyring failed to store', async () => {
    keyring.failNext.store = 2;
    await assert.rejects(store.save(makeSession()), (error: Error) => error instanceof SecretStorageUnavailableError && /could not write your Dropbox Sign session/.test(error.message));
  });

  it('readers that ask at once (activation) share one secret-storage read per key', async () => {
    const session = makeSession();
    await store.save(session);
    const fresh = new SessionStore({ services: SERVICES, secrets: keyring.window(), log });
    keyring.reads = 0;
    const lists = await Promise.all([fresh.list(), fresh.list(), fresh.list('dropboxSign'), fresh.list()]);
    for (const listed of lists) assert.deepEqual(listed, [session]);
    assert.equal(keyring.reads, SERVICES.length + 1, "each service's index and the one account entry, once each");
    fresh.dispose();
  });

  it('a write while a read is in flight wins: the older value read is not cached over it', async () => {
    const session = makeSession();
    const entry = sessionSecretKey(session);
    const secrets = keyring.window();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The entry's first read is slow (a busy keyring): it answers "absent" only after the save.
    let slowed = false;
    const slow = new SessionStore({
      services: SERVICES,
      secrets: {
        ...secrets,
        get: async (key) => {
          const value = await secrets.get(key);
          if (key === entry && !slowed) {
            slowed = true;
            await gate;
          }
          return value;
        },
      },
      log,
    });
    const reading = slow.get(session);
    await slow.save(session);
    release();
    assert.equal(await reading, undefined, 'the slow read saw the keyring before the save');
    assert.deepEqual(await slow.get(session), session, 'the saved session is what the store knows now');
    slow.dispose();
  });

  it('save replaces the same account instead of adding it twice', async () => {
    const session = makeSession();
    await store.save(session);
    await store.save({ ...session, accessToken: 'NewAccess-token-1' });
    const all = await store.list();
    assert.equal(all.length, 1);
    assert.equal(all[0].accessToken, 'NewAccess-token-1');
  });

  it('remove deletes only that account and its index id; other secrets stay', async () => {
    const a = makeSession();
    const b = makeSession();
    await store.save(a);
    await store.save(b);
    keyring.values.set('signdesk.dropboxSign.clientSecret', 'client-secret-value');

    assert.equal(await store.remove(a), true);
    assert.equal(await store.remove(a), false);
    assert.equal(keyring.values.has(sessionSecretKey(a)), false);
    assert.deepEqual(await store.list(), [b]);
    assert.equal(keyring.values.get('signdesk.dropboxSign.clientSecret'), 'client-secret-value');
  });

  it('fires saved and removed for its own writes, once each (the echo from secrets is ignored)', async () => {
    const changes: SessionChange[] = [];
    store.onDidChange((c) => changes.push(c));
    const s = makeSession();
    await store.save(s);
    await store.remove(s);
    await settle();
    assert.deepEqual(changes, [
      { reason: 'saved', key: { service: 'dropboxSign', accountId: s.accountId } },
      { reason: 'removed', key: { service: 'dropboxSign', accountId: s.accountId } },
    ]);
  });

  it('drops a corrupt entry with a log line and keeps the good ones', async () => {
    const good = makeSession();
    const bad = makeSession();
    await store.save(good);
    await store.save(bad);
    keyring.values.set(sessionSecretKey(bad), '{"service":"dropboxSign","accountId":"' + bad.accountId + '","accessToken":42');
    const fresh = new SessionStore({ services: SERVICES, secrets: keyring.window(), log });

    assert.deepEqual(await fresh.list(), [good]);
    assert.match(log.text(), new RegExp(`warn Dropped a corrupt stored dropboxSign session for account ${bad.accountId}`));
    assert.equal(keyring.values.has(sessionSecretKey(bad)), false);
    assert.deepEqual(JSON.parse(keyring.values.get(indexSecretKey('dropboxSign'))!), [good.accountId]);
    fresh.dispose();
  });

  for (const [name, mutate] of [
    ['missing refresh token', (o: Record<string, unknown>) => delete o.refreshToken],
    ['expiry as a string', (o: Record<string, unknown>) => (o.expiresAt = '123')],
    ['unknown status', (o: Record<string, unknown>) => (o.status = 'weird')],
    ['scopes not strings', (o: Record<string, unknown>) => (o.scopes = [1])],
    ['entry of a different account', (o: Record<string, unknown>) => (o.accountId = 'someone-else')],
  ] as const) {
    it(`treats an entry with ${name} as corrupt`, async () => {
      const s = makeSession();
      await store.save(s);
      const stored = JSON.parse(keyring.values.get(sessionSecretKey(s))!);
      mutate(stored);
      keyring.values.set(sessionSecretKey(s), JSON.stringify(stored));
      const fresh = new SessionStore({ services: SERVICES, secrets: keyring.window(), log });
      assert.equal(await fresh.get(s), undefined);
      assert.match(log.text(), /Dropped a corrupt/);
      fresh.dispose();
    });
  }

  it('drops a corrupt index with a log line instead of crashing', async () => {
    keyring.values.set(indexSecretKey('dropboxSign'), 'not json');
    assert.deepEqual(await store.list(), []);
    assert.match(log.text(), /warn Dropped a corrupt dropboxSign session index/);
  });

  it('saveOver: compare-and-set on the refresh token, checked in the write queue right before writing', async () => {
    const session = makeSession();
    await store.save(session);
    const rotated = { ...session, accessToken: 'AccessRotated-0123456789', refreshToken: 'RefreshRotated-0123456789' };
    assert.equal(await store.saveOver({ ...session, status: 'expired' }, ['RefreshSomethingElse-0123']), false);
    assert.equal((await store.get(session, { fresh: true }))!.status, 'active');
    // A save queued first changes what the compare sees.
    const [, marked] = await Promise.all([store.save(rotated), store.saveOver({ ...session, status: 'expired' }, [session.refreshToken])]);
    assert.equal(marked, false);
    assert.deepEqual(await store.get(session, { fresh: true }), rotated);
    assert.equal(await store.saveOver({ ...rotated, status: 'expired' }, [rotated.refreshToken]), true);
    assert.equal((await store.get(session, { fresh: true }))!.status, 'expired');
    await store.remove(session);
    assert.equal(await store.saveOver(rotated, [rotated.refreshToken]), false, 'never brings back a signed-out session');
    assert.equal(await store.get(session, { fresh: true }), undefined);
  });

  it('never logs a token', async () => {
    const s = makeSession();
    await store.save(s);
    await store.get(s, { fresh: true });
    await store.remove(s);
    assert.ok(!log.text().includes(s.accessToken));
    assert.ok(!log.text().includes(s.refreshToken));
  });

  it('registers the tokens it stores or reads with the log secret registry', async () => {
    const registry = new SecretRegistry();
    const s = makeSession();
    await store.save(s);
    const other = new SessionStore({ services: SERVICES, secrets: keyring.window(), log, secretRegistry: registry });
    await other.list();
    assert.ok([...registry.values()].includes(s.accessToken));
    assert.ok([...registry.values()].includes(s.refreshToken));
    other.dispose();
  });

  it('refuses to store an incomplete session without echoing values', async () => {
    const s = makeSession({ refreshToken: '' });
    assert.throws(() => store.save(s), /bad refreshToken/);
  });

  describe('when the secret storage fails (keyring unavailable)', () => {
    beforeEach(() => {
      keyring.failWith = new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
    });

    it('save throws SecretStorageUnavailableError that says what to do', async () => {
      await assert.rejects(store.save(makeSession()), (error: unknown) => {
        assert.ok(error instanceof SecretStorageUnavailableError);
        assert.match(error.message, /keyring/);
        assert.match(error.message, /--password-store=basic/);
        return true;
      });
      assert.match(log.text(), /error Secret storage failed to (read|write)/);
    });

    it('list and remove throw it too', async () => {
      await assert.rejects(store.list(), SecretStorageUnavailableError);
      await assert.rejects(store.remove({ service: 'dropboxSign', accountId: 'x' }), SecretStorageUnavailableError);
    });

    it('works again once the keyring is back', async () => {
      await assert.rejects(store.save(makeSession()), SecretStorageUnavailableError);
      keyring.failWith = undefined;
      const s = makeSession();
      await store.save(s);
      assert.deepEqual(await store.get(s), s);
    });
  });

  describe('another window', () => {
    it('writing a rotated token → reloaded change, and get returns the new token', async () => {
      const s = makeSession();
      await store.save(s);
      await settle();
      const change = nextChange(store);
      keyring.setFromElsewhere(sessionSecretKey(s), JSON.stringify({ ...s, accessToken: 'RotatedElsewhere-1' }));
      assert.deepEqual(await change, { reason: 'reloaded', key: { service: 'dropboxSign', accountId: s.accountId } });
      assert.equal((await store.get(s))!.accessToken, 'RotatedElsewhere-1');
    });

    it('adding an account → reloaded, and list shows it', async () => {
      const mine = makeSession({ createdAt: 1 });
      await store.save(mine);
      const otherWindow = new SessionStore({ services: SERVICES, secrets: keyring.window(), log });
      const theirs = makeSession({ createdAt: 2 });
      const change = nextChange(store);
      await otherWindow.save(theirs);
      assert.equal((await change).reason, 'reloaded');
      assert.deepEqual(await store.list(), [mine, theirs]);
      otherWindow.dispose();
    });

    it('signing out there → gone here', async () => {
      const s = makeSession();
      await store.save(s);
      await store.list();
      const otherWindow = new SessionStore({ services: SERVICES, secrets: keyring.window(), log });
      const change = nextChange(store);
      await otherWindow.remove(s);
      await change;
      assert.deepEqual(await store.list(), []);
      otherWindow.dispose();
    });

    it('changes to secrets that are not sessions are ignored', async () => {
      const changes: SessionChange[] = [];
      store.onDidChange((c) => changes.push(c));
      keyring.setFromElsewhere('signdesk.dropboxSign.clientSecret', 'x');
      await settle();
      assert.deepEqual(changes, []);
    });
  });
});
