// The Getting Started walkthrough's last step ("send a first test-mode request") completes on the context
// key `signdesk.requestSent`. SignDesk sets it when a send succeeds and remembers that (global state), so
// the key is there again in the next window and the step never goes back to "not done". VS Code-free.

import { CONTEXT_KEYS } from '../../views/ids';

export const CONTEXT_REQUEST_SENT = CONTEXT_KEYS.requestSent;
/** The global-state key that remembers it (the same name as the context key). */
const STATE_KEY = 'signdesk.requestSent';

export interface FirstRequestSentDeps {
  /** context.globalState. */
  state: { get<T>(key: string): T | undefined; update(key: string, value: unknown): Thenable<void> };
  /** vscode's setContext. */
  setContext(key: string, value: boolean): unknown;
}

export class FirstRequestSent {
  private sent: boolean;

  constructor(private readonly deps: FirstRequestSentDeps) {
    this.sent = deps.state.get<boolean>(STATE_KEY) === true;
    void deps.setContext(CONTEXT_REQUEST_SENT, this.sent);
  }

  /** A send succeeded. */
  async noteSent(): Promise<void> {
    if (this.sent) return;
    this.sent = true;
    void this.deps.setContext(CONTEXT_REQUEST_SENT, true);
    await this.deps.state.update(STATE_KEY, true);
  }
}
