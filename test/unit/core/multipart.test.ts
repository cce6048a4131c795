import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { encodeMultipart } from '../../../src/core/multipart';

describe('encodeMultipart', () => {
  it('writes fields then files with the given boundary', () => {
    const { contentType, body } = encodeMultipart(
      [['title', 'Hi']],
      [{ field: 'files[0]', filename: 'a.txt', contentType: 'text/plain', data: Buffer.from('abc') }],
      'B',
    );
    assert.equal(contentType, 'multipart/form-data; boundary=B');
    assert.equal(
      body.toString(),
      '--B\r\nContent-Disposition: form-data; name="title"\r\n\r\nHi\r\n' +
        '--B\r\nContent-Disposition: form-data; name="files[0]"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nabc\r\n' +
        '--B--\r\n',
    );
  });

  it('escapes quotes and newlines in names and refuses header injection via content type', () => {
    const { body } = encodeMultipart(
      [['we"ird\r\nname', 'v']],
      [{ field: 'f', filename: 'x".pdf', contentType: 'text/plain\r\nX-Evil: 1', data: Buffer.from('') }],
      'B',
    );
    const text = body.toString();
    assert.ok(text.includes('name="we%22ird%0D%0Aname"'));
    assert.ok(text.includes('filename="x%22.pdf"'));
    assert.ok(text.includes('Content-Type: application/octet-stream'));
    assert.ok(!text.includes('X-Evil'));
  });

  it('uses a random boundary by default', () => {
    const a = encodeMultipart([], []).contentType;
    const b = encodeMultipart([], []).contentType;
    assert.notEqual(a, b);
  });
});
