import * as assert from 'node:assert/strict';
import { parseCallbackQuery, parsePastedCallback } from '../../../src/auth/callbackParams';

describe('callback parameters', () => {
  it('reads code, state and error from a query', () => {
    assert.deepEqual(parseCallbackQuery('code=c1&state=s1&x=1'), { code: 'c1', state: 's1', error: undefined, errorDescription: undefined });
    assert.deepEqual(parseCallbackQuery('?state=s1&error=access_denied&error_description=User+said+no'), {
      code: undefined,
      state: 's1',
      error: 'access_denied',
      errorDescription: 'User said no',
    });
    assert.deepEqual(parseCallbackQuery('code=&state='), { code: undefined, state: undefined, error: undefined, errorDescription: undefined });
  });

  it('reads a pasted URL, a bare query or a fragment, and refuses text without state or code', () => {
    assert.equal(parsePastedCallback('  https://relay.example/?code=c1&state=s1  ')?.code, 'c1');
    assert.equal(parsePastedCallback('vscode://signdesk.signdesk/callback?code=c2&state=s2')?.state, 's2');
    assert.equal(parsePastedCallback('code=c3&state=s3')?.code, 'c3');
    assert.equal(parsePastedCallback('https://relay.example/#code=c4&state=s4')?.code, 'c4');
    assert.equal(parsePastedCallback('https://relay.example/?x=1'), undefined);
    assert.equal(parsePastedCallback('hello'), undefined);
    assert.equal(parsePastedCallback(''), undefined);
  });
});
