import * as assert from 'node:assert/strict';
import {
  SendFormValues,
  contentTypeFor,
  defaultTitleFor,
  emptySendForm,
  isAcceptedFile,
  isValidEmail,
  parseSendFormValues,
  splitEmails,
  validateFile,
  validateSendForm,
} from '../../../src/model/sendForm';
import { dropboxSign } from '../../../src/providers/dropboxSign/definition';

function form(overrides: Partial<SendFormValues> = {}): SendFormValues {
  return {
    title: 'NDA with Acme Co.',
    subject: 'The NDA we talked about',
    message: 'Please sign.\nThanks!',
    signers: [{ name: 'Jack', email: 'jack@example.com' }],
    ordered: false,
    cc: '',
    testMode: true,
    ...overrides,
  };
}

const pdf = { fileName: 'nda.pdf', size: 1234 };

describe('send form: files', () => {
  it('accepts the file types Dropbox Sign takes, case-insensitively', () => {
    for (const name of ['a.pdf', 'b.DOCX', 'c.ppt', 'd.pptx', 'e.xls', 'f.xlsx', 'g.jpg', 'h.PNG', 'i.txt', 'j.doc']) {
      assert.equal(isAcceptedFile(dropboxSign, name), true, name);
    }
  });

  it('refuses other files, and names without an extension', () => {
    for (const name of ['a.exe', 'b.zip', 'Makefile', '.pdf', 'notes.md', 'dir.pdf/readme']) {
      assert.equal(isAcceptedFile(dropboxSign, name), false, name);
    }
  });

  it('gives each accepted extension a real content type', () => {
    for (const ext of dropboxSign.signatures.rules.acceptedFileTypes) {
      assert.notEqual(contentTypeFor(`x.${ext}`), 'application/octet-stream', ext);
    }
    assert.equal(contentTypeFor('x.pdf'), 'application/pdf');
    assert.equal(contentTypeFor('x.unknown'), 'application/octet-stream');
  });

  it('explains why a file cannot be sent', () => {
    assert.equal(validateFile(dropboxSign, pdf), undefined);
    assert.match(validateFile(dropboxSign, { fileName: 'a.zip', size: 10 }) ?? '', /cannot take \.zip/);
    assert.match(validateFile(dropboxSign, { fileName: 'a.pdf', size: 0 }) ?? '', /empty/);
    assert.match(validateFile(dropboxSign, { fileName: 'a.pdf', size: dropboxSign.signatures.rules.maxFileBytes + 1 }) ?? '', /up to 40 MB/);
    assert.equal(validateFile(dropboxSign, { fileName: 'a.pdf', size: dropboxSign.signatures.rules.maxFileBytes }), undefined);
  });

  it('proposes the file name without its extension as the title', () => {
    assert.equal(defaultTitleFor(dropboxSign, '/ws/contracts/NDA with Acme.pdf'), 'NDA with Acme');
    assert.equal(defaultTitleFor(dropboxSign, 'C:\\docs\\offer.v2.docx'), 'offer.v2');
    assert.equal(emptySendForm(dropboxSign, '/ws/a.pdf', false).title, 'a');
    assert.equal(emptySendForm(dropboxSign, '/ws/a.pdf', false).testMode, false);
    assert.equal(emptySendForm(dropboxSign, '/ws/a.pdf', true).testMode, true);
  });
});

describe('send form: emails', () => {
  it('accepts ordinary addresses and refuses obvious mistakes', () => {
    for (const ok of ['jack@example.com', 'j.doe+nda@sub.example.co.uk', ' jill@example.org ']) {
      assert.equal(isValidEmail(ok), true, ok);
    }
    for (const bad of ['', 'jack', 'jack@', '@example.com', 'jack@example', 'jack example@x.com', 'a@b@c.com', 'Jack <jack@example.com>', 'jack@example.c']) {
      assert.equal(isValidEmail(bad), false, bad);
    }
  });

  it('splits cc lists on commas, semicolons, spaces and newlines', () => {
    assert.deepEqual(splitEmails(' a@x.com, b@x.com;c@x.com\nd@x.com  e@x.com ,, '), [
      'a@x.com',
      'b@x.com',
      'c@x.com',
      'd@x.com',
      'e@x.com',
    ]);
    assert.deepEqual(splitEmails('   '), []);
  });
});

