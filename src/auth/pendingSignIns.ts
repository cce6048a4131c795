// The sign-in attempts waiting for their browser callback, keyed by nonce: one set for every service (a
// callback names no service; its nonce finds the attempt, which knows its own). A callback is accepted only
// when its state names a pending, unexpired attempt and equals the state that attempt sent; the attempt
// is then settled and forgotten, so the same callback a second time (a replay) matches nothing.
import type { Clock } from '../core/clock';
import type { CallbackParams } from './callbackParams';
import { userFacingText } from '../core/log';
import { decodeState } from './oauthState';
import { AuthorizationDeniedError, SignInCallbackError, SignInCancelledError, SignInTimedOutError } from './signInErrors';

/** What a pending attempt resolves with: the authorization code and the state it came with. */
export interface AuthorizationGrant {
  code: string;
  state: string;
}

export type IgnoredReason = 'noState' | 'malformedState' | 'unknown' | 'alreadyUsed' | 'expired' | 'stateMismatch';

export type DeliveryResult = { accepted: true } | { accepted: false; reason: IgnoredReason };

/** The answer for a callback no attempt takes. */
export const ignored = (reason: IgnoredReason): DeliveryResult => ({ accepted: false, reason });

export interface PendingSignIn {
  /** Settles once: the grant, or an error (denied, timed out, cancelled, callback error). */
  readonly grant: Promise<AuthorizationGrant>;
}

interface Entry {
  state: string;
  serviceLabel: string;
  expiresAt: number;
  ttlMs: number;
  resolve(grant: AuthorizationGrant): void;
  reject(error: Error): void;
}

export class PendingSignIns {
  private readonly pendingAttempts = new Map<string, Entry>();
  /** Settled nonces until their expiry, so a replay is reported as such rather than as unknown. */
  private readonly settledNonces = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** `serviceLabel`: the service signed in to, named when it denies or fails the authorization. */
  begin(nonce: string, state: string, ttlMs: number, serviceLabel = 'the service'): PendingSignIn {
    if (this.pendingAttempts.has(nonce) || this.settledNonces.has(nonce)) {
      throw new Error('A nonce may be used for one sign-in attempt only');
    }
    const decoded = decodeState(state);
    if (!decoded || decoded.nonce !== nonce) {
      throw new Error('The state must carry the attempt nonce');
    }
    const expiresAt = this.clock.now() + ttlMs;
    let entry!: Entry;
    const grant = new Promise<AuthorizationGrant>((resolve, reject) => {
      entry = { state, serviceLabel, expiresAt, ttlMs, resolve, reject };
    });
    this.pendingAttempts.set(nonce, entry);
    return { grant };
  }

  has(nonce: string): boolean {
    return this.pendingAttempts.has(nonce);
  }

  get size(): number {
    return this.pendingAttempts.size;
  }

  /** Hands a callback to the attempt it belongs to; says why when it belongs to none. */
  deliver(params: CallbackParams): DeliveryResult {
    this.forgetOldSettled();
    if (!params.state) {
      return ignored('noState');
    }
    const decoded = decodeState(params.state);
    if (!decoded) {
      return ignored('malformedState');
    }
    const entry = this.pendingAttempts.get(decoded.nonce);
    if (!entry) {
      return ignored(this.settledNonces.has(decoded.nonce) ? 'alreadyUsed' : 'unknown');
    }
    if (this.clock.now() >= entry.expiresAt) {
      this.expire(decoded.nonce);
      return ignored('expired');
    }
    if (params.state !== entry.state) {
      // Right nonce, altered rest (e.g. a different relay target): not ours to trust; keep waiting.
      return ignored('stateMismatch');
    }
    const settle = this.settle(decoded.nonce, entry);
    if (params.error === 'access_denied' || (!params.error && !params.code)) {
      settle.reject(new AuthorizationDeniedError(entry.serviceLabel, params.errorDescription));
    } else if (params.error) {
      // Text from the callback address: one line, escaped and clipped like any service text.
      const error = userFacingText(params.error, undefined, 100);
      const detail = params.errorDescription ? `${error}: ${userFacingText(params.errorDescription)}` : error;
      settle.reject(new SignInCallbackError(`${entry.serviceLabel} did not authorize SignDesk (${detail}).`, { errorName: params.error }));
    } else {
      settle.resolve({ code: params.code as string, state: params.state });
    }
    return { accepted: true };
  }

  /** Ends a waiting attempt (user cancel, timeout, a newer attempt). No-op once it has settled. */
  cancel(nonce: string, error: Error = new SignInCancelledError()): void {
    const entry = this.pendingAttempts.get(nonce);
    if (entry) {
      this.settle(nonce, entry).reject(error);
    }
  }

  /** Ends a waiting attempt as timed out. */
  expire(nonce: string): void {
    const entry = this.pendingAttempts.get(nonce);
    if (entry) {
      this.cancel(nonce, new SignInTimedOutError(Math.max(1, Math.round(entry.ttlMs / 60_000))));
    }
  }

  private settle(nonce: string, entry: Entry): Entry {
    this.pendingAttempts.delete(nonce);
    this.settledNonces.set(nonce, entry.expiresAt);
    return entry;
  }

  private forgetOldSettled(): void {
    const now = this.clock.now();
    for (const [nonce, expiresAt] of this.settledNonces) {
      if (expiresAt <= now) {
        this.settledNonces.delete(nonce);
      }
    }
  }
}
