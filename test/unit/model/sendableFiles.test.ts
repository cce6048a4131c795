// Which Dropbox files the view offers for sending: the union of the set-up signature services' file types,
// each within that service's size limit; and which of them fetch a file from a link.
import assert from 'node:assert/strict';
import { fromLinkSupport, servicesAccepting, type SendTarget } from '../../../src/model/sendableFiles';
import { dropboxSignRules } from '../../../src/providers/dropboxSign/definition';
import { signNowRules } from '../../../src/providers/signNow/definition';

const dropboxSign: SendTarget = { id: 'dropboxSign', label: 'Dropbox Sign', signatures: { rules: dropboxSignRules } };
const signNow: SendTarget = { id: 'signNow', label: 'signNow', signatures: { rules: { ...signNowRules, maxFileBytes: 10 * 1024 * 1024 } } };
const ids = (targets: SendTarget[]) => targets.map((t) => t.id);

describe('model/sendableFiles: what the Dropbox view offers for sending', () => {
  it('a type only one service accepts is offered for that service alone (the union of the set-up services)', () => {
    assert.deepEqual(ids(servicesAccepting([dropboxSign, signNow], { name: 'notes.txt', size: 10 })), ['dropboxSign']);
    assert.deepEqual(ids(servicesAccepting([signNow], { name: 'notes.txt', size: 10 })), []);
    assert.deepEqual(ids(servicesAccepting([dropboxSign, signNow], { name: 'Scan.PDF', size: 10 })), ['dropboxSign', 'signNow']);
  });

  it('each service’s own size limit applies; empty files and files without a type are not offered', () => {
    const twentyMb = { name: 'big.pdf', size: 20 * 1024 * 1024 };
    assert.deepEqual(ids(servicesAccepting([dropboxSign, signNow], twentyMb)), ['dropboxSign']);
    assert.deepEqual(ids(servicesAccepting([dropboxSign], { name: 'huge.pdf', size: 40 * 1024 * 1024 + 1 })), []);
    assert.deepEqual(ids(servicesAccepting([dropboxSign], { name: 'empty.pdf', size: 0 })), []);
    assert.deepEqual(ids(servicesAccepting([dropboxSign], { name: 'README', size: 5 })), []);
    assert.deepEqual(ids(servicesAccepting([dropboxSign], { name: '.pdf', size: 5 })), []);
    assert.deepEqual(ids(servicesAccepting([], { name: 'a.pdf', size: 5 })), [], 'no service set up: nothing is offered');
  });

  it('Dropbox Sign fetches file_urls; signNow says why it is not offered', () => {
    const { fetching, refused } = fromLinkSupport([dropboxSign, signNow]);
    assert.deepEqual(ids(fetching), ['dropboxSign']);
    assert.equal(refused.length, 1);
    assert.equal(refused[0].target.id, 'signNow');
    assert.match(refused[0].reason, /create-from-URL .*not wired/);
    const silent = fromLinkSupport([{ ...signNow, signatures: { rules: { ...signNowRules, fileUrls: undefined } } }]);
    assert.match(silent.refused[0].reason, /does not send signNow files by link/);
  });
});
