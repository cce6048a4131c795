// Builds the sign-in side of SignDesk (app credentials, pending attempts, the flow, the account check,
// the commands and the callback route) so the composition root calls this once.
import * as vscode from 'vscode';
import { AppCredentials } from '../auth/appCredentials';
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
import { registerConfigureAppCommand } from './configureApp';
import { asExternalUriString, extensionCallbackUri, registerSignInCommands } from './signIn';
import { readClientId } from './signInSettings';

export interface SignInSetupDeps {
  context: vscode.ExtensionContext;
  log: Logger;
  secretRegistry: SecretRegistry;
  clock: Clock;
  http: HttpClient;
  dropboxSignSettings: () => DropboxSignSettings;
  sessions: Pick<SessionStoreApi, 'save'>;
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
  const credentials = new AppCredentials(context.secrets, readClientId, deps.secretRegistry);
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
  if (deps.onSigningIn) {
    const notify = deps.onSigningIn;
    context.subscriptions.push(flow.onDidChangeState((state) => notify(state.signingIn)) as vscode.Disposable);
  }
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
  context.subscriptions.push(registerConfigureAppCommand({ credentials, callbackUri, log, showLog: deps.showLog }));
  return { flow, credentials, signIn: commands.signIn };
}
