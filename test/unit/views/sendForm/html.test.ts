import * as assert from 'node:assert/strict';
import { emptySendForm } from '../../../../src/model/sendForm';
import { dropboxSign } from '../../../../src/providers/dropboxSign/definition';
import { escapeHtml, formatSize, inertJson, sendFormHtml } from '../../../../src/views/sendForm/html';

function page(fileName = 'nda.pdf', testModeOffered?: boolean, alwaysOrdered?: boolean): string {
  return sendFormHtml({
    testModeOffered,
    alwaysOrdered,
    cspSource: 'https://webview.example',
    nonce: 'n0nce',
    scriptUri: 'https://webview.example/media/sendForm.js',
    styleUri: 'https://webview.example/media/sendForm.css',
    files: [{ name: fileName, size: 2048 }],
    values: { ...emptySendForm(dropboxSign, fileName, true), message: '</script><script>alert(1)</script>' },
    limits: dropboxSign.signatures.rules.fieldLimits,
  });
}

function embeddedState(html: string): unknown {
  const match = /<script type="application\/json" id="signdesk-send-state">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(match, 'state element present');
  return JSON.parse(match[1]);
}

describe('send form page', () => {
  it('allows only our nonce-bearing script and the webview’s own styles', () => {
    const html = page();
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-n0nce'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    for (const tag of scripts) {
      assert.ok(tag.includes('nonce="n0nce"') || tag.includes('type="application/json"'), tag);
    }
  });

  it('embeds the state so that no value can close the element or inject markup', () => {
    const html = page('<img src=x onerror=alert(1)>.pdf');
    assert.equal((html.match(/<\/script>/g) ?? []).length, 2, 'only the two real script elements end');
    assert.doesNotMatch(html, /<img src=x/);
    const state = embeddedState(html) as { values: { message: string }; files: { name: string }[]; limits: { title: number } };
    assert.equal(state.values.message, '</script><script>alert(1)</script>');
    assert.equal(state.files[0].name, '<img src=x onerror=alert(1)>.pdf');
    assert.equal(state.limits.title, 255);
  });

  it('has a labelled control for every field the extension validates', () => {
    const html = page();
    for (const id of ['title', 'subject', 'message', 'cc', 'testMode', 'ordered', 'send', 'cancel', 'add-signer']) {
      assert.match(html, new RegExp(`id="${id}"`), id);
    }
    for (const id of ['title', 'subject', 'message', 'cc']) {
      assert.match(html, new RegExp(`<label for="${id}"`), `label for ${id}`);
      assert.match(html, new RegExp(`id="err-${id}"`), `error slot for ${id}`);
    }
    assert.match(html, /id="err-signers"/);
    assert.match(html, /id="err-file"/);
  });

  it('offers the test-mode box only for a service with a test mode (signNow has none: the form does not pretend)', () => {
    const testModeField = (html: string) => /<div class="field"( hidden)?>\s*<label class="inline"><input id="testMode"/.exec(html);
    assert.equal(testModeField(page('nda.pdf', true))?.[1], undefined, 'shown for Dropbox Sign');
    assert.equal(testModeField(page('nda.pdf'))?.[1], undefined, 'shown when the caller does not say');
    assert.equal(testModeField(page('nda.pdf', false))?.[1], ' hidden', 'hidden without test mode');
  });

  it('the order box is a choice, unless the service\'s signers always sign in order (signNow): then ticked and disabled', () => {
    const orderBox = (html: string) => /<input id="ordered" name="ordered" type="checkbox"( disabled)?>/.exec(html)?.[1];
    const ordered = (html: string) => (embeddedState(html) as { values: { ordered: boolean } }).values.ordered;
    assert.deepEqual([orderBox(page()), ordered(page())], [undefined, false], 'Dropbox Sign: a choice, unticked at first');
    assert.deepEqual([orderBox(page('nda.pdf', false, true)), ordered(page('nda.pdf', false, true))], [' disabled', true]);
  });

  it('escapes helpers correctly', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    assert.equal(inertJson({ a: '</script>&\u2028' }), '{"a":"\\u003c/script\\u003e\\u0026\\u2028"}');
    assert.deepEqual(JSON.parse(inertJson({ a: '</script>&\u2028' })), { a: '</script>&\u2028' });
    assert.equal(formatSize(512), '512 B');
    assert.equal(formatSize(2048), '2 KB');
    assert.equal(formatSize(3 * 1024 * 1024), '3.0 MB');
  });
  it('says where a fetched file comes from (a Dropbox file), escaped; nothing for workspace files', () => {
    const base = { cspSource: 'x', nonce: 'n', scriptUri: 's', styleUri: 't', files: [{ name: 'a.pdf', size: 1 }], values: emptySendForm(dropboxSign, 'a.pdf', true), limits: dropboxSign.signatures.rules.fieldLimits };
    const html = sendFormHtml({ ...base, sourceNote: 'Dropbox Sign will fetch “<b>.pdf” from Dropbox' });
    assert.match(html, /<p class="source-note" id="source-note">Dropbox Sign will fetch “&lt;b&gt;\.pdf” from Dropbox<\/p>/);
    assert.doesNotMatch(sendFormHtml(base), /source-note/);
  });
});
