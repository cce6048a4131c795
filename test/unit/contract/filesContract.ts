// The contract every file store (the `files` capability) passes against its own sandbox: what the files view
// and "send a stored file" rely on. The FileService is built from the service's definition, as the runtime
// builds it, and driven only through the model's interface.
import assert from 'node:assert/strict';
import { AuthError, ConflictError, NotFoundError } from '../../../src/core/errors';
import type { FileEntry, FileService } from '../../../src/model/files';
import type { ServiceDefinition } from '../../../src/model/service';
import type { ServiceSettings } from '../../../src/model/serviceSettings';
import { buildPdf } from '../../sandbox/kit/documents';
import { serviceStack } from '../../support/stacks';

/** A file store's sandbox as the contract needs it. */
export interface FilesContractSandbox {
  readonly settings: ServiceSettings;
  /** An access token of a seeded user whose root folder holds more entries than one listing page. */
  signIn(): Promise<string>;
  /** The next API request answers 401 (an expired token), in the service's own error shape. */
  unauthorizedOnNextRequest(): void;
  /** Cursors handed out so far stop working (the store answers "reset"). */
  invalidateCursors(): void;
}

export interface FilesContractTarget {
  readonly definition: ServiceDefinition;
  useSandbox(): () => FilesContractSandbox;
}

export function filesContract(target: FilesContractTarget): void {
  const { definition } = target;
  describe(`file store contract: ${definition.label}`, function () {
    this.timeout(20_000);
    const sandbox = target.useSandbox();
    let files: FileService;
    let token: string;

    beforeEach(async () => {
      files = serviceStack(definition, sandbox().settings, { timeoutMs: 5000 }).files!;
      token = await sandbox().signIn();
    });

    async function listWhole(folder: string): Promise<{ entries: FileEntry[]; pages: number }> {
      let listing = await files.listFolder(token, folder);
      const entries = [...listing.entries];
      let pages = 1;
      while (listing.hasMore) {
        assert.ok(listing.cursor, 'a listing with more to come hands out a cursor');
        listing = await files.listFolderContinue(token, listing.cursor);
        entries.push(...listing.entries);
        assert.ok(++pages < 1000, 'the listing never ends');
      }
      return { entries, pages };
    }

    it('has the files capability, with an upload limit', () => {
      assert.ok(definition.files, `${definition.label} offers no files capability`);
      assert.ok(files.maxUploadBytes > 0);
    });

    it('list + continue: the root in pages, each entry once, folders and files with their fields', async () => {
      const { entries, pages } = await listWhole('');
      assert.ok(pages > 1, 'the root takes more than one page (the contract needs continue to be used)');
      const paths = entries.map((e) => e.path.toLowerCase());
      assert.equal(new Set(paths).size, paths.length, 'no entry listed twice');
      assert.ok(entries.some((e) => e.kind === 'folder'), 'a folder');
      const file = entries.find((e) => e.kind === 'file');
      assert.ok(file, 'a file');
      assert.ok(file.id && file.name && file.path.endsWith(file.name));
      assert.equal(typeof file.size, 'number');
      assert.ok(file.modifiedAt === undefined || file.modifiedAt > 0);
      const folder = entries.find((e) => e.kind === 'folder')!;
      assert.equal(folder.size, undefined, 'a folder has no size');
      await listWhole(folder.path);
    });

    it('upload → the file is listed with its size; download through a temporary link gives the same bytes', async () => {
      const bytes = buildPdf([{ heading: 'Uploaded by the contract suite', lines: ['Ünïcode name too.'] }]);
      const uploaded = await files.upload(token, '/Contract Suite/Überweisung 1.pdf', bytes);
      assert.equal(uploaded.kind, 'file');
      assert.equal(uploaded.name, 'Überweisung 1.pdf');
      assert.equal(uploaded.size, bytes.length);
      const { entries } = await listWhole('/Contract Suite');
      assert.deepEqual(entries.map((e) => e.name), ['Überweisung 1.pdf']);
      const link = await files.temporaryLink(token, uploaded.path);
      assert.ok(link.expiresAt > Date.now(), 'the link is live');
      const response = await fetch(link.url);
      assert.equal(response.status, 200);
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), bytes);
    });

    it('a reset cursor is recognised (the view lists the folder again)', async () => {
      const first = await files.listFolder(token, '');
      assert.ok(first.hasMore);
      sandbox().invalidateCursors();
      const error = await files.listFolderContinue(token, first.cursor).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error, 'an invalidated cursor is refused');
      assert.equal(files.isCursorReset(error), true, String(error));
      assert.equal(files.isCursorReset(new Error('something else')), false);
    });

    it('typed errors: a 401 is an AuthError; a link to a missing file is a NotFoundError, or a conflict naming not_found', async () => {
      sandbox().unauthorizedOnNextRequest();
      await assert.rejects(files.listFolder(token, ''), AuthError);
      await assert.rejects(
        files.temporaryLink(token, '/No such file.pdf'),
        (e: unknown) => e instanceof NotFoundError || (e instanceof ConflictError && /not_found/.test(e.errorName ?? '')),
      );
    });
  });
}
