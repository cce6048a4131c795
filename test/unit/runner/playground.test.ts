import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dropboxSign } from '../../../src/providers/dropboxSign/definition';
import { playgroundFiles, preparePlayground, SAMPLE_DOCUMENT } from '../../runner/playground';

describe('npm start / e2e: the playground folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-playground-test-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds a document Dropbox Sign accepts, so Send for Signature has something to send', () => {
    const extension = path.extname(SAMPLE_DOCUMENT).slice(1);
    assert.ok(dropboxSign.signatures.rules.acceptedFileTypes.includes(extension), extension);
    preparePlayground(dir);
    const pdf = fs.readFileSync(path.join(dir, SAMPLE_DOCUMENT));
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    // Written byte for byte: the cross-reference table's offsets still point at the objects.
    const text = pdf.toString('latin1');
    const xref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    assert.equal(text.slice(xref, xref + 4), 'xref');
    const offsets = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    assert.ok(offsets.length >= 4, 'catalog, pages, font, a page');
    offsets.forEach((offset, i) => assert.equal(text.slice(offset, offset + `${i + 1} 0 obj`.length), `${i + 1} 0 obj`, `object ${i + 1}`));
    assert.match(fs.readFileSync(path.join(dir, 'README.md'), 'utf8'), /Send for Signature…/);
  });

  it('keeps files already there (a user may have changed them) and adds the missing ones', () => {
    fs.writeFileSync(path.join(dir, 'README.md'), 'mine\n');
    preparePlayground(dir);
    assert.equal(fs.readFileSync(path.join(dir, 'README.md'), 'utf8'), 'mine\n');
    assert.ok(fs.existsSync(path.join(dir, SAMPLE_DOCUMENT)));
    assert.deepEqual(Object.keys(playgroundFiles()).sort(), ['README.md', SAMPLE_DOCUMENT].sort());
  });
});
