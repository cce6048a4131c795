import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  AuthError,
  BadResponseError,
  ConflictError,
  InvalidInputError,
  MissingScopeError,
  NotFoundError,
  RateLimitError,
  ServerError,
} from '../../../src/core/errors';
import type { ErrorBodyReader } from '../../../src/core/http';
import { parseRateLimit, toHttpError } from '../../../src/core/httpErrors';

const fixedClock = { now: () => 1_000_000 };
const noReader: ErrorBodyReader = () => undefined;
const empty = Buffer.alloc(0);

describe('toHttpError', () => {
  it('shows the service\'s message on one line, redacted, clipped to 300 characters', () => {
    const reader: ErrorBodyReader = () => ({ message: `line1\nline2 access_token=abc123 ${'x'.repeat(500)}` });
    const error = toHttpError(400, empty, {}, reader, fixedClock);
    assert.ok(error.message.startsWith('line1 line2 access_token=[REDACTED] xxx'), error.message);
    assert.equal(error.message.length, 300);
  });

  it('falls back to the status when the service\'s message is only whitespace', () => {
    assert.equal(toHttpError(500, empty, {}, () => ({ message: ' \n ' }), fixedClock).message, 'The service had a problem (HTTP 500).');
  });

  const table: Array<[number, new (...args: never[]) => Error, string]> = [
    [400, InvalidInputError, 'invalidInput'],
    [401, AuthError, 'auth'],
    [402, InvalidInputError, 'invalidInput'],
    [403, AuthError, 'auth'],
    [404, NotFoundError, 'notFound'],
    [409, ConflictError, 'conflict'],
    [410, NotFoundError, 'notFound'],
    [418, InvalidInputError, 'invalidInput'],
    [422, InvalidInputError, 'invalidInput'],
    [429, RateLimitError, 'rateLimit'],
    [500, ServerError, 'server'],
    [502, ServerError, 'server'],
    [599, ServerError, 'server'],
    [302, BadResponseError, 'badResponse'],
  ];
  for (const [status, type, kind] of table) {
    it(`maps ${status} to ${type.name}`, () => {
      const error = toHttpError(status, empty, {}, noReader);
      assert.ok(error instanceof type, error.name);
      assert.equal(error.kind, kind);
      assert.equal(error.status, status);
      assert.match(error.message, new RegExp(`HTTP ${status}`));
    });
  }

  it("uses the reader's message and error name", () => {
    const reader: ErrorBodyReader = (status, body, contentType) => {
      assert.equal(status, 404);
      assert.equal(body.toString(), 'body');
      assert.equal(contentType, 'application/json');
      return { message: 'Not found: signature request', errorName: 'not_found' };
    };
    const error = toHttpError(404, Buffer.from('body'), { 'Content-Type': 'application/json' }, reader);
    assert.equal(error.message, 'Not found: signature request');
    assert.equal(error.errorName, 'not_found');
  });

  it('a 401/403 whose error name says a scope is missing is a MissingScopeError naming the scope (an identifier only)', () => {
    for (const status of [401, 403]) {
      const error = toHttpError(status, empty, {}, () => ({ errorName: 'insufficient_scope', scope: 'files.content.read' }));
      assert.ok(error instanceof MissingScopeError && error.scope === 'files.content.read', error.name);
      assert.equal(error.message, `The sign-in lacks the “files.content.read” permission this needs (HTTP ${status}).`);
    }
    const odd = toHttpError(401, empty, {}, () => ({ errorName: 'missing_scope', scope: 'x" onclick=alert(1)' }));
    assert.ok(odd instanceof MissingScopeError && odd.scope === undefined);
    assert.equal(odd.message, 'The sign-in lacks the permission this needs (HTTP 401).');
    assert.ok(!(toHttpError(400, empty, {}, () => ({ errorName: 'invalid_scope' })) instanceof AuthError), 'a 400 stays an input error');
  });

  it('survives a reader that throws', () => {
    const error = toHttpError(500, empty, {}, () => {
      throw new Error('broken reader');
    });
    assert.ok(error instanceof ServerError);
    assert.equal(error.message, 'The service had a problem (HTTP 500).');
  });

  it('puts rate-limit headers on RateLimitError', () => {
    const error = toHttpError(429, empty, { 'Retry-After': '30' }, noReader, fixedClock);
    assert.ok(error instanceof RateLimitError);
    assert.deepEqual(error.resetAt, new Date(1_000_000 + 30_000));
  });
});

