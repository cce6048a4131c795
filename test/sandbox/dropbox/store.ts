// The Dropbox sandbox's state: users, the demo app, each user's file tree, grants and tokens, codes,
// cursors and temporary links. Times come from the sandbox clock so tests cross expiries without sleeping.
import { createHash } from 'crypto';
import { SandboxClock } from '../kit/clock';
import { randomToken } from '../kit/ids';
import {
  AccessToken,
  AuthCode,
  DEFAULT_CONFIG,
  DropboxApp,
  DropboxEntry,
  DropboxSandboxConfig,
  DropboxSandboxConfigPatch,
  DropboxUser,
  Grant,
  ListCursor,
  TemporaryLink,
  mergeConfig,
} from './model';
import { seedApp, seedFiles, seedUsers } from './seed';

const BLOCK = 4 * 1024 * 1024;

/** Dropbox's content_hash: SHA-256 over the SHA-256 digests of each 4 MiB block. */
export function dropboxContentHash(content: Buffer): string {
  const outer = createHash('sha256');
  for (let at = 0; at < content.length; at += BLOCK) outer.update(createHash('sha256').update(content.subarray(at, at + BLOCK)).digest());
  return outer.digest('hex');
}

/** `%Y-%m-%dT%H:%M:%SZ` (DropboxTimestamp has no fraction). */
export function dropboxTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const parentOf = (lower: string) => lower.slice(0, Math.max(0, lower.lastIndexOf('/')));
export const nameOf = (display: string) => display.slice(display.lastIndexOf('/') + 1);

export type WriteMode = { kind: 'add' } | { kind: 'overwrite' } | { kind: 'update'; rev: string };
export type WriteOutcome = { entry: DropboxEntry } | { conflict: 'file' | 'folder' | 'file_ancestor' };

export class DropboxStore {
  config: DropboxSandboxConfig;
  users: DropboxUser[] = [];
  app!: DropboxApp;
  private entries = new Map<string, DropboxEntry>();
  grants = new Map<string, Grant>();
  accessTokens = new Map<string, AccessToken>();
  codes = new Map<string, AuthCode>();
  cursors = new Map<string, ListCursor>();
  links = new Map<string, TemporaryLink>();
  /** www-page login sessions: cookie value → email */
  sessions = new Map<string, string>();
  cursorGeneration = 1;
  private seq = 0;
  private revCounter = 0;

  constructor(
    readonly clock: SandboxClock,
    private readonly callbackUrl: string,
    config?: DropboxSandboxConfigPatch,
  ) {
    this.config = mergeConfig(DEFAULT_CONFIG, config);
    this.reset(config);
  }

  reset(config?: DropboxSandboxConfigPatch): void {
    this.config = mergeConfig(DEFAULT_CONFIG, config);
    this.clock.reset();
    this.users = seedUsers();
    this.app = seedApp(this.callbackUrl);
    for (const m of [this.entries, this.grants, this.accessTokens, this.codes, this.cursors, this.links, this.sessions]) m.clear();
    this.cursorGeneration = 1;
    this.seq = 0;
    this.revCounter = 0;
    for (const f of seedFiles()) {
      const ms = Date.parse(f.clientModified!);
      if (f.content) this.putFile(f.owner, f.path, f.content, ms, f.clientModified);
      else this.ensureFolder(f.owner, f.path.toLowerCase(), f.path);
    }
  }

  user(email: string): DropboxUser | undefined {
    return this.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
  }

  // ---- files ----

  private key(owner: string, lower: string): string {
    return `${owner}\n${lower}`;
  }

  get(owner: string, lower: string): DropboxEntry | undefined {
    return this.entries.get(this.key(owner, lower));
  }

  byId(owner: string, id: string): DropboxEntry | undefined {
    for (const e of this.entries.values()) if (e.owner === owner && e.id === id) return e;
    return undefined;
  }

  byRev(owner: string, rev: string): DropboxEntry | undefined {
    for (const e of this.entries.values()) if (e.owner === owner && e.rev === rev) return e;
    return undefined;
  }

  /** Direct children (or all descendants) of a folder, sorted by path. */
  children(owner: string, folderLower: string, recursive: boolean): DropboxEntry[] {
    const prefix = `${folderLower}/`;
    const out: DropboxEntry[] = [];
    for (const e of this.entries.values()) {
      if (e.owner !== owner) continue;
      const lower = e.pathDisplay.toLowerCase();
      if (!lower.startsWith(prefix)) continue;
      if (!recursive && lower.slice(prefix.length).includes('/')) continue;
      out.push(e);
    }
    return out.sort((x, y) => (x.pathDisplay.toLowerCase() < y.pathDisplay.toLowerCase() ? -1 : 1));
  }

  changedSince(owner: string, folderLower: string, recursive: boolean, seq: number): DropboxEntry[] {
    return this.children(owner, folderLower, recursive).filter((e) => e.seq > seq);
  }

  currentSeq(): number {
    return this.seq;
  }

  private newRev(): string {
    // Rev: at least 9 lower-case hex digits; unique per write.
    return `5f${(++this.revCounter).toString(16).padStart(10, '0')}`;
  }