describe('send form: validation', () => {
  it('turns a valid form into a request, trimmed, keeping the message line breaks', () => {
    const result = validateSendForm(dropboxSign, 
      form({ title: '  NDA  ', subject: ' Hi ', message: '\n Line 1\nLine 2 \n', cc: 'law@example.com' }),
      pdf,
    );
    assert.deepEqual(result, {
      ok: true,
      request: {
        title: 'NDA',
        subject: 'Hi',
        message: 'Line 1\nLine 2',
        signers: [{ name: 'Jack', email: 'jack@example.com' }],
        ccEmails: ['law@example.com'],
        testMode: true,
      },
    });
  });

  it('leaves out empty subject, message and cc, and carries test mode off', () => {
    const result = validateSendForm(dropboxSign, form({ subject: ' ', message: '', cc: '', testMode: false }));
    assert.ok(result.ok);
    assert.equal('subject' in result.request, false);
    assert.equal('message' in result.request, false);
    assert.equal('ccEmails' in result.request, false);
    assert.equal(result.request.testMode, false);
  });

  it('numbers signers from 0 in the listed order only when ordered and more than one', () => {
    const two = [
      { name: 'Jack', email: 'jack@example.com' },
      { name: 'Jill', email: 'jill@example.com' },
    ];
    const ordered = validateSendForm(dropboxSign, form({ signers: two, ordered: true }));
    assert.ok(ordered.ok);
    assert.deepEqual(
      ordered.request.signers.map((s) => s.order),
      [0, 1],
    );
    const parallel = validateSendForm(dropboxSign, form({ signers: two, ordered: false }));
    assert.ok(parallel.ok);
    assert.equal(parallel.request.signers.some((s) => 'order' in s), false);
    const single = validateSendForm(dropboxSign, form({ ordered: true }));
    assert.ok(single.ok);
    assert.equal('order' in single.request.signers[0], false);
  });

  it('ignores blank signer rows but keeps the numbering of the rest', () => {
    const result = validateSendForm(dropboxSign, 
      form({
        signers: [
          { name: 'Jack', email: 'jack@example.com' },
          { name: ' ', email: '' },
          { name: 'Jill', email: 'jill@example.com' },
        ],
        ordered: true,
      }),
    );
    assert.ok(result.ok);
    assert.deepEqual(result.request.signers, [
      { name: 'Jack', email: 'jack@example.com', order: 0 },
      { name: 'Jill', email: 'jill@example.com', order: 1 },
    ]);
  });

  it('requires a title and at least one signer', () => {
    const result = validateSendForm(dropboxSign, form({ title: '  ', signers: [{ name: '', email: '' }] }));
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.match(result.errors.title, /title/);
    assert.match(result.errors.signers, /at least one signer/);
  });

  it('points at the signer row and field that is wrong', () => {
    const result = validateSendForm(dropboxSign, 
      form({
        signers: [
          { name: 'Jack', email: 'jack@example.com' },
          { name: '', email: 'jill@example.com' },
          { name: 'Joe', email: 'joe(at)example.com' },
          { name: 'Ann', email: '' },
        ],
      }),
    );
    assert.ok(!result.ok);
    assert.deepEqual(Object.keys(result.errors).sort(), ['signers.1.name', 'signers.2.email', 'signers.3.email']);
    assert.match(result.errors['signers.2.email'], /joe\(at\)example\.com.*not an email/);
  });

  it('refuses the same signer twice but allows two names sharing an email', () => {
    const dup = validateSendForm(dropboxSign, 
      form({
        signers: [
          { name: 'Jack', email: 'jack@example.com' },
          { name: 'jack', email: 'JACK@example.com' },
        ],
      }),
    );
    assert.ok(!dup.ok);
    assert.match(dup.errors['signers.1.email'], /already a signer/);
    const shared = validateSendForm(dropboxSign, 
      form({
        signers: [
          { name: 'Jack', email: 'team@example.com' },
          { name: 'Jill', email: 'team@example.com' },
        ],
      }),
    );
    assert.equal(shared.ok, true);
  });

  it('names every bad cc address, refuses signers in cc, and drops duplicates', () => {
    const bad = validateSendForm(dropboxSign, form({ cc: 'ok@example.com, nope, also bad@' }));
    assert.ok(!bad.ok);
    assert.equal(bad.errors.cc, 'Not an email address: “nope”, “also”, “bad@”.');
    const signerInCc = validateSendForm(dropboxSign, form({ cc: 'Jack@Example.com' }));
    assert.ok(!signerInCc.ok);
    assert.match(signerInCc.errors.cc, /already signs/);
    const dups = validateSendForm(dropboxSign, form({ cc: 'a@example.com A@example.com b@example.com' }));
    assert.ok(dups.ok);
    assert.deepEqual(dups.request.ccEmails, ['a@example.com', 'b@example.com']);
  });

  it('enforces the API length limits', () => {
    const result = validateSendForm(dropboxSign, 
      form({ title: 'x'.repeat(256), subject: 's'.repeat(256), message: 'm'.repeat(5001) }),
    );
    assert.ok(!result.ok);
    assert.match(result.errors.title, /256 characters.*255/);
    assert.match(result.errors.subject, /255/);
    assert.match(result.errors.message, /5000/);
    assert.equal(validateSendForm(dropboxSign, form({ title: 'x'.repeat(255), message: 'm'.repeat(5000) })).ok, true);
  });

  it('reports a bad file along with the fields', () => {
    const result = validateSendForm(dropboxSign, form({ title: '' }), { fileName: 'a.exe', size: 3 });
    assert.ok(!result.ok);
    assert.ok(result.errors.file);
    assert.ok(result.errors.title);
  });
});

