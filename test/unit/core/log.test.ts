import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { AuthError } from '../../../src/core/errors';
import { describeError, LogSink, redact, RedactingLogger, REDACTED, SecretRegistry } from '../../../src/core/log';

const TOKEN = 'NWNiOTMxOGFkOGVjMDhhNTAxZN2NkNjgxMjMwOWJiYTEzZTBmZGUzMjMThhMzYyMzc=';

function assertHidden(output: string, secret: string): void {
  assert.ok(!output.includes(secret), `"${secret}" leaked in: ${output}`);
  assert.ok(output.includes(REDACTED), `no redaction marker in: ${output}`);
}

describe('redact', () => {
  describe('Authorization headers', () => {
    it('hides a Bearer header value', () => {
      const out = redact(`Authorization: Bearer ${TOKEN}`);
      assertHidden(out, TOKEN);
      assert.equal(out, `Authorization: Bearer ${REDACTED}`);
    });

    it('hides a Basic header value', () => {
      const basic = Buffer.from('apikey123456:').toString('base64');
      assertHidden(redact(`authorization: Basic ${basic}`), basic);
    });

    it('hides an authorization header inside JSON', () => {
      const out = redact(`{"headers":{"authorization":"Bearer ${TOKEN}","accept":"application/json"}}`);
      assertHidden(out, TOKEN);
      assert.ok(out.includes('"accept":"application/json"'));
    });

    it('hides a scheme-less Authorization value', () => {
      assertHidden(redact('Authorization: abcdefgh12345'), 'abcdefgh12345');
    });

    it('hides a bare "Bearer <token>" anywhere', () => {
      assertHidden(redact(`sent Bearer ${TOKEN} to the server`), TOKEN);
    });
  });

  describe('secret-named keys', () => {
    const keys = ['access_token', 'refresh_token', 'code', 'client_secret', 'api_key', 'password', 'state', 'id_token'];
    for (const key of keys) {
      it(`hides ${key} in a query string`, () => {
        const out = redact(`GET https://app.example.com/cb?x=1&${key}=s3cr3tvalue&y=2`);
        assertHidden(out, 's3cr3tvalue');
        assert.ok(out.includes('x=1') && out.includes('y=2'));
      });

      it(`hides ${key} in a form body`, () => {
        assertHidden(redact(`grant_type=authorization_code&${key}=s3cr3tvalue`), 's3cr3tvalue');
      });

      it(`hides ${key} in JSON`, () => {
        const out = redact(JSON.stringify({ [key]: 's3cr3t "quoted" value', other: 'kept' }));
        assertHidden(out, 's3cr3t');
        assert.ok(out.includes('"other":"kept"'));
      });

      it(`hides ${key} in pretty-printed JSON and object literals`, () => {
        assertHidden(redact(JSON.stringify({ [key]: 's3cr3tvalue' }, null, 2)), 's3cr3tvalue');
        assertHidden(redact(`{ ${key}: 's3cr3tvalue' }`), 's3cr3tvalue');
      });
    }

    it('hides secrets in a URL fragment', () => {
      assertHidden(redact('https://x.example/#access_token=abcdef123&token_type=bearer'), 'abcdef123');
    });

    it('keeps keys that only end in a secret name (status_code, error_code)', () => {
      const text = '{"status_code":"awaiting_signature","error_code":"x"} status_code=signed';
      assert.equal(redact(text), text);
    });

    it('keeps ordinary text and ids untouched', () => {
      const text =
        'GET https://api.hellosign.com/v3/signature_request/fa5c8a0b0f492d768749333ad6fcc214c111e967 -> 200 in 12 ms';
      assert.equal(redact(text), text);
    });
  });

  describe('tokens in URLs and JWTs', () => {
    it('hides a long mixed-case token in a URL path or unknown query parameter', () => {
      assertHidden(redact(`https://relay.example/cb/${TOKEN.slice(0, 40)}`), TOKEN.slice(0, 40));
      assertHidden(redact(`https://relay.example/cb?t=${TOKEN.slice(0, 40)}`), TOKEN.slice(0, 40));
    });

    it('hides a JWT anywhere', () => {
      const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
      assertHidden(redact(`token was ${jwt}.`), jwt);
    });
  });

  describe('registered secrets', () => {
    it('hides exact values in any context, including plain prose', () => {
      const out = redact(`weird place: ${TOKEN} end`, [TOKEN]);
      assert.equal(out, `weird place: ${REDACTED} end`);
    });

    it('hides URL-encoded and JSON-escaped forms', () => {
      const secret = 'ab/c+d=e"f';
      assertHidden(redact(`u=${encodeURIComponent(secret)}`, [secret]), encodeURIComponent(secret));
      assertHidden(redact(JSON.stringify({ note: secret }), [secret]), JSON.stringify(secret).slice(1, -1));
    });

    it('hides the longer secret whole when one contains another', () => {
      assert.equal(redact('x abcdef123456 y', ['abcd', 'abcdef123456']), `x ${REDACTED} y`);
    });

    it('ignores too-short values and treats regex characters literally', () => {
      assert.equal(redact('a b c', ['a']), 'a b c');
      assert.equal(redact('1+1=2 and 11112', ['1+1=2']), `${REDACTED} and 11112`);
    });
  });
});

