import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { apiUrl, authorizeUrl, refreshUrl, segment, tokenUrl } from '../../../../src/providers/dropboxSign/endpoints';

describe('dropboxSign endpoints', () => {
  it('builds the authorize URL with encoded parameters, without redirect_uri unless given', () => {
    assert.equal(
      authorizeUrl('https://app.hellosign.com', { clientId: 'abc 123', state: 's/t&x' }),
      'https://app.hellosign.com/oauth/authorize?response_type=code&client_id=abc+123&state=s%2Ft%26x',
    );
    const withRedirect = new URL(
      authorizeUrl('http://127.0.0.1:9/', { clientId: 'c', state: 's', redirectUri: 'vscode://signdesk.signdesk/auth?x=1' }),
    );
    assert.equal(withRedirect.origin + withRedirect.pathname, 'http://127.0.0.1:9/oauth/authorize');
    assert.deepEqual(Object.fromEntries(withRedirect.searchParams), {
      response_type: 'code',
      client_id: 'c',
      state: 's',
      redirect_uri: 'vscode://signdesk.signdesk/auth?x=1',
    });
  });

  it('builds token and refresh URLs (refresh is the spec\'s bare ?refresh marker)', () => {
    assert.equal(tokenUrl('https://app.hellosign.com/'), 'https://app.hellosign.com/oauth/token');
    assert.equal(refreshUrl('https://app.hellosign.com'), 'https://app.hellosign.com/oauth/token?refresh');
  });

  it('joins API paths and encodes segments', () => {
    assert.equal(apiUrl('https://api.hellosign.com/v3/', '/account'), 'https://api.hellosign.com/v3/account');
    assert.equal(`x/${segment('../a b?c')}`, 'x/..%2Fa%20b%3Fc');
  });
});
