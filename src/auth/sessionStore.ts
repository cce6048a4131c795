// Sessions in SecretStorage: one entry per service+account holding the session as JSON, plus one index
// entry per service listing its account ids (SecretStorage cannot enumerate its keys). VS Code-free.
// Keys: `signdesk.session.<service id>.<account id>` and `signdesk.sessionIndex.<service id>`, the same for
// every service (and what SignDesk has always written).
import { Emitter, type Event } from '../core/events';
import type { Logger, SecretRegistry } from '../core/log';
import type { TokenOrigins } from '../model/tokens';
import {
  AccountKey,
  accountKeyOf,
  copySession,
  Disposable,
  SecretStorageLike,
  SecretStorageUnavailableError,
  ServiceId,
  SessionChange,
  SessionStatus,
  SessionStoreApi,
  StoredSession,
} from './session';

const STATUSES: readonly SessionStatus[] = ['active', 'awaitingActivation', 'expired'];
const PREFIX = 'signdesk.session.';
const INDEX_PREFIX = 'signdesk.sessionIndex.';

export function sessionSecretKey(key: AccountKey): string {
  return `${PREFIX}${key.service}.${key.accountId}`;
}

export function indexSecretKey(service: ServiceId): string {
  return `${INDEX_PREFIX}${service}`;
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function finiteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Both origins non-empty strings; absent is fine too (sessions saved before origins were recorded). */
function validOrigins(value: unknown): value is TokenOrigins | undefined {
  const o = value as Record<string, unknown> | null | undefined;
  return o === undefined || (typeof o === 'object' && o !== null && nonEmptyString(o.oauth) && nonEmptyString(o.api));
}

/** What each stored field must be (service and account id are checked against the key or the service list). */
const FIELD_CHECKS: Record<string, (value: unknown) => boolean> = {
  email: (value) => typeof value === 'string',
  accessToken: nonEmptyString,
  refreshToken: nonEmptyString,
  expiresAt: finiteNumber,
  scopes: (value) => Array.isArray(value) && value.every((scope) => typeof scope === 'string'),
  status: (value) => (STATUSES as readonly unknown[]).includes(value),
  createdAt: finiteNumber,
  origins: validOrigins,
};

/** The names of the fields that fail FIELD_CHECKS. */
function badFields(session: object): string[] {
  return Object.keys(FIELD_CHECKS).filter((field) => !FIELD_CHECKS[field]((session as Record<string, unknown>)[field]));
}

/** Parses one stored entry; undefined when it is not a complete session for `key`. */
export function parseStoredSession(raw: string, key: AccountKey): StoredSession | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const v = value as StoredSession;
  if (v.service !== key.service || v.accountId !== key.accountId || badFields(v).length > 0) {
    return undefined;
  }
  // Copied field by field, so nothing unexpected rides along.
  return copySession(v);
}

function parseIndex(raw: string | undefined): string[] | undefined {
  if (raw === undefined) {
    return [];
  }
  try {
    const value: unknown = JSON.parse(raw);
    if (Array.isArray(value) && value.every(nonEmptyString)) {
      return [...new Set(value)];
    }
  } catch {
    // fall through
  }
  return undefined;
}

function validateForSave(session: StoredSession, services: readonly ServiceId[]): void {
  const problems = [
    ...(services.includes(session.service) ? [] : ['service']),
    ...(nonEmptyString(session.accountId) ? [] : ['accountId']),
    ...badFields(session),
  ];
  if (problems.length > 0) {
    // Field names only: the values may be secrets.
    throw new Error(`Refusing to store an incomplete session (bad ${problems.join(', ')})`);
  }
}

/** A service whose sessions the store keeps: its id keys them, its label names them in messages. */
export interface StoredService {
  readonly id: ServiceId;
  readonly label: string;
}

export interface SessionStoreOptions {
  secrets: SecretStorageLike;
  /** The services SignDesk carries (the service list): `list()` reads each one's index. */
  services: readonly StoredService[];
  log: Logger;
  /** Live tokens are registered here so the log redacts them wherever they appear. */
  secretRegistry?: SecretRegistry;
}

/**
 * Reads go through a cache of the raw entries; `get(key, { fresh: true })` bypasses it (the token manager
 * re-reads before giving up on a refused refresh token). Writes from this instance are serialized so the
 * index is never clobbered by two saves in one window. `secrets.onDidChange` (fired for other windows'
 * writes, and echoing our own) re-reads the changed entry and reports a 'reloaded' change only when the
 * value differs from what this instance last wrote or read.
 */
