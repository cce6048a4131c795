// Where SignDesk sends tokens, codes and the client secret (issue 10, item 3): every base URL is https, or
// plain http on this machine's loopback; anything else is refused before a request is made.
import * as assert from 'node:assert/strict';
import { SettingsError } from '../../../src/core/errors';
import { isLoopbackHost, secureUrlProblem } from '../../../src/core/serviceUrl';
import { resolveDropboxSignSettings } from '../../../src/providers/dropboxSign/endpoints';

describe('base URLs: https, or http on loopback', () => {
  it('accepts https anywhere and http on 127.0.0.0/8, ::1 and localhost', () => {
    for (const url of ['https://api.hellosign.com/v3', 'https://api.example:8443/v3', 'http://127.0.0.1:8719/v3', 'http://127.0.0.2/v3', 'http://[::1]:9/', 'http://localhost:3000', 'http://127.1/']) {
      assert.equal(secureUrlProblem(url), undefined, url);
    }
  });

  it('refuses http elsewhere, other schemes, credentials, queries and fragments, with a reason', () => {
    const cases: Array<[string, RegExp]> = [
      ['http://api.hellosign.com/v3', /https/],
      ['http://0.0.0.0:8719', /https/],
      ['http://localhost.evil.com', /https/],
      ['http://10.0.0.1', /https/],
      ['javascript:alert(1)', /https/],
      ['ftp://x.example/', /https/],
      ['https://user:pass@api.example/', /user name or password/],
      ['https://api.example/v3?x=1', /query/],
      ['https://api.example/v3#x', /fragment/],
      ['api.hellosign.com', /not a URL/],
    ];
    for (const [url, reason] of cases) {
      assert.match(secureUrlProblem(url) ?? 'accepted', reason, url);
    }
  });

  it('knows loopback names exactly', () => {
    assert.ok(isLoopbackHost('127.255.0.1') && isLoopbackHost('[::1]') && isLoopbackHost('localhost'));
    assert.ok(!isLoopbackHost('localhost.evil.com') && !isLoopbackHost('0.0.0.0') && !isLoopbackHost('128.0.0.1'));
  });

  it('a relay page may have a query (it is not a base URL), never a fragment or credentials', () => {
    assert.equal(secureUrlProblem('https://relay.example/r?x=1', false), undefined);
    assert.match(secureUrlProblem('https://relay.example/r#x', false) ?? '', /fragment/);
    assert.match(secureUrlProblem('http://relay.example/r', false) ?? '', /https/);
  });
});

describe('resolveDropboxSignSettings', () => {
  it('throws SettingsError naming the setting, without echoing a password', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ apiBaseUrl: 'http://api.example/v3' }, 'signdesk.dropboxSign.apiBaseUrl'],
      [{ oauthBaseUrl: 'https://me:hunter2secret@app.example' }, 'signdesk.dropboxSign.oauthBaseUrl'],
      [{ apiBaseUrl: ' javascript:alert(1) ' }, 'signdesk.dropboxSign.apiBaseUrl'],
    ];
    for (const [raw, setting] of cases) {
      assert.throws(
        () => resolveDropboxSignSettings(raw),
        (error: unknown) => error instanceof SettingsError && error.message.includes(`"${setting}" cannot be used`) && !error.message.includes('hunter2'),
        JSON.stringify(raw),
      );
    }
  });
});