describe('redact without the registry: shapes the patterns must know (issue 10, item 14)', () => {
  // Each secret is plain letters and digits of no special shape: only the key around it can give it away.
  const SECRET = 'k9LeakyValue42';
  const HEX64 = 'a3f1c2e4b5d6078f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5';
  const hides = (text: string, secret = SECRET) => () => assertHidden(redact(text), secret);

  describe('camelCase keys (SignDesk\'s own field names)', () => {
    for (const key of ['accessToken', 'refreshToken', 'clientSecret', 'apiKey', 'idToken', 'AccessToken', 'codeVerifier']) {
      it(`hides ${key} in JSON and in an object literal`, () => {
        assertHidden(redact(JSON.stringify({ [key]: SECRET })), SECRET);
        assertHidden(redact(`{ ${key}: '${SECRET}' }`), SECRET);
      });
    }

    it('hides both tokens of a stored session and keeps its other fields', () => {
      const stored = JSON.stringify({ accountId: 'abc', email: 'a@example.com', accessToken: SECRET, refreshToken: `${SECRET}R`, expiresAt: 1 });
      const out = redact(stored);
      assertHidden(out, SECRET);
      assert.ok(out.includes('"email":"a@example.com"') && out.includes('"expiresAt":1'), out);
    });
  });

  describe('Python and YAML quoting', () => {
    it("hides 'access_token': '…' (Python repr)", hides(`{'access_token': '${SECRET}', 'token_type': 'bearer'}`));
    it("hides b'…' values (Python bytes)", hides(`{'refresh_token': b'${SECRET}'}`));
    it('hides access_token: … (YAML, unquoted)', hides(`oauth:\n  access_token: ${SECRET}\n  expires_in: 3600`));
    it('hides client_secret: "…" (YAML, double quotes)', hides(`client_secret: "${SECRET}"`));
    it("hides refresh_token: '…' (YAML, single quotes)", hides(`refresh_token: '${SECRET}'`));
    it('hides a JSON document escaped inside a string', hides(JSON.stringify(JSON.stringify({ access_token: SECRET }))));
  });

  describe('key = value with spaces', () => {
    it('hides access_token = …', hides(`access_token = ${SECRET}`));
    it('hides client_secret = "…"', hides(`client_secret = "${SECRET}"`));
    it("hides a keyword argument refresh_token='…'", hides(`refresh(refresh_token='${SECRET}', scope=None)`));
  });

  describe('headers and other names', () => {
    it('hides an X-API-Key header', hides(`X-API-Key: ${SECRET}`));
    it('hides "x-api-key" in a JSON header dump', hides(`{"accept":"*/*","x-api-key":"${SECRET}"}`));
    it('hides oauth_token in a query', hides(`https://x.example/cb?oauth_token=${SECRET}&oauth_verifier=v`));
  });

  describe('URL-encoded keys', () => {
    it('hides access%5Ftoken=…', hides(`POST body: access%5Ftoken=${SECRET}&x=1`));
    it('hides client%5fsecret=… (lower-case escape)', hides(`client%5fsecret=${SECRET}`));
    it('hides code and state of a URL nested in a form value (%3D, %26)', () => {
      const nested = `grant=1&redirect_uri=${encodeURIComponent(`vscode://signdesk.signdesk/callback?code=${SECRET}&state=S${SECRET}`)}`;
      const out = redact(nested);
      assertHidden(out, SECRET);
      assert.equal(out, `grant=1&redirect_uri=vscode%3A%2F%2Fsigndesk.signdesk%2Fcallback%3Fcode%3D${REDACTED}%26state%3D${REDACTED}`);
    });
    it('keeps an encoded key that only ends in a secret name (error%5Fcode)', () => {
      const text = 'error%5Fcode%3Dnot_found';
      assert.equal(redact(text), text);
    });
  });

  describe('64-character hex secrets in URLs (Dropbox Sign client secrets and API keys)', () => {
    it('hides one in a URL path', hides(`GET https://relay.example/cb/${HEX64}/done`, HEX64));
    it('hides one in an unknown query parameter', hides(`https://api.example/v3/x?k=${HEX64}`, HEX64));
    it('keeps 40-character hex ids (signature requests, accounts)', () => {
      const text = 'https://api.hellosign.com/v3/signature_request/files/fa5c8a0b0f492d768749333ad6fcc214c111e967';
      assert.equal(redact(text), text);
    });
  });
});

