import * as assert from 'node:assert/strict';
import { ActiveSession } from '../../../src/auth/sessionSelection';
import { SessionStore } from '../../../src/auth/sessionStore';
import { RecordingLogger } from '../../support/log';
import { FakeKeyring } from '../../support/secrets';
import { makeSession } from '../../support/sessions';
import { SERVICES } from '../../../src/providers';
import { dropbox } from '../../../src/providers/dropbox/definition';
import { FakeMemento } from '../../support/memento';


function nextChange(active: ActiveSession): Promise<void> {
  return new Promise((resolve) => {
    const sub = active.onDidChange(() => {
      sub.dispose();
      resolve();
    });
  });
}

describe('ActiveSession (switch account)', () => {
  let keyring: FakeKeyring;
  let log: RecordingLogger;
  let store: SessionStore;
  let memento: FakeMemento;

  beforeEach(() => {
    keyring = new FakeKeyring();
    log = new RecordingLogger();
    store = new SessionStore({ services: SERVICES, secrets: keyring.window(), log });
    memento = new FakeMemento();
  });

  it("a file store's sign-in in this window (not selectable) never becomes current: the signature account stays", async () => {
    store = new SessionStore({ services: [...SERVICES, dropbox], secrets: keyring.window(), log });
    const signature = makeSession({ createdAt: 2 });
    await store.save(signature);
    const active = new ActiveSession(store, memento, log, (service) => service !== dropbox.id);
    assert.deepEqual(await active.current(), signature);
    // Older than the signature session too, so neither "new here" nor "oldest" may pick it.
    const changed = nextChange(active);
    await store.save(makeSession({ service: dropbox.id, createdAt: 1 }));
    await changed;
    assert.deepEqual(await active.current(), signature);
    active.dispose();
  });

  it('is undefined when signed out, and the oldest session when nothing was chosen', async () => {
    const active = new ActiveSession(store, memento, log);
    assert.equal(await active.current(), undefined);
    const first = makeSession({ createdAt: 1 });
    await store.save(makeSession({ createdAt: 2 }));
    await store.save(first);
    assert.deepEqual(await active.current(), first);
    active.dispose();
  });

  it('select switches, and the choice (an account id, not a token) is remembered', async () => {
    const a = makeSession({ createdAt: 1 });
    const b = makeSession({ createdAt: 2 });
    await store.save(a);
    await store.save(b);
    const active = new ActiveSession(store, memento, log);
    const changed = nextChange(active);
    await active.select(b);
    await changed;
    assert.deepEqual(await active.current(), b);
    assert.deepEqual(memento.values.get('signdesk.activeAccount'), { service: 'dropboxSign', accountId: b.accountId });
    assert.ok(!JSON.stringify([...memento.values]).includes(b.accessToken));
    assert.deepEqual(await new ActiveSession(store, memento, log).current(), b);
    active.dispose();
  });

  it('an account signed in from this window becomes current', async () => {
    const a = makeSession({ createdAt: 1 });
    await store.save(a);
    const active = new ActiveSession(store, memento, log);
    const b = makeSession({ createdAt: 2 });
    const changed = nextChange(active);
    await store.save(b);
    await changed;
    assert.deepEqual(await active.current(), b);
    active.dispose();
  });

  it('after signing out of the current account, falls back to another one', async () => {
    const a = makeSession({ createdAt: 1 });
    const b = makeSession({ createdAt: 2 });
    await store.save(a);
    await store.save(b);
    const active = new ActiveSession(store, memento, log);
    await active.select(b);
    await store.remove(b);
    assert.deepEqual(await active.current(), a);
    active.dispose();
  });
});
