// Which stored account this window works with ("switch account"). VS Code-free.
// The choice (a service + account id, not a secret) lives in a Memento (globalState); when it points at
// nothing usable, the oldest stored session is current.
import { Emitter } from '../core/events';
import type { Logger } from '../core/log';
import {
  AccountKey,
  accountKeyOf,
  accountKeyString,
  Disposable,
  Event,
  sameAccount,
  SessionChange,
  SessionStoreApi,
  StoredSession,
} from './session';

export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const SELECTED_KEY = 'signdesk.activeAccount';
/** Each service's own choice (`signdesk.activeAccount.<service id>`): a window works with one account per service. */
const selectedKeyOf = (service: string): string => `${SELECTED_KEY}.${service}`;

/** One service's current account, as the views and commands of that service see it. */
export interface ServiceSession {
  readonly service: string;
  /** That service's session this window uses, or undefined when signed out of it. May be 'expired'. */
  current(): Promise<StoredSession | undefined>;
  /** Fires when any session, or which one is current, changes. */
  readonly onDidChange: Event<void>;
}

function isAccountKey(value: unknown): value is AccountKey {
  const v = value as Partial<AccountKey> | undefined;
  // Any service id will do: only a stored session of that service and account is ever picked.
  return typeof v === 'object' && v !== null && typeof v.service === 'string' && typeof v.accountId === 'string';
}

/** The session the first of `choices` (stored account keys) names, else the oldest of `sessions`. */
function chosenOrOldest(sessions: StoredSession[], choices: unknown[]): StoredSession | undefined {
  for (const selected of choices) {
    const match = isAccountKey(selected) && sessions.find((s) => sameAccount(s, selected));
    if (match) return match;
  }
  return sessions[0];
}

export class ActiveSession implements Disposable {
  private readonly changeEmitter = new Emitter<void>((error) => this.log.error('An active-session listener failed', error));
  private readonly subscription: Disposable;
  private knownAccounts = new Set<string>();
  private knownReady: Promise<void>;

  constructor(
    private readonly sessionSource: SessionStoreApi,
    private readonly memento: MementoLike,
    private readonly log: Logger,
    /**
     * Which services' sessions can be current (default: all). The current account is the one the
     * signature views and commands work with; a file store's session (Dropbox) is used beside it, by its
     * own view, and must not replace it.
     */
    private readonly selectable: (service: string) => boolean = () => true,
  ) {
    this.knownReady = this.rememberKnown().catch(() => undefined);
    this.subscription = sessionSource.onDidChange((change) => {
      void this.onStoreChange(change);
    });
  }

  readonly onDidChange: Event<void> = this.changeEmitter.event;

  /** The session this window uses, or undefined when signed out. May be 'expired' (needs attention). */
  async current(): Promise<StoredSession | undefined> {
    const sessions = (await this.sessionSource.list()).filter((session) => this.selectable(session.service));
    return chosenOrOldest(sessions, [this.memento.get<unknown>(SELECTED_KEY)]);
  }

  /**
   * The account this window works with at one service: the one last chosen or signed in here for that
   * service (or, for data written before per-service choices, the overall choice when it is of that
   * service), else that service's oldest session.
   */
  async currentOf(service: string): Promise<StoredSession | undefined> {
    // Only that service's sessions are listed, so the overall choice counts only when it is of that service.
    const sessions = await this.sessionSource.list(service);
    return chosenOrOldest(sessions, [this.memento.get<unknown>(selectedKeyOf(service)), this.memento.get<unknown>(SELECTED_KEY)]);
  }

  /** currentOf(service) and onDidChange, bound to one service (a segment, a branch of the requests tree). */
  forService(service: string): ServiceSession {
    return { service, current: () => this.currentOf(service), onDidChange: this.onDidChange };
  }

  async select(key: AccountKey): Promise<void> {
    const selected = accountKeyOf(key);
    await this.memento.update(selectedKeyOf(key.service), selected);
    await this.memento.update(SELECTED_KEY, selected);
    this.log.info(`Switched to account ${accountKeyString(key)}`);
    this.changeEmitter.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  private async rememberKnown(): Promise<void> {
    this.knownAccounts = new Set((await this.sessionSource.list()).map(accountKeyString));
  }

  private async onStoreChange(change: SessionChange): Promise<void> {
    await this.knownReady;
    const saved = change.reason === 'saved' ? change.key : undefined;
    // An account signed in from this window becomes the current one; other windows' sign-ins do not switch us.
    if (saved && !this.knownAccounts.has(accountKeyString(saved))) {
      // Every service keeps its own current account; only a selectable one also becomes the overall one.
      const key = accountKeyOf(saved);
      await this.memento.update(selectedKeyOf(key.service), key);
      if (this.selectable(key.service)) {
        await this.memento.update(SELECTED_KEY, key);
      }
    }
    this.knownReady = this.rememberKnown().catch(() => undefined);
    await this.knownReady;
    this.changeEmitter.fire();
  }
}
