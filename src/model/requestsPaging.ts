// Which pages of the request list are loaded, what "Load more…" fetches next, and how a refresh
// re-reads the loaded window in as few calls as the service's page-size limit allows.
import type { Page } from './page';
import type { SignatureRequest } from './signatureRequest';

export const DEFAULT_PAGE_SIZE = 20;

/** A setting value → a page size the service accepts (integer in 1..maxPageSize). */
export function clampPageSize(value: unknown, maxPageSize: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return DEFAULT_PAGE_SIZE;
  }
  return Math.min(maxPageSize, Math.max(1, Math.floor(value)));
}

export interface PageRequest {
  /** 1-based. */
  page: number;
  pageSize: number;
}

export class PagingState {
  private itemsValue: SignatureRequest[] = [];
  /** The ids in itemsValue, kept alongside so each page is checked against them without rebuilding a set. */
  private ids = new Set<string>();
  private loadedPagesValue = 0;
  private hasMoreValue = false;
  private totalValue: number | undefined;

  constructor(
    readonly pageSize: number,
    /** The service's largest page (its rules' maxPageSize). */
    private readonly maxPageSize: number,
  ) {}

  /** Replaced, never changed in place: a caller may keep the array it was given. */
  get items(): readonly SignatureRequest[] {
    return this.itemsValue;
  }

  /** Whether a request with this id is loaded. */
  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Pages of `pageSize` loaded so far (0 before the first load). */
  get loadedPages(): number {
    return this.loadedPagesValue;
  }

  get hasMore(): boolean {
    return this.hasMoreValue;
  }

  /** The service's count of all matching requests, once known. */
  get total(): number | undefined {
    return this.totalValue;
  }

  get isLoaded(): boolean {
    return this.loadedPagesValue > 0;
  }

  /** What "Load more…" (or the first load) asks for. */
  nextPage(): PageRequest {
    return { page: this.loadedPagesValue + 1, pageSize: this.pageSize };
  }

  /**
   * Appends the next page. Requests already shown are skipped: a request sent meanwhile shifts the
   * list down, so the new page can start with the previous page's last items.
   */
  applyNextPage(page: Page<SignatureRequest>): void {
    const fresh = page.items.filter((r) => !this.ids.has(r.id));
    fresh.forEach((r) => this.ids.add(r.id));
    this.itemsValue = this.itemsValue.concat(fresh);
    this.loadedPagesValue += 1;
    this.totalValue = page.numResults;
    this.hasMoreValue = page.hasMore;
  }

  /** The window a refresh re-reads: every loaded page (at least the first), plus `extraPages`. */
  windowSize(extraPages = 0): number {
    return (Math.max(1, this.loadedPagesValue) + extraPages) * this.pageSize;
  }

  /**
   * The calls a refresh makes: the loaded window (and `extraPages` more) in chunks as large as the
   * service allows. Chunks are a multiple of pageSize, so the window stays page-aligned and "Load more…"
   * continues from it.
   */
  refreshPlan(extraPages = 0): PageRequest[] {
    const window = this.windowSize(extraPages);
    const chunk = Math.min(window, this.pageSize * Math.floor(this.maxPageSize / this.pageSize));
    const calls = Math.ceil(window / chunk);
    return Array.from({ length: calls }, (_, i) => ({ page: i + 1, pageSize: chunk }));
  }

  /** Replaces the items with a refresh's pages (in `refreshPlan(extraPages)` order). */
  applyRefresh(pages: readonly Page<SignatureRequest>[], extraPages = 0): void {
    const window = this.windowSize(extraPages);
    const seen = new Set<string>();
    const items: SignatureRequest[] = [];
    for (const page of pages) {
      for (const request of page.items) {
        if (!seen.has(request.id)) {
          seen.add(request.id);
          items.push(request);
        }
      }
    }
    const last = pages[pages.length - 1];
    this.itemsValue = items.slice(0, window);
    this.ids = new Set(this.itemsValue.map((r) => r.id));
    this.loadedPagesValue = Math.max(1, this.loadedPagesValue) + extraPages;
    this.totalValue = last?.numResults ?? this.totalValue;
    // The last page's own hasMore too: a service that leaves some entries out of its pages (signNow's drafts)
    // counts fewer results than the positions its pages cover.
    this.hasMoreValue = last !== undefined && (last.hasMore || last.numResults > window || items.length > window);
  }

  /** Replaces one request in place (after an action); false when it is not loaded. */
  replace(request: SignatureRequest): boolean {
    const index = this.itemsValue.findIndex((r) => r.id === request.id);
    if (index < 0) {
      return false;
    }
    this.itemsValue = [...this.itemsValue.slice(0, index), request, ...this.itemsValue.slice(index + 1)];
    return true;
  }
}
