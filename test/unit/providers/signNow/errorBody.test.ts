import assert from 'node:assert/strict';
import { toHttpError } from '../../../../src/core/httpErrors';
import { AuthError, InvalidInputError, NotFoundError, ServerError } from '../../../../src/core/errors';
import { readSignNowError } from '../../../../src/providers/signNow/errorBody';

const read = (body: unknown, status = 400) => readSignNowError(status, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), 'application/json');

describe('signNow error bodies', () => {
  it('reads all four shapes', () => {
    assert.deepEqual(read({ errors: [{ code: 13003002, message: 'Query parameter `per_page` must be more than 0' }] }), { errorName: '13003002', message: 'Query parameter `per_page` must be more than 0' });
    assert.deepEqual(read({ errors: [{ code: 66396, message: 'unverified_email' }] }), { errorName: '66396', message: 'unverified_email' });
    assert.deepEqual(read({ error: 'invalid_client' }), { errorName: 'invalid_client', message: undefined });
    assert.deepEqual(read({ '404': 'Unable to find a route to match the URI: nope' }, 404), { errorName: 'not_found', message: 'Unable to find a route to match the URI: nope' });
    assert.deepEqual(read({ error: [{ code: 'HY000', message: 'Internal Api Error' }] }, 500), { errorName: 'HY000', message: 'Internal Api Error' });
  });

  it('invalid_token (code 1537) is named invalid_token, in either shape', () => {
    assert.equal(read({ error: 'invalid_token', code: 1537 }, 401)?.errorName, 'invalid_token');
    assert.equal(read({ errors: [{ code: 1537, message: 'Invalid token' }] }, 400)?.errorName, 'invalid_token');
  });

  it('HTML, garbage, arrays and unknown objects read as nothing (the status decides)', () => {
    for (const body of ['<html>502</html>', 'not json', '[1,2]', '{"something":"else"}', 'null']) assert.equal(read(body), undefined, body);
  });

  it('maps through the one HTTP mapping: 1537 with 401 is an AuthError; HY000 a ServerError; {"404"} NotFound', () => {
    const map = (status: number, body: unknown) => toHttpError(status, Buffer.from(JSON.stringify(body)), { 'content-type': 'application/json' }, readSignNowError);
    assert.ok(map(401, { error: 'invalid_token', code: 1537 }) instanceof AuthError);
    assert.ok(map(500, { error: [{ code: 'HY000', message: 'Internal Api Error' }] }) instanceof ServerError);
    assert.ok(map(404, { '404': 'x' }) instanceof NotFoundError);
    const invalid = map(400, { errors: [{ code: 65536, message: 'Invalid credentials.' }] });
    assert.ok(invalid instanceof InvalidInputError);
    assert.equal(invalid.message, 'Invalid credentials.');
  });
});
