// What "Sign In with signNow Password…" says: the prompts promise the password is never stored or logged;
// each failure gets a sentence naming the service and the buttons that help.
import assert from 'node:assert/strict';
import { AppNotConfiguredError } from '../../../../src/auth/signInErrors';
import { AuthError, CancelledError, InvalidInputError, NetworkError, RateLimitError, ServerError } from '../../../../src/core/errors';
import { emailPrompt, passwordPrompt, passwordSignInFailure } from '../../../../src/commands/session/passwordSignInMessages';

describe('signNow password sign-in messages', () => {
  it('both prompts say the password is sent once to the service and never stored or logged', () => {
    for (const text of [emailPrompt('signNow'), passwordPrompt('signNow', 'alice@example.com')]) {
      assert.match(text, /never stores or logs it/);
      assert.match(text, /signNow's token endpoint/);
    }
    assert.match(passwordPrompt('signNow', 'alice@example.com'), /alice@example\.com/);
  });

  it('wrong email or password (signNow: 400 "Invalid credentials." or invalid_request) → a warning with Retry', () => {
    const wrong = passwordSignInFailure(new InvalidInputError('Invalid credentials.', { status: 400, errorName: '65536' }), 'signNow');
    assert.deepEqual(wrong, { severity: 'warning', text: 'signNow did not accept that email and password (Invalid credentials). Check them and try again.', actions: ['Retry'] });
    assert.deepEqual(passwordSignInFailure(new InvalidInputError('The service rejected the request (HTTP 400).', { status: 400, errorName: 'invalid_request' }), 'signNow')?.actions, ['Retry']);
  });

  it("the app's credentials refused → Configure App; not configured → Configure App", () => {
    assert.deepEqual(passwordSignInFailure(new AuthError('x', { status: 401, errorName: 'invalid_client' }), 'signNow')?.actions, ['Configure App', 'Show Log']);
    assert.match(passwordSignInFailure(new AuthError('x', { status: 401, errorName: 'invalid_client' }), 'signNow')!.text, /Configure signNow App/);
    assert.deepEqual(passwordSignInFailure(new AppNotConfiguredError(['clientSecret'], 'signNow'), 'signNow')?.actions, ['Configure App']);
  });

  it('cancelled → nothing shown; rate limit, network, server → Retry, naming the service', () => {
    assert.equal(passwordSignInFailure(new CancelledError(), 'signNow'), undefined);
    const now = 1_000_000;
    assert.match(passwordSignInFailure(new RateLimitError('x', { resetAt: new Date(now + 15_000) }), 'signNow', () => now)!.text, /signNow is rate-limiting requests; try again in 15 s/);
    assert.match(passwordSignInFailure(new NetworkError('x'), 'signNow')!.text, /could not reach signNow/);
    assert.deepEqual(passwordSignInFailure(new ServerError('x', { status: 500 }), 'signNow')?.actions, ['Retry', 'Show Log']);
    assert.deepEqual(passwordSignInFailure(new Error('boom at line 3'), 'signNow'), { severity: 'error', text: 'Sign-in failed unexpectedly. The log has the details.', actions: ['Show Log', 'Retry'] });
    assert.deepEqual(passwordSignInFailure(new AuthError('Token expired.', { status: 403, errorName: 'forbidden' }), 'signNow')?.actions, ['Retry', 'Show Log'], 'Sign In Again is this command again');
  });
});
