// RequestsModel against the real sandbox over HTTP: Dropbox Sign's SignatureService (client + mapping) under
// TokenManager.withToken, with the sandbox's admin API moving signers between two refreshes.
import assert from 'node:assert/strict';
import type { AccountKey } from '../../../src/auth/session';
import { SessionStore } from '../../../src/auth/sessionStore';
import { TokenManager } from '../../../src/auth/tokenManager';
import { noopLogger } from '../../../src/core/log';
import { RequestsModel } from '../../../src/model/requestsModel';
import { notificationsFor } from '../../../src/model/requestsDiff';
import { SEED, SEED_REQUESTS } from '../../sandbox/dropboxSign/server';
import { signedInSession, useSandbox } from '../../support/sandboxes/dropboxSign';
import { FakeKeyring } from '../../support/secrets';
import { dropboxSign } from '../../../src/providers/dropboxSign/definition';
import { SERVICES } from '../../../src/providers';
import { dropboxSignStack } from '../../support/stacks';

describe('RequestsModel against the sandbox', function () {
  this.timeout(20_000);
  const sandbox = useSandbox({ config: { rateLimits: { enabled: false } } });
  let model: RequestsModel;
  let calls: number;

  beforeEach(async () => {
    const sb = sandbox();
    const { signatures: service, oauth } = dropboxSignStack(sb.info);
    const session = await signedInSession(sb, SEED.alice.email);
    const store = new SessionStore({ services: SERVICES, secrets: new FakeKeyring().window(), log: noopLogger });
    await store.save(session);
    const manager = new TokenManager({
      store,
      clock: { now: () => Date.now() },
      log: noopLogger,
      refresh: (_s, refreshToken) => oauth.refresh({ refreshToken, clientId: sb.info.clientId, clientSecret: sb.info.clientSecret }),
    });
    const key: AccountKey = { service: 'dropboxSign', accountId: session.accountId };
    calls = 0;
    model = new RequestsModel({ serviceLabel: dropboxSign.label, rules: dropboxSign.signatures.rules, clock: { now: () => Date.now() }, pageSize: 2 });
    model.setAccess({
      kind: 'signedIn',
      accountKey: 'dropboxSign:alice',
      list: (params, signal) => {
        calls++;
        return manager.withToken(key, (token) => service.listRequests(token, params, signal));
      },
    });
  });

  afterEach(() => model.dispose());

  async function loadAll(): Promise<void> {
    await model.ensureLoaded();
    while (model.hasMore) {
      await model.loadMore();
    }
  }

  it('lists the app\'s requests page by page, grouped by state, with their signers', async () => {
    await model.ensureLoaded();
    assert.equal(model.requests.length, 2);
    assert.equal(model.hasMore, true);
    await loadAll();
    assert.equal(model.requests.length, model.total);
    const byId = new Map(model.requests.map((r) => [r.id, r]));
    assert.equal(byId.get(SEED_REQUESTS.awaiting)?.title, 'NDA with Acme Co.');
    assert.deepEqual(
      byId.get(SEED_REQUESTS.awaiting)?.signers.map((s) => [s.name, s.email, s.order, s.status]),
      [
        ['Carol Signer', 'carol@example.com', 0, 'awaiting'],
        ['Dave Signer', 'dave@example.com', 1, 'awaiting'],
      ],
    );
    assert.equal(byId.get(SEED_REQUESTS.completed)?.state, 'completed');
    assert.equal(byId.get(SEED_REQUESTS.declined)?.state, 'declined');
    assert.equal(byId.has(SEED_REQUESTS.viaOtherApp), false, 'another app\'s request is not visible');
    const groups = model.groups.map((g) => g.id);
    assert.deepEqual(groups.slice(0, 3), ['awaiting', 'completed', 'declined']);
  });

  it('a signer the sandbox marks signed shows after the next refresh, as a notification', async () => {
    await loadAll();
    sandbox().admin.moveSigner(SEED_REQUESTS.awaiting, { email: 'carol@example.com' }, 'sign');
    const changes = await model.refresh();
    assert.deepEqual(notificationsFor(changes).map((n) => n.message), ["Carol Signer signed “NDA with Acme Co.”."]);
    assert.equal(model.get(SEED_REQUESTS.awaiting)?.signers[0].status, 'signed');
  });

  it('a refresh of every loaded page costs one call (page_size up to 100)', async () => {
    await loadAll();
    const before = calls;
    await model.refresh();
    assert.equal(calls - before, 1);
  });

  it('the filter goes to the API as query', async () => {
    model.setFilter('Offer');
    await loadAll();
    assert.deepEqual(model.requests.map((r) => r.title), ['Offer Letter']);
  });
});
