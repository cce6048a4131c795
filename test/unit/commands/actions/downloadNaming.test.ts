import * as assert from 'node:assert/strict';
import { alternativeFileNames, downloadFileName } from '../../../../src/commands/actions/downloadNaming';

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

  it('offers "(signed)" first for a completed request, then numbers, when the name is taken', () => {
    const completed = [...alternativeFileNames('Sample Agreement.pdf', true)];
    assert.deepEqual(completed.slice(0, 3), ['Sample Agreement (signed).pdf', 'Sample Agreement (2).pdf', 'Sample Agreement (3).pdf']);
    const awaiting = [...alternativeFileNames('Offer letter.zip', false)];
    assert.deepEqual(awaiting.slice(0, 2), ['Offer letter (2).zip', 'Offer letter (3).zip']);
    assert.equal(awaiting.at(-1), 'Offer letter (99).zip');
  });

  it('keeps dots inside the title in the base name', () => {
    assert.equal([...alternativeFileNames('NDA with Acme Co.pdf', true)][0], 'NDA with Acme Co (signed).pdf');
  });
});
