// The Dropbox view's rows with a fake `vscode`: only files a set-up signature service accepts carry the
// context value that shows "Send for Signature…", and a row's parents come from its path (reveal()).
import assert from 'node:assert/strict';
import { FolderListings, type FileEntry } from '../../../../src/model/files';
import { servicesAccepting } from '../../../../src/model/sendableFiles';
import { dropboxSignRules } from '../../../../src/providers/dropboxSign/definition';
import type { FilesNode } from '../../../../src/views/filesTree/treeProvider';
import { createFakeVscode, interceptVscode } from '../../../support/fakeVscode';

const restore = interceptVscode(createFakeVscode({}).api);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tree = require('../../../../src/views/filesTree/treeProvider') as typeof import('../../../../src/views/filesTree/treeProvider');
restore();

const entry = (kind: 'file' | 'folder', path: string, size?: number): FileEntry => ({ kind, id: `id:${path}`, name: path.slice(path.lastIndexOf('/') + 1), path, size, modifiedAt: 0 });

describe('views/filesTree: sendable rows and parents', () => {
  const rows = [entry('folder', '/Contracts'), entry('file', '/NDA.pdf', 100), entry('file', '/photo.heic', 100), entry('file', '/huge.pdf', 41 * 1024 * 1024), entry('file', '/empty.docx', 0)];
  const listings = new FolderListings({
    first: async () => ({ entries: rows, cursor: 'c', hasMore: false }),
    next: async () => ({ entries: [], cursor: 'c', hasMore: false }),
    isCursorReset: () => false,
  });
  const targets = [{ id: 'dropboxSign', label: 'Dropbox Sign', signatures: { rules: dropboxSignRules } }];
  let configured = true;
  const provider = new tree.FilesTreeProvider(listings, () => true, () => undefined, (e) => configured && servicesAccepting(targets, e).length > 0);

  async function contextValues(): Promise<Record<string, string | undefined>> {
    const children = await provider.getChildren();
    return Object.fromEntries(children.map((node) => [String(provider.getTreeItem(node).label), provider.getTreeItem(node).contextValue]));
  }

  it('marks only files an accepting service takes (type and size) as sendable', async () => {
    assert.deepEqual(await contextValues(), {
      Contracts: tree.FOLDER_CONTEXT_VALUE,
      'NDA.pdf': tree.SENDABLE_FILE_CONTEXT_VALUE,
      'photo.heic': tree.FILE_CONTEXT_VALUE,
      'huge.pdf': tree.FILE_CONTEXT_VALUE,
      'empty.docx': tree.FILE_CONTEXT_VALUE,
    });
  });

  it('with no signature service set up, no file is sendable', async () => {
    configured = false;
    try {
      assert.equal(Object.values(await contextValues()).filter((v) => v === tree.SENDABLE_FILE_CONTEXT_VALUE).length, 0);
    } finally {
      configured = true;
    }
  });

  it('package.json shows Send for Signature… on the sendable context value only', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pkg = require('../../../../../package.json') as { contributes: { menus: Record<string, Array<{ command: string; when: string }>> } };
    const send = pkg.contributes.menus['view/item/context'].filter((m) => m.command === 'signdesk.files.send');
    assert.deepEqual(send.map((m) => m.when), [`view == signdesk.files && viewItem == ${tree.SENDABLE_FILE_CONTEXT_VALUE}`]);
  });

  it('Save Signed Copy to Dropbox… shows on completed requests whose service offers a PDF, while Dropbox is ready', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { whenMatchesContextValue } = require('../../../../src/views/requestsTree/contextValues') as typeof import('../../../../src/views/requestsTree/contextValues');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pkg = require('../../../../../package.json') as { contributes: { menus: Record<string, Array<{ command: string; when: string }>> } };
    const [save] = pkg.contributes.menus['view/item/context'].filter((m) => m.command === 'signdesk.files.saveSignedCopy');
    assert.match(save.when, /signdesk\.files\.state == ready$/);
    const viewItem = save.when.replace(/ && signdesk\.files\.state == ready$/, '');
    for (const value of ['signatureRequest.completed.pdf.zip', 'signatureRequest.completed.received.cancelable.pdf', 'signatureRequest.completed.pdf']) {
      assert.ok(whenMatchesContextValue(viewItem, value), value);
    }
    for (const value of ['signatureRequest.awaiting.pdf.zip', 'signatureRequest.completed.zip', 'signatureRequest.declined.pdf']) {
      assert.ok(!whenMatchesContextValue(viewItem, value), value);
    }
  });

  it('a row’s parents come from its path, up to the top level (TreeView.reveal walks them)', () => {
    const file: FilesNode = { kind: 'entry', entry: entry('file', '/SignDesk/Signed/NDA.pdf') };
    const parent = tree.parentOf(file)!;
    assert.equal(parent.kind === 'entry' && parent.entry.path, '/SignDesk/Signed');
    assert.equal(provider.getTreeItem(parent).id, 'folder:/signdesk/signed');
    const top = tree.parentOf(parent)!;
    assert.equal(top.kind === 'entry' && top.entry.path, '/SignDesk');
    assert.equal(tree.parentOf(top), undefined);
    assert.equal(tree.parentOf({ kind: 'loadMore', folder: '/SignDesk', loading: false })!.kind === 'entry', true);
    assert.equal(tree.parentOf({ kind: 'loadMore', folder: '', loading: false }), undefined);
  });
});
