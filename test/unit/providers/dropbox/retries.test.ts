// Dropbox's error answers as SignDesk's files client and token manager meet them, from the Dropbox sandbox's
// faults: a 429 (JSON or plain text) is waited out as Retry-After says; a 5xx is retried with backoff for
// reads only, never for an upload; an expired access token is refreshed once and the call repeated.
import assert from 'node:assert/strict';
import { RotationLedger } from '../../../../src/auth/rotationLedger';
import { newSession, type StoredSession } from '../../../../src/auth/session';
import { SessionStore } from '../../../../src/auth/sessionStore';
import { TokenManager } from '../../../../src/auth/tokenManager';
import { MissingScopeError, RateLimitError, ServerError } from '../../../../src/core/errors';
import { describeStoreError } from '../../../../src/commands/files/messages';
import { FetchHttpClient } from '../../../../src/core/fetchHttpClient';
import { noopLogger } from '../../../../src/core/log';
import type { DropboxSettings } from '../../../../src/providers/dropbox/endpoints';
import { readDropboxError } from '../../../../src/providers/dropbox/errorBody';
import { DROPBOX_RETRIES, DropboxFilesClient } from '../../../../src/providers/dropbox/filesClient';
import { DropboxOAuthClient } from '../../../../src/providers/dropbox/oauthClient';
import { SERVICES } from '../../../../src/providers';
import { signIn, useDropboxSandbox } from '../../../support/sandboxes/dropbox';
import { FakeKeyring } from '../../../support/secrets';
import { FakeMemento } from '../../../support/memento';

