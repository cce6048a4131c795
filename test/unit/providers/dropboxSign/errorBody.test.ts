import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { readDropboxSignError } from '../../../../src/providers/dropboxSign/errorBody';
import { example } from './examples';

const read = (body: string) => readDropboxSignError(400, Buffer.from(body), 'application/json');

describe('readDropboxSignError', () => {
  it('reads the spec\'s error examples', () => {
    for (const name of ['Error401Response', 'Error404Response', 'Error409Response', 'Error429Response']) {
      const body = example<{ error: { error_msg: string; error_name: string } }>(name);
      assert.deepEqual(read(JSON.stringify(body)), { message: body.error.error_msg, errorName: body.error.error_name }, name);
    }
  });

  it('reads RFC 6749 style errors', () => {
    assert.deepEqual(read('{"error":"invalid_grant","error_description":"Code already used"}'), {
      errorName: 'invalid_grant',
      message: 'Code already used',
    });
  });

  it('returns undefined for HTML, garbage, empty and unrelated JSON', () => {
    for (const body of ['<html><body>502 Bad Gateway</body></html>', '{"error":', '', 'null', '[]', '{"ok":true}', '{"error":{}}']) {
      assert.equal(read(body), undefined, body);
    }
  });

  it('returns long messages whole (the HTTP layer redacts them, then clips them)', () => {
    const long = `line1\nline2 ${'x'.repeat(500)}`;
    assert.equal(read(JSON.stringify({ error: { error_msg: long, error_name: 'bad_request' } }))?.message, long);
  });

  it('drops error names that are not identifiers', () => {
    for (const name of ['two words', 'x'.repeat(101), '', 'a\nb']) {
      assert.equal(read(JSON.stringify({ error: { error_msg: 'm', error_name: name } }))?.errorName, undefined, name);
    }
    assert.equal(read(JSON.stringify({ error: 'invalid_grant' }))?.errorName, 'invalid_grant');
  });
});
