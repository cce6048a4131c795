// Send for Signature… on a Dropbox file hands the service a temporary link: anyone holding it can fetch the
// file for hours, so it is a secret while it works. The link here is shaped like prose (no key names it, no
// token-like run), so only the registry of live secrets can keep it out of the log and the messages; the
// service's refusal echoes it, as a service reporting that it could not fetch a file may.
import assert from 'node:assert/strict';
import { Response } from 'node-fetch';
import type { FileStoreCommandsDeps, SignatureSide } from '../../../../src/commands/files/deps';
import { FetchHttpClient } from '../../../../src/core/fetchHttpClient';
import { toHttpError } from '../../../../src/core/httpErrors';
import { redact, RedactingLogger, SecretRegistry } from '../../../../src/core/log';
import type { FileEntry } from '../../../../src/model/files';
import { readDropboxError } from '../../../../src/providers/dropbox/errorBody';
import { DropboxSignApi } from '../../../../src/providers/dropboxSign/apiClient';
import { dropboxSignRules } from '../../../../src/providers/dropboxSign/definition';
import { readDropboxSignError } from '../../../../src/providers/dropboxSign/errorBody';
import { DropboxSignService } from '../../../../src/providers/dropboxSign/service';
import { createFakeVscode, loadAgainst } from '../../../support/fakeVscode';
import { RecordingLogger } from '../../../support/log';

const LINK = 'https://links.dropbox.test/get/acme-quarterly-contract-draft/nda-acme.pdf';

describe('Send for Signature… on a Dropbox file: the temporary link is a secret', () => {
  const { api } = createFakeVscode({});
  const notices: string[] = [];
  /** The button the user presses on a notice (none: dismissed). */
  let press: (choices: string[]) => string | undefined = () => undefined;
  for (const show of ['showErrorMessage', 'showWarningMessage', 'showInformationMessage']) {
    api.window[show] = async (message: string, ...choices: string[]) => {
      notices.push(message);
      return press(choices);
    };
  }
  const commandsRun: unknown[][] = [];
  api.commands.executeCommand = async (...args: unknown[]) => void commandsRun.push(args);
  const { sendByLink } = loadAgainst<typeof import('../../../../src/commands/files/sendStoredFile')>(api, require.resolve('../../../../src/commands/files/sendStoredFile'));
  const file: FileEntry = { kind: 'file', id: 'id:nda', name: 'NDA Acme.pdf', path: '/Contracts/NDA Acme.pdf', size: 1000 };

  function setUp() {
    const registry = new SecretRegistry();
    const sink = new RecordingLogger();
    const log = new RedactingLogger(sink, registry);
    // Dropbox Sign could not fetch the file and says where it tried (the body SignDesk sent, echoed).
    const fetchImpl = async (_url: string, init: { body?: string }) => {
      const sent = JSON.parse(String(init.body)) as { file_urls: string[] };
      return new Response(JSON.stringify({ error: { error_msg: `Could not download ${sent.file_urls[0]} (HTTP 403).`, error_name: 'bad_request' } }), {
        status: 400,
        headers: { 'content-type': 'application/json' },
      });
    };
    const http = new FetchHttpClient({ userAgent: 'test', serviceLabel: 'Dropbox Sign', readError: readDropboxSignError, fetchImpl: fetchImpl as unknown as never, secrets: registry, logger: log });
    const service = new DropboxSignService(new DropboxSignApi(http, () => ({ apiBaseUrl: 'https://api.example.test/v3', oauthBaseUrl: 'https://app.example.test' })), registry);
    const side: SignatureSide = {
      id: 'dropboxSign',
      definition: { label: 'Dropbox Sign', signatures: { rules: dropboxSignRules } },
      service,
      requests: { requests: [], upsert: () => undefined, refresh: async () => undefined } as unknown as SignatureSide['requests'],
      withToken: (call) => call('ds-access-token'),
      signedIn: async () => true,
    };
    const deps = {
      log,
      secrets: registry,
      store: {
        id: 'dropbox',
        label: 'Dropbox',
        files: { temporaryLink: async () => ({ url: LINK, expiresAt: Date.now() + 4 * 3600_000 }) },
        withToken: (call: (token: string) => Promise<unknown>) => call('dbx-access-token'),
      },
      onSent: () => assert.fail('nothing was sent'),
    } as unknown as FileStoreCommandsDeps;
    return { deps, side, sink };
  }

  it('a link Dropbox refuses for a missing scope: the notice names the permission, and Sign In Again signs in to Dropbox again (no "another account?")', async () => {
    notices.length = 0;
    commandsRun.length = 0;
    press = (choices) => (choices.includes('Sign In Again') ? 'Sign In Again' : undefined);
    const { deps, side } = setUp();
    const missingScope = '{"error_summary":"missing_scope/..","error":{".tag":"missing_scope","required_scope":"files.content.read"}}';
    const refused = { ...deps, store: { ...deps.store, id: 'dropbox', files: { temporaryLink: async () => Promise.reject(toHttpError(401, Buffer.from(missingScope), {}, readDropboxError)) } } };
    try {
      const outcome = await sendByLink(refused as unknown as FileStoreCommandsDeps, side, file, { title: 'NDA Acme', signers: [{ name: 'Carol', email: 'carol@example.com' }], testMode: true });
      assert.equal(outcome.ok, false);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(notices.length, 1);
      assert.match(notices[0], /^Dropbox refused to get a link to “NDA Acme\.pdf”: .*"files\.content\.read" permission/);
      assert.deepEqual(commandsRun, [['signdesk.signIn', { service: 'dropbox', addAccount: true }]]);
    } finally {
      press = () => undefined;
    }
  });

  it('the link is shaped so that only the registry catches it (without it, the log would show it)', () => {
    assert.equal(redact(`sent ${LINK}`), `sent ${LINK}`);
  });

  it('neither the form, the notification nor the log (trace of the request body included) shows it', async () => {
    notices.length = 0;
    const { deps, side, sink } = setUp();
    const outcome = await sendByLink(deps, side, file, { title: 'NDA Acme', signers: [{ name: 'Carol', email: 'carol@example.com' }], testMode: true });
    assert.equal(outcome.ok, false);
    const formMessage = outcome.ok ? '' : outcome.message;
    assert.match(formMessage, /Dropbox Sign said: “Could not download \[REDACTED\] \(HTTP 403\)”/);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(notices.length, 1);
    assert.match(notices[0], /Could not download \[REDACTED\]/);
    assert.match(sink.text(), /file_urls/, 'the request body was traced');
    for (const shown of [formMessage, ...notices, sink.text()]) {
      assert.ok(!shown.includes(LINK) && !shown.includes(encodeURIComponent(LINK)) && !shown.includes('acme-quarterly-contract-draft'), shown);
    }
  });
});