describe('send form: reading what the webview posts', () => {
  it('keeps well-formed values', () => {
    const values = form({ ordered: true, cc: 'a@example.com' });
    assert.deepEqual(parseSendFormValues(JSON.parse(JSON.stringify(values))), values);
  });

  it('turns anything malformed into empty values that validation then explains', () => {
    assert.deepEqual(parseSendFormValues(null), {
      title: '',
      subject: '',
      message: '',
      signers: [],
      ordered: false,
      cc: '',
      testMode: false,
    });
    const parsed = parseSendFormValues({ title: 5, signers: [null, { name: 'A', email: 7 }], ordered: 'yes', testMode: 1 });
    assert.deepEqual(parsed.signers, [
      { name: '', email: '' },
      { name: 'A', email: '' },
    ]);
    assert.equal(parsed.title, '');
    assert.equal(parsed.ordered, false);
    assert.equal(parsed.testMode, false);
    assert.equal(validateSendForm(dropboxSign, parsed).ok, false);
  });
});

describe('send form: several files', () => {
  it('accepts several good files and names every bad one', () => {
    assert.equal(validateSendForm(dropboxSign, form(), [pdf, { fileName: 'b.docx', size: 5 }]).ok, true);
    const result = validateSendForm(dropboxSign, form(), [pdf, { fileName: 'b.exe', size: 5 }, { fileName: 'c.pdf', size: 0 }]);
    assert.ok(!result.ok);
    assert.match(result.errors.file, /\.exe.*c\.pdf is empty/);
    const none = validateSendForm(dropboxSign, form(), []);
    assert.ok(!none.ok);
    assert.match(none.errors.file, /at least one file/);
  });
});
