// A 429 that does not say when to come back (signNow sends no rate-limit headers at all) gets SignDesk's own
// schedule, as a decorator over HttpClient:
// - a GET (a read: repeating it changes nothing) waits and tries again, a few times with growing pauses;
//   still refused, it fails with a RateLimitError whose `resetAt` is a cool-down that doubles with each
//   such failure in a row (until an answer gets through), so the list and its auto refresh wait that long;
// - a POST/PUT/DELETE is never repeated (the server may have acted on it): it fails at once, with the
//   current cool-down as `resetAt` so the message can say when to try again;
// - a 429 that does carry a reset time is passed on untouched: the service's word wins.
import { systemClock, systemTimers, type Clock, type Timers } from './clock';
import { RateLimitError } from './errors';
import type { HttpClient, HttpRequest, HttpResponse } from './http';
import { noopLogger, type Logger } from './log';
import { waitFor } from './wait';

/** Pauses before each repeat of a read refused with a bare 429. */
export const READ_RETRY_PAUSES_MS: readonly number[] = [1000, 2000, 4000];
/** The first cool-down after the repeats are spent; doubled per failure in a row, up to the cap. */
export const COOL_DOWN_MS = 15_000;
export const MAX_COOL_DOWN_MS = 120_000;

export interface ReadBackoffOptions {
  clock?: Clock;
  timers?: Timers;
  log?: Logger;
  pausesMs?: readonly number[];
}

function bare429(error: unknown): error is RateLimitError {
  return error instanceof RateLimitError && error.resetAt === undefined;
}

export function backOffBare429(inner: HttpClient, options: ReadBackoffOptions = {}): HttpClient {
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? systemTimers;
  const log = options.log ?? noopLogger;
  const pauses = options.pausesMs ?? READ_RETRY_PAUSES_MS;
  /** Reads that gave up in a row; an answer that gets through ends the run. */
  let failuresInARow = 0;

  const coolDownUntil = (): Date => new Date(clock.now() + Math.min(COOL_DOWN_MS * 2 ** Math.max(0, failuresInARow - 1), MAX_COOL_DOWN_MS));
  const withReset = (error: RateLimitError): RateLimitError =>
    new RateLimitError(error.message, { status: error.status, errorName: error.errorName, limit: error.limit, remaining: error.remaining, resetAt: coolDownUntil(), cause: error });

  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      for (let attempt = 0; ; attempt++) {
        try {
          const response = await inner.request(req);
          failuresInARow = 0;
          return response;
        } catch (error) {
          if (!bare429(error)) {
            throw error;
          }
          if (req.method !== 'GET') {
            throw withReset(error);
          }
          if (attempt >= pauses.length) {
            failuresInARow++;
            const failed = withReset(error);
            log.info(`Still asked to slow down after ${pauses.length} tries; not reading again before ${failed.resetAt!.toISOString()}`);
            throw failed;
          }
          log.info(`Asked to slow down without a time to come back; reading again in ${pauses[attempt]} ms`);
          await waitFor(pauses[attempt], req.signal, timers);
        }
      }
    },
  };
}
