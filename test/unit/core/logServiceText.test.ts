// What the user reads of a service's own words (error messages, send warnings): secrets are removed with
// the registry of live secrets, and only then is the text clipped (issue 10, item 9). The secret here is
// prose-shaped on purpose: no key names it, so only the registry can catch it.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { Response } from 'node-fetch';
import { describeRefreshError } from '../../../src/commands/requests/messages';
import { describeActionError } from '../../../src/commands/actions/messages';
import { signInFailureMessage } from '../../../src/commands/session/messages';
import { FetchHttpClient } from '../../../src/core/fetchHttpClient';
import { REDACTED, SecretRegistry, userFacingText } from '../../../src/core/log';
import { errorText } from '../../../src/views/requestsTree/viewState';
import { readDropboxSignError } from '../../../src/providers/dropboxSign/errorBody';
import { DropboxSignOAuthClient } from '../../../src/providers/dropboxSign/oauthClient';
import { DropboxSignApi } from '../../../src/providers/dropboxSign/apiClient';
import { DropboxSignService } from '../../../src/providers/dropboxSign/service';
import { FakeHttp, settings } from '../../support/scriptedHttp';
import { example } from '../providers/dropboxSign/examples';

const LIVE_TOKEN = 'Zq8mNp3Lw7Rt2Vx9Ky4Hb6Jc1Fd5Gs0Tu';
const MAX = 300;

/** No run of 8 characters of the secret shows: a clipped secret leaks its first characters. */
function assertNoPieceOf(text: string, secret: string): void {
  for (let i = 0; i + 8 <= secret.length; i += 1) {
    assert.ok(!text.includes(secret.slice(i, i + 8)), `a piece of the secret (${secret.slice(i, i + 8)}) shows in: ${text}`);
  }
}

function registryWith(...secrets: string[]): SecretRegistry {
  const registry = new SecretRegistry();
  for (const secret of secrets) registry.add(secret);
  return registry;
}

/** A FetchHttpClient whose every request is answered with `status` and `json`. */
function clientAnswering(status: number, json: unknown, registry: SecretRegistry): FetchHttpClient {
  const fetchImpl = async () => new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
  // Built as a variable: the options type is checked structurally, as the composition root builds it.
  const options = { userAgent: 'test', serviceLabel: 'Dropbox Sign', readError: readDropboxSignError, fetchImpl: fetchImpl as unknown as never, secrets: registry };
  return new FetchHttpClient(options);
}

async function errorFrom(status: number, errorMsg: string, registry: SecretRegistry): Promise<unknown> {
  const http = clientAnswering(status, { error: { error_msg: errorMsg, error_name: 'bad_request' } }, registry);
  return http.request({ method: 'GET', url: 'https://api.example.test/v3/account' }).then(
    () => assert.fail('expected an error'),
    (error: unknown) => error,
  );
}

/** Every place a failed call turns into words for the user. */
function everythingShown(error: unknown): string[] {
  return [
    (error as Error).message,
    errorText(error),
    signInFailureMessage(error, Date.now, 'Dropbox Sign')?.text ?? '',
    describeActionError(error, 'send', { serviceLabel: 'Dropbox Sign', subject: 'NDA' })?.message ?? '',
    describeRefreshError(error, { serviceLabel: 'Dropbox Sign', now: 0, rowsShown: true })?.message ?? '',
  ];
}

describe('service text shown to users (issue 10, item 9)', () => {
  it('an error message naming a live token reaches no notification', async () => {
    for (const status of [400, 403, 404, 409, 500]) {
      const error = await errorFrom(status, `Token ${LIVE_TOKEN} is not valid for this app.`, registryWith(LIVE_TOKEN));
      for (const shown of everythingShown(error)) assertNoPieceOf(shown, LIVE_TOKEN);
      assert.ok((error as Error).message.includes(REDACTED), (error as Error).message);
    }
  });

  it('a live token where the message is clipped is redacted first, so no piece of it shows', async () => {
    const prose = 'The request could not be completed because '.padEnd(MAX - 12, 'x');
    const error = await errorFrom(400, `${prose} ${LIVE_TOKEN} was refused.`, registryWith(LIVE_TOKEN));
    const message = (error as Error).message;
    assert.ok(message.length <= MAX, `${message.length} characters`);
    assert.ok(message.endsWith('…'), message);
    for (const shown of everythingShown(error)) assertNoPieceOf(shown, LIVE_TOKEN);
  });

  it('the token endpoint\'s 200-with-error names no client secret', async () => {
    const secret = 'Hy5Qe2Wr8Tt4Yu1Io7Pa3Sd6Fg9Jk0Lz';
    const http = new FakeHttp().reply({ json: { error: { error_msg: `client_secret mismatch: ${secret} is unknown`, error_name: 'invalid_client' } } });
    // Built as a variable for the same reason as above.
    const args = [http, settings, { now: () => 0 }, registryWith(secret)] as const;
    const oauth = new (DropboxSignOAuthClient as unknown as new (...a: typeof args) => DropboxSignOAuthClient)(...args);
    const error = await oauth.exchangeCode({ clientId: 'id', clientSecret: secret, code: 'c0de-c0de', state: 's' }).then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    for (const shown of everythingShown(error)) assertNoPieceOf(shown, secret);
  });

  it('a send warning naming a live token shows redacted', async () => {
    const sent = example<Record<string, unknown>>('SignatureRequestSendResponse');
    const http = new FakeHttp().reply({ json: { ...sent, warnings: [{ warning_msg: `Reused ${LIVE_TOKEN} from an earlier request.`, warning_name: 'x' }] } });
    const args = [new DropboxSignApi(http, settings), registryWith(LIVE_TOKEN)] as const;
    const service = new (DropboxSignService as unknown as new (...a: typeof args) => DropboxSignService)(...args);
    const { warnings } = await service.sendRequest('token', {
      signers: [{ email: 'jack@example.com', name: 'Jack' }],
      files: [{ filename: 'a.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF') }],
      testMode: true,
    });
    assert.equal(warnings.length, 1);
    assertNoPieceOf(warnings[0], LIVE_TOKEN);
  });
});

describe('userFacingText', () => {
  it('redacts with the registry, then makes one line and clips', () => {
    const text = `line one\n\tline two ${LIVE_TOKEN} ${'y'.repeat(400)}`;
    const out = userFacingText(text, [LIVE_TOKEN]);
    assert.ok(out.startsWith(`line one line two ${REDACTED} yyy`), out);
    assert.equal(out.length, MAX);
    assert.ok(out.endsWith('…'));
  });

  it('never cuts the redaction marker in half', () => {
    const text = `${'w'.repeat(MAX - 5)} ${LIVE_TOKEN} tail`;
    const out = userFacingText(text, [LIVE_TOKEN]);
    assert.equal(out, `${'w'.repeat(MAX - 5)} …`);
  });

  it('keeps short text as it is (trimmed)', () => {
    assert.equal(userFacingText('  The file is too large.  '), 'The file is too large.');
  });

  it('hides pattern-shaped secrets without a registry too', () => {
    assert.equal(userFacingText('bad access_token=abc123def'), `bad access_token=${REDACTED}`);
  });
});
