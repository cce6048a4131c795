import assert from 'node:assert/strict';
import { AuthError, NetworkError, RateLimitError } from '../../../../src/core/errors';
import { errorText, stateKey, viewDescription, viewMessage } from '../../../../src/views/requestsTree/viewState';

describe('requests view state', () => {
  it('picks welcome content by state; an empty filtered list has its own', () => {
    assert.equal(stateKey({ kind: 'signedOut' }), 'signedOut');
    assert.equal(stateKey({ kind: 'notConfigured' }), 'notConfigured');
    assert.equal(stateKey({ kind: 'empty' }), 'empty');
    assert.equal(stateKey({ kind: 'empty', filter: 'nda' }), 'emptyFiltered');
    assert.equal(stateKey({ kind: 'error', error: new Error('x') }), 'error');
  });

  it('explains errors in one line, a 429 with when it tries again', () => {
    assert.equal(errorText(new NetworkError('Could not reach Dropbox Sign.')), 'Could not reach Dropbox Sign.');
    assert.equal(
      errorText(new RateLimitError('429', { resetAt: new Date(Date.UTC(2024, 0, 1, 10, 42)) }), (d) => d.toISOString().slice(11, 16), 'Dropbox Sign'),
      'Dropbox Sign is limiting requests; SignDesk tries again after 10:42.',
    );
    assert.equal(errorText(new TypeError('x is undefined')), 'Something unexpected went wrong (see the SignDesk log).');
  });

  it('shows the first load error, or a failed refresh over older results', () => {
    const error = new AuthError('Dropbox Sign refused the session.');
    assert.equal(viewMessage({ kind: 'error', error }, undefined), 'Dropbox Sign refused the session.');
    assert.equal(viewMessage({ kind: 'ready' }, error), "Couldn't refresh: Dropbox Sign refused the session.");
    assert.equal(viewMessage({ kind: 'ready' }, undefined), undefined);
  });

  it('shows the active filter in the description', () => {
    assert.equal(viewDescription('nda'), 'filter: nda');
    assert.equal(viewDescription(undefined), undefined);
  });
});
