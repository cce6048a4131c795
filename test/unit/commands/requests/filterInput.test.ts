// The Filter command's input box: its prompt says what each shown service's filter takes, from the services'
// own rules (issue 13: signNow takes a signing status only, so Dropbox Sign's search syntax is not offered for it).
import assert from 'node:assert/strict';
import { filterInput } from '../../../../src/commands/requests/filterInput';
import { dropboxSign } from '../../../../src/providers/dropboxSign/definition';
import { signNow } from '../../../../src/providers/signNow/definition';

const shown = (...definitions: Array<typeof dropboxSign | typeof signNow>) => definitions.map((d) => ({ service: d, rules: d.signatures.rules }));
const SIGNNOW_TAKES = 'signNow filters by one signing status: signed, pending, waiting-for-me, waiting-for-others, expired.';
const DROPBOX_SIGN_TAKES = 'Dropbox Sign filters by search terms, e.g. NDA, to:jack@example.com, title:"Offer letter" or complete:true.';

describe('Filter Signature Requests: the input box', () => {
  it('signNow alone: its signing statuses, no search syntax', () => {
    assert.equal(filterInput(shown(signNow)).prompt, `${SIGNNOW_TAKES} Empty clears the filter.`);
  });

  it('Dropbox Sign alone: its search syntax', () => {
    assert.equal(filterInput(shown(dropboxSign)).prompt, `${DROPBOX_SIGN_TAKES} Empty clears the filter.`);
  });

  it('both shown: what each one takes, in the view\'s order', () => {
    assert.equal(filterInput(shown(dropboxSign, signNow)).prompt, `${DROPBOX_SIGN_TAKES} ${SIGNNOW_TAKES} Empty clears the filter.`);
  });
});
