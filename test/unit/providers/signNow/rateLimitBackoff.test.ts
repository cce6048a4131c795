// signNow's 429s come without rate-limit headers: reads back off on SignDesk's own schedule
// (core/readBackoff.ts), writes are never repeated. Against a fake HttpClient, then the signNow sandbox
// with its rate limit switched on (its 429 is bare, as signNow's).
import assert from 'node:assert/strict';
import type { Timers } from '../../../../src/core/clock';
import { CancelledError, RateLimitError, ServerError } from '../../../../src/core/errors';
import type { HttpClient, HttpRequest, HttpResponse } from '../../../../src/core/http';
import { backOffBare429, COOL_DOWN_MS, MAX_COOL_DOWN_MS, READ_RETRY_PAUSES_MS } from '../../../../src/core/readBackoff';
import { FetchHttpClient } from '../../../../src/core/fetchHttpClient';
import { SignNowApi } from '../../../../src/providers/signNow/apiClient';
import { readSignNowError } from '../../../../src/providers/signNow/errorBody';
import { SignNowService } from '../../../../src/providers/signNow/service';
import { signNow } from '../../../../src/providers/signNow/definition';
import { passwordToken, useSignNowSandbox } from '../../../support/sandboxes/signNow';

/** Timers that fire at once and move `now` (and anything else) forward by what was asked. */
class SteppingTimers implements Timers {
  readonly asked: number[] = [];
  constructor(private readonly onWait: (ms: number) => void = () => undefined) {}
  setTimeout(callback: () => void, ms: number): unknown {
    this.asked.push(ms);
    this.onWait(ms);
    return setImmediate(callback);
  }
  clearTimeout(handle: unknown): void {
    clearImmediate(handle as NodeJS.Immediate);
  }
}

const ok: HttpResponse = { status: 200, headers: {}, body: Buffer.from('{}'), text: () => '{}', json: <T>() => ({}) as T };

/** An HttpClient answering from a script: each entry is an error to throw or `ok`. */
function scripted(...answers: Array<Error | 'ok'>): HttpClient & { calls: HttpRequest[] } {
  const calls: HttpRequest[] = [];
  return {
    calls,
    async request(req) {
      calls.push(req);
      const next = answers.shift() ?? 'ok';
      if (next === 'ok') return ok;
      throw next;
    },
  };
}

const bare = () => new RateLimitError('Too many requests.', { status: 429 });

