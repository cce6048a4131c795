import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACTION_COMMANDS } from '../../../../src/commands/actions/deps';
import { acceptedExtensionsWhen } from '../../../../src/model/sendForm';
import { dropboxSign } from '../../../../src/providers/dropboxSign/definition';
import {
  capabilitiesOf,
  REQUEST_STATES,
  requestContextValue,
  SIGNER_STATUSES,
  signerContextValue,
  whenMatchesContextValue,
} from '../../../../src/views/requestsTree/contextValues';
import { repoRoot } from '../../../runner/paths';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const menus: Record<string, MenuEntry[]> = pkg.contributes.menus ?? {};

/** Every contextValue a Dropbox Sign node can carry (its service offers every action: all flags set). */
const capabilities = capabilitiesOf(dropboxSign.signatures.rules);
const DROPBOX_SIGN_VALUES = [false, true].flatMap((received) => [
  ...REQUEST_STATES.map((state) => requestContextValue(state, received, capabilities)),
  ...SIGNER_STATUSES.map((status) => signerContextValue(status, received, capabilities)),
]);

function matched(command: string): string[] {
  const entries = (menus['view/item/context'] ?? []).filter((m) => m.command === command);
  return DROPBOX_SIGN_VALUES.filter((value) => entries.some((m) => m.when && whenMatchesContextValue(m.when, value)));
}

describe('package.json: the action commands’ contributions', () => {
  it('contributes every action command with a title in the SignDesk category', () => {
    for (const id of ACTION_COMMANDS) {
      const command = pkg.contributes.commands.find((c: { command: string }) => c.command === id);
      assert.ok(command, `${id} is contributed`);
      assert.equal(command.category, 'SignDesk');
      assert.ok(command.title.length > 0);
    }
  });

  it('offers Send on exactly the files Dropbox Sign accepts, in the explorer, and in the view title', () => {
    const explorer = (menus['explorer/context'] ?? []).filter((m) => m.command === 'signdesk.send');
    assert.deepEqual(
      explorer.map((m) => m.when),
      [`!explorerResourceIsFolder && ${acceptedExtensionsWhen(dropboxSign)}`],
    );
    const regex = /resourceExtname =~ \/(.*)\/(\w*)$/.exec(explorer[0].when ?? '');
    assert.ok(regex);
    const accepts = new RegExp(regex[1], regex[2]);
    for (const ext of ['.pdf', '.PDF', '.docx', '.png', '.txt']) assert.ok(accepts.test(ext), ext);
    for (const ext of ['.exe', '.zip', '.md', '.pdfx']) assert.ok(!accepts.test(ext), ext);
    assert.ok((menus['view/title'] ?? []).some((m) => m.command === 'signdesk.send' && m.when === 'view == signdesk.requests && signdesk.signedIn'));
  });

  it('puts Remind on awaiting signers of requests the account sent only', () => {
    assert.deepEqual(matched('signdesk.remindSigner'), ['signer.awaiting.remindable', 'signer.viewed.remindable']);
  });

  it('puts Cancel on requests the account sent that await signatures only', () => {
    assert.deepEqual(matched('signdesk.cancelRequest'), ['signatureRequest.awaiting.cancelable.pdf.zip']);
  });

  it('puts the downloads on completed and awaiting requests (partly signed files), sent or received', () => {
    const expected = [
      'signatureRequest.awaiting.cancelable.pdf.zip',
      'signatureRequest.completed.cancelable.pdf.zip',
      'signatureRequest.awaiting.received.cancelable.pdf.zip',
      'signatureRequest.completed.received.cancelable.pdf.zip',
    ];
    assert.deepEqual(matched('signdesk.downloadPdf'), expected);
    assert.deepEqual(matched('signdesk.downloadZip'), expected);
  });

  it('scopes every node menu of these commands to the requests view', () => {
    for (const m of (menus['view/item/context'] ?? []).filter((e) => (ACTION_COMMANDS as readonly string[]).includes(e.command))) {
      assert.match(m.when ?? '', /^view == signdesk\.requests && /, m.command);
    }
  });

  it('offers the request actions in the palette only while signed in (each then asks which request or signer)', () => {
    const palette = menus.commandPalette ?? [];
    for (const id of ACTION_COMMANDS) {
      assert.deepEqual(palette.filter((m) => m.command === id).map((m) => m.when), ['signdesk.signedIn'], id);
    }
  });
});

