import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACTION_COMMANDS } from '../../../src/commands/actions/deps';
import { acceptedExtensionsWhen } from '../../../src/model/sendForm';
import { dropboxSign } from '../../../src/providers/dropboxSign/definition';
import { ALL_CONTEXT_VALUES, whenMatchesContextValue } from '../../../src/views/requestsTree/contextValues';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

// Compiled to out/test/unit/commands: the repo root is four levels up.
const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'));
const menus: Record<string, MenuEntry[]> = pkg.contributes.menus ?? {};

function matched(command: string): string[] {
  const entries = (menus['view/item/context'] ?? []).filter((m) => m.command === command);
  return ALL_CONTEXT_VALUES.filter((value) => entries.some((m) => m.when && whenMatchesContextValue(m.when, value)));
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
    assert.deepEqual(matched('signdesk.remindSigner'), ['signer.awaiting', 'signer.viewed']);
  });

  it('puts Cancel on requests the account sent that await signatures only', () => {
    assert.deepEqual(matched('signdesk.cancelRequest'), ['signatureRequest.awaiting']);
  });

  it('puts the downloads on completed and awaiting requests (partly signed files), sent or received', () => {
    const expected = ['signatureRequest.awaiting', 'signatureRequest.completed', 'signatureRequest.awaiting.received', 'signatureRequest.completed.received'];
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

  it('Cancel Sign-In only while a sign-in is pending, Complete Sign-In only while one waits for the pasted address', () => {
    assert.deepEqual(paletteWhen('signdesk.cancelSignIn'), ['signdesk.signInPending']);
    assert.deepEqual(paletteWhen('signdesk.completeSignIn'), ['signdesk.signInWaitingForPaste']);
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