describe('Dropbox retries and refresh, against the Dropbox sandbox’s faults', function () {
  this.timeout(15_000);
  const sb = useDropboxSandbox();
  const http = new FetchHttpClient({ serviceLabel: 'Dropbox', userAgent: 'SignDesk-test', readError: readDropboxError, timeoutMs: 3000 });
  const settings = (): DropboxSettings => ({ oauthBaseUrl: sb().info.oauthBaseUrl, apiBaseUrl: sb().info.apiBaseUrl, contentBaseUrl: sb().info.contentBaseUrl });
  /** The waits the client asked for, answered at once (the test does not sleep). */
  let waits: number[];
  let files: DropboxFilesClient;
  let token: string;

  beforeEach(async () => {
    waits = [];
    files = new DropboxFilesClient(http, settings, undefined, async (ms) => {
      waits.push(ms);
    });
    token = (await signIn(sb())).access_token;
    sb().admin.resetCounters();
  });

  it('429 with Retry-After, JSON or plain text: waits that long, then the listing answers', async () => {
    sb().admin.injectFault({ path: '/2/files/list_folder', kind: 'too_many_requests', retryAfter: 2 });
    assert.ok((await files.listFolder(token, '')).entries.length > 0);
    sb().admin.injectFault({ path: '/2/files/list_folder', kind: 'too_many_requests_text', retryAfter: 1 });
    assert.ok((await files.listFolder(token, '')).entries.length > 0);
    assert.equal(waits.length, 2);
    assert.ok(waits[0] > 1000 && waits[0] <= 2000, String(waits[0]));
    assert.ok(waits[1] > 0 && waits[1] <= 1000, String(waits[1]));
  });

  it('a Retry-After too long to hold the user for is not waited: the RateLimitError says when', async () => {
    sb().admin.injectFault({ path: '/2/files/list_folder', kind: 'too_many_requests', retryAfter: 120 });
    await assert.rejects(files.listFolder(token, ''), (e: unknown) => e instanceof RateLimitError && e.resetAt!.getTime() > Date.now() + 100_000);
    assert.deepEqual(waits, []);
  });

  it('an upload refused with too_many_write_operations (nothing stored) is tried again after Retry-After', async () => {
    sb().admin.injectFault({ path: '/2/files/upload', kind: 'too_many_write_operations', retryAfter: 1 });
    const saved = await files.upload(token, '/SignDesk/again.pdf', Buffer.from('%PDF-1.4'), { mode: 'add', autorename: true });
    assert.equal(saved.name, 'again.pdf');
    assert.equal(waits.length, 1);
  });

  it('a read after a 5xx is retried with backoff, and gives up after the last one', async () => {
    sb().admin.injectFault({ path: '/2/files/get_temporary_link', kind: 'server_error', count: 2 });
    assert.match((await files.temporaryLink(token, '/Welcome.pdf')).url, /^http/);
    assert.deepEqual(waits, DROPBOX_RETRIES.readBackoffMs);
    waits = [];
    sb().admin.injectFault({ path: '/2/files/list_folder', kind: 'plain_503', count: 3 });
    await assert.rejects(files.listFolder(token, ''), ServerError);
    assert.deepEqual(waits, DROPBOX_RETRIES.readBackoffMs);
    assert.equal(sb().admin.counters().faultsServed.plain_503, 3);
  });

  it('an upload after a 5xx is never repeated (Dropbox may have stored it)', async () => {
    sb().admin.injectFault({ path: '/2/files/upload', kind: 'server_error' });
    await assert.rejects(files.upload(token, '/SignDesk/once.pdf', Buffer.from('%PDF-1.4'), { mode: 'add', autorename: true }), ServerError);
    assert.deepEqual(waits, []);
    assert.equal(sb().admin.counters().faultsServed.server_error, 1);
    assert.equal(sb().admin.file('alice@example.com', '/SignDesk/once.pdf'), undefined, 'one attempt only, and it was refused');
  });

  /** A signed-in Dropbox session (with `scope`, fewer permissions) stored, and a token manager refreshing it at the sandbox. */
  async function withManagedSession(test: (parts: { session: StoredSession; store: SessionStore; manager: TokenManager }) => Promise<void>, scope?: string): Promise<void> {
    const tokens = await signIn(sb(), scope === undefined ? {} : { scope });
    const oauth = new DropboxOAuthClient(http, settings);
    const store = new SessionStore({ services: SERVICES, secrets: new FakeKeyring().window(), log: noopLogger });
    const session = newSession('dropbox', { id: tokens.account_id, email: 'alice@example.com' }, { accessToken: tokens.access_token, refreshToken: tokens.refresh_token!, expiresAt: Date.now() + 3600_000 }, 'active', Date.now());
    await store.save(session);
    const manager = new TokenManager({
      store,
      refresh: (_service, refreshToken) => oauth.refresh({ clientId: sb().info.clientId, refreshToken }),
      clock: { now: () => Date.now() },
      log: noopLogger,
      rotations: new RotationLedger(new FakeMemento(), noopLogger),
    });
    try {
      sb().admin.resetCounters();
      await test({ session, store, manager });
    } finally {
      manager.dispose();
      store.dispose();
    }
  }

  it('expired_access_token: the token manager refreshes once (client_id alone) and the call is repeated', () =>
    withManagedSession(async ({ session, manager }) => {
      sb().admin.injectFault({ path: '/2/files/list_folder', kind: 'expired_access_token' });
      const listing = await manager.withToken(session, (accessToken) => files.listFolder(accessToken, ''));
      assert.ok(listing.entries.length > 0);
      assert.deepEqual(sb().admin.counters().tokenIssued, { refresh_token: 1 });
      assert.equal(sb().admin.counters().faultsServed.expired_access_token, 1);
    }));

  it('missing_scope: no refresh (it would bring the same scopes), the stored session is kept, and the user is told which permission with Sign In Again', () =>
    withManagedSession(async ({ session, store, manager }) => {
      const error = await manager.withToken(session, (accessToken) => files.temporaryLink(accessToken, '/Welcome.pdf')).then(
        () => assert.fail('a link without files.content.read'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof MissingScopeError, String(error));
      assert.equal(error.scope, 'files.content.read');
      assert.deepEqual(sb().admin.counters().tokenIssued, {}, 'no refresh');
      assert.deepEqual(await store.get(session, { fresh: true }), session, 'the stored session is untouched');
      const shown = describeStoreError(error, 'link', { storeLabel: 'Dropbox', subject: 'Welcome.pdf' });
      assert.match(shown!.message, /files\.content\.read/);
      assert.deepEqual(shown!.choices, ['Sign In Again', 'Show Log']);
    }, 'account_info.read files.metadata.read'));
});
