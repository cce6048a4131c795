// Time as a dependency, so expiry and rate-limit logic is testable without waiting.
export interface Clock {
  /** Milliseconds since the epoch, like Date.now(). */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
