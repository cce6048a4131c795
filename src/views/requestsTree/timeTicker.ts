// Rows say "5 min ago": while the view is visible, redraw them once a minute so that stays true.
// Hidden views cost nothing. VS Code-free (timers injected) so plain mocha tests it.
import { systemTimers, type Timers } from '../../model/requestsAutoRefresh';

export const RELATIVE_TIME_REDRAW_MS = 60_000;

export class RelativeTimeTicker {
  private pendingTimer: unknown;

  constructor(
    private readonly redraw: () => void,
    private readonly timers: Timers = systemTimers,
    private readonly everyMs = RELATIVE_TIME_REDRAW_MS,
  ) {}

  setVisible(visible: boolean): void {
    if (!visible) {
      this.stop();
    } else if (this.pendingTimer === undefined) {
      this.schedule();
    }
  }

  dispose(): void {
    this.stop();
  }

  private schedule(): void {
    this.pendingTimer = this.timers.setTimeout(() => {
      this.pendingTimer = undefined;
      this.redraw();
      this.schedule();
    }, this.everyMs);
  }

  private stop(): void {
    if (this.pendingTimer !== undefined) {
      this.timers.clearTimeout(this.pendingTimer);
      this.pendingTimer = undefined;
    }
  }
}
