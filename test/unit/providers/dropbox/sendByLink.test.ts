// Send for Signature… on a Dropbox file, through SignDesk's own clients against both sandboxes: Dropbox's
// get_temporary_link, then Dropbox Sign's send with file_urls[] (the Dropbox Sign sandbox really fetches the
// link from the Dropbox sandbox). A link past its four hours comes back as Dropbox Sign's own error, which is
// what the send form shows.
import assert from 'node:assert/strict';
import { describeActionError } from '../../../../src/commands/actions/messages';
import { InvalidInputError } from '../../../../src/core/errors';
import { FetchHttpClient } from '../../../../src/core/fetchHttpClient';
import { readDropboxError } from '../../../../src/providers/dropbox/errorBody';
import { dropboxFileService } from '../../../../src/providers/dropbox/fileService';
import { DropboxFilesClient } from '../../../../src/providers/dropbox/filesClient';
import { DropboxSignApi } from '../../../../src/providers/dropboxSign/apiClient';
import { readDropboxSignError } from '../../../../src/providers/dropboxSign/errorBody';
import { DropboxSignService } from '../../../../src/providers/dropboxSign/service';
import { SEED } from '../../../sandbox/dropboxSign/server';
import { signIn as dropboxSignIn, useDropboxSandbox } from '../../../support/sandboxes/dropbox';
import { signIn as dropboxSignSignIn, useSandbox } from '../../../support/sandboxes/dropboxSign';

describe('Sending a Dropbox file for signature by link (both sandboxes)', function () {
  this.timeout(20_000);
  const dropbox = useDropboxSandbox();
  const sign = useSandbox({ config: { rateLimits: { enabled: false } } });

  function clients() {
    const dropboxHttp = new FetchHttpClient({ serviceLabel: 'Dropbox', userAgent: 'SignDesk-test', readError: readDropboxError });
    const files = dropboxFileService(
      new DropboxFilesClient(dropboxHttp, () => ({ oauthBaseUrl: dropbox().info.oauthBaseUrl, apiBaseUrl: dropbox().info.apiBaseUrl, contentBaseUrl: dropbox().info.contentBaseUrl })),
    );
    const signHttp = new FetchHttpClient({ serviceLabel: 'Dropbox Sign', userAgent: 'SignDesk-test', readError: readDropboxSignError });
    const service = new DropboxSignService(new DropboxSignApi(signHttp, () => ({ apiBaseUrl: sign().info.apiBaseUrl, oauthBaseUrl: sign().info.oauthBaseUrl })));
    return { files, service };
  }
  const request = { title: 'NDA Acme', signers: [{ name: 'Carol', email: 'carol@example.com' }], testMode: true };

  it('the link Dropbox makes is fetched by Dropbox Sign and the request is sent', async () => {
    const { files, service } = clients();
    const dropboxToken = (await dropboxSignIn(dropbox())).access_token;
    const signToken = (await dropboxSignSignIn(sign(), SEED.alice.email)).access_token;
    const link = await files.temporaryLink(dropboxToken, '/Contracts/NDA Acme.pdf');
    const sent = await service.sendRequest(signToken, { ...request, fileUrls: [link.url] });
    assert.equal(sent.request.title, 'NDA Acme');
    assert.equal(sent.request.state, 'awaiting');
    assert.deepEqual(dropbox().admin.counters().linkFetches, { 200: 1 }, 'Dropbox Sign fetched the link once');
  });

  it('a link past its four hours: Dropbox Sign’s own refusal (HTTP 410 from Dropbox) is what the form says', async () => {
    const { files, service } = clients();
    const dropboxToken = (await dropboxSignIn(dropbox())).access_token;
    const signToken = (await dropboxSignSignIn(sign(), SEED.alice.email)).access_token;
    const link = await files.temporaryLink(dropboxToken, '/Contracts/NDA Acme.pdf');
    dropbox().admin.advanceClock(4 * 3600_000 + 1000);
    const error = await service.sendRequest(signToken, { ...request, fileUrls: [link.url] }).then(
      () => assert.fail('sent with a dead link'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof InvalidInputError, String(error));
    assert.match(error.message, /file_urls\[0\].*HTTP 410/);
    const shown = describeActionError(error, 'send', { serviceLabel: 'Dropbox Sign', subject: 'NDA Acme' });
    assert.match(shown!.message, /Dropbox Sign refused to send “NDA Acme”\. Dropbox Sign said: “Could not download the file at file_urls\[0\] \(HTTP 410\)”/);
    assert.deepEqual(dropbox().admin.counters().linkFetches, { 410: 1 });
  });
});
