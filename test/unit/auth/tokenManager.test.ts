import * as assert from 'node:assert/strict';
import { AuthError, MissingScopeError, NetworkError } from '../../../src/core/errors';
import { toHttpError } from '../../../src/core/httpErrors';
import { readDropboxError } from '../../../src/providers/dropbox/errorBody';
import { readDropboxSignError } from '../../../src/providers/dropboxSign/errorBody';
import { readSignNowError } from '../../../src/providers/signNow/errorBody';
import { AccountKey, StoredSession } from '../../../src/auth/session';
import { sessionSecretKey, SessionStore } from '../../../src/auth/sessionStore';
import { NOT_SIGNED_IN, SESSION_EXPIRED, TokenManager } from '../../../src/auth/tokenManager';
import { RecordingLogger } from '../../support/log';
import { FakeKeyring } from '../../support/secrets';
import { makeSession } from '../../support/sessions';
import { InstantTimers } from '../../support/time';
import { FakeTokenService, HOUR } from '../../support/tokenService';
import { SERVICES } from '../../../src/providers';

describe('TokenManager', () => {
  let now: number;
  const clock = { now: () => now };
  let keyring: FakeKeyring;
  let log: RecordingLogger;
  let store: SessionStore;
  let session: StoredSession;
  let key: AccountKey;
  let service: FakeTokenService;
  let tokens: TokenManager;

  async function setUp(overrides: Partial<StoredSession> = {}): Promise<void> {
    session = makeSession({ expiresAt: now + HOUR, ...overrides });
    key = { service: session.service, accountId: session.accountId };
    await store.save(session);
    service = new FakeTokenService(clock, session);
    tokens = new TokenManager({ store, refresh: service.refresh, clock, log, refreshMarginMs: 60_000, timers: new InstantTimers() });
  }

  beforeEach(() => {
    now = 1_700_000_000_000;
    keyring = new FakeKeyring();
    log = new RecordingLogger();
    store = new SessionStore({ services: SERVICES, secrets: keyring.window(), log });
  });

  afterEach(() => store.dispose());

  it('uses the stored token while it is fresh, without refreshing', async () => {
    await setUp();
    assert.equal(await tokens.withToken(key, service.call), `ok with ${session.accessToken}`);
    assert.equal(service.refreshes, 0);
  });

  it('refreshes before the call once the token is within the margin of its expiry', async () => {
    await setUp();
    now = session.expiresAt - 59_000;
    const result = await tokens.withToken(key, service.call);
    assert.equal(service.refreshes, 1);
    const stored = await store.get(key, { fresh: true });
    assert.equal(result, `ok with ${stored!.accessToken}`);
    assert.notEqual(stored!.accessToken, session.accessToken);
    assert.equal(stored!.refreshToken, service.liveRefresh);
    assert.equal(stored!.expiresAt, now + HOUR);
  });

  it('100 concurrent calls with an expired token cause exactly one refresh, and all succeed', async () => {
    await setUp({ expiresAt: now - 1 });
    service.liveAccess.clear();
    const results = await Promise.all(Array.from({ length: 100 }, () => tokens.withToken(key, service.call)));
    assert.equal(service.refreshes, 1);
    assert.ok(results.every((r) => r === `ok with ${[...service.liveAccess][0]}`));
  });

  it('100 concurrent calls whose token the service revoked early (401) cause exactly one refresh', async () => {
    await setUp();
    service.liveAccess.clear(); // looks fresh locally, refused remotely
    const results = await Promise.all(Array.from({ length: 100 }, () => tokens.withToken(key, service.call)));
    assert.equal(service.refreshes, 1);
    assert.equal(new Set(results).size, 1);
  });

  it('on a 401 it refreshes once and retries once', async () => {
    await setUp();
    service.liveAccess.clear();
    const seen: string[] = [];
    const result = await tokens.withToken(key, (t) => {
      seen.push(t);
      return service.call(t);
    });
    assert.equal(service.refreshes, 1);
    assert.equal(seen.length, 2);
    assert.equal(seen[0], session.accessToken);
    assert.equal(result, `ok with ${seen[1]}`);
  });

  it('a second 401 after the refresh surfaces the AuthError (no loop)', async () => {
    await setUp();
    let calls = 0;
    await assert.rejects(
      tokens.withToken(key, async () => {
        calls++;
        throw new AuthError('Unauthorized', { status: 401 });
      }),
      (error: unknown) => error instanceof AuthError && error.status === 401,
    );
    assert.equal(calls, 2);
    assert.equal(service.refreshes, 1);
    assert.equal((await store.get(key))!.status, 'active');
  });

  it('a 403 (forbidden: about the account, not the token) is not refreshed or retried', async () => {
    await setUp();
    let calls = 0;
    await assert.rejects(
      tokens.withToken(key, async () => {
        calls++;
        throw new AuthError('Forbidden', { status: 403 });
      }),
      AuthError,
    );
    assert.equal(calls, 1);
    assert.equal(service.refreshes, 0);
  });

  // Each service's word for it, through its own error reader and the one status mapping.
  const missingScope = [
    { reader: readDropboxError, body: { error_summary: 'missing_scope/..', error: { '.tag': 'missing_scope', required_scope: 'files.content.read' } } },
    { reader: readSignNowError, body: { error: 'invalid_scope' } },
    { reader: readDropboxSignError, body: { error: { error_name: 'insufficient_scope', error_msg: 'The token lacks request_signature.' } } },
  ];
  for (const { reader, body } of missingScope) {
    it(`a 401 saying a scope is missing (${JSON.stringify(body)}) is not refreshed or retried, and the session is kept`, async () => {
      await setUp();
      let calls = 0;
      await assert.rejects(
        tokens.withToken(key, async () => {
          calls++;
          throw toHttpError(401, Buffer.from(JSON.stringify(body)), { 'content-type': 'application/json' }, reader);
        }),
        MissingScopeError,
      );
      assert.equal(calls, 1);
      assert.equal(service.refreshes, 0);
      assert.deepEqual(await store.get(key, { fresh: true }), session);
    });
  }

  it('errors other than AuthError are not retried', async () => {
    await setUp();
    let calls = 0;
    await assert.rejects(
      tokens.withToken(key, async () => {
        calls++;
        throw new NetworkError('connection reset');
      }),
      NetworkError,
    );
    assert.equal(calls, 1);
    assert.equal(service.refreshes, 0);
  });

  it('invalid_grant: marks the session expired only after re-reading storage, and says to sign in again', async () => {
    await setUp({ expiresAt: now - 1 });
    service.liveRefresh = 'revoked-in-dropbox-sign';
    await assert.rejects(tokens.withToken(key, service.call), (error: unknown) => {
      assert.ok(error instanceof AuthError);
      assert.equal(error.errorName, 'invalid_grant');
      assert.match(error.message, /Sign in again/);
      return true;
    });
    const stored = await store.get(key, { fresh: true });
    assert.equal(stored!.status, 'expired');
    assert.equal(stored!.refreshToken, session.refreshToken);

    // From now on: no more refresh attempts until the user signs in again.
    await assert.rejects(tokens.withToken(key, service.call), (e: unknown) => (e as AuthError).errorName === SESSION_EXPIRED);
    assert.equal(service.refreshes, 1);
  });

  it('invalid_grant because another window rotated the tokens meanwhile: uses its tokens, stays signed in', async () => {
    await setUp({ expiresAt: now - 1 });
    const otherWindow = new SessionStore({ services: SERVICES, secrets: keyring.window(), log });
    service.beforeAnswer = async () => {
      // The other window refreshes first with the same refresh token and stores the rotated tokens.
      const rotated = service.rotate();
      await otherWindow.save({ ...session, ...rotated });
    };
    const result = await tokens.withToken(key, service.call);
    const stored = await store.get(key, { fresh: true });
    assert.equal(stored!.status, 'active');
    assert.equal(stored!.refreshToken, service.liveRefresh);
    assert.equal(result, `ok with ${stored!.accessToken}`);
    assert.equal(service.refreshes, 1);
    otherWindow.dispose();
  });

  it('uses tokens another window already stored instead of refreshing again', async () => {
    await setUp({ expiresAt: now - 1 });
    await store.get(key); // cached: the expired token
    const rotated = service.rotate();
    keyring.setFromElsewhere(sessionSecretKey(key), JSON.stringify({ ...session, ...rotated }));
    const result = await tokens.withToken(key, service.call);
    assert.equal(result, `ok with ${rotated.accessToken}`);
    assert.equal(service.refreshes, 0);
  });

  it('a network failure while refreshing propagates and does not expire the session', async () => {
    await setUp({ expiresAt: now - 1 });
    service.failNextWith = new NetworkError('Could not reach Dropbox Sign');
    await assert.rejects(tokens.withToken(key, service.call), NetworkError);
    assert.equal((await store.get(key, { fresh: true }))!.status, 'active');
    // The next call tries again.
    await tokens.withToken(key, service.call);
    assert.equal(service.refreshes, 2);
  });

  it('not signed in → AuthError not_signed_in, nothing called', async () => {
    await setUp();
    let called = false;
    await assert.rejects(
      tokens.withToken({ service: 'dropboxSign', accountId: 'nobody' }, async () => (called = true)),
      (e: unknown) => e instanceof AuthError && e.errorName === NOT_SIGNED_IN,
    );
    assert.equal(called, false);
  });

  it('an account awaiting activation becomes active after its first successful call', async () => {
    await setUp({ status: 'awaitingActivation' });
    await assert.rejects(tokens.withToken(key, async () => { throw new AuthError('not confirmed', { status: 403 }); }));
    assert.equal((await store.get(key))!.status, 'awaitingActivation');
    await tokens.withToken(key, service.call);
    assert.equal((await store.get(key))!.status, 'active');
  });

  it('freshSession: the stored session while fresh; near expiry one shared refresh for concurrent askers', async () => {
    await setUp();
    assert.equal((await tokens.freshSession(key)).accessToken, session.accessToken);
    assert.equal(service.refreshes, 0);
    now = session.expiresAt - 59_000;
    const [a, b] = await Promise.all([tokens.freshSession(key), tokens.freshSession(key)]);
    assert.equal(service.refreshes, 1);
    assert.equal(a.accessToken, b.accessToken);
    assert.ok(service.liveAccess.has(a.accessToken));
    assert.equal((await store.get(key, { fresh: true }))!.accessToken, a.accessToken);
  });

  it('refreshNow refreshes even a fresh token', async () => {
    await setUp();
    const refreshed = await tokens.withToken(key, service.call).then(() => tokens.refreshNow(key));
    assert.equal(service.refreshes, 1);
    assert.equal(refreshed.refreshToken, service.liveRefresh);
  });

  it('never logs a token', async () => {
    await setUp({ expiresAt: now - 1 });
    await tokens.withToken(key, service.call);
    service.liveRefresh = 'gone';
    await tokens.refreshNow(key).catch(() => undefined);
    const text = log.text();
    for (const secret of [session.accessToken, session.refreshToken, ...service.liveAccess]) {
      assert.ok(!text.includes(secret), `log contains ${secret}`);
    }
  });

  it('refreshes each session at its own service, and names that service when it must sign in again', async () => {
    const services = [...SERVICES, { id: 'signNow', label: 'signNow' }];
    const shared = new SessionStore({ services, secrets: keyring.window(), log });
    const signed = makeSession({ expiresAt: now - 1 });
    const other = makeSession({ service: 'signNow', accountId: 'sn-1', accessToken: 'SnAccess0123456789', refreshToken: 'SnRefresh0123456789', expiresAt: now - 1 });
    await shared.save(signed);
    await shared.save(other);
    const byService = new Map([
      [signed.service, new FakeTokenService(clock, signed)],
      [other.service, new FakeTokenService(clock, other)],
    ]);
    const labels = new Map(services.map((s) => [s.id, s.label]));
    const manager = new TokenManager({
      store: shared,
      refresh: (service, refreshToken) => byService.get(service)!.refresh(service, refreshToken),
      labelOf: (service) => labels.get(service) ?? service,
      clock,
      log,
      timers: new InstantTimers(),
    });
    await manager.withToken(other, byService.get('signNow')!.call);
    assert.deepEqual([byService.get(signed.service)!.refreshes, byService.get('signNow')!.refreshes], [0, 1]);
    await manager.withToken(signed, byService.get(signed.service)!.call);
    assert.deepEqual([byService.get(signed.service)!.refreshes, byService.get('signNow')!.refreshes], [1, 1]);
    byService.get('signNow')!.liveRefresh = 'revoked';
    await assert.rejects(manager.refreshNow(other), (error: Error) => error instanceof AuthError && /^The signNow sign-in of /.test(error.message));
    await assert.rejects(manager.withToken({ service: 'signNow', accountId: 'nobody' }, async () => 'x'), /^AuthError: You are not signed in to signNow\./);
    manager.dispose();
    shared.dispose();
  });
});
