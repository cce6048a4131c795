// Waiting for a retry: `ms` on `timers`, or a CancelledError as soon as `signal` aborts.
import { systemTimers, type Timers } from './clock';
import { CancelledError } from './errors';

export function waitFor(ms: number, signal: AbortSignal | undefined, timers: Timers = systemTimers): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CancelledError());
      return;
    }
    // The abort may come while the timer is being set (before its handle exists).
    const timer: { handle?: unknown; aborted?: boolean } = {};
    const onAbort = (): void => {
      timer.aborted = true;
      if (timer.handle !== undefined) timers.clearTimeout(timer.handle);
      reject(new CancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    timer.handle = timers.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      if (!timer.aborted) resolve();
    }, ms);
    if (timer.aborted) timers.clearTimeout(timer.handle);
  });
}
