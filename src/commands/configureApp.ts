import * as vscode from 'vscode';
import type { AppCredentials } from '../auth/appCredentials';
import { callbackToRegister, resolveRedirectMode } from '../auth/redirectStrategy';
import type { Logger } from '../core/log';
import { asExternalUriString, CONFIGURE_APP_COMMAND, copyCallbackUrl, SIGN_IN_COMMAND } from './signIn';
import { signInFailureMessage } from './signInMessages';
import { readClientId, readRedirectConfig, writeClientId } from './signInSettings';

// SignDesk: Configure Dropbox Sign App — the client id (a setting), the client secret and the optional
// API key (SecretStorage, password inputs), then the exact callback URL to register for the redirect mode.

export interface ConfigureAppDeps {
  credentials: AppCredentials;
  /** `<uriScheme>://signdesk.signdesk/callback`. */
  callbackUri: string;
  log: Logger;
  showLog(): void;
}

const TITLE = 'Configure Dropbox Sign App';

export function registerConfigureAppCommand(deps: ConfigureAppDeps): vscode.Disposable {
  return vscode.commands.registerCommand(CONFIGURE_APP_COMMAND, async () => {
    try {
      await configure(deps);
    } catch (error) {
      deps.log.warn('Configure app failed', error);
      const message = signInFailureMessage(error);
      if (message) {
        const choice = await vscode.window.showErrorMessage(message.text, 'Show Log');
        if (choice === 'Show Log') deps.showLog();
      }
    }
  });
}

async function configure(deps: ConfigureAppDeps): Promise<void> {
  const { credentials } = deps;
  const clientId = await vscode.window.showInputBox({
    title: `${TITLE} (1/3)`,
    prompt: "Client ID of your Dropbox Sign API app (Dropbox Sign → API → API apps). It is stored in the setting signdesk.dropboxSign.clientId.",
    value: readClientId() ?? '',
    ignoreFocusOut: true,
    validateInput: (value) => (/^[A-Za-z0-9_-]+$/.test(value.trim()) ? undefined : 'Enter the client ID (letters, digits, - and _).'),
  });
  if (clientId === undefined) return;
  await writeClientId(clientId);

  const hasSecret = (await credentials.clientSecret()) !== undefined;
  const secret = await vscode.window.showInputBox({
    title: `${TITLE} (2/3)`,
    prompt: hasSecret
      ? "Client secret of the app. A secret is already stored: leave this empty to keep it. Kept in VS Code's secret storage, never in settings."
      : "Client secret of the app. Kept in VS Code's secret storage, never in settings.",
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (hasSecret || value.trim() !== '' ? undefined : 'The client secret is required.'),
  });
  if (secret === undefined) return;
  if (secret.trim() !== '') await credentials.setClientSecret(secret);

  if (!(await askApiKey(credentials))) return;
  deps.log.info('Configure app: client ID and secrets updated.');
  await showCallbackToRegister(deps.callbackUri);
}

/** False when the user pressed Escape. */
async function askApiKey(credentials: AppCredentials): Promise<boolean> {
  const hasKey = (await credentials.apiKey()) !== undefined;
  if (hasKey) {
    const keep = 'Keep the stored API key';
    const replace = 'Replace the API key…';
    const remove = 'Remove the API key';
    const pick = await vscode.window.showQuickPick([keep, replace, remove], {
      title: `${TITLE} (3/3)`,
      placeHolder: "The app's API key lets Sign In check (or create) the account for an email first.",
      ignoreFocusOut: true,
    });
    if (pick === undefined) return false;
    if (pick === keep) return true;
    if (pick === remove) {
      await credentials.deleteApiKey();
      return true;
    }
  }
  const key = await vscode.window.showInputBox({
    title: `${TITLE} (3/3)`,
    prompt:
      "Optional: the API key of the app's Dropbox Sign account, so Sign In can check (or create) the account for an email first. Leave empty to skip.",
    password: true,
    ignoreFocusOut: true,
  });
  if (key === undefined) return false;
  if (key.trim() !== '') await credentials.setApiKey(key);
  return true;
}

async function showCallbackToRegister(callbackUri: string): Promise<void> {
  const config = readRedirectConfig();
  const mode = resolveRedirectMode(config);
  const needsExternal = mode === 'direct';
  const external = needsExternal ? await asExternalUriString(callbackUri) : callbackUri;
  const target = callbackToRegister(mode, config, external);
  const copy = 'Copy Callback URL';
  const signIn = 'Sign In';
  const actions = target.url ? [copy, signIn] : [signIn];
  const text = target.url
    ? `Register this OAuth callback URL in your Dropbox Sign app's settings (redirect mode "${mode}"): ${target.url}. ${target.explanation}`
    : `Redirect mode "${mode}": ${target.explanation}`;
  // Not awaited: the command finishes while the message stays up (tests and other callers go on).
  void Promise.resolve(vscode.window.showInformationMessage(text, ...actions)).then(async (choice) => {
    if (choice === copy) {
      await copyCallbackUrl(target.url);
    } else if (choice === signIn) {
      await vscode.commands.executeCommand(SIGN_IN_COMMAND);
    }
  });
}
