import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACTION_COMMANDS } from '../../../src/commands/sendActionDeps';
import { acceptedExtensionsWhen } from '../../../src/model/sendForm';
import { dropboxSign } from '../../../src/providers/dropboxSign/definition';
import { ALL_CONTEXT_VALUES, whenMatchesContextValue } from '../../../src/views/tree/requestContextValues';

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
    assert.ok((menus['view/title'] ?? []).some((m) => m.command === 'signdesk.send' && m.when === 'view == signdesk.requests'));
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
});
