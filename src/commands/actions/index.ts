// Registers the action commands on signature requests: send, remind, cancel, download. The composition
// root calls setUpActionCommands once with the services it already built.
import * as vscode from 'vscode';
import type { AccountKey } from '../../auth/session';
import { AuthError } from '../../core/errors';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/log';
import type { ActionDeps, RequestsUpdater, WithToken } from './deps';
import { registerCancelCommand } from './cancel';
import { registerDownloadCommands } from './download';
import { registerRemindCommand } from './remind';
import { SendDeps, registerSendCommand } from './send';
import { COMMANDS } from '../../views/ids';

export type { ActionDeps, RequestsUpdater, WithToken } from './deps';
export type { SendDeps } from './send';

export { ACTION_COMMANDS } from './deps';

export function registerActionCommands(deps: SendDeps): vscode.Disposable[] {
  return [registerSendCommand(deps), registerRemindCommand(deps), registerCancelCommand(deps), ...registerDownloadCommands(deps)];
}

export interface ActionSetupDeps {
  context: vscode.ExtensionContext;
  log: Logger;
  clock: Clock;
  service: ActionDeps['service'];
  definition: ActionDeps['definition'];
  /** TokenManager and ActiveSession (SessionServices.tokens / .active). */
  sessions: {
    tokens: { withToken<T>(account: AccountKey, call: (accessToken: string) => Promise<T>): Promise<T> };
    active: { current(): Promise<AccountKey | undefined> };
  };
  /** The requests view's model (RequestsView.model). */
  requests: RequestsUpdater;
  signInCommand?: string;
  /** A send succeeded. */
  onSent?(): void;
}

/** Tokens of whichever account this window uses at the time of the call. */
export function currentAccountTokens(sessions: ActionSetupDeps['sessions'], label: string): WithToken {
  return async (call) => {
    const account = await sessions.active.current();
    if (!account) {
      throw new AuthError(`You are not signed in to ${label}. Sign in first.`, { errorName: 'not_signed_in' });
    }
    return sessions.tokens.withToken(account, call);
  };
}

export function setUpActionCommands(deps: ActionSetupDeps): void {
  deps.context.subscriptions.push(
    ...registerActionCommands({
      service: deps.service,
      definition: deps.definition,
      withToken: currentAccountTokens(deps.sessions, deps.definition.label),
      requests: deps.requests,
      log: deps.log,
      clock: deps.clock,
      signInCommand: deps.signInCommand ?? COMMANDS.signIn,
      extensionUri: deps.context.extensionUri,
      testModeDefault: () => vscode.workspace.getConfiguration('signdesk').get<boolean>('testMode', true),
      isSignedIn: async () => (await deps.sessions.active.current()) !== undefined,
      onSent: deps.onSent,
    }),
  );
}
