// The Filter command's input box: its prompt says what each shown service's filter takes, from the services'
// own rules (issue 13: signNow takes a signing status only, so Dropbox Sign's search syntax is not offered for
// it), and it refuses a value a shown service would refuse, so that value never reaches the setting.
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

  it('refuses what a shown service refuses, with what that service takes; takes its values in any case, and empty', () => {
    const { validateInput } = filterInput(shown(signNow));
    assert.equal(validateInput('NDA'), SIGNNOW_TAKES);
    assert.equal(validateInput('to:jack@example.com'), SIGNNOW_TAKES);
    for (const taken of ['pending', ' Waiting-For-Me ', 'EXPIRED', '', '  ']) assert.equal(validateInput(taken), undefined, taken);
  });

  it('Dropbox Sign takes any text; shown with signNow, only what both take', () => {
    assert.equal(filterInput(shown(dropboxSign)).validateInput('to:jack@example.com title:"Offer letter"'), undefined);
    const both = filterInput(shown(dropboxSign, signNow)).validateInput;
    assert.equal(both('NDA'), SIGNNOW_TAKES);
    assert.equal(both('signed'), undefined);
  });
});
