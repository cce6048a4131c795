// A Dropbox temporary link handed to the Dropbox Sign sandbox as `file_urls[]`: Dropbox Sign's sandbox
// really fetches it, so a link past its four hours is refused the way the service refuses a dead URL.
import assert from 'node:assert/strict';
import { basic, postJson, useSandbox } from '../../../support/sandboxes/dropboxSign';
import { rpc, signIn, useDropboxSandbox } from '../../../support/sandboxes/dropbox';

describe('Dropbox temporary links sent to the Dropbox Sign sandbox as file_urls', () => {
  const dropbox = useDropboxSandbox();
  const sign = useSandbox();
  const signers = [{ name: 'Carol', email_address: 'carol@example.com' }];
  const send = (url: string) => postJson(sign(), '/v3/signature_request/send', { file_urls: [url], signers, test_mode: true }, basic(sign().info.apiKey));

  it('a live link is fetched and the request is sent; after 4 h of Dropbox sandbox time the link is 410 and the send is refused', async () => {
    const token = (await signIn(dropbox())).access_token;
    const link = (await rpc(dropbox(), 'files/get_temporary_link', token, { path: '/Contracts/NDA Acme.pdf' })).json.link as string;
    const sent = await send(link);
    assert.equal(sent.status, 200, sent.text);
    assert.equal(sent.json.signature_request.title, 'NDA Acme.pdf');
    assert.deepEqual(dropbox().admin.counters().linkFetches, { 200: 1 });

    dropbox().admin.advanceClock(4 * 3600_000);
    const refused = await send(link);
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error.error_path, 'file_urls[0]');
    assert.match(refused.json.error.error_msg, /HTTP 410/);
    assert.deepEqual(dropbox().admin.counters().linkFetches, { 200: 1, 410: 1 });
  });

  it('URLs off this machine are taken as they are (the sandbox has no network)', async () => {
    assert.equal((await send('https://example.com/contract.pdf')).status, 200);
  });
});
