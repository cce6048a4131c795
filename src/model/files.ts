// A file store as the UI sees it (Dropbox today), VS Code-free: entries, listings that come in pages
// (a cursor and "has more"), and the folder listings a tree shows, loaded lazily and continued on demand.
export interface FileEntry {
  readonly kind: 'file' | 'folder';
  readonly id: string;
  readonly name: string;
  /** The path as the store shows it (`/Contracts/a.pdf`). */
  readonly path: string;
  /** Bytes; files only. */
  readonly size?: number;
  /** ms epoch, when the store last changed it; files only. */
  readonly modifiedAt?: number;
}

export interface FileListing {
  readonly entries: readonly FileEntry[];
  readonly cursor: string;
  readonly hasMore: boolean;
}

/** What a file store offers SignDesk. Every call takes the access token first (TokenManager.withToken). */
export interface FileService {
  /** `folder` is '' for the root. */
  listFolder(token: string, folder: string, signal?: AbortSignal): Promise<FileListing>;
  listFolderContinue(token: string, cursor: string, signal?: AbortSignal): Promise<FileListing>;
  /** True for the error a continued listing answers when its cursor is no longer valid: list again. */
  isCursorReset(error: unknown): boolean;
  /** A link a signature service can fetch the file from. */
  temporaryLink(token: string, path: string, signal?: AbortSignal): Promise<{ url: string; expiresAt: number }>;
  upload(token: string, path: string, bytes: Buffer, signal?: AbortSignal): Promise<FileEntry>;
  /** Largest file one upload takes; larger ones are refused before anything is sent. */
  readonly maxUploadBytes: number;
}

/** One folder's entries as loaded so far. */
export interface FolderState {
  readonly entries: readonly FileEntry[];
  readonly hasMore: boolean;
  /** A "Load more…" is running. */
  readonly loadingMore: boolean;
}

/**
 * The folders a tree has opened, each listed on first open and continued page by page. A cursor the store
 * no longer accepts (reset) lists the folder again from the start. `forget()` drops everything (sign-out,
 * refresh). VS Code-free: the view asks for children and calls loadMore from its "Load more…" row.
 */
export class FolderListings {
  private readonly folders = new Map<string, { entries: FileEntry[]; cursor: string; hasMore: boolean; loadingMore: boolean }>();
  private readonly inflight = new Map<string, Promise<void>>();
  private generation = 0;

  constructor(
    private readonly list: {
      first(folder: string): Promise<FileListing>;
      next(cursor: string): Promise<FileListing>;
      isCursorReset(error: unknown): boolean;
    },
  ) {}

  /**
   * The folder's entries, listing it first if it was never opened (concurrent callers share one call). A
   * forget() (a refresh) while it is listed drops that answer and lists again, so the caller never gets
   * the empty state of a folder that was merely being re-read.
   */
  async open(folder: string): Promise<FolderState> {
    while (!this.folders.has(folder)) {
      await this.once(folder, async (generation) => {
        const listing = await this.list.first(folder);
        if (generation === this.generation) {
          this.folders.set(folder, { entries: [...listing.entries], cursor: listing.cursor, hasMore: listing.hasMore, loadingMore: false });
        }
      });
    }
    return this.state(folder);
  }

  /** The next page of a folder opened before; a reset cursor lists the folder again from the start. */
  async loadMore(folder: string): Promise<FolderState> {
    const current = this.folders.get(folder);
    if (!current || !current.hasMore) {
      return this.open(folder);
    }
    current.loadingMore = true;
    try {
      await this.once(folder, async (generation) => {
        let listing: FileListing;
        let restarted = false;
        try {
          listing = await this.list.next(current.cursor);
        } catch (error) {
          if (!this.list.isCursorReset(error)) throw error;
          listing = await this.list.first(folder);
          restarted = true;
        }
        if (generation !== this.generation || this.folders.get(folder) !== current) return;
        current.entries = restarted ? [...listing.entries] : [...current.entries, ...listing.entries];
        current.cursor = listing.cursor;
        current.hasMore = listing.hasMore;
      });
    } finally {
      current.loadingMore = false;
    }
    return this.state(folder);
  }

  /** What is loaded of a folder now, without calling the store (undefined: never opened). */
  peek(folder: string): FolderState | undefined {
    return this.folders.has(folder) ? this.state(folder) : undefined;
  }

  /** Drops one folder (listed again on next open) or, without an argument, everything. */
  forget(folder?: string): void {
    if (folder === undefined) {
      this.generation++;
      this.folders.clear();
      this.inflight.clear();
      return;
    }
    this.folders.delete(folder);
    this.inflight.delete(folder);
  }

  private state(folder: string): FolderState {
    const f = this.folders.get(folder);
    return f ? { entries: f.entries, hasMore: f.hasMore, loadingMore: f.loadingMore } : { entries: [], hasMore: false, loadingMore: false };
  }

  private once(folder: string, run: (generation: number) => Promise<void>): Promise<void> {
    const shared = this.inflight.get(folder);
    if (shared) return shared;
    const generation = this.generation;
    const running = run(generation).finally(() => {
      if (this.inflight.get(folder) === running) this.inflight.delete(folder);
    });
    this.inflight.set(folder, running);
    return running;
  }
}

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** `12 bytes`, `1.5 KB`, `230 MB` (1024-based, as file managers show them). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1).replace(/\.0$/, '') : Math.round(value)} ${UNITS[unit]}`;
}

/** A file row's description: size and when it was modified (`1.5 MB · 2026-12-01 14:05`, local time). */
export function fileDescription(entry: FileEntry, formatTime: (ms: number) => string): string {
  const parts: string[] = [];
  if (entry.size !== undefined) parts.push(formatFileSize(entry.size));
  if (entry.modifiedAt !== undefined) parts.push(formatTime(entry.modifiedAt));
  return parts.join(' · ');
}
