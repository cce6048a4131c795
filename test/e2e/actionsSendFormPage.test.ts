// The send form's page (media/sendForm.js + the markup from src/views/sendForm/html.ts) in headless
// Chromium, with the webview's `acquireVsCodeApi` replaced by a recorder: what the page posts for each
// user action, and how it shows what the extension answers. The whole round trip through VS Code is in
// actions.test.ts; this pins the page's own behaviour quickly and precisely.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, RunningBrowser } from '../runner/browser';
import { repoRoot } from '../runner/paths';
import { emptySendForm, SendFormValues } from '../../src/model/sendForm';
import { dropboxSign } from '../../src/providers/dropboxSign/definition';
import { sendFormHtml } from '../../src/views/sendForm/html';

interface Posted {
  type: string;
  values?: SendFormValues;
}

describe('send form page (Chromium, fake webview API)', function () {
  this.timeout(60_000);
  let browser: RunningBrowser;
  let server: http.Server;
  let origin: string;
  let page: Page;
  let html = '';

  before(async () => {
    server = http.createServer((req, res) => {
      const name = (req.url ?? '/').split('?')[0];
      if (name === '/' || name === '/form') {
        res.writeHead(200, { 'Content-Type': 'text/html' }).end(html);
      } else if (name === '/media/sendForm.js' || name === '/media/sendForm.css') {
        const type = name.endsWith('.js') ? 'text/javascript' : 'text/css';
        res.writeHead(200, { 'Content-Type': type }).end(fs.readFileSync(path.join(repoRoot, name)));
      } else if (name === '/favicon.ico') {
        res.writeHead(204).end();
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  /** Opens the form with `values`; returns what the page posts, as it posts it. */
  async function open(values: SendFormValues): Promise<Posted[]> {
    html = sendFormHtml({
      cspSource: origin,
      nonce: 'testnonce',
      scriptUri: `${origin}/media/sendForm.js`,
      styleUri: `${origin}/media/sendForm.css`,
      files: [{ name: 'nda.pdf', size: 2048 }],
      values,
      limits: dropboxSign.signatures.rules.fieldLimits,
    });
    page = await browser.context.newPage();
    const posted: Posted[] = [];
    await page.exposeFunction('__record', (message: Posted) => posted.push(message));
    await page.addInitScript(() => {
      let state: unknown;
      (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({
        postMessage: (m: unknown) => (window as unknown as { __record: (m: unknown) => void }).__record(JSON.parse(JSON.stringify(m))),
        getState: () => state,
        setState: (s: unknown) => (state = s),
      });
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${origin}/form`);
    await page.locator('#signer-name-0').waitFor();
    assert.deepEqual(errors, [], 'no script or CSP errors');
    return posted;
  }

  const host = (message: unknown) => page.evaluate((m) => window.postMessage(m, '*'), message);
  const last = async (posted: Posted[], type: string): Promise<Posted> => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = [...posted].reverse().find((p) => p.type === type);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`the page never posted ${type}: ${JSON.stringify(posted)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  afterEach(async () => {
    await page?.close();
  });

  it('starts from the values it was given, with the title focused', async () => {
    await open({ ...emptySendForm(dropboxSign, 'nda.pdf', true), subject: 'Hello' });
    assert.equal(await page.locator('#title').inputValue(), 'nda');
    assert.equal(await page.locator('#subject').inputValue(), 'Hello');
    assert.equal(await page.locator('#testMode').isChecked(), true);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'title');
    assert.equal(await page.locator('#ordered-label').isVisible(), false, 'no order choice with one signer');
    assert.match(await page.locator('.files').innerText(), /nda\.pdf\s+2 KB/);
  });

  it('posts the whole form on Send, keeping the message’s line breaks', async () => {
    const posted = await open(emptySendForm(dropboxSign, 'nda.pdf', false));
    await page.locator('#message').fill('Line 1\nLine 2');
    await page.locator('#signer-name-0').fill('Jack');
    await page.locator('#signer-email-0').fill('jack@example.com');
    await page.locator('#cc').fill('a@example.com, b@example.com');
    await page.locator('#send').click();
    const submit = await last(posted, 'submit');
    assert.deepEqual(submit.values, {
      title: 'nda',
      subject: '',
      message: 'Line 1\nLine 2',
      signers: [{ name: 'Jack', email: 'jack@example.com' }],
      ordered: false,
      cc: 'a@example.com, b@example.com',
      testMode: false,
    });
  });

  it('sends with Ctrl+Enter too', async () => {
    const posted = await open(emptySendForm(dropboxSign, 'nda.pdf', true));
    await page.locator('#subject').press('Control+Enter');
    await last(posted, 'submit');
  });

  it('asks the extension to validate a field the user leaves, and shows only touched fields’ errors', async () => {
    const posted = await open(emptySendForm(dropboxSign, 'nda.pdf', true));
    await page.locator('#signer-email-0').fill('nope');
    await page.locator('#cc').focus(); // leaves the email field
    const validate = await last(posted, 'validate');
    assert.equal(validate.values?.signers[0].email, 'nope');
    await host({ type: 'validation', errors: { 'signers.0.email': '“nope” is not an email address.', 'signers.0.name': 'Enter the signer’s name.' } });
    await page.locator('#err-signers-0-email', { hasText: 'not an email address' }).waitFor();
    assert.equal(await page.locator('#signer-email-0').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#err-signers-0-name').innerText(), '', 'the name was not touched yet');
  });

  it('after Send, shows every error the extension reports and focuses the first', async () => {
    const posted = await open(emptySendForm(dropboxSign, 'nda.pdf', true));
    await page.locator('#title').fill('');
    await page.locator('#send').click();
    await last(posted, 'submit');
    await host({ type: 'invalid', errors: { title: 'Give the request a title.', signers: 'Add at least one signer (name and email).' } });
    await page.locator('#err-title', { hasText: 'Give the request a title.' }).waitFor();
    assert.equal(await page.locator('#err-signers').innerText(), 'Add at least one signer (name and email).');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'title');
  });

  it('locks the form while sending, and reopens it with the reason when the send failed', async () => {
    const posted = await open({ ...emptySendForm(dropboxSign, 'nda.pdf', true), signers: [{ name: 'Jack', email: 'jack@example.com' }] });
    await page.locator('#send').click();
    await last(posted, 'submit');
    await host({ type: 'sending' });
    await page.locator('#send', { hasText: 'Sending…' }).waitFor();
    assert.equal(await page.locator('#send').isDisabled(), true);
    assert.equal(await page.locator('#title').isDisabled(), true);
    await host({ type: 'failed', message: 'Dropbox Sign had an internal error. It may have gone through anyway.' });
    await page.locator('#failure', { hasText: 'may have gone through' }).waitFor();
    assert.equal(await page.locator('#send').isDisabled(), false);
    assert.equal(await page.locator('#signer-email-0').inputValue(), 'jack@example.com', 'nothing typed is lost');
  });

  it('adds, orders, moves and removes signers', async () => {
    const posted = await open({ ...emptySendForm(dropboxSign, 'nda.pdf', true), signers: [{ name: 'Jack', email: 'jack@example.com' }] });
    await page.locator('#add-signer').click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'signer-name-1', 'the new row has the focus');
    await page.locator('#signer-name-1').fill('Jill');
    await page.locator('#signer-email-1').fill('jill@example.com');
    assert.equal(await page.locator('#ordered-label').isVisible(), true);
    await page.locator('#ordered').check();
    assert.deepEqual(await page.locator('.signer-number').allInnerTexts(), ['1.', '2.']);
    await page.getByRole('button', { name: 'Move signer 1 down' }).click();
    assert.equal(await page.locator('#signer-name-0').inputValue(), 'Jill');
    await page.locator('#send').click();
    const submit = await last(posted, 'submit');
    assert.deepEqual(submit.values?.signers, [
      { name: 'Jill', email: 'jill@example.com' },
      { name: 'Jack', email: 'jack@example.com' },
    ]);
    assert.equal(submit.values?.ordered, true);
    await page.getByRole('button', { name: 'Remove signer 1' }).click();
    assert.equal(await page.locator('.signer-row').count(), 1);
    assert.equal(await page.locator('#signer-name-0').inputValue(), 'Jack');
    assert.equal(await page.locator('#ordered-label').isVisible(), false);
  });

  it('its text fields have a visible border even when the theme defines no input border (light themes)', async () => {
    await open(emptySendForm(dropboxSign, 'nda.pdf', false)); // this page sets no --vscode-* colours at all
    for (const id of ['subject', 'message', 'cc', 'signer-name-0', 'signer-email-0']) {
      const border = await page.locator(`#${id}`).evaluate((el) => {
        const style = getComputedStyle(el);
        return { width: style.borderTopWidth, color: style.borderTopColor };
      });
      assert.equal(border.width, '1px', id);
      assert.notEqual(border.color, 'rgba(0, 0, 0, 0)', `${id}: the border is not transparent`);
    }
  });

  it('Cancel asks the extension to close the form', async () => {
    const posted = await open(emptySendForm(dropboxSign, 'nda.pdf', true));
    await page.locator('#cancel').click();
    await last(posted, 'cancel');
  });

  it('shows hostile values as text, never as markup', async () => {
    await open({ ...emptySendForm(dropboxSign, 'nda.pdf', true), title: '<img src=x onerror="document.title=\'owned\'">', signers: [{ name: '<b>bold</b>', email: '' }] });
    assert.equal(await page.locator('#title').inputValue(), '<img src=x onerror="document.title=\'owned\'">');
    assert.equal(await page.locator('#signer-name-0').inputValue(), '<b>bold</b>');
    assert.equal(await page.locator('img').count(), 0);
    assert.notEqual(await page.title(), 'owned');
    await host({ type: 'failed', message: '<img src=x onerror="document.title=\'owned\'">' });
    await page.locator('#failure').waitFor({ state: 'visible' });
    assert.equal(await page.locator('img').count(), 0);
  });
});
