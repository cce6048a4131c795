import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { PendingSignIns } from '../../../src/auth/pendingSignIns';
import { parsePastedCallback } from '../../../src/auth/callbackParams';
import { decodeState } from '../../../src/auth/oauthState';
import type { RedirectConfig } from '../../../src/auth/redirectStrategy';
import type { StoredSession } from '../../../src/auth/session';
import {
  AppNotConfiguredError,
  AuthorizationDeniedError,
  SignInCancelledError,
  SignInTimedOutError,
} from '../../../src/auth/signInErrors';
import { SignInFlow, STILL_WAITING_MS, type SignInFlowDeps, type SignInRequest, type SignInStep, type StillWaitingHint } from '../../../src/auth/signInFlow';
import { AuthError, InvalidInputError } from '../../../src/core/errors';
import { RedactingLogger, SecretRegistry } from '../../../src/core/log';
import type { CodeExchangeParams } from '../../../src/model/tokens';
import { authorizeUrl } from '../../../src/providers/dropboxSign/endpoints';
import { ManualTime } from '../../support/time';

const SERVER_CALLBACK = 'http://127.0.0.1:8080/stable-1/callback?vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=signdesk.signdesk&vscode-path=%2Fcallback';
const RELAY = 'https://me.github.io/relay/';
const CLIENT_SECRET = 'client-secret-value-123';

interface Harness {
  flow: SignInFlow;
  time: ManualTime;
  saved: StoredSession[];
  exchanges: CodeExchangeParams[];
  logLines: string[];
  secrets: SecretRegistry;
  /** Resolves with each URL the flow opens, in order. */
  nextOpened(): Promise<URL>;
}

function harness(overrides: Partial<SignInFlowDeps> = {}): Harness {
  const time = new ManualTime();
  const saved: StoredSession[] = [];
  const exchanges: CodeExchangeParams[] = [];
  const logLines: string[] = [];
  const secrets = new SecretRegistry();
  const opened: URL[] = [];
  const waiters: Array<(url: URL) => void> = [];
  const sink = (level: string) => (message: string) => logLines.push(`${level} ${message}`);
  const flow = new SignInFlow({
    service: 'dropboxSign',
    serviceLabel: 'Dropbox Sign',
    env: {
      callbackUri: 'code-oss://signdesk.signdesk/callback',
      asExternalUri: async (uri) => (uri === 'code-oss://signdesk.signdesk/callback' ? SERVER_CALLBACK : assert.fail(uri)),
      openExternal: async (url) => {
        const parsed = new URL(url);
        const waiter = waiters.shift();
        if (waiter) waiter(parsed);
        else opened.push(parsed);
        return true;
      },
    },
    pending: new PendingSignIns(time),
    oauth: {
      authorizeUrl: (params) => authorizeUrl('https://sign.example', params),
      exchangeCode: async (params) => {
        exchanges.push(params);
        if (params.code !== 'good-code') throw new AuthError('The code was refused.', { status: 400, errorName: 'invalid_grant' });
        return { accessToken: 'access-token-AAA111', refreshToken: 'refresh-token-BBB222', expiresAt: time.now() + 3600_000, scopes: ['basic_account_info'] };
      },
    },
    getAccount: async (token) => {
      assert.equal(token, 'access-token-AAA111');
      return { id: 'acc-1', email: 'alice@example.com' };
    },
    sessions: { save: async (session) => void saved.push(session) },
    secrets,
    log: new RedactingLogger({ trace: sink('trace'), debug: sink('debug'), info: sink('info'), warn: sink('warn'), error: sink('error') }, secrets),
    clock: time,
    timers: time,
    ...overrides,
  });
  return {
    flow,
    time,
    saved,
    exchanges,
    logLines,
    secrets,
    nextOpened: () => {
      const first = opened.shift();
      return first ? Promise.resolve(first) : new Promise((resolve) => waiters.push(resolve));
    },
  };
}

const direct: RedirectConfig = { setting: 'direct', loopbackPort: 0 };
const relay: RedirectConfig = { setting: 'auto', relayUrl: RELAY, loopbackPort: 0 };
const credentials = { clientId: 'client-id-1', clientSecret: CLIENT_SECRET };

