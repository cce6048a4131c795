// Signing in to signNow with a password (the opt-in password grant) against the signNow sandbox: one
// token request, a saved session, and the password in no log line (trace level, every request and
// response body logged) and no message, in any encoding, whether the sign-in works or not.
import assert from 'node:assert/strict';
import { forgetPassword, offersPasswordGrant, signInWithPassword, type PasswordSignInDeps } from '../../../../src/auth/passwordSignIn';
import { AppNotConfiguredError } from '../../../../src/auth/signInErrors';
import { InvalidInputError } from '../../../../src/core/errors';
import { FetchHttpClient } from '../../../../src/core/fetchHttpClient';
import { redact, RedactingLogger, type LogSink } from '../../../../src/core/log';
import { SecretRegistry } from '../../../../src/core/secretRegistry';
import type { StoredSession } from '../../../../src/auth/session';
import { signNow } from '../../../../src/providers/signNow/definition';
import { dropboxSign } from '../../../../src/providers/dropboxSign/definition';
import { useSignNowSandbox } from '../../../support/sandboxes/signNow';

/** Every form the password could take in a line: as typed, URL-, form- and JSON-encoded. */
function encodings(password: string): string[] {
  return [password, encodeURIComponent(password), new URLSearchParams({ p: password }).toString().slice(2), JSON.stringify(password).slice(1, -1), Buffer.from(password).toString('base64')];
}

class LinesSink implements LogSink {
  readonly lines: string[] = [];
  readonly logLevel = 1; // trace: request and response bodies are logged
  trace(m: string): void {
    this.lines.push(m);
  }
  debug(m: string): void {
    this.lines.push(m);
  }
  info(m: string): void {
    this.lines.push(m);
  }
  warn(m: string): void {
    this.lines.push(m);
  }
  error(m: string): void {
    this.lines.push(m);
  }
}

describe('signNow: Sign In with Password', () => {
  const sandbox = useSignNowSandbox();
  // Spaces, &, =, quotes, %, +, a non-ASCII letter: each encodes differently in a URL, a form and JSON.
  const PASSWORD = 'c0rrect horse&battery=staple "ü" 100%+!~*(x)';
  let sink: LinesSink;
  let secrets: SecretRegistry;
  let saved: StoredSession[];

  function deps(): PasswordSignInDeps {
    const sb = sandbox();
    const log = new RedactingLogger(sink, secrets);
    const http = new FetchHttpClient({ serviceLabel: 'signNow', userAgent: 'SignDesk-test', readError: signNow.readError, secrets, logger: log });
    const oauth = signNow.oauth.create({ http, settings: () => ({ apiBaseUrl: sb.info.apiBaseUrl, oauthBaseUrl: sb.info.oauthBaseUrl }), clock: { now: () => Date.now() }, secrets });
    return { service: 'signNow', serviceLabel: 'signNow', oauth, secretRequired: true, sessions: { save: async (s) => void saved.push(s) }, secrets, log, clock: { now: () => Date.now() } };
  }
  const app = () => ({ clientId: sandbox().info.clientId, clientSecret: sandbox().info.clientSecret });
  const alice = () => sandbox().info.users[0].email;

  function assertNowhere(texts: string[]): void {
    for (const text of texts) {
      for (const form of encodings(PASSWORD)) assert.ok(!text.includes(form), `"${form}" in: ${text}`);
    }
  }

  beforeEach(() => {
    sink = new LinesSink();
    secrets = new SecretRegistry();
    saved = [];
    sandbox().admin.setPassword(alice(), PASSWORD);
  });

  it('signNow offers the password grant; Dropbox Sign does not (the command is offered per service)', () => {
    assert.equal(offersPasswordGrant(deps().oauth), true);
    assert.equal(offersPasswordGrant(dropboxSign.oauth.create(deps() as never)), false);
  });

  it('one token request with grant_type=password; the session is saved; the password is in no log line, even at trace level', async () => {
    const session = await signInWithPassword(deps(), { ...app(), email: ` ${alice()} `, password: PASSWORD });
    assert.equal(session.email, alice());
    assert.equal(session.service, 'signNow');
    assert.deepEqual(saved, [session]);
    const counters = sandbox().admin.counters();
    assert.deepEqual(counters.token, { password: 1 });
    assert.ok(sink.lines.some((line) => line.includes('POST') && line.includes('/oauth2/token')), 'the request was traced');
    assert.ok(sink.lines.some((line) => line.includes('with a password (the password was not kept)')));
    assertNowhere(sink.lines);
    assertNowhere([JSON.stringify(saved)]);
    forgetPassword(secrets, PASSWORD);
    assert.equal(redact(PASSWORD, secrets), PASSWORD, 'not kept in memory once the outcome is reported');
  });

  it('a wrong password: "Invalid credentials." and nothing saved; the password typed is in no log line or message', async () => {
    const typo = `${PASSWORD}?`;
    const error = await signInWithPassword(deps(), { ...app(), email: alice(), password: typo }).then(() => assert.fail('signed in'), (e: unknown) => e);
    assert.ok(error instanceof InvalidInputError, String(error));
    assert.equal(error.message, 'Invalid credentials.');
    assert.deepEqual(saved, []);
    // What a failure report writes: the error with its causes.
    const log = new RedactingLogger(sink, secrets);
    log.warn('Sign-in failed', error);
    for (const form of encodings(typo)) {
      for (const text of [...sink.lines, error.message, String(error.stack)]) assert.ok(!text.includes(form), `"${form}" in: ${text}`);
    }
  });

  it('the password is registered with the redaction before the request leaves (a service echoing it in an error is redacted)', async () => {
    const d = deps();
    let registeredWhenSent = false;
    const real = d.oauth.passwordGrant!.bind(d.oauth);
    d.oauth = Object.assign(Object.create(d.oauth) as typeof d.oauth, {
      passwordGrant: (params: Parameters<typeof real>[0], signal?: AbortSignal) => {
        registeredWhenSent = redact(`x ${params.password} x`, secrets) === 'x [REDACTED] x';
        return real(params, signal);
      },
    });
    await signInWithPassword(d, { ...app(), email: alice(), password: PASSWORD });
    assert.equal(registeredWhenSent, true);
  });

  it('not configured: no request is made; empty email or password: refused before sending', async () => {
    await assert.rejects(signInWithPassword(deps(), { clientId: '', clientSecret: undefined, email: alice(), password: PASSWORD }), AppNotConfiguredError);
    await assert.rejects(signInWithPassword(deps(), { ...app(), email: '  ', password: PASSWORD }), InvalidInputError);
    await assert.rejects(signInWithPassword(deps(), { ...app(), email: alice(), password: '' }), InvalidInputError);
    assert.deepEqual(sandbox().admin.counters().token, {});
    assertNowhere(sink.lines);
  });
});
