import * as assert from 'node:assert/strict';
import { loginIndicatorState, rateLimitLine, StatusInputs } from '../../../../src/views/statusBar/state';
import { makeSession } from '../../../support/sessions';

const now = 1_700_000_000_000;
const formatTime = (ms: number): string => `T+${(ms - now) / 60_000}m`;

function state(input: Partial<StatusInputs>) {
  return loginIndicatorState({ serviceLabel: 'Dropbox Sign', signingIn: false, now, formatTime, ...input });
}

describe('loginIndicatorState (status bar)', () => {
  it('signed out without a session', () => {
    assert.deepEqual(state({}), { kind: 'signedOut' });
    assert.deepEqual(state({ configured: true }), { kind: 'signedOut' });
  });

  it('not configured without a session while the client ID or secret is missing; a stored session wins', () => {
    assert.deepEqual(state({ configured: false }), { kind: 'notConfigured' });
    assert.equal(state({ configured: false, session: makeSession() }).kind, 'signedIn');
    assert.deepEqual(state({ configured: false, signingIn: true }), { kind: 'signingIn' });
  });

  it('signing in wins over everything', () => {
    assert.deepEqual(state({ signingIn: true, session: makeSession() }), { kind: 'signingIn' });
  });

  it('signed in: email, and a tooltip with account, token expiry and rate limit — never a token', () => {
    const session = makeSession({ expiresAt: now + 42 * 60_000 });
    const s = state({ session, rateLimit: { limit: 100, remaining: 95, resetAt: new Date(now + 5 * 60_000) } });
    assert.equal(s.kind, 'signedIn');
    if (s.kind !== 'signedIn') return;
    assert.equal(s.email, session.email);
    const tooltip = String(s.tooltip);
    assert.match(tooltip, new RegExp(`signed in as ${session.email}`));
    assert.match(tooltip, new RegExp(`Account ID: ${session.accountId}`));
    assert.match(tooltip, /valid until T\+42m \(in 42 min\)/);
    assert.match(tooltip, /API rate limit: 95 of 100 requests left, resets at T\+5m/);
    assert.ok(!tooltip.includes(session.accessToken) && !tooltip.includes(session.refreshToken));
  });

  it('counts what is left of the rate limit in words: "1 request left", "1 of 100 requests left"', () => {
    assert.equal(rateLimitLine({ remaining: 1 }, formatTime), 'API rate limit: 1 request left');
    assert.equal(rateLimitLine({ remaining: 0 }, formatTime), 'API rate limit: 0 requests left');
    assert.equal(rateLimitLine({ remaining: 1, limit: 100 }, formatTime), 'API rate limit: 1 of 100 requests left');
    assert.equal(rateLimitLine({ remaining: 1, limit: 1 }, formatTime), 'API rate limit: 1 of 1 request left');
  });

  it('says when the rate limit is not known yet, and when the access token has lapsed', () => {
    const s = state({ session: makeSession({ expiresAt: now - 1 }) });
    assert.equal(s.kind, 'signedIn');
    if (s.kind !== 'signedIn') return;
    assert.match(String(s.tooltip), /not known yet/);
    assert.match(String(s.tooltip), /expired; SignDesk refreshes it on the next request/);
  });

  it('needs attention when the sign-in expired, or the account awaits activation', () => {
    const expired = state({ session: makeSession({ status: 'expired' }) });
    assert.equal(expired.kind, 'needsAttention');
    assert.match((expired as { reason: string }).reason, /expired or was revoked/);
    // The bare email would read as "signed in": the bar says what to do instead.
    assert.equal((expired as { shortText?: string }).shortText, 'sign in again');
    const awaiting = state({ session: makeSession({ status: 'awaitingActivation' }) });
    assert.equal(awaiting.kind, 'needsAttention');
    assert.equal((awaiting as { shortText?: string }).shortText, undefined, 'awaiting activation keeps the email');
    assert.match((awaiting as { reason: string }).reason, /Confirm the email/);
  });

  it('needs attention while the secret storage is failing', () => {
    const s = state({ storageProblem: 'Keyring unavailable.' });
    assert.deepEqual(s, { kind: 'needsAttention', email: undefined, reason: 'Keyring unavailable.' });
  });
});
