import * as assert from 'node:assert/strict';
import { downloadFileName } from '../../../../src/commands/actions/downloadNaming';

describe('download file names', () => {
  it('uses the title with the format as extension', () => {
    assert.equal(downloadFileName('NDA with Acme Co.', 'abc', 'pdf'), 'NDA with Acme Co.pdf');
    assert.equal(downloadFileName('Offer letter', 'abc', 'zip'), 'Offer letter.zip');
  });

  it('replaces characters file systems refuse and collapses blanks', () => {
    assert.equal(downloadFileName('NDA: Acme / 2024?', 'abc', 'pdf'), 'NDA- Acme - 2024-.pdf');
    assert.equal(downloadFileName('a\tb\nc', 'abc', 'pdf'), 'a b c.pdf');
  });

  it('never proposes an empty, hidden, or reserved name', () => {
    assert.equal(downloadFileName('   ', '0123456789abcdef', 'pdf'), 'signature-request-01234567.pdf');
    assert.equal(downloadFileName('...', 'fedcba9876', 'zip'), 'signature-request-fedcba98.zip');
    assert.equal(downloadFileName('.env', 'ab', 'pdf'), 'env.pdf');
    assert.equal(downloadFileName('CON', 'ab', 'pdf'), 'signature-request-ab.pdf');
  });

  it('keeps long titles to a sane length', () => {
    assert.equal(downloadFileName('x'.repeat(500), 'ab', 'pdf').length, 124);
  });
});
