// Registers the action commands on signature requests: send, remind, cancel, download. The composition
// root calls setUpActionCommands once with every signature service; each command acts for the service of
// the node it was invoked on (routeAction), or asks which when several are signed in.
import * as vscode from 'vscode';
import type { AccountKey } from '../../auth/session';
import { AuthError } from '../../core/errors';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/log';
import type { ActionDeps, RequestsUpdater, WithToken } from './deps';
import { cancelRequest, registerCancelCommand } from './cancel';
import { DOWNLOAD_COMMANDS, downloadFiles, registerDownloadCommands } from './download';
import { showActionError } from './errorUi';
import { pickService } from './pickers';
import { registerRemindCommand, remindSigner } from './remind';
import { SendDeps, registerSendCommand, sendForSignature } from './send';
import { routeAction } from './targets';
import { COMMANDS } from '../../views/ids';
import { readTestModeDefault } from '../../runtime/settings';

export type { ActionDeps, RequestsUpdater, WithToken } from './deps';
export type { SendDeps } from './send';

export { ACTION_COMMANDS } from './deps';

export function registerActionCommands(deps: SendDeps): vscode.Disposable[] {
  return [registerSendCommand(deps), registerRemindCommand(deps), registerCancelCommand(deps), ...registerDownloadCommands(deps)];
}

/** One signature service the actions can act for: its client, name and rules, its requests and its account. */
export interface ActionService {
  /** The service's id (ServiceDefinition.id): tree nodes name it, `{ service }` arguments too. */
  id: string;
  service: ActionDeps['service'];
  definition: ActionDeps['definition'];
  /** That service's part of the requests view (its RequestsModel). */
  requests: RequestsUpdater;
  /** The account this window works with at that service (ActiveSession.forService(id).current). */
  current(): Promise<(AccountKey & { status?: string }) | undefined>;
}

export interface ActionSetupDeps {
  context: vscode.ExtensionContext;
  log: Logger;
  clock: Clock;
  /** Every signature service, in the order of the service list (at least one). */
  services: readonly ActionService[];
  /** TokenManager (SessionServices.tokens): each service's calls run with its own account's token. */
  tokens: { withToken<T>(account: AccountKey, call: (accessToken: string) => Promise<T>): Promise<T> };
  /** A send succeeded. */
  onSent?(): void;
}

/** Tokens of whichever account this window uses at the time of the call. */
export function currentAccountTokens(
  sessions: { tokens: ActionSetupDeps['tokens']; active: { current(): Promise<AccountKey | undefined> } },
  label: string,
): WithToken {
  return async (call) => {
    const account = await sessions.active.current();
    if (!account) {
      throw new AuthError(`You are not signed in to ${label}. Sign in first.`, { errorName: 'not_signed_in' });
    }
    return sessions.tokens.withToken(account, call);
  };
}

export function setUpActionCommands(deps: ActionSetupDeps): void {
  const byId = new Map<string, SendDeps>();
  const depsOf = (entry: ActionService): SendDeps => {
    let found = byId.get(entry.id);
    if (!found) {
      const rules = entry.definition.signatures.rules;
      found = {
        service: entry.service,
        definition: entry.definition,
        withToken: currentAccountTokens({ tokens: deps.tokens, active: entry }, entry.definition.label),
        requests: entry.requests,
        log: deps.log,
        clock: deps.clock,
        extensionUri: deps.context.extensionUri,
        // A service without test mode never sends in it, whatever the setting says.
        testModeDefault: () => rules.supportsTestMode && readTestModeDefault(),
        isSignedIn: async () => (await entry.current()) !== undefined,
        onSent: deps.onSent,
      };
      byId.set(entry.id, found);
    }
    return found;
  };
  /** Runs an action for the service its argument belongs to (asking which, when several could). */
  const routed =
    (placeHolder: string, run: (actionDeps: SendDeps, ...args: unknown[]) => unknown) =>
    async (...args: unknown[]): Promise<void> => {
      const entry = await routeAction(deps.services, args[0], (candidates) => pickService(candidates, placeHolder));
      if (entry) await run(depsOf(entry), ...args);
    };
  deps.context.subscriptions.push(
    vscode.commands.registerCommand(
      COMMANDS.send,
      routed('Which service should send the document for signature?', async (send, target, selected) => {
        try {
          await sendForSignature(send, target, selected);
        } catch (error) {
          await showActionError(send, error, 'send', { subject: 'the document' });
        }
      }),
    ),
    vscode.commands.registerCommand(COMMANDS.remindSigner, routed('Which service’s signer should get a reminder?', (d, arg) => remindSigner(d, arg))),
    vscode.commands.registerCommand(COMMANDS.cancelRequest, routed('Which service’s request should be canceled?', (d, arg) => cancelRequest(d, arg))),
    ...(['pdf', 'zip'] as const).map((format) =>
      vscode.commands.registerCommand(
        DOWNLOAD_COMMANDS[format],
        routed(`Which service’s request should be downloaded as ${format.toUpperCase()}?`, (d, arg) => {
          if (!d.definition.signatures.rules.downloadFormats.includes(format)) {
            void vscode.window.showInformationMessage(`${d.definition.label} does not offer downloads as ${format.toUpperCase()}.`);
            return;
          }
          return downloadFiles(d, format, arg);
        }),
      ),
    ),
  );
}
