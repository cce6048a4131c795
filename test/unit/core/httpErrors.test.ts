import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  AuthError,
  BadResponseError,
  ConflictError,
  InvalidInputError,
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
      parseRateLimit({ 'X-RATELIMIT-LIMIT': '2000', 'x-ratelimit-remaining': '1999', 'X-Ratelimit-Reset': '1700000000' }),
      { limit: 2000, remaining: 1999, resetAt: new Date(1_700_000_000_000) },
    );
  });

  it('ignores garbage values and returns undefined when nothing is usable', () => {
    assert.equal(parseRateLimit({ 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '-1' }), undefined);
    assert.equal(parseRateLimit({}), undefined);
  });

  it('falls back to Retry-After (seconds or HTTP date) only without a reset header', () => {
    assert.deepEqual(parseRateLimit({ 'retry-after': '5' }, fixedClock), { resetAt: new Date(1_005_000) });
    assert.deepEqual(parseRateLimit({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }, fixedClock), {
      resetAt: new Date('2015-10-21T07:28:00Z'),
    });
    assert.deepEqual(parseRateLimit({ 'retry-after': '5', 'x-ratelimit-reset': '10' }, fixedClock), {
      resetAt: new Date(10_000),
    });
  });
});