describe('SignInFlow', () => {
  it('direct: opens the consent page, takes the callback, exchanges the code, reads the account and saves the session', async () => {
    const h = harness();
    const steps: SignInStep[] = [];
    const done = h.flow.start({ ...credentials, redirect: direct, onStep: (step) => steps.push(step) });
    const url = await h.nextOpened();
    assert.equal(url.searchParams.get('client_id'), 'client-id-1');
    assert.equal(url.searchParams.get('redirect_uri'), SERVER_CALLBACK);
    const state = url.searchParams.get('state') ?? '';
    assert.equal(decodeState(state)?.target, undefined);
    assert.ok(Buffer.from(state, 'base64url').length >= 16, 'at least 128 bits of nonce');
    assert.deepEqual(h.flow.deliver({ code: 'good-code', state }), { accepted: true });
    const session = await done;
    assert.deepEqual(h.exchanges, [{ clientId: 'client-id-1', clientSecret: CLIENT_SECRET, code: 'good-code', state }]);
    assert.deepEqual(h.saved, [session]);
    assert.deepEqual(
      { ...session },
      {
        service: 'dropboxSign',
        accountId: 'acc-1',
        email: 'alice@example.com',
        accessToken: 'access-token-AAA111',
        refreshToken: 'refresh-token-BBB222',
        expiresAt: h.time.now() + 3600_000,
        scopes: ['basic_account_info'],
        status: 'active',
        createdAt: h.time.now(),
      },
    );
    assert.deepEqual(steps, ['openingBrowser', 'waitingForBrowser', 'exchangingCode', 'readingAccount', 'saving']);
    assert.equal(h.time.pendingTimers, 0, 'the timeout timer is cleared');
    assert.equal(h.flow.signingIn, false);
  });

  it('relay: sends the relay page as redirect_uri and the extension callback inside state', async () => {
    const h = harness();
    const done = h.flow.start({ ...credentials, redirect: relay });
    const url = await h.nextOpened();
    assert.equal(url.searchParams.get('redirect_uri'), RELAY);
    const state = url.searchParams.get('state') ?? '';
    assert.equal(decodeState(state)?.target, SERVER_CALLBACK);
    h.flow.deliver({ code: 'good-code', state });
    assert.equal((await done).email, 'alice@example.com');
  });

  it('ignores a replayed callback after the attempt used it', async () => {
    const h = harness();
    const done = h.flow.start({ ...credentials, redirect: direct });
    const state = (await h.nextOpened()).searchParams.get('state') ?? '';
    h.flow.deliver({ code: 'good-code', state });
    await done;
    assert.deepEqual(h.flow.deliver({ code: 'good-code', state }), { accepted: false, reason: 'alreadyUsed' });
    assert.equal(h.exchanges.length, 1);
    assert.equal(h.saved.length, 1);
    assert.ok(h.logLines.some((line) => /^warn .*ignored a callback .*alreadyUsed/.test(line)));
  });

  it('Deny: fails with "Authorization was denied in Dropbox Sign" and saves nothing', async () => {
    const h = harness();
    const done = h.flow.start({ ...credentials, redirect: direct });
    const state = (await h.nextOpened()).searchParams.get('state') ?? '';
    h.flow.deliver({ state });
    await assert.rejects(done, (error: Error) => error instanceof AuthorizationDeniedError && error.message.startsWith('Authorization was denied in Dropbox Sign'));
    assert.deepEqual(h.saved, []);
    assert.deepEqual(h.exchanges, []);
  });

  it('times out after 5 minutes without a callback', async () => {
    const h = harness();
    const done = h.flow.start({ ...credentials, redirect: direct });
    const state = (await h.nextOpened()).searchParams.get('state') ?? '';
    h.time.advance(5 * 60_000 - 1);
    assert.equal(h.flow.signingIn, true);
    h.time.advance(1);
    await assert.rejects(done, SignInTimedOutError);
    assert.equal(h.flow.deliver({ code: 'good-code', state }).accepted, false);
    assert.deepEqual(h.saved, []);
  });

  describe('the browser does not come back (e.g. the service shows its own error page)', () => {
    /** Starts an attempt and resolves once it waits for the browser; records the hints. */
    async function waitingAttempt(h: Harness, redirect: RedirectConfig, extra: Partial<SignInRequest> = {}) {
      const hints: StillWaitingHint[] = [];
      let reached!: () => void;
      const waiting = new Promise<void>((resolve) => (reached = resolve));
      const done = h.flow.start({
        ...credentials,
        redirect,
        onStep: (step) => step === 'waitingForBrowser' && reached(),
        onStillWaiting: (hint) => hints.push({ mode: hint.mode, redirectUri: hint.redirectUri }),
        ...extra,
      });
      done.catch(() => undefined);
      const state = (await h.nextOpened()).searchParams.get('state') ?? '';
      await waiting;
      return { hints, done, state };
    }

    it(`after ${STILL_WAITING_MS / 1000} s without a callback: one hint naming the redirect_uri sent; the attempt keeps waiting and can still complete`, async () => {
      const h = harness();
      const { hints, done, state } = await waitingAttempt(h, relay);
      h.time.advance(STILL_WAITING_MS - 1);
      assert.deepEqual(hints, []);
      h.time.advance(1);
      assert.deepEqual(hints, [{ mode: 'relay', redirectUri: RELAY }]);
      assert.ok(h.logLines.includes(`info Sign-in: no callback yet; the app must have ${RELAY} registered.`), h.logLines.join('\n'));
      h.time.advance(60_000);
      assert.equal(hints.length, 1, 'only once');
      assert.equal(h.flow.signingIn, true);
      h.flow.deliver({ code: 'good-code', state });
      assert.equal((await done).email, 'alice@example.com');
      assert.equal(h.time.pendingTimers, 0);
    });

    it('a callback in time: no hint, and no timer is left behind', async () => {
      const h = harness();
      const { hints, done, state } = await waitingAttempt(h, relay);
      h.time.advance(STILL_WAITING_MS - 1);
      h.flow.deliver({ code: 'good-code', state });
      await done;
      h.time.advance(STILL_WAITING_MS);
      assert.deepEqual(hints, []);
      assert.equal(h.time.pendingTimers, 0);
    });

    it('cancelled or denied before the wait is over: no hint', async () => {
      const h = harness();
      const first = await waitingAttempt(h, relay);
      h.flow.cancel();
      await assert.rejects(first.done, SignInCancelledError);
      const second = await waitingAttempt(h, relay);
      h.flow.deliver({ state: second.state });
      await assert.rejects(second.done, AuthorizationDeniedError);
      h.time.advance(STILL_WAITING_MS);
      assert.deepEqual([...first.hints, ...second.hints], []);
      assert.equal(h.time.pendingTimers, 0);
    });

    it('the wait is injectable; direct names its own (one-time) address; manual never hints (the user pastes)', async () => {
      const h = harness({ stillWaitingMs: 1000 });
      const directAttempt = await waitingAttempt(h, direct);
      h.time.advance(1000);
      assert.deepEqual(directAttempt.hints, [{ mode: 'direct', redirectUri: SERVER_CALLBACK }]);
      h.flow.cancel();
      const manual = await waitingAttempt(h, { setting: 'manual', relayUrl: RELAY, loopbackPort: 0 });
      h.time.advance(60_000);
      assert.deepEqual(manual.hints, []);
    });
  });

  it('cancels through the AbortSignal (progress Cancel) and through cancel() (status bar)', async () => {
    const h = harness();
    const controller = new AbortController();
    const first = h.flow.start({ ...credentials, redirect: direct, signal: controller.signal });
    await h.nextOpened();
    controller.abort();
    await assert.rejects(first, SignInCancelledError);
    const second = h.flow.start({ ...credentials, redirect: direct });
    await h.nextOpened();
    assert.equal(h.flow.cancel(), true);
    await assert.rejects(second, SignInCancelledError);
    assert.equal(h.flow.cancel(), false);
  });

  it('a new attempt replaces the one in progress; the old callback no longer counts', async () => {
    const h = harness();
    const states: boolean[] = [];
    h.flow.onDidChangeState((e) => states.push(e.signingIn));
    const first = h.flow.start({ ...credentials, redirect: direct });
    const oldState = (await h.nextOpened()).searchParams.get('state') ?? '';
    const second = h.flow.start({ ...credentials, redirect: direct });
    await assert.rejects(first, /newer sign-in/);
    const newState = (await h.nextOpened()).searchParams.get('state') ?? '';
    assert.notEqual(newState, oldState);
    assert.equal(h.flow.deliver({ code: 'good-code', state: oldState }).accepted, false);
    h.flow.deliver({ code: 'good-code', state: newState });
    await second;
    assert.equal(states[0], true);
    assert.equal(states[states.length - 1], false);
    assert.equal(h.flow.signingIn, false);
  });

  it('manual: no redirect_uri; the pasted address completes the sign-in', async () => {
    const h = harness();
    const done = h.flow.start({ ...credentials, redirect: { setting: 'manual', relayUrl: RELAY, loopbackPort: 0 } });
    const url = await h.nextOpened();
    assert.equal(url.searchParams.has('redirect_uri'), false);
    const state = url.searchParams.get('state') ?? '';
    const pasted = parsePastedCallback(`${RELAY}?code=good-code&state=${state}`);
    assert.ok(pasted);
    assert.deepEqual(h.flow.deliver(pasted), { accepted: true });
    assert.equal((await done).accountId, 'acc-1');
  });

  it('manual: says it waits for the pasted address (Complete Authorization… can act) until the paste arrives; other modes never do', async () => {
    const h = harness();
    const states: string[] = [];
    h.flow.onDidChangeState((e) => states.push(`${e.signingIn ? 'signingIn' : 'idle'}${e.waitingForPaste ? '+paste' : ''}`));
    const done = h.flow.start({ ...credentials, redirect: { setting: 'manual', relayUrl: RELAY, loopbackPort: 0 } });
    const state = (await h.nextOpened()).searchParams.get('state') ?? '';
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(h.flow.waitingForPaste, true);
    h.flow.deliver({ code: 'good-code', state });
    await done;
    assert.deepEqual(states, ['signingIn', 'signingIn+paste', 'signingIn', 'idle']);
    assert.equal(h.flow.waitingForPaste, false);

    states.length = 0;
    const relayed = h.flow.start({ ...credentials, redirect: direct });
    h.flow.deliver({ code: 'good-code', state: (await h.nextOpened()).searchParams.get('state') ?? '' });
    await relayed;
    assert.deepEqual(states, ['signingIn', 'idle']);
  });

  it('loopback: listens on 127.0.0.1, sends that as redirect_uri, and stops listening afterwards', async () => {
    const h = harness();
    const done = h.flow.start({ ...credentials, redirect: { setting: 'loopback', loopbackPort: 0 } });
    const url = await h.nextOpened();
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    assert.match(redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const state = url.searchParams.get('state') ?? '';
    const status = await new Promise<number>((resolve, reject) =>
      http
        .get(`${redirectUri}?code=good-code&state=${state}`, { agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject),
    );
    assert.equal(status, 200);
    await done;
    await assert.rejects(
      new Promise((resolve, reject) => http.get(redirectUri, { agent: false }, resolve).on('error', reject)),
      (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED',
    );
  });

  it('explains what is missing before doing anything', async () => {
    const h = harness();
    await assert.rejects(h.flow.start({ clientId: '', clientSecret: undefined, redirect: direct }), (error: Error) => {
      assert.ok(error instanceof AppNotConfiguredError);
      assert.deepEqual(error.missing, ['clientId', 'clientSecret']);
      return true;
    });
    await assert.rejects(h.flow.start({ ...credentials, redirect: { setting: 'relay', loopbackPort: 0 } }), (error: Error) => {
      assert.ok(error instanceof AppNotConfiguredError);
      assert.deepEqual(error.missing, ['relayUrl']);
      return true;
    });
    await assert.rejects(h.flow.start({ ...credentials, redirect: { setting: 'relay', relayUrl: 'http://example.com/r', loopbackPort: 0 } }), InvalidInputError);
    assert.equal(h.flow.signingIn, false);
  });

  it('a refused code surfaces as an auth error and saves nothing', async () => {
    const h = harness();
    const done = h.flow.start({ ...credentials, redirect: direct });
    const state = (await h.nextOpened()).searchParams.get('state') ?? '';
    h.flow.deliver({ code: 'stale-code', state });
    await assert.rejects(done, AuthError);
    assert.deepEqual(h.saved, []);
  });

  it('never logs the code, the tokens or the client secret', async () => {
    const h = harness();
    const done = h.flow.start({ ...credentials, redirect: relay });
    const state = (await h.nextOpened()).searchParams.get('state') ?? '';
    h.flow.deliver({ code: 'good-code', state });
    await done;
    h.flow.deliver({ code: 'good-code', state });
    const log = h.logLines.join('\n');
    assert.ok(log.length > 0);
    for (const secret of ['good-code', 'access-token-AAA111', 'refresh-token-BBB222', CLIENT_SECRET]) {
      assert.ok(!log.includes(secret), `${secret} leaked into the log`);
    }
    assert.deepEqual([...h.secrets.values()].sort(), [CLIENT_SECRET, 'access-token-AAA111', 'good-code', 'refresh-token-BBB222'].sort());
  });

  it("registers a callback's code only when the callback is accepted: a junk code (\"Sign\") is not redacted afterwards", async () => {
    const h = harness();
    const done = h.flow.start({ ...credentials, redirect: direct });
    const state = (await h.nextOpened()).searchParams.get('state') ?? '';
    assert.equal(h.flow.deliver({ code: 'Sign', state: 'AAAAAAAAAAAAAAAAAAAAAA' }).accepted, false);
    assert.equal(h.flow.deliver({ code: 'in-to', state: `${state}x` }).accepted, false);
    assert.equal(h.flow.deliver({ code: 'Dropbox', state: 'not a state' }).accepted, false);
    assert.ok(![...h.secrets.values()].some((value) => ['Sign', 'in-to', 'Dropbox'].includes(value)), [...h.secrets.values()].join(', '));
    h.flow.deliver({ code: 'good-code', state });
    await done;
    assert.match(h.logLines.join('\n'), /Sign-in: signed in to Dropbox Sign as alice@example\.com\./);
    assert.ok([...h.secrets.values()].includes('good-code'), 'the accepted code is registered');
  });

  it('2,500 junk callbacks to the loopback receiver leave the registry alone and compile the redaction pattern no more often', async function () {
    this.timeout(30_000);
    const h = harness();
    const done = h.flow.start({ ...credentials, redirect: { setting: 'loopback', loopbackPort: 0 } });
    const url = await h.nextOpened();
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    const state = url.searchParams.get('state') ?? '';
    const registered = [...h.secrets.values()].length;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const statuses = new Map<number, number>();
    const get = (target: string) =>
      new Promise<void>((resolve, reject) =>
        http
          .get(target, { agent }, (res) => {
            statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
            res.resume().on('end', resolve);
          })
          .on('error', reject),
      );
    try {
      const builds = h.secrets.patternBuilds;
      let next = 0;
      const worker = async () => {
        while (next < 2500) {
          const i = next++;
          // Codes that look like words and tokens; states that name no attempt, or ours altered.
          const junkState = i % 2 === 0 ? `junk${i}` : `${state}${i}`;
          await get(`${redirectUri}?code=${i % 3 === 0 ? 'Sign' : `junk-code-${i}`}&state=${encodeURIComponent(junkState)}`);
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      assert.deepEqual([...statuses], [[400, 2500]]);
      assert.equal([...h.secrets.values()].length, registered, 'no junk code was registered');
      assert.ok(h.secrets.patternBuilds - builds <= 1, `the pattern was compiled ${h.secrets.patternBuilds - builds} times for 2,500 log lines`);
      assert.equal(h.logLines.filter((line) => line.includes('ignored a callback')).length, 2500);
      assert.ok(!h.logLines.some((line) => line.includes('[REDACTED]')), 'nothing in those lines was a secret');
      await get(`${redirectUri}?code=good-code&state=${state}`);
      await done;
    } finally {
      agent.destroy();
    }
  });
});