describe('SecretRegistry', () => {
  it('collects values and forgets deleted ones', () => {
    const registry = new SecretRegistry();
    registry.add('first-secret');
    registry.add(undefined);
    registry.add('xy');
    registry.add('second-secret');
    assert.deepEqual([...registry.values()].sort(), ['first-secret', 'second-secret']);
    registry.delete('first-secret');
    assert.deepEqual([...registry.values()], ['second-secret']);
  });
});

class RecordingSink implements LogSink {
  readonly lines: Array<[string, string]> = [];
  trace(message: string): void {
    this.lines.push(['trace', message]);
  }
  debug(message: string): void {
    this.lines.push(['debug', message]);
  }
  info(message: string): void {
    this.lines.push(['info', message]);
  }
  warn(message: string): void {
    this.lines.push(['warn', message]);
  }
  error(message: string): void {
    this.lines.push(['error', message]);
  }
}

describe('RedactingLogger', () => {
  it('redacts every level and forwards to the matching sink method', () => {
    const sink = new RecordingSink();
    const registry = new SecretRegistry();
    registry.add('live-access-token-value');
    const log = new RedactingLogger(sink, registry);
    log.trace('t live-access-token-value');
    log.debug('d access_token=abcdef');
    log.info(`i Authorization: Bearer ${TOKEN}`);
    log.warn('w code=12345678');
    log.error('e {"client_secret":"topsecret"}');
    assert.deepEqual(
      sink.lines.map(([level]) => level),
      ['trace', 'debug', 'info', 'warn', 'error'],
    );
    for (const [, line] of sink.lines) {
      assert.ok(line.includes(REDACTED), line);
      for (const secret of ['live-access-token-value', 'abcdef', TOKEN, '12345678', 'topsecret']) {
        assert.ok(!line.includes(secret), line);
      }
    }
  });

  it('sees secrets registered after it was built', () => {
    const sink = new RecordingSink();
    const registry = new SecretRegistry();
    const log = new RedactingLogger(sink, registry);
    registry.add('later-secret');
    log.info('value later-secret');
    assert.equal(sink.lines[0][1], `value ${REDACTED}`);
  });

  it('logs errors as one redacted line with message, status, name and a short stack', () => {
    const sink = new RecordingSink();
    const registry = new SecretRegistry();
    registry.add('leaky-token-123');
    const log = new RedactingLogger(sink, registry);
    const error = new AuthError('Refused leaky-token-123 at https://x/?access_token=zzz999', {
      status: 401,
      errorName: 'invalid_grant',
    });
    log.error('Sign-in failed', error);
    const [level, line] = sink.lines[0];
    assert.equal(level, 'error');
    assert.ok(!line.includes('\n'), line);
    assert.ok(!line.includes('leaky-token-123') && !line.includes('zzz999'), line);
    assert.match(line, /^Sign-in failed: AuthError: Refused \[REDACTED\]/);
    assert.match(line, /status 401, invalid_grant/);
    assert.match(line, /\[at .*log\.test/);
  });

  it('warn accepts an error too, and never dumps raw objects', () => {
    const sink = new RecordingSink();
    const log = new RedactingLogger(sink);
    log.warn('odd', { accessToken: 'object-field-secret' });
    assert.equal(sink.lines[0][1], 'odd: [non-error Object]');
  });
});

describe('describeError', () => {
  it('includes one level of cause', () => {
    const error = new Error('outer', { cause: new TypeError('inner') });
    assert.match(describeError(error), /^Error: outer .* caused by TypeError: inner$/);
  });

  it('prints primitives and nullish values', () => {
    assert.equal(describeError('boom'), 'boom');
    assert.equal(describeError(42), '42');
    assert.equal(describeError(undefined), 'undefined');
    assert.equal(describeError(null), 'null');
  });
});
