// The contract every signature provider passes against its own sandbox: what the model, the tree and the
// commands rely on whichever service answers. The provider's SignatureService is built from its definition
// (as the runtime builds it) and driven only through the model's interface; the rules it is checked against
// are the definition's own (page size, reminder interval, download formats, canceled requests leaving the list).
// A service's suite is one call: signatureContract(target) inside its test file.
import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { AuthError, NotFoundError, RateLimitError } from '../../../src/core/errors';
import type { ServiceDefinition, SignatureService } from '../../../src/model/service';
import type { ServiceSettings } from '../../../src/model/serviceSettings';
import type { SignatureRequest } from '../../../src/model/signatureRequest';
import { buildPdf } from '../../sandbox/kit/documents';
import { serviceStack } from '../../support/stacks';

/** A provider's sandbox as the contract needs it; each service's test file writes one. */
export interface ContractSandbox {
  readonly settings: ServiceSettings;
  /** An access token of a seeded user who has requests in every state, and that user's email. */
  signIn(): Promise<{ token: string; email: string }>;
  /** The next list request answers 401 (an expired or revoked token), in the service's own error shape. */
  unauthorizedOnNextList(): void;
  /** From now on the user is over the service's rate limit (in the service's own 429 shape). */
  exceedRateLimit(): void;
  /** An id in the service's own id format that names no request. */
  readonly unknownRequestId: string;
}

/** The contract's items, by id (a target's known failures name them). */
export type ContractItem = 'capability' | 'getAccount' | 'paging' | 'getRequest' | 'send' | 'remind' | 'cancel' | 'download' | 'error401' | 'error404' | 'error429';

export interface SignatureContractTarget {
  readonly definition: ServiceDefinition;
  /** Installs mocha hooks that start the sandbox once and reset it before each test (its shape checks included). */
  useSandbox(): () => ContractSandbox;
  /**
   * Items the provider is known to fail, with why. Such an item still runs and must still fail (its title
   * says so): once the provider is fixed, the test fails until the entry is removed. Never a skip.
   */
  readonly knownFailures?: Partial<Record<ContractItem, string>>;
}

const PDF_MAGIC = '%PDF-';
const ZIP_MAGIC = 0x04034b50;

/** Every request the list offers, page by page (no paging checks: the paging item makes those). */
async function walkList(service: SignatureService, token: string, pageSize: number): Promise<SignatureRequest[]> {
  const items: SignatureRequest[] = [];
  for (let page = 1; ; page++) {
    const result = await service.listRequests(token, { page, pageSize });
    items.push(...result.items);
    if (!result.hasMore || page >= 1000) return items;
  }
}

/** The first entry of a ZIP archive, read from its local header (stored or deflated). */
function firstZipEntry(bytes: Buffer): { name: string; data: Buffer } {
  assert.equal(bytes.readUInt32LE(0), ZIP_MAGIC, 'a ZIP local file header first');
  assert.ok(bytes.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06])), 'a ZIP end of central directory');
  const method = bytes.readUInt16LE(8);
  const size = bytes.readUInt32LE(18);
  const nameLength = bytes.readUInt16LE(26);
  const start = 30 + nameLength + bytes.readUInt16LE(28);
  const body = bytes.subarray(start, start + size);
  assert.ok(method === 0 || method === 8, `ZIP method ${method} (stored or deflated expected)`);
  return { name: bytes.subarray(30, 30 + nameLength).toString('utf8'), data: method === 8 ? zlib.inflateRawSync(body) : body };
}

/** Every request the list offers, page by page, with the paging checked on the way. */
async function listAll(service: SignatureService, token: string, pageSize: number): Promise<SignatureRequest[]> {
  const items: SignatureRequest[] = [];
  for (let page = 1; ; page++) {
    const result = await service.listRequests(token, { page, pageSize });
    assert.equal(result.page, page, 'the page asked for');
    assert.ok(result.items.length <= pageSize, `page ${page} holds ${result.items.length} items, more than the page size ${pageSize}`);
    items.push(...result.items);
    if (!result.hasMore) {
      assert.equal(result.numPages, page, 'the last page is the page count');
      assert.equal(result.numResults, items.length, 'numResults counts every item listed');
      return items;
    }
    assert.equal(result.items.length, pageSize, `page ${page} of ${result.numPages} is not the last: it is full`);
    assert.ok(page < 1000, 'the list never ends');
  }
}