export class SessionStore implements SessionStoreApi, Disposable {
  private readonly secretStorage: SecretStorageLike;
  private readonly storedServices: readonly StoredService[];
  private readonly serviceIds: readonly ServiceId[];
  private readonly log: Logger;
  private readonly registry?: SecretRegistry;
  /** secret key → raw value as last read or written (undefined = known absent). */
  private readonly cachedRaw = new Map<string, string | undefined>();
  /** Reads in flight (not fresh), shared by everyone who asks for the same key meanwhile. */
  private readonly readsInFlight = new Map<string, Promise<string | undefined>>();
  private readonly changeEmitter = new Emitter<SessionChange>((error) => this.log.error('A session change listener failed', error));
  private readonly subscription: Disposable;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(options: SessionStoreOptions) {
    this.secretStorage = options.secrets;
    this.storedServices = options.services;
    this.serviceIds = options.services.map((service) => service.id);
    this.log = options.log;
    this.registry = options.secretRegistry;
    this.subscription = this.secretStorage.onDidChange((e) => {
      void this.onSecretChanged(e.key);
    });
  }

  readonly onDidChange: Event<SessionChange> = this.changeEmitter.event;

  async get(account: AccountKey, options: { fresh?: boolean } = {}): Promise<StoredSession | undefined> {
    const key = accountKeyOf(account);
    const secretKey = sessionSecretKey(key);
    const raw = await this.readSecret(secretKey, options.fresh ?? false);
    if (raw === undefined) {
      return undefined;
    }
    const session = parseStoredSession(raw, key);
    if (!session) {
      await this.dropCorrupt(key);
      return undefined;
    }
    this.redactTokens(session);
    return session;
  }

  async list(service?: ServiceId): Promise<StoredSession[]> {
    const services = service ? [service] : this.serviceIds;
    const sessions: StoredSession[] = [];
    for (const s of services) {
      for (const accountId of await this.readIndex(s)) {
        const session = await this.get({ service: s, accountId });
        if (session) {
          sessions.push(session);
        }
      }
    }
    return sessions.sort((a, b) => a.createdAt - b.createdAt);
  }

  save(session: StoredSession): Promise<void> {
    return this.saveWhen(session).then(() => undefined);
  }

  saveIfUnchanged(session: StoredSession): Promise<boolean> {
    return this.saveWhen(session, (stored) =>
      stored !== undefined && stored.accessToken === session.accessToken && stored.refreshToken === session.refreshToken && stored.status === session.status,
    );
  }

  saveOver(session: StoredSession, refreshTokens: readonly string[]): Promise<boolean> {
    return this.saveWhen(session, (stored) => stored !== undefined && refreshTokens.includes(stored.refreshToken));
  }

  /** Saves, unless `ok` refuses the session stored right before the write (read fresh, in the write queue). */
  private saveWhen(session: StoredSession, ok?: (stored: StoredSession | undefined) => boolean): Promise<boolean> {
    validateForSave(session, this.serviceIds);
    const copy = copySession(session);
    this.redactTokens(copy);
    const secretKey = sessionSecretKey(copy);
    return this.serialized(async () => {
      if (ok && !ok(await this.storedNow(secretKey, copy))) {
        return false;
      }
      // Index first: a crash between the two writes leaves an index id without an entry (skipped when
      // listing), never an entry nobody can find.
      await this.updateIndex(copy.service, (ids) => (ids.includes(copy.accountId) ? ids : [...ids, copy.accountId]));
      await this.writeSecret(secretKey, JSON.stringify(copy));
      this.log.info(`Saved the ${copy.service} session of account ${copy.accountId} (${copy.status})`);
      this.changeEmitter.fire({ reason: 'saved', key: accountKeyOf(copy) });
      return true;
    });
  }

