import * as assert from 'node:assert/strict';
import { SecretStorageUnavailableError } from '../../../../src/auth/session';
import { AppNotConfiguredError, AuthorizationDeniedError, SignInCancelledError, SignInTimedOutError } from '../../../../src/auth/signInErrors';
import type { RedirectConfig } from '../../../../src/auth/redirectStrategy';
import { describeAccountError, signInFailureMessage, signInStepMessage, stillWaitingNotice } from '../../../../src/commands/session/messages';
import { NOT_SIGNED_IN, ORIGIN_CHANGED, RENEWED_ELSEWHERE, SESSION_EXPIRED } from '../../../../src/auth/tokenManager';
import { AuthError, BadResponseError, CancelledError, InvalidInputError, NetworkError, RateLimitError, ServerError } from '../../../../src/core/errors';

describe('sign-in failure messages', () => {
  it('says nothing when the user cancelled', () => {
    assert.equal(signInFailureMessage(new SignInCancelledError(), Date.now, 'Dropbox Sign'), undefined);
    assert.equal(signInFailureMessage(new CancelledError(), Date.now, 'Dropbox Sign'), undefined);
  });

  it('offers the action that fixes each failure', () => {
    const cases: Array<[unknown, string[], RegExp]> = [
      [new AppNotConfiguredError(['clientId', 'clientSecret'], 'Dropbox Sign'), ['Configure App'], /client ID and your Dropbox Sign app's client secret/],
      [new AppNotConfiguredError(['relayUrl'], 'Dropbox Sign'), ['Open Settings'], /relay page/],
      [new AuthorizationDeniedError('Dropbox Sign'), ['Sign In Again'], /^Authorization was denied in Dropbox Sign\.$/],
      [new SignInTimedOutError(5), ['Retry', 'Show Log'], /within 5 minutes/],
      [new SecretStorageUnavailableError('write'), ['Show Log'], /keyring/],
      [new AuthError('nope', { errorName: 'invalid_client' }), ['Configure App', 'Show Log'], /client ID or client secret/],
      [new AuthError('nope', { errorName: 'invalid_grant' }), ['Sign In Again', 'Show Log'], /expired or was already used/],
      [new AuthError('Token refused.'), ['Sign In Again', 'Show Log'], /Token refused/],
      [new RateLimitError('slow', { resetAt: new Date(61_000) }), ['Retry'], /in 61 s/],
      [new NetworkError('ECONNREFUSED', { timedOut: true }), ['Retry', 'Open Settings', 'Show Log'], /no answer in time/],
      [new ServerError('500'), ['Retry', 'Show Log'], /problem/],
      [new BadResponseError('Dropbox Sign sent an unexpected sign-in response (malformed JSON).'), ['Show Log', 'Open Settings'], /malformed JSON/],
      [new InvalidInputError('Port 1 is in use.'), ['Open Settings', 'Show Log'], /Port 1/],
    ];
    for (const [error, actions, text] of cases) {
      const message = signInFailureMessage(error, () => 0, 'Dropbox Sign');
      assert.ok(message, String(error));
      assert.deepEqual(message.actions, actions, String(error));
      assert.match(message.text, text);
    }
  });

  it('names the service signed in to (signNow) in every message that names one, never Dropbox Sign', () => {
    const now = () => 0;
    const texts = [
      signInFailureMessage(new AuthError('nope', { errorName: 'invalid_client' }), now, 'signNow')!.text,
      signInFailureMessage(new AuthError('nope', { errorName: 'invalid_grant' }), now, 'signNow')!.text,
      signInFailureMessage(new RateLimitError('slow'), now, 'signNow')!.text,
      signInFailureMessage(new NetworkError('ECONNREFUSED'), now, 'signNow')!.text,
      signInFailureMessage(new ServerError('500'), now, 'signNow')!.text,
      signInStepMessage('openingBrowser', 'loopback', 'signNow'),
      signInStepMessage('readingAccount', 'loopback', 'signNow'),
      stillWaitingNotice({ mode: 'loopback', redirectUri: 'http://127.0.0.1:53682/callback' }, { setting: 'loopback', loopbackPort: 53682 }, 'signNow').text,
    ];
    for (const text of texts) {
      assert.match(text, /signNow/, text);
      assert.doesNotMatch(text, /Dropbox Sign/, text);
    }
    assert.match(texts[0], /Configure signNow App/);
  });

  it('never shows the text or stack of an unexpected error', () => {
    const error = new TypeError('cannot read x of undefined at secret-thing');
    const message = signInFailureMessage(error, Date.now, 'Dropbox Sign');
    assert.ok(message);
    assert.doesNotMatch(message.text, /secret-thing|TypeError|at /);
    assert.deepEqual(message.actions, ['Show Log', 'Retry']);
  });

  it('describes every step of the flow', () => {
    for (const step of ['openingBrowser', 'waitingForBrowser', 'exchangingCode', 'readingAccount', 'saving'] as const) {
      assert.notEqual(signInStepMessage(step, 'relay', 'Dropbox Sign'), '');
    }
    assert.match(signInStepMessage('waitingForBrowser', 'manual', 'Dropbox Sign'), /Complete Authorization…/);
  });
});

describe('sign-in still waiting for the browser', () => {
  const relayUrl = 'https://me.github.io/signdesk-relay/';
  const config = (setting: RedirectConfig['setting'], relay?: string): RedirectConfig => ({ setting, relayUrl: relay, loopbackPort: 53682 });

  it('relay: names the relay URL to register (what Copy Callback URL copies) and says how to stop waiting', () => {
    const notice = stillWaitingNotice({ mode: 'relay', redirectUri: relayUrl }, config('auto', relayUrl), 'Dropbox Sign');
    assert.equal(notice.callbackUrl, relayUrl);
    assert.equal(
      notice.text,
      `No answer from Dropbox Sign yet. If it shows an error page, register this callback URL in your app: ${relayUrl}. Cancel Sign-In stops waiting.`,
    );
  });

  it('loopback and desktop direct: the address sent is the one to register', () => {
    const loopback = stillWaitingNotice({ mode: 'loopback', redirectUri: 'http://127.0.0.1:53682/callback' }, config('loopback'), 'Dropbox Sign');
    assert.equal(loopback.callbackUrl, 'http://127.0.0.1:53682/callback');
    const desktop = stillWaitingNotice({ mode: 'direct', redirectUri: 'vscode://signdesk.signdesk/callback' }, config('direct'), 'Dropbox Sign');
    assert.equal(desktop.callbackUrl, 'vscode://signdesk.signdesk/callback');
    assert.match(desktop.text, /register this callback URL in your app: vscode:\/\/signdesk\.signdesk\/callback\. Cancel Sign-In stops waiting\.$/);
  });

  it('direct on a VS Code server: no URL can be registered (it changes every time), so it says to use relay mode instead', () => {
    const oneTime = 'http://127.0.0.1:8080/stable-1/callback?vscode-reqid=7&vscode-scheme=code-oss&vscode-authority=signdesk.signdesk';
    const notice = stillWaitingNotice({ mode: 'direct', redirectUri: oneTime }, config('auto'), 'Dropbox Sign');
    assert.equal(notice.callbackUrl, undefined);
    assert.ok(!notice.text.includes(oneTime), notice.text);
    assert.match(notice.text, /^No answer from Dropbox Sign yet\. In this VS Code .*changes with every sign-in.*relay mode.* Cancel Sign-In stops waiting\.$/);
  });
});

describe('account command failure notices (sign out, switch account, account menu)', () => {
  it('says nothing when the user cancelled', () => {
    assert.equal(describeAccountError(new CancelledError(), 'sign out'), undefined);
  });

  it('offers Sign In Again for a session that cannot be used, Reload Window first when another window renewed it', () => {
    for (const errorName of [NOT_SIGNED_IN, SESSION_EXPIRED, ORIGIN_CHANGED, 'invalid_grant']) {
      assert.deepEqual(describeAccountError(new AuthError('Sign in again.', { errorName }), 'switch account'), {
        severity: 'warning',
        message: 'Sign in again.',
        choices: ['Sign In Again'],
      });
    }
    assert.deepEqual(describeAccountError(new AuthError('Renewed in another window.', { errorName: RENEWED_ELSEWHERE }), 'sign out'), {
      severity: 'warning',
      message: 'Renewed in another window.',
      choices: ['Reload Window', 'Sign In Again'],
    });
  });

  it("shows SignDesk's own messages with Show Log, never an unknown error's text", () => {
    assert.deepEqual(describeAccountError(new SecretStorageUnavailableError('write'), 'sign out')?.choices, ['Show Log']);
    assert.match(describeAccountError(new SecretStorageUnavailableError('write'), 'sign out')?.message ?? '', /keyring/);
    assert.deepEqual(describeAccountError(new ServerError('Dropbox Sign had a problem.'), 'open the account menu'), {
      severity: 'error',
      message: 'Dropbox Sign had a problem.',
      choices: ['Show Log'],
    });
    assert.deepEqual(describeAccountError(new Error('at Object.<anonymous> secret stack'), 'sign out'), {
      severity: 'error',
      message: 'Could not sign out. See the log for details.',
      choices: ['Show Log'],
    });
  });
});
