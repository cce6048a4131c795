import assert from 'node:assert/strict';
import type { AccountKey, StoredSession } from '../../../../src/auth/session';
import type { ListRequestsParams } from '../../../../src/model/service';
import type { SignatureRequest } from '../../../../src/model/signatureRequest';
import { request } from '../../../support/requests';
import { resolveRequestsAccess, RequestsAccessDeps } from '../../../../src/views/requestsTree/access';

function session(overrides: Partial<StoredSession> = {}): StoredSession {
  return {
    service: 'dropboxSign',
    accountId: 'acct1',
    email: 'me@example.com',
    accessToken: 'at',
    refreshToken: 'rt',
    expiresAt: 0,
    scopes: [],
    status: 'active',
    createdAt: 0,
    ...overrides,
  };
}

function deps(current: StoredSession | undefined, configured = true, listed: SignatureRequest[] = []) {
  const calls: Array<{ account: AccountKey; token: string; params: ListRequestsParams }> = [];
  const d: RequestsAccessDeps = {
    currentSession: async () => current,
    isConfigured: () => configured,
    withToken: async (account, call) => {
      const result = await call('token-for-' + account.accountId);
      return result;
    },
    listRequests: async (token, params) => {
      calls.push({ account: { service: 'dropboxSign', accountId: token.replace('token-for-', '') }, token, params });
      return { items: listed, page: params.page, numPages: 1, numResults: listed.length, pageSize: 20, hasMore: false };
    },
  };
  return { d, calls };
}

describe('requests access', () => {
  it('not configured when nobody is signed in and there is no client id; signed out when there is', async () => {
    assert.deepEqual(await resolveRequestsAccess(deps(undefined, false).d), { kind: 'notConfigured' });
    assert.deepEqual(await resolveRequestsAccess(deps(undefined, true).d), { kind: 'signedOut' });
  });

  it('an expired session asks to sign in again', async () => {
    assert.deepEqual(await resolveRequestsAccess(deps(session({ status: 'expired' })).d), { kind: 'expired', email: 'me@example.com' });
  });

  it('signed in: lists through withToken for that account', async () => {
    const { d, calls } = deps(session());
    const access = await resolveRequestsAccess(d);
    assert.equal(access.kind, 'signedIn');
    if (access.kind !== 'signedIn') return;
    assert.equal(access.accountKey, 'dropboxSign:acct1');
    await access.list({ page: 2, pageSize: 10, query: 'nda' });
    assert.deepEqual(calls, [{ account: { service: 'dropboxSign', accountId: 'acct1' }, token: 'token-for-acct1', params: { page: 2, pageSize: 10, query: 'nda' } }]);
  });

  it('signed in: marks each listed request as sent by this account or received from someone else', async () => {
    const listed = [
      request('mine', { requesterEmail: 'ME@example.com' }),
      request('fromBob', { requesterEmail: 'bob@example.com' }),
      request('noRequester'),
    ];
    const access = await resolveRequestsAccess(deps(session(), true, listed).d);
    assert.equal(access.kind, 'signedIn');
    if (access.kind !== 'signedIn') return;
    const page = await access.list({ page: 1, pageSize: 20 });
    assert.deepEqual(
      page.items.map((r) => [r.id, r.sentByAccount]),
      [['mine', true], ['fromBob', false], ['noRequester', undefined]],
    );
  });
});
