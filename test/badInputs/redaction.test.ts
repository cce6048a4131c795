// Bad inputs: secrets in every shape and syntax they reach the log or a notification in. Each case holds
// a secret that would show if redaction broke; most are not in the registry of live secrets, so only
// the patterns can catch them.
import * as assert from 'node:assert/strict';
import { Response } from 'node-fetch';
import { describeActionError } from '../../src/commands/actions/messages';
import { signInFailureMessage } from '../../src/commands/session/messages';
import { FetchHttpClient } from '../../src/core/fetchHttpClient';
import { toHttpError } from '../../src/core/httpErrors';
import { redact, RedactingLogger, REDACTED, SecretRegistry, userFacingText, type LogSink } from '../../src/core/log';
import { readDropboxSignError } from '../../src/providers/dropboxSign/errorBody';
import { badInput, badInputs } from './tally';

const SECRET = 'q7Vw2LkP9sXz4RtY';
const HEX64 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXBhcnQtb2YtdGhlLWp3dA';

function hidden(text: string, secret = SECRET): void {
  const out = redact(text);
  assert.ok(!out.includes(secret), `leaked: ${out}`);
  assert.ok(out.includes(REDACTED), `no marker: ${out}`);
}

describe('redaction', () => {
  badInputs(
    [
      ['JSON "access_token"', `{"access_token":"${SECRET}","token_type":"bearer"}`],
      ['pretty JSON "refresh_token"', JSON.stringify({ refresh_token: SECRET }, null, 2)],
      ['JSON "client_secret" with escaped quotes in the value', JSON.stringify({ client_secret: `${SECRET}"x` })],
      ['JSON camelCase "accessToken" (a stored session)', JSON.stringify({ email: 'a@example.com', accessToken: SECRET })],
      ['JSON camelCase "refreshToken"', `{"refreshToken": "${SECRET}"}`],
      ['JSON camelCase "clientSecret"', `{"clientSecret":"${SECRET}"}`],
      ['JSON camelCase "apiKey"', `{"apiKey":"${SECRET}"}`],
      ['JSON "code" of a token request', `{"grant_type":"authorization_code","code":"${SECRET}"}`],
      ['JSON "state"', `{"state":"${SECRET}"}`],
      ['JSON escaped inside a string', JSON.stringify(JSON.stringify({ access_token: SECRET }))],
      ['HTML-escaped JSON', `{&quot;access_token&quot;:&quot;${SECRET}&quot;}`],
      ['JS object literal, single quotes', `{ refreshToken: '${SECRET}' }`],
      ['form body refresh_token=', `grant_type=refresh_token&refresh_token=${SECRET}`],
      ['form body client_secret= last', `client_id=abc&client_secret=${SECRET}`],
      ['query ?code=&state=', `https://relay.example/cb?code=${SECRET}&state=x`],
      ['fragment #access_token=', `https://x.example/#access_token=${SECRET}&token_type=bearer`],
      ['query oauth_token=', `https://x.example/cb?oauth_token=${SECRET}`],
      ['query api_key=', `https://api.example/v3/x?api_key=${SECRET}`],
      ['URL-encoded key access%5Ftoken=', `access%5Ftoken=${SECRET}`],
      ['URL-encoded key, lower-case escape client%5fsecret=', `client%5fsecret=${SECRET}`],
      ['code%3D inside an encoded redirect_uri', `redirect_uri=${encodeURIComponent(`vscode://signdesk.signdesk/callback?code=${SECRET}`)}`],
      ['state%3D after %26 inside an encoded URL', `u=${encodeURIComponent(`https://x/cb?a=1&state=${SECRET}`)}`],
      ['header Authorization: Bearer', `Authorization: Bearer ${SECRET}`],
      ['header authorization: Basic (base64)', `authorization: Basic ${Buffer.from(`${SECRET}:`).toString('base64')}`],
      ['header X-API-Key:', `X-API-Key: ${SECRET}`],
      ['header x-api-key in a JSON header dump', `{"x-api-key":"${SECRET}"}`],
      ['header Proxy-Authorization', `Proxy-Authorization: Basic ${SECRET}`],
      ['YAML access_token: (bare)', `token_data:\n  access_token: ${SECRET}\n  expires_in: 3600`],
      ['YAML client_secret: "…"', `client_secret: "${SECRET}"`],
      ["YAML refresh_token: '…'", `refresh_token: '${SECRET}'`],
      ["Python repr {'access_token': '…'}", `{'access_token': '${SECRET}', 'expires_in': 3600}`],
      ["Python bytes {'refresh_token': b'…'}", `{'refresh_token': b'${SECRET}'}`],
      ['assignment access_token = …', `access_token = ${SECRET}`],
      ['assignment client_secret = "…"', `client_secret = "${SECRET}"`],
      ["keyword argument refresh_token='…'", `refresh(refresh_token='${SECRET}')`],
      ['.env API_KEY=…', `API_KEY=${SECRET}`],
      ['password: in prose', `password: ${SECRET}`],
      ['value cut off after its opening quote', `{"access_token":"${SECRET}`],
      ['bare "Bearer <token>" in prose', `retrying with Bearer ${SECRET} now`],
    ],
    'the secret is replaced by [REDACTED]',
    (text) => hidden(text),
  );

  badInputs(
    [
      ['64-hex client secret in a URL path', `https://relay.example/cb/${HEX64}`],
      ['64-hex API key in an unknown query parameter', `https://api.example/v3/x?k=${HEX64}`],
      ['64-hex API key in prose', `the key ${HEX64} was refused`],
      ['64-hex upper-case', `key ${HEX64.toUpperCase()}`],
    ],
    'the 64-hex-digit value is replaced',
    (text) => hidden(text, text.includes(HEX64) ? HEX64 : HEX64.toUpperCase()),
  );

  badInputs(
    [
      ['JWT in prose', `token was ${JWT}.`],
      ['JWT in a URL', `https://x.example/cb?t=${JWT}`],
    ],
    'the JWT is replaced',
    (text) => hidden(text, JWT),
  );

  badInputs(
    [
      ['status_code / error_code keys', '{"status_code":"awaiting_signature","error_code":"x"} status_code=signed'],
      ['error%5Fcode (encoded underscore before code)', 'error%5Fcode%3Dnot_found'],
      ['40-hex signature request id in a URL', 'GET https://api.hellosign.com/v3/signature_request/fa5c8a0b0f492d768749333ad6fcc214c111e967'],
      ['a run of 70 zeros (no letters, not a secret)', `padding ${'0'.repeat(70)}`],
      ['token_type and expires_in', '{"token_type":"bearer","expires_in":3600}'],
    ],
    'left as it is (no false alarm)',
    (text) => assert.equal(redact(text), text),
  );

  const registry = new SecretRegistry();
  const LIVE = 'Hn4Lp8Qe2Rs6Tu0VwXy3Zb';
  registry.add(LIVE);

  badInputs(
    [
      ['a live token in prose', `weird place: ${LIVE} end`],
      ['a live token URL-encoded', `u=${encodeURIComponent(`${LIVE}/+=`)}`],
      ['a live token JSON-escaped', JSON.stringify({ note: LIVE })],
      ['a live token inside a longer word', `xx${LIVE}yy`],
    ],
    'the registered value is replaced in the log',
    (text) => {
      const lines: string[] = [];
      const sink: LogSink = { trace: (m) => lines.push(m), debug: (m) => lines.push(m), info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
      new RedactingLogger(sink, registry).info(text);
      assert.ok(!lines[0].includes(LIVE), lines[0]);
    },
  );

  // A user reads the service's error text clipped to 300 characters: redaction must come first.
  for (const at of [280, 290, 295, 299, 300, 305]) {
    badInput(
      `a live token starting at character ${at} of an error message`,
      'no 8 characters of it in the clipped message',
      () => {
        const message = `${'x'.repeat(at)} ${LIVE} end`;
        const error = toHttpError(400, Buffer.from(JSON.stringify({ error: { error_msg: message, error_name: 'bad_request' } })), {}, readDropboxSignError, undefined, [LIVE]);
        for (let i = 0; i + 8 <= LIVE.length; i += 1) assert.ok(!error.message.includes(LIVE.slice(i, i + 8)), error.message);
        assert.ok(error.message.length <= 300);
      },
    );
  }

  badInput('a pattern-shaped secret cut by the clip (access_token=… at character 295)', 'no part of the value shows', () => {
    const out = userFacingText(`${'y'.repeat(280)} access_token=${SECRET}${SECRET} tail`);
    assert.ok(!out.includes(SECRET.slice(0, 4)), out);
  });

  badInput('a live token in a 400 error answer, through the real HTTP client', 'not in the error, nor in the sign-in or send notification', async () => {
    const fetchImpl = async () =>
      new Response(JSON.stringify({ error: { error_msg: `Token ${LIVE} is not valid`, error_name: 'bad_request' } }), { status: 400, headers: { 'content-type': 'application/json' } });
    const http = new FetchHttpClient({ serviceLabel: 'Dropbox Sign', userAgent: 't', readError: readDropboxSignError, secrets: registry, fetchImpl: fetchImpl as unknown as never });
    const error = await http.request({ method: 'GET', url: 'https://api.example.test/v3/account' }).then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    const shown = [(error as Error).message, signInFailureMessage(error, Date.now, 'Dropbox Sign')?.text ?? '', describeActionError(error, 'send', { serviceLabel: 'Dropbox Sign', subject: 'NDA' })?.message ?? ''];
    for (const text of shown) assert.ok(!text.includes(LIVE), text);
  });

  badInput('a live token in a 401 error_description (RFC 6749 shape)', 'not in the error message', () => {
    const body = Buffer.from(JSON.stringify({ error: 'invalid_grant', error_description: `refresh token ${LIVE} revoked` }));
    assert.ok(!toHttpError(401, body, {}, readDropboxSignError, undefined, [LIVE]).message.includes(LIVE));
  });

  badInput('a live token as the error_name', 'dropped (not an identifier), never shown', () => {
    const body = Buffer.from(JSON.stringify({ error: { error_msg: 'bad', error_name: `${LIVE} !` } }));
    const error = toHttpError(400, body, {}, readDropboxSignError, undefined, [LIVE]);
    assert.equal(error.errorName, undefined);
  });
});
