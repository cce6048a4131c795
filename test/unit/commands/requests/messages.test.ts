import assert from 'node:assert/strict';
import { AppNotConfiguredError } from '../../../../src/auth/signInErrors';
import { describeRefreshError, refreshUnavailableNotice } from '../../../../src/commands/requests/messages';
import { signInFailureMessage } from '../../../../src/commands/session/messages';
import {
  AuthError,
  BadResponseError,
  CancelledError,
  ConflictError,
  InvalidInputError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ServerError,
  SettingsError,
} from '../../../../src/core/errors';
import { ORIGIN_CHANGED } from '../../../../src/auth/tokenManager';

const NOW = Date.UTC(2026, 10, 24, 6, 0, 0);
const formatTime = (at: Date) => at.toISOString().slice(11, 19);
const loaded = { serviceLabel: 'Dropbox Sign', now: NOW, rowsShown: true, formatTime };

describe('refresh notices', () => {
  describe('when Refresh cannot call the service', () => {
    it('not configured: the same message and button as the other commands that need the app', () => {
      const notice = refreshUnavailableNotice({ kind: 'notConfigured' }, 'Dropbox Sign');
      assert.equal(notice?.message, signInFailureMessage(new AppNotConfiguredError(['clientId'], 'Dropbox Sign'), Date.now, 'Dropbox Sign')?.text);
      assert.match(notice?.message ?? '', /your Dropbox Sign app's client ID/);
      assert.match(notice!.message, /client ID/);
      assert.deepEqual(notice?.choices, ['Configure App']);
    });

    it('signed out: says to sign in, with Sign In', () => {
      assert.deepEqual(refreshUnavailableNotice({ kind: 'signedOut' }, 'Dropbox Sign'), {
        severity: 'warning',
        message: 'Sign in to Dropbox Sign to see your signature requests.',
        choices: ['Sign In'],
      });
    });

    it('session expired: Sign In Again', () => {
      assert.deepEqual(refreshUnavailableNotice({ kind: 'expired', email: 'a@x.com' }, 'Dropbox Sign')?.choices, ['Sign In Again']);
    });

    it('signed in (any loaded state): nothing, the refresh runs', () => {
      for (const state of [{ kind: 'ready' }, { kind: 'loading' }, { kind: 'empty' }, { kind: 'error', error: new Error('x') }] as const) {
        assert.equal(refreshUnavailableNotice(state, 'Dropbox Sign'), undefined, state.kind);
      }
    });
  });

  describe('a failed refresh the user asked for', () => {
    it('a refused base URL setting: the reason and Open Settings, no Retry (first load too)', () => {
      const error = new SettingsError('The setting "signdesk.dropboxSign.oauthBaseUrl" cannot be used: it must be an https:// address. Nothing was sent.');
      for (const rowsShown of [true, false]) {
        const notice = describeRefreshError(error, { ...loaded, rowsShown });
        assert.equal(notice?.message, `Couldn't refresh signature requests: ${error.message}`);
        assert.deepEqual(notice?.choices, ['Open Settings']);
      }
    });

    it('a session issued by other servers: its own explanation, Sign In Again and Open Settings', () => {
      const error = new AuthError('SignDesk now points at https://attacker.example, which did not issue the Dropbox Sign sign-in of a@example.com. Sign in again.', { errorName: ORIGIN_CHANGED });
      const notice = describeRefreshError(error, loaded);
      assert.equal(notice?.message, `Couldn't refresh signature requests: ${error.message}`);
      assert.deepEqual(notice?.choices, ['Sign In Again', 'Open Settings']);
    });

    it('network, server and unreadable answers: the reason, Retry and Show Log', () => {
      for (const error of [new NetworkError('Could not reach Dropbox Sign.'), new ServerError('Internal server error'), new BadResponseError('Dropbox Sign sent an answer SignDesk could not read.')]) {
        const notice = describeRefreshError(error, loaded);
        assert.equal(notice?.severity, 'error');
        assert.equal(notice?.message, `Couldn't refresh signature requests: ${error.message}`);
        assert.deepEqual(notice?.choices, ['Retry', 'Show Log'], error.name);
      }
    });

    it('an unknown error: a generic sentence (never its message), Retry and Show Log', () => {
      const notice = describeRefreshError(new TypeError('x is undefined'), loaded);
      assert.doesNotMatch(notice!.message, /undefined/);
      assert.deepEqual(notice?.choices, ['Retry', 'Show Log']);
    });

    it('a refused query or a missing endpoint: Show Log only (asking again does not help)', () => {
      assert.deepEqual(describeRefreshError(new InvalidInputError('Invalid query'), loaded)?.choices, ['Show Log']);
      assert.deepEqual(describeRefreshError(new NotFoundError('Not found'), loaded)?.choices, ['Show Log']);
      assert.deepEqual(describeRefreshError(new ConflictError('Busy'), loaded)?.choices, ['Retry', 'Show Log']);
    });

    it('a 401 that survived the token refresh, an expired session, a 403: Sign In Again and Show Log', () => {
      const cases: Array<[AuthError, RegExp]> = [
        [new AuthError('Unauthorized', { status: 401 }), /no longer accepts your sign-in/],
        [new AuthError('Your session expired.', { errorName: 'session_expired' }), /session expired/],
        [new AuthError('invalid grant', { status: 400, errorName: 'invalid_grant' }), /session expired/],
        [new AuthError('Forbidden for this app', { status: 403 }), /refused .*Forbidden for this app/],
      ];
      for (const [error, text] of cases) {
        const notice = describeRefreshError(error, loaded);
        assert.match(notice!.message, text);
        assert.deepEqual(notice?.choices, ['Sign In Again', 'Show Log'], error.message);
        assert.equal(notice?.severity, 'error');
      }
    });

    it('another window renewed the tokens and they do not reach this one: still signed in, Reload Window first', () => {
      const error = new AuthError('Another VS Code window renewed your Dropbox Sign sign-in. Reload the window to continue.', { errorName: 'renewed_elsewhere' });
      const notice = describeRefreshError(error, loaded);
      assert.equal(notice?.message, error.message);
      assert.deepEqual(notice?.choices, ['Reload Window', 'Sign In Again']);
      assert.equal(notice?.severity, 'warning');
    });

    it('not signed in (signed out meanwhile): Sign In', () => {
      assert.deepEqual(describeRefreshError(new AuthError('not signed in', { errorName: 'not_signed_in' }), loaded)?.choices, ['Sign In']);
    });

    it('rate limited: says when SignDesk tries again, and offers no Retry before then', () => {
      const resetAt = new Date(NOW + 90_000);
      const notice = describeRefreshError(new RateLimitError('slow down', { resetAt }), { ...loaded, retryAt: resetAt.getTime() });
      assert.equal(notice?.message, "Couldn't refresh: Dropbox Sign is limiting requests; SignDesk tries again after 06:01:30.");
      assert.deepEqual(notice?.choices, []);
      // Without the model's time, the error's own reset time.
      assert.match(describeRefreshError(new RateLimitError('slow down', { resetAt }), loaded)!.message, /after 06:01:30/);
    });

    it('rate limited with the reset already passed: Retry', () => {
      const notice = describeRefreshError(new RateLimitError('slow down', { resetAt: new Date(NOW - 1000) }), loaded);
      assert.deepEqual(notice?.choices, ['Retry']);
    });

    it('cancelled: nothing', () => {
      assert.equal(describeRefreshError(new CancelledError(), loaded), undefined);
    });

    it('a failed first load: no notification for what the error rows already offer; auth and rate limits still say what helps', () => {
      const first = { ...loaded, rowsShown: false };
      assert.equal(describeRefreshError(new ServerError('Internal server error'), first), undefined);
      assert.deepEqual(describeRefreshError(new AuthError('Unauthorized', { status: 401 }), first)?.choices, ['Sign In Again', 'Show Log']);
      assert.deepEqual(describeRefreshError(new RateLimitError('slow down', { resetAt: new Date(NOW + 1000) }), first)?.choices, []);
    });
  });
});

describe('refresh notices name the service from its definition', () => {
  it('another service label replaces "Dropbox Sign" in every notice', () => {
    const other = { ...loaded, serviceLabel: 'Other Sign' };
    const notices = [
      refreshUnavailableNotice({ kind: 'signedOut' }, 'Other Sign'),
      refreshUnavailableNotice({ kind: 'expired', email: 'a@x.com' }, 'Other Sign'),
      describeRefreshError(new RateLimitError('slow down', { resetAt: new Date(NOW + 60_000) }), other),
      describeRefreshError(new RateLimitError('slow down'), other),
      describeRefreshError(new AuthError('not signed in', { errorName: 'not_signed_in' }), other),
      describeRefreshError(new AuthError('gone', { errorName: 'session_expired' }), other),
      describeRefreshError(new AuthError('forbidden', { status: 403 }), other),
      describeRefreshError(new AuthError('Unauthorized', { status: 401 }), other),
    ];
    for (const notice of notices) {
      assert.match(notice?.message ?? '', /Other Sign/);
      assert.doesNotMatch(notice?.message ?? '', /Dropbox/);
    }
  });
});