  remove(account: AccountKey): Promise<boolean> {
    // Copy: callers may pass a whole StoredSession, which must not ride along in change events.
    const key = accountKeyOf(account);
    return this.serialized(async () => {
      const secretKey = sessionSecretKey(key);
      const existed = (await this.readSecret(secretKey, true)) !== undefined;
      const listed = (await this.readIndex(key.service)).includes(key.accountId);
      if (!existed && !listed) {
        return false;
      }
      await this.forgetEntry(key);
      this.log.info(`Removed the ${key.service} session of account ${key.accountId}`);
      this.changeEmitter.fire({ reason: 'removed', key });
      return true;
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  private redactTokens(session: StoredSession): void {
    this.registry?.add(session.accessToken);
    this.registry?.add(session.refreshToken);
  }

  private serialized<T>(body: () => Promise<T>): Promise<T> {
    const result = this.writes.then(body, body);
    this.writes = result.catch(() => undefined);
    return result;
  }

  private async storedNow(secretKey: string, key: AccountKey): Promise<StoredSession | undefined> {
    const raw = await this.readSecret(secretKey, true);
    return raw === undefined ? undefined : parseStoredSession(raw, accountKeyOf(key));
  }

  private readSecret(secretKey: string, fresh: boolean): Promise<string | undefined> {
    if (!fresh && this.cachedRaw.has(secretKey)) {
      return Promise.resolve(this.cachedRaw.get(secretKey));
    }
    // At activation the status bar, the view, the Accounts menu and the current-account tracker all ask
    // at once: they share one secret-storage read per key.
    const shared = fresh ? undefined : this.readsInFlight.get(secretKey);
    if (shared) {
      return shared;
    }
    const reading: Promise<string | undefined> = Promise.resolve()
      .then(() => this.secretStorage.get(secretKey))
      .then(
      (value) => {
        // A write or a fresher read meanwhile has set the cache: do not put an older value back.
        if (this.readsInFlight.get(secretKey) === reading || fresh) {
          this.cachedRaw.set(secretKey, value);
        }
        this.forgetRead(secretKey, reading);
        return value;
      },
      (error: unknown) => {
        this.forgetRead(secretKey, reading);
        this.log.error(`Secret storage failed to read ${secretKey}`, error);
        throw new SecretStorageUnavailableError('read', error, this.whatIsStoredAt(secretKey));
      },
    );
    if (!fresh) {
      this.readsInFlight.set(secretKey, reading);
    }
    return reading;
  }

  private forgetRead(secretKey: string, reading: Promise<string | undefined>): void {
    if (this.readsInFlight.get(secretKey) === reading) {
      this.readsInFlight.delete(secretKey);
    }
  }

  /** Stores `value`, or deletes the entry when it is undefined. */
  private async writeSecret(secretKey: string, value: string | undefined): Promise<void> {
    // Cache before storing, so the echo of our own write through onDidChange is recognised as no change.
    this.cachedRaw.set(secretKey, value);
    this.readsInFlight.delete(secretKey);
    const operation = value === undefined ? 'delete' : 'write';
    try {
      await (value === undefined ? this.secretStorage.delete(secretKey) : this.secretStorage.store(secretKey, value));
    } catch (error) {
      this.cachedRaw.delete(secretKey);
      this.log.error(`Secret storage failed to ${operation} ${secretKey}`, error);
      throw new SecretStorageUnavailableError(operation, error, this.whatIsStoredAt(secretKey));
    }
  }

  private async readIndex(service: ServiceId, fresh = false): Promise<string[]> {
    const secretKey = indexSecretKey(service);
    const ids = parseIndex(await this.readSecret(secretKey, fresh));
    if (ids === undefined) {
      // The index only points at entries; rebuilding it is impossible (no enumeration), so start over.
      this.log.warn(`Dropped a corrupt ${service} session index; accounts signed in before may need to sign in again`);
      await this.writeSecret(secretKey, '[]');
      return [];
    }
    return ids;
  }

  private async updateIndex(service: ServiceId, change: (ids: string[]) => string[]): Promise<void> {
    // Fresh read: another window may have added or removed an account since we cached the index.
    const before = await this.readIndex(service, true);
    const after = JSON.stringify(change(before));
    if (after !== JSON.stringify(before)) {
      await this.writeSecret(indexSecretKey(service), after);
    }
  }

  /** Deletes the account's entry, then its id from the index (in the write queue). */
  private async forgetEntry(key: AccountKey): Promise<void> {
    await this.writeSecret(sessionSecretKey(key), undefined);
    await this.updateIndex(key.service, (ids) => ids.filter((id) => id !== key.accountId));
  }

  private async dropCorrupt(key: AccountKey): Promise<void> {
    this.log.warn(
      `Dropped a corrupt stored ${key.service} session for account ${key.accountId}; that account needs to sign in again`,
    );
    await this.serialized(() => this.forgetEntry(key));
    this.changeEmitter.fire({ reason: 'removed', key });
  }

  private async onSecretChanged(secretKey: string): Promise<void> {
    if (!secretKey.startsWith(PREFIX) && !secretKey.startsWith(INDEX_PREFIX)) {
      return; // not ours (e.g. the client secret)
    }
    const known = this.cachedRaw.has(secretKey);
    const before = this.cachedRaw.get(secretKey);
    let after: string | undefined;
    try {
      after = await this.readSecret(secretKey, true);
    } catch {
      return; // already logged; the next explicit read reports it to the user
    }
    if (known && before === after) {
      return; // the echo of our own write, or nothing new
    }
    this.log.info(`Sessions changed in another window (${secretKey}); reloaded`);
    this.changeEmitter.fire({ reason: 'reloaded', key: this.keyOf(secretKey) });
  }

  private keyOf(secretKey: string): AccountKey | undefined {
    if (!secretKey.startsWith(PREFIX)) {
      return undefined;
    }
    const rest = secretKey.slice(PREFIX.length);
    const dot = rest.indexOf('.');
    const service = rest.slice(0, dot);
    return dot > 0 && this.serviceIds.includes(service) ? { service, accountId: rest.slice(dot + 1) } : undefined;
  }

  /** For the keyring advice: "your <label> session" for an entry or an index of a known service. */
  private whatIsStoredAt(secretKey: string): string {
    const service = this.storedServices.find(
      (s) => secretKey.startsWith(`${PREFIX}${s.id}.`) || secretKey === indexSecretKey(s.id),
    );
    return service ? `your ${service.label} session` : 'your session';
  }
}