describe('signNow: a 429 without rate-limit headers', () => {
  let now: number;
  const clock = { now: () => now };
  beforeEach(() => {
    now = 1_800_000_000_000;
  });
  const get: HttpRequest = { method: 'GET', url: 'https://api.signnow.com/user' };

  it('a read waits its own pauses and tries again until it gets through', async () => {
    const inner = scripted(bare(), bare(), 'ok');
    const timers = new SteppingTimers((ms) => (now += ms));
    const http = backOffBare429(inner, { clock, timers });
    assert.equal((await http.request(get)).status, 200);
    assert.equal(inner.calls.length, 3);
    assert.deepEqual(timers.asked, READ_RETRY_PAUSES_MS.slice(0, 2));
  });

  it('a read still refused after every pause fails with a cool-down that doubles per failure in a row, capped; a success ends the run', async () => {
    const timers = new SteppingTimers();
    const refusals = () => Array.from({ length: READ_RETRY_PAUSES_MS.length + 1 }, bare);
    const inner = scripted(...refusals(), ...refusals(), ...refusals(), ...refusals(), ...refusals(), 'ok', ...refusals());
    const http = backOffBare429(inner, { clock, timers });
    const cooled: number[] = [];
    for (let i = 0; i < 5; i++) {
      const error = await http.request(get).then(() => assert.fail('refused'), (e: unknown) => e);
      assert.ok(error instanceof RateLimitError && error.resetAt, String(error));
      cooled.push(error.resetAt.getTime() - now);
    }
    assert.deepEqual(cooled, [COOL_DOWN_MS, 2 * COOL_DOWN_MS, 4 * COOL_DOWN_MS, MAX_COOL_DOWN_MS, MAX_COOL_DOWN_MS]);
    assert.equal(inner.calls.length, 5 * (READ_RETRY_PAUSES_MS.length + 1));
    await http.request(get);
    const after = await http.request(get).then(() => assert.fail('refused'), (e: unknown) => e as RateLimitError);
    assert.equal(after.resetAt!.getTime() - now, COOL_DOWN_MS, 'back to the first cool-down');
  });

  for (const method of ['POST', 'PUT', 'DELETE'] as const) {
    it(`a ${method} is never sent twice: it fails at once, with a time to try again`, async () => {
      const inner = scripted(bare(), 'ok');
      const timers = new SteppingTimers();
      const http = backOffBare429(inner, { clock, timers });
      const error = await http.request({ method, url: 'https://api.signnow.com/document' }).then(() => assert.fail('refused'), (e: unknown) => e);
      assert.ok(error instanceof RateLimitError);
      assert.equal(error.resetAt?.getTime(), now + COOL_DOWN_MS);
      assert.equal(inner.calls.length, 1);
      assert.deepEqual(timers.asked, []);
    });
  }

  it('a 429 with a reset time and other errors pass through untouched, without a repeat', async () => {
    const told = new RateLimitError('slow down', { status: 429, resetAt: new Date(now + 5000) });
    const broken = new ServerError('boom', { status: 500 });
    const inner = scripted(told, broken);
    const http = backOffBare429(inner, { clock, timers: new SteppingTimers() });
    await assert.rejects(http.request(get), (e) => e === told);
    await assert.rejects(http.request(get), (e) => e === broken);
    assert.equal(inner.calls.length, 2);
  });

  it('Cancel during a pause ends the read at once (CancelledError) without another request', async () => {
    const inner = scripted(bare(), 'ok');
    const controller = new AbortController();
    const parked: Timers = { setTimeout: () => (controller.abort(), 'parked'), clearTimeout: () => undefined };
    const http = backOffBare429(inner, { clock, timers: parked });
    await assert.rejects(http.request({ ...get, signal: controller.signal }), CancelledError);
    assert.equal(inner.calls.length, 1);
  });

  it('signNow’s definition builds its API and OAuth clients over the schedule (a refused write gets a time to try again)', async () => {
    const settings = () => ({ apiBaseUrl: 'https://api.signnow.com', oauthBaseUrl: 'https://app.signnow.com' });
    const doc = { id: 'doc1', document_name: 'NDA', field_invites: [{ id: 'fi1', status: 'pending', email: 'carol@example.com' }] };
    const docAnswer: HttpResponse = { ...ok, json: <T>() => doc as T };
    const calls: HttpRequest[] = [];
    const http: HttpClient = {
      async request(req) {
        calls.push(req);
        if (req.method === 'GET') return docAnswer;
        throw bare();
      },
    };
    const context = { http, settings, clock, secrets: { values: () => [] } };
    await assert.rejects(signNow.signatures.create(context).cancelRequest('token', 'doc1'), (e) => e instanceof RateLimitError && e.resetAt?.getTime() === now + COOL_DOWN_MS);
    await assert.rejects(signNow.oauth.create(context).revoke!('token'), (e) => e instanceof RateLimitError && e.resetAt?.getTime() === now + COOL_DOWN_MS);
    assert.deepEqual(calls.map((c) => c.method), ['GET', 'PUT', 'POST'], 'no write was repeated');
  });

  describe('against the signNow sandbox (rate limit on: its 429 has no headers)', () => {
    const sandbox = useSignNowSandbox({ config: { rateLimit: { enabled: true, limit: 3, windowMs: 60_000 } } });

    function stack(timers: Timers) {
      const sb = sandbox();
      const settings = () => ({ apiBaseUrl: sb.info.apiBaseUrl, oauthBaseUrl: sb.info.oauthBaseUrl });
      const http = backOffBare429(new FetchHttpClient({ serviceLabel: 'signNow', userAgent: 'SignDesk-test', readError: readSignNowError }), { timers });
      const api = new SignNowApi(http, settings);
      return { api, service: new SignNowService(api, settings) };
    }

    it('reads past the limit wait (the sandbox clock moves with each pause) and get through once the window resets', async () => {
      const token = (await passwordToken(sandbox())).access_token;
      // Each pause moves the sandbox's clock on by a third of its window: the fourth try is in a new window.
      const timers = new SteppingTimers(() => sandbox().admin.advanceClock(20_001));
      const { api } = stack(timers);
      for (let i = 0; i < 3; i++) await api.getUser(token);
      sandbox().admin.resetCounters();
      assert.equal((await api.getUser(token)).primary_email, sandbox().info.users[0].email);
      assert.deepEqual(timers.asked, READ_RETRY_PAUSES_MS, 'three pauses, then through');
      assert.equal(sandbox().admin.counters().rateLimited, 3);
      assert.equal(sandbox().admin.counters().http['GET /user'], 4);
    });

    it('a send refused with 429 is not repeated: one upload request reached the sandbox', async () => {
      const token = (await passwordToken(sandbox())).access_token;
      const timers = new SteppingTimers();
      const { api } = stack(timers);
      for (let i = 0; i < 3; i++) await api.getUser(token);
      sandbox().admin.resetCounters();
      const file = { filename: 'a.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') };
      await assert.rejects(api.uploadDocument(token, file), (e) => e instanceof RateLimitError && e.resetAt !== undefined);
      assert.equal(sandbox().admin.counters().http['POST /document'], 1);
      assert.deepEqual(timers.asked, []);
      assert.equal(sandbox().admin.state().documents.filter((d) => d.name === 'a.pdf' || d.name === 'a').length, 0);
    });
  });
});