  private ensureFolder(owner: string, lower: string, display: string): DropboxEntry | undefined {
    if (lower === '') return undefined;
    const existing = this.get(owner, lower);
    if (existing) return existing;
    this.ensureFolder(owner, parentOf(lower), display.slice(0, display.lastIndexOf('/')));
    const folder: DropboxEntry = { id: `id:${randomToken(16)}`, tag: 'folder', owner, pathDisplay: display, seq: ++this.seq };
    this.entries.set(this.key(owner, lower), folder);
    return folder;
  }

  /** Creates or replaces a file at `display` (parents are created), keeping the id of a replaced file. */
  putFile(owner: string, display: string, content: Buffer, nowMs: number, clientModified?: string): DropboxEntry {
    const lower = display.toLowerCase();
    this.ensureFolder(owner, parentOf(lower), display.slice(0, display.lastIndexOf('/')));
    const previous = this.get(owner, lower);
    const entry: DropboxEntry = {
      id: previous?.id ?? `id:${randomToken(16)}`,
      tag: 'file',
      owner,
      pathDisplay: previous ? `${previous.pathDisplay.slice(0, previous.pathDisplay.lastIndexOf('/'))}/${nameOf(display)}` : display,
      rev: this.newRev(),
      size: content.length,
      clientModified: clientModified ?? dropboxTimestamp(nowMs),
      serverModified: dropboxTimestamp(nowMs),
      contentHash: dropboxContentHash(content),
      content,
      seq: ++this.seq,
    };
    this.entries.set(this.key(owner, lower), entry);
    return entry;
  }

  /** files/upload's conflict rules (WriteMode in files.stone) with autorename. */
  write(owner: string, display: string, content: Buffer, mode: WriteMode, opts: { autorename: boolean; strictConflict: boolean; clientModified?: string }): WriteOutcome {
    const lower = display.toLowerCase();
    for (let p = parentOf(lower); p !== ''; p = parentOf(p)) {
      if (this.get(owner, p)?.tag === 'file') return { conflict: 'file_ancestor' };
    }
    const existing = this.get(owner, lower);
    const hash = dropboxContentHash(content);
    const now = this.clock.nowMs();
    let conflict: 'file' | 'folder' | undefined;
    let renameStyle: 'number' | 'conflicted' = 'number';
    if (existing?.tag === 'folder') conflict = 'folder';
    else if (existing) {
      const revMismatch = mode.kind === 'update' && mode.rev !== existing.rev;
      if (existing.contentHash === hash && !(opts.strictConflict && revMismatch)) return { entry: existing };
      if (mode.kind === 'add') conflict = 'file';
      else if (revMismatch) {
        conflict = 'file';
        renameStyle = 'conflicted';
      }
    }
    if (!conflict) return { entry: this.putFile(owner, existing ? existing.pathDisplay : display, content, now, opts.clientModified) };
    if (!opts.autorename) return { conflict };
    return { entry: this.putFile(owner, this.freeName(owner, display, renameStyle), content, now, opts.clientModified) };
  }

  private freeName(owner: string, display: string, style: 'number' | 'conflicted'): string {
    const slash = display.lastIndexOf('/');
    const dir = display.slice(0, slash);
    const name = display.slice(slash + 1);
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    for (let n = 1; ; n++) {
      const suffix = style === 'number' ? ` (${n})` : n === 1 ? ' (conflicted copy)' : ` (conflicted copy ${n})`;
      const candidate = `${dir}/${stem}${suffix}${ext}`;
      if (!this.get(owner, candidate.toLowerCase())) return candidate;
    }
  }

  // ---- tokens ----

  newAccessToken(grant: Grant, scopes: string[] = grant.scopes): AccessToken {
    // Dropbox short-lived tokens start with `sl.`.
    const t: AccessToken = { token: `sl.${randomToken(48)}`, grantId: grant.id, scopes, expiresAtMs: this.clock.nowMs() + this.config.expiresIn * 1000 };
    this.accessTokens.set(t.token, t);
    return t;
  }

  grantByRefreshToken(refreshToken: string): Grant | undefined {
    for (const g of this.grants.values()) if (g.refreshToken === refreshToken) return g;
    return undefined;
  }

  /** auth/token/revoke: the grant's refresh token and every access token of the family stop working. */
  revokeGrant(grantId: string): void {
    const g = this.grants.get(grantId);
    if (g) g.revoked = true;
    for (const [token, t] of this.accessTokens) if (t.grantId === grantId) this.accessTokens.delete(token);
  }

  /** Drops expired codes and links so a long-running sandbox does not grow. */
  prune(): void {
    const now = this.clock.nowMs();
    for (const [k, c] of this.codes) if (c.expiresAtMs < now - 3600_000) this.codes.delete(k);
    for (const [k, l] of this.links) if (l.expiresAtMs < now - 24 * 3600_000) this.links.delete(k);
  }

  /** A summary for `GET /_admin/state` (no file bytes). */
  snapshot(): unknown {
    return {
      config: this.config,
      users: this.users,
      app: this.app,
      files: [...this.entries.values()].map(({ content: _content, ...rest }) => rest),
      grants: [...this.grants.values()],
      accessTokens: [...this.accessTokens.values()],
      cursorGeneration: this.cursorGeneration,
      clockMs: this.clock.nowMs(),
    };
  }
}
