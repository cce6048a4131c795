// What the user reads when Dropbox fails while sending one of its files or saving a signed copy there.
import assert from 'node:assert/strict';
import { AuthError, InvalidInputError, NetworkError, RateLimitError, ServerError, CancelledError } from '../../../../src/core/errors';
import { describeStoreError, fetchNote, normalizeStoreFolder, tooLargeForUpload } from '../../../../src/commands/files/messages';

const context = { storeLabel: 'Dropbox', subject: 'NDA.pdf', now: Date.UTC(2026, 11, 2, 8, 0) };

describe('commands/files/messages', () => {
  it('missing_scope: Dropbox’s sentence naming the permission to tick reaches the user', () => {
    const error = new AuthError('The Dropbox app lacks the "files.content.write" permission: tick it on the app\'s Permissions tab in the Dropbox App Console, then sign in again.', { status: 401, errorName: 'missing_scope' });
    const notice = describeStoreError(error, 'upload', context)!;
    assert.match(notice.message, /files\.content\.write.*Permissions tab.*App Console/);
    assert.deepEqual(notice.choices, ['Sign In Again', 'Show Log']);
  });

  it('not signed in to Dropbox → Sign In', () => {
    assert.deepEqual(describeStoreError(new AuthError('x', { errorName: 'not_signed_in' }), 'link', context)?.choices, ['Sign In']);
  });

  it('a 429 offers Retry (Dropbox did nothing); a failed upload never does (it may have been stored)', () => {
    const limited = describeStoreError(new RateLimitError('slow down', { resetAt: new Date(context.now + 120_000) }), 'upload', context)!;
    assert.deepEqual(limited.choices, ['Retry']);
    assert.match(limited.message, /slow down.*Try again after/);
    for (const error of [new ServerError('boom', { status: 503 }), new NetworkError('reset')]) {
      const notice = describeStoreError(error, 'upload', context)!;
      assert.ok(!notice.choices.includes('Retry' as never), notice.message);
      assert.match(notice.message, /may be there anyway/);
    }
    assert.deepEqual(describeStoreError(new ServerError('boom', { status: 503 }), 'link', context)?.choices, ['Retry', 'Show Log']);
  });

  it('409 unions show Dropbox’s own words; a cancellation shows nothing', () => {
    assert.match(describeStoreError(new InvalidInputError('There is no such file or folder in Dropbox (any more).'), 'link', context)!.message, /could not get a link to “NDA\.pdf”: There is no such file/);
    assert.equal(describeStoreError(new CancelledError(), 'upload', context), undefined);
  });

  it('the folder the user types: /SignDesk/ → /SignDesk, / → the top level, relative or dotted paths refused', () => {
    assert.equal(normalizeStoreFolder('/SignDesk/'), '/SignDesk');
    assert.equal(normalizeStoreFolder('  /Contracts//Signed/ '), '/Contracts/Signed');
    assert.equal(normalizeStoreFolder('/'), '');
    assert.equal(normalizeStoreFolder(''), '');
    assert.equal(normalizeStoreFolder('SignDesk'), undefined);
    assert.equal(normalizeStoreFolder('/a/../b'), undefined);
  });

  it('the form’s note and the up-front refusal of a copy over 150 MiB', () => {
    assert.equal(fetchNote('Dropbox Sign', 'Dropbox', 'NDA.pdf'), 'Dropbox Sign will fetch “NDA.pdf” from Dropbox when you press Send (through a temporary link that works for 4 hours).');
    assert.match(tooLargeForUpload('Dropbox', 'Big', 151 * 1024 * 1024, 150 * 1024 * 1024), /is 151 MiB; Dropbox takes at most 150 MiB in one upload, so SignDesk did not upload it/);
  });
});
