// Bad inputs: callbacks that reach a waiting sign-in (URI handler, loopback receiver, a pasted address)
// without being its answer, answers whose text is hostile, and URIs for paths SignDesk does not serve.
// A stranger's callback must neither complete, fail nor cancel the sign-in, nor plant words in the
// redaction registry; one callback is one log line.
import * as assert from 'node:assert/strict';
import { CallbackRouter, logUnknownPath } from '../../src/auth/callbackRouter';
import type { CallbackParams } from '../../src/auth/callbackParams';
import { parsePastedCallback } from '../../src/auth/callbackParams';
import { encodeState } from '../../src/auth/oauthState';
import { PendingSignIns } from '../../src/auth/pendingSignIns';
import { SignInFlow } from '../../src/auth/signInFlow';
import { RedactingLogger, REDACTED, SecretRegistry, type LogSink } from '../../src/core/log';
import { authorizeUrl } from '../../src/providers/dropboxSign/endpoints';
import { ManualTime } from '../support/time';
import { badInput, badInputs } from './tally';

const CLIENT_SECRET = 'client-secret-for-bad-inputs-0042';
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function sinkInto(lines: string[]): LogSink {
  const push = (message: string) => void lines.push(message);
  return { trace: push, debug: push, info: push, warn: push, error: push };
}

interface Waiting {
  flow: SignInFlow;
  state: string;
  secrets: SecretRegistry;
  lines: string[];
  time: ManualTime;
  /** 'waiting' until the attempt settles, then how it ended. */
  outcome(): string;
  done: Promise<unknown>;
}

