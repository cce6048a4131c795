// Builders for signature requests and a fake paged list service (newest first) for the requests model tests.
import type { Page } from '../../src/model/page';
import type { ListRequestsParams } from '../../src/model/service';
import type { SignatureRequest, Signer } from '../../src/model/signatureRequest';

export function signer(overrides: Partial<Signer> & { email: string }): Signer {
  return { status: 'awaiting', ...overrides };
}

export function request(id: string, overrides: Partial<SignatureRequest> = {}): SignatureRequest {
  return {
    id,
    title: `Request ${id}`,
    state: 'awaiting',
    onHold: false,
    isComplete: false,
    testMode: true,
    ccEmails: [],
    signers: [signer({ id: `${id}-s1`, email: `${id}@example.com`, name: `Signer ${id}` })],
    ...overrides,
  };
}

/** An in-memory service: newest first, page_size and query honoured, every call recorded. */
export class FakeList {
  readonly calls: ListRequestsParams[] = [];
  failNext: unknown[] = [];
  /** When set, calls wait on it (to test concurrency). */
  gate: Promise<void> | undefined;

  constructor(public all: SignatureRequest[]) {}

  readonly list = async (params: ListRequestsParams): Promise<Page<SignatureRequest>> => {
    this.calls.push({ ...params });
    if (this.gate) {
      await this.gate;
    }
    const failure = this.failNext.shift();
    if (failure !== undefined) {
      throw failure;
    }
    const matching = params.query ? this.all.filter((r) => r.title.includes(params.query!)) : this.all;
    const pageSize = params.pageSize ?? 20;
    const start = (params.page - 1) * pageSize;
    const items = matching.slice(start, start + pageSize).map((r) => structuredClone(r));
    const numPages = Math.max(1, Math.ceil(matching.length / pageSize));
    return { items, page: params.page, numPages, numResults: matching.length, pageSize, hasMore: params.page < numPages };
  };

  set(id: string, update: (r: SignatureRequest) => SignatureRequest): void {
    this.all = this.all.map((r) => (r.id === id ? update(structuredClone(r)) : r));
  }
}

export function many(count: number, prefix = 'r'): SignatureRequest[] {
  return Array.from({ length: count }, (_, i) => request(`${prefix}${i + 1}`));
}
