import * as assert from 'node:assert/strict';
import {
  AuthError,
  BadResponseError,
  CancelledError,
  ConflictError,
  InvalidInputError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  RedirectError,
  ResponseTooLargeError,
  ServerError,
  SettingsError,
} from '../../../../src/core/errors';
import { toHttpError } from '../../../../src/core/httpErrors';
import { ORIGIN_CHANGED } from '../../../../src/auth/tokenManager';
import { readDropboxError } from '../../../../src/providers/dropbox/errorBody';
import { ActionKind, describeActionError, isOneHourReminderRule, reminderTooSoonMessage } from '../../../../src/commands/actions/messages';

const ctx = { serviceLabel: 'Dropbox Sign', subject: 'NDA with Acme' };
const actions: ActionKind[] = ['send', 'remind', 'cancel', 'download'];

describe('action errors', () => {
  it('a refused base URL setting: nothing was done (not "Dropbox Sign refused"), Open Settings', () => {
    const error = new SettingsError('The setting "signdesk.dropboxSign.apiBaseUrl" cannot be used: it must be an https:// address. Nothing was sent.');
    for (const action of actions) {
      const view = describeActionError(error, action, ctx);
      assert.deepEqual(view?.choices, ['Open Settings'], action);
      assert.match(view?.message ?? '', /^SignDesk did not .*“NDA with Acme”: The setting .* https/);
    }
  });

  it('a session issued by other servers: says why, offers Sign In Again and Open Settings (no Retry)', () => {
    const error = new AuthError('SignDesk now points at https://attacker.example, which did not issue the Dropbox Sign sign-in of a@example.com. Sign in again.', { errorName: ORIGIN_CHANGED });
    const view = describeActionError(error, 'send', ctx);
    assert.deepEqual(view?.choices, ['Sign In Again', 'Open Settings']);
    assert.match(view?.message ?? '', /did not send “NDA with Acme”: SignDesk now points at https:\/\/attacker\.example/);
  });

  it('shows nothing for a cancellation the user asked for', () => {
    for (const action of actions) assert.equal(describeActionError(new CancelledError(), action, ctx), undefined);
  });

  it('asks to sign in when nobody is, and to sign in again when the session is refused', () => {
    const notSignedIn = describeActionError(new AuthError('x', { errorName: 'not_signed_in' }), 'send', ctx);
    assert.deepEqual(notSignedIn?.choices, ['Sign In']);
    const expired = describeActionError(new AuthError('x', { errorName: 'session_expired' }), 'cancel', ctx);
    assert.deepEqual(expired?.choices, ['Sign In Again', 'Show Log']);
    assert.match(expired?.message ?? '', /could not cancel “NDA with Acme”/);
    const forbidden = describeActionError(new AuthError('You are not the sender', { status: 403 }), 'cancel', ctx);
    assert.match(forbidden?.message ?? '', /does not let this account cancel.*“You are not the sender”/);
  });

  it('a missing scope names the permission to allow and offers Sign In Again (a new consent), for every action', () => {
    const error = toHttpError(401, Buffer.from('{"error_summary":"missing_scope/..","error":{".tag":"missing_scope","required_scope":"request_signature"}}'), {}, readDropboxError);
    for (const action of actions) {
      const view = describeActionError(error, action, ctx);
      assert.deepEqual(view?.choices, ['Sign In Again', 'Show Log'], action);
      assert.match(view?.message ?? '', /Your Dropbox Sign sign-in lacks the “request_signature” permission SignDesk needs to .*“NDA with Acme”\. Sign in again and allow it\./, action);
    }
  });

  it('another window renewed the tokens and they do not reach this one: Reload Window, nothing was done', () => {
    const error = new AuthError('Another VS Code window renewed your Dropbox Sign sign-in. Reload the window to continue.', { errorName: 'renewed_elsewhere' });
    const view = describeActionError(error, 'remind', ctx);
    assert.deepEqual(view?.choices, ['Reload Window', 'Sign In Again']);
    assert.match(view?.message ?? '', /Reload the window to continue\. Nothing was done with “NDA with Acme”\./);
  });

  it('offers Retry after the reset time on a rate limit, for every action (the service did nothing)', () => {
    const resetAt = new Date(Date.UTC(2030, 0, 1, 14, 5));
    const at = { ...ctx, now: Date.UTC(2030, 0, 1, 14, 1), zone: { timeZone: 'UTC', locale: 'en-GB' } };
    for (const action of actions) {
      const view = describeActionError(new RateLimitError('slow down', { status: 429, resetAt }), action, at);
      assert.deepEqual(view?.choices, ['Retry']);
      assert.match(view?.message ?? '', /Try again after 14:05 UTC\.$/);
    }
  });

  it('refuses a download politely while files are being prepared (409), with Retry', () => {
    const view = describeActionError(new ConflictError('files are being prepared', { status: 409 }), 'download', ctx);
    assert.equal(view?.severity, 'info');
    assert.match(view?.message ?? '', /still preparing the files of “NDA with Acme”/);
    assert.deepEqual(view?.choices, ['Retry']);
  });

  it('explains the one-hour reminder rule, with the time when known', () => {
    const error = new InvalidInputError('You cannot send a reminder within 1 hour of the last reminder.', { status: 400 });
    assert.equal(isOneHourReminderRule(error), true);
    assert.equal(isOneHourReminderRule(new InvalidInputError('Bad email')), false);
    const again = new Date(Date.UTC(2030, 0, 1, 9, 30));
    const view = describeActionError(error, 'remind', { serviceLabel: 'Dropbox Sign', subject: 'Dave', remindAgainAt: again, now: Date.UTC(2030, 0, 1, 8, 45), zone: { timeZone: 'America/New_York', locale: 'en-US' } });
    assert.match(view?.message ?? '', /one reminder per signer per hour.*automatic reminders count.*Dave.*again after 04:30 EST\.$/);
    assert.deepEqual(view?.choices, []);
    // The same words on another action are not the reminder rule.
    assert.doesNotMatch(describeActionError(error, 'cancel', ctx)?.message ?? '', /reminder per signer/);
  });

  it('sends the user to a refresh when the request is gone', () => {
    const view = describeActionError(new NotFoundError('deleted', { status: 410 }), 'cancel', ctx);
    assert.deepEqual(view?.choices, ['Refresh']);
    assert.match(view?.message ?? '', /no longer exists/);
  });

  it('quotes the service when it refuses the input', () => {
    const view = describeActionError(new InvalidInputError('Signer email is invalid.', { status: 400 }), 'send', ctx);
    assert.match(view?.message ?? '', /refused to send “NDA with Acme”\. Dropbox Sign said: “Signer email is invalid”\./);
  });

  it('never offers Retry for send, remind or cancel when the service may have acted', () => {
    const unclear = [new NetworkError('reset'), new NetworkError('slow', { timedOut: true }), new ServerError('boom', { status: 502 }), new BadResponseError('html')];
    for (const action of ['send', 'remind', 'cancel'] as const) {
      for (const error of unclear) {
        const view = describeActionError(error, action, ctx);
        assert.ok(view);
        assert.equal(view.choices.includes('Retry'), false, `${action} ${error.name}`);
        assert.deepEqual(view.choices, ['Refresh', 'Show Log']);
        assert.match(view.message, /may have gone through/);
      }
    }
    assert.match(describeActionError(unclear[1], 'send', ctx)?.message ?? '', /did not answer in time/);
  });

  it('offers Retry for a failed download (it changes nothing on the server)', () => {
    assert.deepEqual(describeActionError(new NetworkError('reset'), 'download', ctx)?.choices, ['Retry', 'Show Log']);
    assert.deepEqual(describeActionError(new ServerError('boom', { status: 500 }), 'download', ctx)?.choices, ['Retry', 'Show Log']);
  });

  it('a download over the size cap says so and sends the user to the browser, without a Retry that would fail again', () => {
    const tooLarge = new ResponseTooLargeError('api.hellosign.com sent a file larger than SignDesk accepts (150 MB), so SignDesk stopped reading it.', {
      status: 200,
      limitBytes: 150 * 1024 * 1024,
    });
    const view = describeActionError(tooLarge, 'download', ctx);
    assert.equal(
      view?.message,
      'The files of “NDA with Acme” are larger than SignDesk downloads (150 MB), so nothing was saved. Download them from Dropbox Sign in the browser instead.',
    );
    assert.deepEqual(view?.choices, ['Show Log']);
    // Any other action with an oversized answer is an unreadable answer: it may have gone through.
    assert.match(describeActionError(tooLarge, 'send', ctx)?.message ?? '', /may have gone through/);
  });

  it('a redirect that was not followed is named, with Refresh for actions that may have acted', () => {
    const redirect = new RedirectError(
      'api.hellosign.com answered with a redirect (HTTP 307) to https://evil.example. SignDesk does not follow redirects of requests that send data, so nothing was sent there.',
      { status: 307, target: 'https://evil.example' },
    );
    const send = describeActionError(redirect, 'send', ctx);
    assert.match(send?.message ?? '', /^Couldn't send “NDA with Acme”: api\.hellosign\.com answered with a redirect \(HTTP 307\) to https:\/\/evil\.example\./);
    assert.deepEqual(send?.choices, ['Refresh', 'Show Log']);
    assert.deepEqual(describeActionError(redirect, 'download', ctx)?.choices, ['Show Log']);
  });

  it('points to the log for anything unexpected, without the raw error', () => {
    const view = describeActionError(new TypeError('x is undefined at foo.ts:12'), 'send', ctx);
    assert.deepEqual(view?.choices, ['Show Log']);
    assert.doesNotMatch(view?.message ?? '', /undefined|foo\.ts/);
  });

  it('"Remind again after …" names the time zone, and the date when it is not today', () => {
    const berlin = { timeZone: 'Europe/Berlin', locale: 'en-GB' };
    const now = Date.UTC(2030, 0, 1, 22, 40); // 23:40 in Berlin
    assert.equal(
      reminderTooSoonMessage('Dropbox Sign', 'Dave', new Date(Date.UTC(2030, 0, 1, 22, 50)), now, berlin),
      'Dropbox Sign sends at most one reminder per signer per hour (automatic reminders count too), so Dave was not reminded. You can remind Dave again after 23:50 CET.',
    );
    assert.match(reminderTooSoonMessage('Dropbox Sign', 'Dave', new Date(Date.UTC(2030, 0, 1, 23, 30)), now, berlin), /You can remind Dave again after 00:30 CET on Wed 2 Jan\.$/);
    assert.match(reminderTooSoonMessage('Dropbox Sign', 'Dave', new Date(Date.UTC(2030, 0, 1, 22, 41, 47)), now, berlin), /again after 23:42 CET\.$/, 'rounded up: "after 23:41" would be too early');
    assert.doesNotMatch(reminderTooSoonMessage('Dropbox Sign', 'Dave', undefined, now, berlin), /again after/);
  });
});

describe('action errors name the service from its definition', () => {
  it('another service label appears wherever the service is named, and "Dropbox Sign" nowhere', () => {
    const other = { ...ctx, serviceLabel: 'Other Sign' };
    const errors: unknown[] = [
      new AuthError('x', { errorName: 'not_signed_in' }),
      new AuthError('You are not the sender', { status: 403 }),
      new AuthError('expired'),
      new RateLimitError('slow down', { status: 429 }),
      new ConflictError('files are being prepared', { status: 409 }),
      new InvalidInputError('You can only send a reminder once per hour', { status: 400 }),
      new NotFoundError('deleted', { status: 410 }),
      new InvalidInputError('bad', { status: 400 }),
      new ResponseTooLargeError('too large', { limitBytes: 1024 * 1024 }),
      new NetworkError('reset', { timedOut: true }),
      new NetworkError('reset'),
      new ServerError('boom', { status: 500 }),
      new BadResponseError('not JSON'),
    ];
    let named = 0;
    for (const error of errors) {
      for (const action of actions) {
        const message = describeActionError(error, action, other)?.message ?? '';
        assert.doesNotMatch(message, /Dropbox/, `${action}: ${message}`);
        if (message.includes('Other Sign')) named++;
      }
    }
    assert.ok(named >= errors.length * 2, `the label is named in ${named} messages`);
    assert.match(reminderTooSoonMessage('Other Sign', 'Dave'), /^Other Sign sends at most one reminder/);
  });
});
