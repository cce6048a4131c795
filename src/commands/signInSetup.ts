// Builds the sign-in side of SignDesk (app credentials, pending attempts, the flow, the account check,
// the commands and the callback route) so the composition root calls this once.
import * as vscode from 'vscode';
import type { AppCredentials } from '../auth/appCredentials';
import type { CallbackRouter } from '../auth/callbackRouter';
import { dropboxSignAccountSetup } from '../auth/dropboxSignAccountSetup';
import { PendingSignIns } from '../auth/pendingSignIns';
import type { SessionStoreApi, StoredSession } from '../auth/session';
import { SignInFlow } from '../auth/signInFlow';
import type { Clock } from '../core/clock';
import type { HttpClient } from '../core/http';
import type { Logger, SecretRegistry } from '../core/log';
import { DropboxSignApi } from '../providers/dropboxSign/apiClient';
import { tokenOrigins, type DropboxSignSettings } from '../providers/dropboxSign/endpoints';
import { mapAccount } from '../providers/dropboxSign/mapping';
import { DropboxSignOAuthClient } from '../providers/dropboxSign/oauthClient';
import { registerConfigureAppCommand } from './session/configureApp';
import { asExternalUriString, extensionCallbackUri, registerSignInCommands } from './session/signIn';
import { CONTEXT_KEYS } from '../views/ids';

/** True while a sign-in attempt is in progress (Cancel Waiting for Authorization can act). */
export const CONTEXT_SIGN_IN_PENDING = CONTEXT_KEYS.signInPending;
/** True while a manual-mode attempt waits for the pasted address (Complete Authorization… can act). */
export const CONTEXT_WAITING_FOR_PASTE = CONTEXT_KEYS.signInWaitingForPaste;

export interface SignInSetupDeps {
  context: vscode.ExtensionContext;
  log: Logger;
  secretRegistry: SecretRegistry;
  clock: Clock;
  http: HttpClient;
  dropboxSignSettings: () => DropboxSignSettings;
  sessions: Pick<SessionStoreApi, 'save'>;
  /** The app's client ID (setting), client secret and API key (secret storage). */
  credentials: AppCredentials;
  router: CallbackRouter;
  showLog(): void;
  /** Told when an attempt starts and ends (the status bar's "signing in" state). */
  onSigningIn?(inProgress: boolean): void;
  /** The account SignDesk works with now (Sign In asks before adding another). */
  currentSession?(): Promise<StoredSession | undefined>;
}

export interface SignInServices {
  flow: SignInFlow;
  credentials: AppCredentials;
  /** The interactive sign-in; resolves with the saved session, rejects when it did not complete. */
  signIn(): Promise<StoredSession>;
}

export function setUpSignIn(deps: SignInSetupDeps): SignInServices {
  const { context, log, clock } = deps;
  const credentials = deps.credentials;
  const api = new DropboxSignApi(deps.http, deps.dropboxSignSettings);
  const callbackUri = extensionCallbackUri(context.extension.id);
  const flow = new SignInFlow({
    service: 'dropboxSign',
    serviceLabel: 'Dropbox Sign',
    env: {
      callbackUri,
      asExternalUri: asExternalUriString,
      // Passed as a string on purpose: the extension host then opens exactly this text. A vscode.Uri
      // would decode and re-encode the query (redirect_uri holds a URL with its own `?`/`&`) and break it.
      openExternal: async (url) => vscode.env.openExternal(url as unknown as vscode.Uri),
    },
    pending: new PendingSignIns(clock),
    oauth: new DropboxSignOAuthClient(deps.http, deps.dropboxSignSettings, clock, deps.secretRegistry),
    getAccount: async (token, signal) => mapAccount((await api.getAccount(token, signal)).account),
    sessions: deps.sessions,
    secrets: deps.secretRegistry,
    log,
    clock,
  });
  // Cancel Waiting for Authorization and Complete Authorization… are offered (palette) only while they can act.
  let signingIn = false;
  let waitingForPaste = false;
  context.subscriptions.push(
    flow.onDidChangeState((state) => {
      if (state.signingIn !== signingIn) {
        signingIn = state.signingIn;
        void vscode.commands.executeCommand('setContext', CONTEXT_SIGN_IN_PENDING, signingIn);
        deps.onSigningIn?.(signingIn);
      }
      if (state.waitingForPaste !== waitingForPaste) {
        waitingForPaste = state.waitingForPaste;
        void vscode.commands.executeCommand('setContext', CONTEXT_WAITING_FOR_PASTE, waitingForPaste);
      }
    }) as vscode.Disposable,
  );
  const commands = registerSignInCommands({
    flow,
    credentials,
    accountSetup: { service: 'dropboxSign', api: dropboxSignAccountSetup(api, clock, () => tokenOrigins(deps.dropboxSignSettings())), sessions: deps.sessions, secrets: deps.secretRegistry, log, clock },
    router: deps.router,
    log,
    showLog: deps.showLog,
    currentSession: deps.currentSession,
  });
  context.subscriptions.push(...commands.disposables);
  context.subscriptions.push(registerConfigureAppCommand({ credentials, callbackUri, extensionUri: context.extensionUri, log, showLog: deps.showLog }));
  return { flow, credentials, signIn: commands.signIn };
}
