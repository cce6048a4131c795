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

  it('clips long messages to one line', () => {
    const result = read(JSON.stringify({ error: { error_msg: `line1\nline2 ${'x'.repeat(500)}`, error_name: 'bad_request' } }));
    assert.ok(result?.message);
    assert.ok(!result.message.includes('\n'));
    assert.ok(result.message.length <= 300);
    assert.ok(result.message.startsWith('line1 line2'));
  });
});
