// Which refresh tokens some window already exchanged for new ones (rotating services: the old one
// stops working). Kept in a Memento (globalState), which VS Code keeps in step across windows, and across
// the tabs of one web workbench, where context.secrets is not: each tab reads the secrets once, when it
// loads. A window whose refresh token was refused can so tell "another window renewed it" from "revoked".
// Holds fingerprints only (a truncated SHA-256), never a token. VS Code-free.
import { createHash } from 'node:crypto';
import type { Logger } from '../core/log';
import { AccountKey, accountKeyString } from './session';
import type { MementoLike } from './sessionSelection';

const LEDGER_KEY = 'signdesk.rotatedRefreshTokens';
/** Per account; a window that missed more renewals than this has been asleep for a day and may sign in again. */
const KEPT_PER_ACCOUNT = 16;

/** Account id → fingerprints of its retired refresh tokens, oldest first. */
type Ledger = Record<string, string[]>;

/** 64 bits of SHA-256: enough to recognise a token, useless for recovering one. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

export class RotationLedger {
  constructor(
    private readonly memento: MementoLike,
    private readonly log: Logger,
  ) {}

  /** `retired` was exchanged for a different refresh token. Never throws: the note is a hint. */
  async recordRotation(key: AccountKey, retired: string): Promise<void> {
    const ledger = this.read();
    const id = accountKeyString(key);
    const fingerprint = tokenFingerprint(retired);
    const kept = (ledger[id] ?? []).filter((f) => f !== fingerprint);
    try {
      await this.memento.update(LEDGER_KEY, { ...ledger, [id]: [...kept, fingerprint].slice(-KEPT_PER_ACCOUNT) });
    } catch (error) {
      this.log.warn(`Could not note the renewed refresh token of ${id} for other windows`, error);
    }
  }

  /** Some window already exchanged this refresh token. */
  wasRotated(key: AccountKey, refreshToken: string): boolean {
    return (this.read()[accountKeyString(key)] ?? []).includes(tokenFingerprint(refreshToken));
  }

  private read(): Ledger {
    const value = this.memento.get<unknown>(LEDGER_KEY);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return {};
    }
    const ledger: Ledger = {};
    for (const [id, fingerprints] of Object.entries(value)) {
      if (Array.isArray(fingerprints)) {
        ledger[id] = fingerprints.filter((f): f is string => typeof f === 'string');
      }
    }
    return ledger;
  }
}