export function signatureContract(target: SignatureContractTarget): void {
  const { definition } = target;
  const signatures = definition.signatures;
  /** One contract item: a plain test, or for a known failure a test that the failure is still there. */
  const item = (id: ContractItem, title: string, check: () => Promise<void> | void): void => {
    const known = target.knownFailures?.[id];
    if (!known) {
      it(title, check);
      return;
    }
    it(`${title} — KNOWN FAILURE (${known}): still fails`, async () => {
      let failure: unknown;
      try {
        await check();
      } catch (error) {
        failure = error;
      }
      assert.ok(failure, `${definition.label} now passes "${title}": remove it from the contract target's knownFailures`);
    });
  };
  describe(`signature provider contract: ${definition.label}`, function () {
    this.timeout(20_000);
    const sandbox = target.useSandbox();
    const rules = signatures!.rules;
    let service: SignatureService;
    let token: string;
    let email: string;

    beforeEach(async () => {
      service = serviceStack(definition, sandbox().settings, { timeoutMs: 5000 }).signatures!;
      ({ token, email } = await sandbox().signIn());
    });

    const pdf = () => ({ filename: 'Contract Agreement.pdf', contentType: 'application/pdf', data: buildPdf([{ heading: 'Contract Agreement', lines: ['Sign here.'] }]) });
    const send = (title: string) =>
      service.sendRequest(token, {
        title,
        subject: title,
        message: 'Please sign.',
        signers: [
          { email: 'first.signer@example.com', name: 'First Signer', order: 1 },
          { email: 'second.signer@example.com', name: 'Second Signer', order: 2 },
        ],
        files: [pdf()],
        testMode: true,
      });

    item('capability', 'has the signatures capability, with rules the model can use', () => {
      assert.ok(signatures, `${definition.label} offers no signatures capability`);
      assert.ok(rules.maxPageSize >= 1);
      assert.ok(rules.downloadFormats.length > 0);
      assert.ok(rules.acceptedFileTypes.includes('pdf'));
    });

    item('getAccount', 'getAccount: the signed-in user, by id and email', async () => {
      const account = await service.getAccount(token);
      assert.ok(account.id, 'an account id');
      assert.equal(account.email.toLowerCase(), email.toLowerCase());
    });

    item('paging', 'listRequests pages consistently at page sizes 1, 2 and the rules\' maximum (full pages, a last page, numResults = items)', async () => {
      const byMax = await listAll(service, token, rules.maxPageSize);
      assert.ok(byMax.length >= 3, `the seeded user has ${byMax.length} requests; the contract needs 3 or more`);
      const ids = byMax.map((r) => r.id);
      assert.equal(new Set(ids).size, ids.length, 'no request listed twice');
      for (const size of [1, 2]) {
        const paged = await listAll(service, token, size);
        assert.deepEqual(paged.map((r) => r.id), ids, `page size ${size} lists the same requests in the same order`);
      }
      const first = await service.listRequests(token, { page: 1, pageSize: 1 });
      assert.equal(first.numResults, ids.length);
      assert.equal(first.numPages, ids.length);
      assert.equal(first.hasMore, true);
    });

    item('getRequest', 'getRequest answers each listed request with the same id, title and signers', async () => {
      const page = await service.listRequests(token, { page: 1, pageSize: rules.maxPageSize });
      for (const listed of page.items.slice(0, 5)) {
        const got = await service.getRequest(token, listed.id);
        assert.equal(got.id, listed.id);
        assert.equal(got.title, listed.title);
        assert.deepEqual(got.signers.map((s) => s.email), listed.signers.map((s) => s.email));
      }
    });

    item('send', 'sendRequest: the sent request is awaiting its signers and appears in the list', async () => {
      const before = (await walkList(service, token, rules.maxPageSize)).length;
      const { request } = await send('Contract sent by the contract suite');
      assert.ok(request.id);
      assert.equal(request.state, 'awaiting');
      assert.deepEqual(request.signers.map((s) => s.email), ['first.signer@example.com', 'second.signer@example.com']);
      const after = await walkList(service, token, rules.maxPageSize);
      assert.equal(after.length, before + 1);
      const listed = after.find((r) => r.id === request.id);
      assert.ok(listed, 'the sent request is in the list');
      assert.equal(listed.title, 'Contract sent by the contract suite');
      assert.equal((await service.getRequest(token, request.id)).id, request.id);
    });

    item('remind', 'remind: the signer whose turn it is can be reminded; sooner than the rules\' interval is refused', async () => {
      const { request } = await send('Contract to remind');
      const reminded = await service.remind(token, request.id, 'first.signer@example.com', 'First Signer');
      assert.equal(reminded.id, request.id);
      if (rules.reminderIntervalMs > 0) {
        await assert.rejects(service.remind(token, request.id, 'first.signer@example.com', 'First Signer'), (e: unknown) => e instanceof Error && !(e instanceof AuthError), 'a second reminder at once is refused');
      }
    });

    item('cancel', `cancel: ${signatures?.rules.canceledRequestsLeaveList ? 'the request leaves the list (canceledRequestsLeaveList)' : 'the request stays in the list as canceled (canceledRequestsLeaveList false)'}`, async () => {
      const { request } = await send('Contract to cancel');
      await service.cancelRequest(token, request.id);
      const listed = (await walkList(service, token, rules.maxPageSize)).find((r) => r.id === request.id);
      if (rules.canceledRequestsLeaveList) {
        assert.equal(listed, undefined, 'a canceled request leaves the list');
      } else {
        assert.ok(listed, 'a canceled request stays in the list');
        assert.equal(listed.state, 'canceled');
      }
    });

    for (const format of signatures?.rules.downloadFormats ?? []) {
      item('download', `downloadFiles ${format}: real ${format === 'pdf' ? 'PDF' : 'ZIP'} bytes of a completed request`, async () => {
        const completed = (await walkList(service, token, rules.maxPageSize)).find((r) => r.state === 'completed');
        assert.ok(completed, 'the seeded user has a completed request');
        const bytes = await service.downloadFiles(token, completed.id, format);
        if (format === 'pdf') {
          assert.equal(bytes.subarray(0, 5).toString('latin1'), PDF_MAGIC);
          assert.match(bytes.subarray(-32).toString('latin1'), /%%EOF\s*$/);
        } else {
          const entry = firstZipEntry(bytes);
          assert.match(entry.name, /\.pdf$/i, 'the ZIP holds a PDF file');
          assert.equal(entry.data.subarray(0, 5).toString('latin1'), PDF_MAGIC, 'the entry is a PDF');
        }
      });
    }

    item('error401', 'a 401 is an AuthError (the token manager then refreshes once)', async () => {
      sandbox().unauthorizedOnNextList();
      await assert.rejects(service.listRequests(token, { page: 1, pageSize: 2 }), AuthError);
    });

    item('error404', 'an unknown request is a NotFoundError', async () => {
      await assert.rejects(service.getRequest(token, sandbox().unknownRequestId), NotFoundError);
    });

    item('error429', 'a 429 is a RateLimitError, with a believable reset when the service sends one', async () => {
      sandbox().exceedRateLimit();
      let error: unknown;
      for (let i = 0; i < 5 && !error; i++) {
        await service.listRequests(token, { page: 1, pageSize: 1 }).catch((e: unknown) => (error = e));
      }
      assert.ok(error instanceof RateLimitError, `expected a RateLimitError, got ${String(error)}`);
      if (error.resetAt) assert.ok(error.resetAt.getTime() > Date.now() - 1000 && error.resetAt.getTime() < Date.now() + 3600_000);
    });
  });
}
