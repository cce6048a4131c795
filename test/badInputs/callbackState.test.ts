// Bad inputs: what an OAuth callback can carry (state and pasted callbacks).
import * as assert from 'node:assert/strict';
import { parsePastedCallback } from '../../src/auth/callbackParams';
import { decodeState } from '../../src/auth/oauthState';
import { badInputs } from './tally';

describe('callback/state', () => {
  badInputs(
    [
      ['state ""', ''],
      ['state "."', '.'],
      ['state with a space', 'abc def'],
      ['state with a slash', 'abc/def'],
      ['state "nonce." (empty target)', 'abc.'],
      ['state with a non-base64url target', 'abc.!!!'],
      ['state with two separators', 'abc.def.ghi'],
      ['state of percent-encoded junk', '%00%0a'],
      ['state with a newline', 'abc\ndef'],
      ['state of unicode letters', 'äöü'],
    ],
    'not a SignDesk state (undefined)',
    (state) => assert.equal(decodeState(state), undefined),
  );

  badInputs(
    [
      ['pasted ""', ''],
      ['pasted whitespace', '   \n\t'],
      ['pasted "http://[" (not a URL)', 'http://['],
      ['pasted URL without code or state', 'https://example.com/callback?x=1'],
      ['pasted URL with empty code and state', 'https://example.com/callback?code=&state='],
      ['pasted javascript: URL', 'javascript:alert(1)'],
    ],
    'nothing to complete (undefined)',
    (text) => assert.equal(parsePastedCallback(text), undefined),
  );
});