/** A direct-mode sign-in waiting for its callback, with a real registry and redacting log. */
async function waitingSignIn(): Promise<Waiting> {
  const time = new ManualTime();
  const secrets = new SecretRegistry();
  const lines: string[] = [];
  let opened!: (url: string) => void;
  const authorize = new Promise<string>((resolve) => (opened = resolve));
  const flow = new SignInFlow({
    service: 'dropboxSign',
    serviceLabel: 'Dropbox Sign',
    env: {
      callbackUri: 'vscode://signdesk.signdesk/callback',
      asExternalUri: async (uri) => uri,
      openExternal: async (url) => {
        opened(url);
        return true;
      },
    },
    pending: new PendingSignIns(time),
    oauth: {
      authorizeUrl: (params) => authorizeUrl('https://sign.example', params),
      exchangeCode: async () => ({ accessToken: 'access-token-bad-inputs-1', refreshToken: 'refresh-token-bad-inputs-1', expiresAt: time.now() + 3600_000, scopes: [] }),
    },
    getAccount: async () => ({ id: 'acc-1', email: 'alice@example.com' }),
    sessions: { save: async () => undefined },
    secrets,
    log: new RedactingLogger(sinkInto(lines), secrets),
    clock: time,
    timers: time,
  });
  let outcome = 'waiting';
  const done = flow.start({ clientId: 'client-id', clientSecret: CLIENT_SECRET, redirect: { setting: 'direct', loopbackPort: 0 } }).then(
    () => (outcome = 'signed in'),
    (error: Error) => (outcome = `failed: ${error.message}`),
  );
  const state = new URL(await authorize).searchParams.get('state') ?? '';
  return { flow, state, secrets, lines, time, outcome: () => outcome, done };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('callback/state', () => {
  describe('callbacks that are not the waiting sign-in’s answer', () => {
    const cases: Array<readonly [string, (state: string) => CallbackParams]> = [
      ['a code without state', () => ({ code: 'Sign' })],
      ['a state for no sign-in', () => ({ code: 'Sign', state: encodeState('Aa1Bb2Cc3Dd4Ee5Ff6Gg7Hh8Ii9Jj0Kk1Ll2Mm3Nn4') })],
      ['the waiting nonce with a relay target added', (state) => ({ code: 'Sign', state: encodeState(state, 'https://evil.example/') })],
      ['the waiting state with a trailing dot', (state) => ({ code: 'Sign', state: `${state}.` })],
      ['the waiting state in upper case', (state) => ({ code: 'Sign', state: state.toUpperCase() })],
      ['the waiting state with spaces around it', (state) => ({ code: 'Sign', state: ` ${state} ` })],
      ['the waiting state percent-encoded', (state) => ({ code: 'Sign', state: [...state].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('') })],
      ['the waiting state cut short by one character', (state) => ({ code: 'Sign', state: state.slice(0, -1) })],
      ['a one-letter state', () => ({ code: 'Sign', state: 'a' })],
      ['a state of 100,000 characters', () => ({ code: 'Sign', state: 'A'.repeat(100_000) })],
      ['access_denied with a foreign state (a stranger cancelling the sign-in)', () => ({ error: 'access_denied', state: 'someone-elses-nonce' })],
      ['server_error without state', () => ({ error: 'server_error', errorDescription: 'Sign' })],
      ['a code that is a common word, with a junk state', () => ({ code: 'Dropbox', state: 'junk' })],
    ];
    badInputs(cases, 'ignored: the sign-in keeps waiting, and the code is not registered (no word gets redacted)', async (make) => {
      const waiting = await waitingSignIn();
      const params = make(waiting.state);
      const result = waiting.flow.deliver(params);
      await settle();
      assert.equal(result.accepted, false);
      assert.equal(waiting.outcome(), 'waiting');
      assert.ok(waiting.flow.signingIn);
      assert.deepEqual([...waiting.secrets.values()], [CLIENT_SECRET], 'the registry took something from the callback');
      assert.equal(waiting.lines.filter((line) => line.includes('ignored a callback')).length, 1);
      assert.ok(!waiting.lines.join('\n').includes(REDACTED), 'a word got redacted');
      waiting.flow.cancel();
      await waiting.done;
    });
  });

  badInput('10,000 junk callbacks while a sign-in waits', 'all ignored; the registry and its compiled pattern stay as they were; the sign-in still completes', async () => {
    const waiting = await waitingSignIn();
    waiting.lines.length = 0;
    const builds = waiting.secrets.patternBuilds;
    for (let i = 0; i < 10_000; i++) {
      waiting.flow.deliver({ code: `junk-${i}-Sign`, state: i % 2 ? `junk${i}` : `${waiting.state}${i}` });
    }
    assert.deepEqual([...waiting.secrets.values()], [CLIENT_SECRET]);
    assert.ok(waiting.secrets.patternBuilds - builds <= 1, `the pattern was compiled ${waiting.secrets.patternBuilds - builds} times`);
    assert.equal(waiting.lines.length, 10_000);
    waiting.flow.deliver({ code: 'the-real-code', state: waiting.state });
    await waiting.done;
    assert.equal(waiting.outcome(), 'signed in');
  });

  badInput('the real callback delivered a second time (a replay)', 'ignored as already used; the code stays redacted', async () => {
    const waiting = await waitingSignIn();
    waiting.flow.deliver({ code: 'the-real-code', state: waiting.state });
    await waiting.done;
    const again = waiting.flow.deliver({ code: 'the-real-code', state: waiting.state });
    assert.deepEqual(again, { accepted: false, reason: 'alreadyUsed' });
    assert.ok(waiting.lines.every((line) => !line.includes('the-real-code')));
  });

  badInput('the real callback after the 5 minutes', 'ignored as expired; the sign-in fails with "timed out", nothing registered', async () => {
    const waiting = await waitingSignIn();
    waiting.time.advance(5 * 60_000);
    await waiting.done;
    const late = waiting.flow.deliver({ code: 'late-code', state: waiting.state });
    assert.equal(late.accepted, false);
    assert.match(waiting.outcome(), /^failed: Sign-in timed out/);
    assert.ok(![...waiting.secrets.values()].includes('late-code'));
  });

  describe('hostile text in the waiting sign-in’s own answer', () => {
    const forged = 'bad\n2030-01-01 00:00:00.000 [info] Sign-in: signed in to Dropbox Sign as admin@example.com.\r\u001b[2J\u202e';
    badInputs(
      [
        ['error_description with a newline, CR, an ANSI escape and a bidi override', { error: 'server_error', errorDescription: forged }],
        ['error with a newline', { error: `server_error\n[error] forged` }],
        ['access_denied with a forged-line description', { error: 'access_denied', errorDescription: forged }],
        ['error_description of 100 KB', { error: 'server_error', errorDescription: 'x'.repeat(100_000) }],
      ],
      'the sign-in fails with a one-line message of sane length (control characters escaped)',
      async (params) => {
        const waiting = await waitingSignIn();
        assert.equal(waiting.flow.deliver({ ...params, state: waiting.state }).accepted, true);
        await waiting.done;
        const message = waiting.outcome();
        assert.match(message, /^failed: (Dropbox Sign did not authorize SignDesk|Authorization was denied in Dropbox Sign)/);
        assert.doesNotMatch(message, CONTROL, JSON.stringify(message));
        assert.ok(message.length < 600, `${message.length} characters`);
      },
    );
  });

  describe('URIs for a path SignDesk does not serve', () => {
    const registry = new SecretRegistry();
    registry.add('live-access-token-for-uri-cases');
    const lines: string[] = [];
    const router = new CallbackRouter(logUnknownPath(new RedactingLogger(sinkInto(lines), registry)));
    router.route('/callback', () => assert.fail('the callback route took it'));
    badInputs(
      [
        ['a path with a newline and a forged log line', '/x\n2030-01-01 00:00:00.000 [info] Signed in as admin'],
        ['a path with a bare CR', '/x\r[info] overwritten'],
        ['a path with an ANSI escape (clear screen)', '/x\u001b[2J\u001b[31mred'],
        ['a path with U+2028 (line separator)', '/x\u2028[info] forged'],
        ['a path with a right-to-left override', '/\u202egnp.exe'],
        ['a path with NUL and DEL', '/x\u0000y\u007f'],
        ['a path with C1 controls (NEL, CSI)', '/x\u0085y\u009bz'],
        ['a path carrying a live token', '/leak/live-access-token-for-uri-cases'],
        ['a path carrying an access_token parameter', '/x?access_token=abcdefgh12345678'],
        ['a path of 64 KB', `/${'a'.repeat(65_536)}`],
        ['/callback/ (not /callback)', '/callback/'],
        ['/Callback (other case)', '/Callback'],
      ],
      'one warning line through the redacting log: control characters escaped, secrets redacted',
      async (path) => {
        lines.length = 0;
        await router.handle({ path, query: 'code=zzz-code&state=zzz' });
        assert.equal(lines.length, 1);
        const [line] = lines;
        assert.ok(line.startsWith('Ignored a URI for an unknown path: /'), line.slice(0, 80));
        assert.doesNotMatch(line, CONTROL, JSON.stringify(line.slice(0, 120)));
        assert.ok(!line.includes('live-access-token-for-uri-cases') && !line.includes('abcdefgh12345678'), line);
        assert.ok(!line.includes('zzz-code'), 'the query was logged');
      },
    );
  });

  badInputs(
    [
      ['pasted vscode: URL with empty code and state', 'vscode://signdesk.signdesk/callback?code=&state='],
      ['pasted data: URL with the parameters after the comma', 'data:,code=abc&state=def'],
      ['pasted "code" and "state" as bare words', 'code state'],
      ['pasted mailto: address', 'mailto:someone@example.com?subject=code'],
    ],
    'nothing to complete (undefined)',
    (text) => assert.equal(parsePastedCallback(text), undefined),
  );
});