describe('parseRateLimit', () => {
  it('reads the three headers in any case (reset is epoch seconds)', () => {
    assert.deepEqual(
      parseRateLimit(
        { 'X-RATELIMIT-LIMIT': '2000', 'x-ratelimit-remaining': '1999', 'X-Ratelimit-Reset': '1700000000' },
        { now: () => 1_699_999_970_000 },
      ),
      { limit: 2000, remaining: 1999, resetAt: new Date(1_700_000_000_000) },
    );
  });

  it('ignores garbage values and returns undefined when nothing is usable', () => {
    assert.equal(parseRateLimit({ 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '-1' }), undefined);
    assert.equal(parseRateLimit({}), undefined);
  });

  it('falls back to Retry-After (seconds or HTTP date) only without a reset header', () => {
    const clock = { now: () => Date.parse('2015-10-21T07:27:00Z') };
    assert.deepEqual(parseRateLimit({ 'retry-after': '5' }, clock), { resetAt: new Date(clock.now() + 5_000) });
    assert.deepEqual(parseRateLimit({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }, clock), {
      resetAt: new Date('2015-10-21T07:28:00Z'),
    });
    assert.deepEqual(parseRateLimit({ 'retry-after': '5', 'x-ratelimit-reset': String(clock.now() / 1000 + 10) }, clock), {
      resetAt: new Date(clock.now() + 10_000),
    });
  });
});

describe('parseRateLimit: values that cannot be right are not trusted', () => {
  const now = 1_765_000_000_000; // ms
  const clock = { now: () => now };
  const nowSeconds = now / 1000;
  const reset = (value: string) => parseRateLimit({ 'x-ratelimit-reset': value }, clock)?.resetAt;

  it('reads a reset sent in milliseconds as milliseconds (not the year 57,000)', () => {
    assert.deepEqual(reset(String(now + 30_000)), new Date(now + 30_000));
  });

  it('accepts a reset with a fraction of a second', () => {
    assert.deepEqual(reset(`${nowSeconds + 30}.5`), new Date(now + 30_500));
  });

  it('ignores a reset more than an hour ahead (bogus, not clamped), also in the year 2286 or as 21 digits', () => {
    assert.equal(reset(String(nowSeconds + 3601)), undefined);
    assert.deepEqual(reset(String(nowSeconds + 3600)), new Date(now + 3_600_000));
    assert.equal(reset('9999999999'), undefined);
    assert.equal(reset('999999999999999999999'), undefined);
  });

  it('never produces an Invalid Date', () => {
    for (const value of ['999999999999999999999', '1e400', 'NaN', 'Infinity', '0x10', '', ' ', '1,5', '-1', '+30', 'soon']) {
      const at = reset(value);
      assert.ok(at === undefined || Number.isFinite(at.getTime()), value);
      assert.equal(at, undefined, value);
    }
  });

  it('counts a reset up to an hour in the past (clock skew) as now, and ignores older ones (0 = 1970)', () => {
    assert.deepEqual(reset(String(nowSeconds - 120)), new Date(now));
    assert.equal(reset(String(nowSeconds - 7200)), undefined);
    assert.equal(reset('0'), undefined);
  });

  it('falls back to Retry-After when the reset is unusable, under the same horizon', () => {
    assert.deepEqual(parseRateLimit({ 'x-ratelimit-reset': 'soon', 'retry-after': '20' }, clock), { resetAt: new Date(now + 20_000) });
    assert.equal(parseRateLimit({ 'retry-after': '86400' }, clock), undefined);
    assert.equal(parseRateLimit({ 'retry-after': '-1' }, clock), undefined);
    assert.equal(parseRateLimit({ 'retry-after': '1.5' }, clock), undefined);
    assert.equal(parseRateLimit({ 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' }, clock), undefined);
    assert.equal(parseRateLimit({ 'retry-after': 'tomorrow-ish' }, clock), undefined);
    const inAMinute = new Date(now + 60_000).toUTCString();
    assert.deepEqual(parseRateLimit({ 'retry-after': inAMinute }, clock), { resetAt: new Date(now + 60_000) });
  });

  it('takes whole, non-negative counts only; a limit of 0 and remaining above the limit are left out', () => {
    const counts = (limit: string, remaining: string) => parseRateLimit({ 'x-ratelimit-limit': limit, 'x-ratelimit-remaining': remaining }, clock);
    assert.deepEqual(counts('100', '7'), { limit: 100, remaining: 7 });
    assert.deepEqual(counts('100', '101'), { limit: 100 });
    assert.deepEqual(counts('100', '-1'), { limit: 100 });
    assert.deepEqual(counts('100', '2.5'), { limit: 100 });
    assert.deepEqual(counts('0', '0'), { remaining: 0 });
    assert.deepEqual(counts('1e3', '5'), { remaining: 5 });
    assert.deepEqual(counts('99999999999999999999', '5'), { remaining: 5 });
    assert.equal(counts('NaN', 'Infinity'), undefined);
  });

  it('a 429 with a reset in milliseconds gives a RateLimitError that waits seconds, not millennia', () => {
    const error = toHttpError(429, empty, { 'X-Ratelimit-Reset': String(now + 45_000) }, noReader, clock);
    assert.ok(error instanceof RateLimitError);
    assert.deepEqual(error.resetAt, new Date(now + 45_000));
  });
});