describe('package.json: commands offered only when they can act', () => {
  const palette = menus.commandPalette ?? [];
  const paletteWhen = (id: string) => palette.filter((m) => m.command === id).map((m) => m.when);

  it('Cancel Waiting for Authorization only while a sign-in is pending, Complete Authorization… only while one waits for the pasted address', () => {
    assert.deepEqual(paletteWhen('signdesk.cancelSignIn'), ['signdesk.signInPending']);
    assert.deepEqual(paletteWhen('signdesk.completeSignIn'), ['signdesk.signInWaitingForPaste']);
  });

  it('while a sign-in waits, typing "SignDesk: Sign In" (or "sign in") lists no other SignDesk command the palette could run instead', () => {
    // Offered while a sign-in waits: every command whose palette `when` does not rule it out then (a
    // conjunction with !signdesk.signInPending in it rules it out).
    const titles = (pkg.contributes.commands as { command: string; title: string; category?: string }[])
      .filter((c) => c.command !== 'signdesk.signIn')
      .filter((c) => !paletteWhen(c.command).some((when) => when === 'false' || when === 'signdesk.requests.filtered' || /^(.+ && )?!signdesk\.signInPending( && [^|]+)?$/.test(when ?? '')))
      .map((c) => `${c.category}: ${c.title}`);
    for (const typed of ['SignDesk: Sign In', 'sign in', 'Sign In']) {
      assert.deepEqual(titles.filter((title) => paletteMatches(typed, title)), [], typed);
    }
    assert.ok(titles.includes('SignDesk: Cancel Waiting for Authorization') && titles.includes('SignDesk: Complete Authorization…'), titles.join(' | '));
    assert.ok(paletteMatches('SignDesk: Sign In', 'SignDesk: Cancel Sign-In'), 'the rule below is as loose as the palette');
    assert.ok(paletteMatches('cancel', 'SignDesk: Cancel Waiting for Authorization'));
  });

  it('Sign In and Configure are always offered; Sign Out only with an account', () => {
    assert.deepEqual(paletteWhen('signdesk.signIn'), []);
    assert.deepEqual(paletteWhen('signdesk.configureApp'), []);
    assert.deepEqual(paletteWhen('signdesk.signOut'), ['signdesk.hasAccount']);
  });

  it('hides the per-item commands that need a tree item (details, copy id, copy email) from the palette', () => {
    for (const id of ['signdesk.requests.openDetails', 'signdesk.requests.copyId', 'signdesk.requests.copySignerEmail', 'signdesk.requests.loadMore']) {
      assert.deepEqual(paletteWhen(id), ['false'], id);
    }
  });

  it("shows the view's Send, Filter and Refresh buttons only while signed in", () => {
    for (const id of ['signdesk.send', 'signdesk.requests.filter', 'signdesk.requests.refresh']) {
      const entries = (menus['view/title'] ?? []).filter((m) => m.command === id);
      assert.ok(entries.length > 0, id);
      for (const m of entries) assert.equal(m.when, 'view == signdesk.requests && signdesk.signedIn', id);
    }
  });

  it('activates when VS Code has started (the login indicator from startup), never on "*"', () => {
    const events: string[] = pkg.activationEvents;
    assert.ok(events.includes('onStartupFinished'));
    assert.ok(!events.includes('*'));
  });
});

/**
 * How VS Code's command palette decides that a typed text matches a title (its label filter, v1.100; titles
 * it finds only by word statistics go below, under "similar commands", never above a match): the
 * text is found as a substring, or its characters are found in order where each run of them starts at
 * the title's start or at a word start (a separator, or the character after one), and a separator typed
 * matches any separator. Loose on purpose there: "sign in" matches "Cancel Sign-In".
 */
function paletteMatches(typed: string, title: string): boolean {
  const text = typed.toLowerCase();
  const label = title.toLowerCase();
  if (label.includes(text)) return true;
  const separator = (ch: string | undefined): boolean => ch !== undefined && /[\s()[\]{}<>`'"\-/;:,.?!]/.test(ch);
  const wordStart = (j: number): boolean => j === 0 || separator(label[j]) || separator(label[j - 1]);
  const same = (a: string, b: string): boolean => a === b || (separator(a) && separator(b));
  const from = (i: number, j: number): boolean => {
    if (i === text.length) return true;
    if (j >= label.length || !same(text[i], label[j])) return false;
    if (from(i + 1, j + 1)) return true;
    for (let k = j + 2; k < label.length; k++) if (wordStart(k) && from(i + 1, k)) return true;
    return false;
  };
  for (let j = 0; j < label.length; j++) if (wordStart(j) && from(0, j)) return true;
  return false;
}
