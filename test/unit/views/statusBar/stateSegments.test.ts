// The status bar has one segment per configured service: with one service it is today's single item
// (signdesk.status, "Dropbox Sign: …"); a second service gets its own item with its own label.
import * as assert from 'node:assert/strict';
import { dropboxSign } from '../../../../src/providers/dropboxSign/definition';
import type { ServiceDefinition } from '../../../../src/model/service';
import { loginIndicatorState, segmentView, statusSegments, type LoginIndicatorState, type SegmentCommands } from '../../../../src/views/statusBar/state';
import { VIEW_IDS } from '../../../../src/views/ids';

/** A second service, as a definition would describe it: only its id and label matter to the status bar. */
const otherSign: Pick<ServiceDefinition, 'id' | 'label'> = { id: 'otherSign', label: 'Other Sign' };
const commands: SegmentCommands = { signIn: 'signdesk.signIn', cancel: 'signdesk.cancelSignIn', menu: 'signdesk.accountMenu', reauthorize: 'signdesk.signIn', configure: 'signdesk.configureApp' };
const STATES: LoginIndicatorState[] = [
  { kind: 'notConfigured' },
  { kind: 'signedOut' },
  { kind: 'signingIn' },
  { kind: 'signedIn', email: 'a@x.com' },
  { kind: 'needsAttention', email: 'a@x.com', shortText: 'sign in again', reason: 'It expired.' },
];

describe('status bar segments (one per configured service)', () => {
  it('one service: one segment with the id and name SignDesk always had', () => {
    assert.deepEqual(statusSegments([dropboxSign]), [{ id: VIEW_IDS.statusBar, name: 'SignDesk: Dropbox Sign login', service: dropboxSign }]);
  });

  it('two services: two segments in list order, the second with its own id and name', () => {
    const segments = statusSegments([dropboxSign, otherSign]);
    assert.deepEqual(
      segments.map((s) => [s.id, s.name]),
      [
        ['signdesk.status', 'SignDesk: Dropbox Sign login'],
        ['signdesk.status.otherSign', 'SignDesk: Other Sign login'],
      ],
    );
  });

  it('with one service each state looks as before (text, command, screen-reader label)', () => {
    const views = STATES.map((state) => segmentView(dropboxSign.label, state, commands));
    assert.deepEqual(
      views.map((v) => v.text),
      ['$(account) Dropbox Sign: not configured', '$(account) Dropbox Sign: signed out', '$(sync~spin) Dropbox Sign: signing in…', '$(pass) Dropbox Sign: a@x.com', '$(warning) Dropbox Sign: sign in again'],
    );
    assert.deepEqual(
      views.map((v) => v.command),
      ['signdesk.configureApp', 'signdesk.signIn', 'signdesk.cancelSignIn', 'signdesk.accountMenu', 'signdesk.signIn'],
    );
    assert.deepEqual(views.map((v) => v.warning), [false, false, false, false, true]);
    assert.equal(views[3].accessibility.label, 'Dropbox Sign: signed in as a@x.com');
    assert.equal(views[1].tooltip, 'SignDesk: click to sign in to Dropbox Sign');
  });

  it("a second service's segment names only that service, in its text, tooltip and screen-reader label", () => {
    for (const state of STATES) {
      const view = segmentView(otherSign.label, state, commands);
      const shown = [view.text, String(view.tooltip), view.accessibility.label].join(' | ');
      assert.match(view.text, /Other Sign: /, shown);
      assert.doesNotMatch(shown, /Dropbox/, shown);
    }
  });

  it("the state's tooltip and reasons name the segment's service", () => {
    const session = { service: 'dropboxSign' as const, accountId: 'acc1', email: 'a@x.com', accessToken: 't', refreshToken: 'r', expiresAt: 10_000, scopes: [], createdAt: 0, status: 'active' as const };
    const signedIn = loginIndicatorState({ serviceLabel: 'Other Sign', session, signingIn: false, now: 0, formatTime: () => '12:00' });
    assert.match(String(signedIn.kind === 'signedIn' && signedIn.tooltip), /^Other Sign: signed in as a@x\.com/);
    const expired = loginIndicatorState({ serviceLabel: 'Other Sign', session: { ...session, status: 'expired' }, signingIn: false, now: 0 });
    assert.match(expired.kind === 'needsAttention' ? expired.reason : '', /^Other Sign no longer accepts/);
  });
});
