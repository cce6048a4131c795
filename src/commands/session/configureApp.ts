import * as vscode from 'vscode';
import type { AppCredentials } from '../../auth/appCredentials';
import { callbackToRegister, directModeCannotWork, HOST_THE_RELAY_PAGE, relayUrlProblem } from '../../auth/redirectStrategy';
import type { Logger } from '../../core/log';
import type { ServiceDefinition } from '../../model/service';
import { redirectHere } from './callbackUrl';
import { pickService } from './pickService';
import { signInFailureMessage } from './messages';
import { errorNotice } from '../notice';
import { showError } from '../notices';
import { readRedirectConfig, writeRedirectSetting } from '../../runtime/settings';
import { settingsSection } from '../../model/serviceSettings';
import { COMMANDS, VSCODE_COMMANDS } from '../../views/ids';

// SignDesk: Configure <service> App — the client id (a setting), the client secret and the optional
// API key (SecretStorage, password inputs), then the exact callback URL to register for the redirect mode
// (and, where `direct` cannot work, the offer to switch to `relay`).

/** One service's app as Configure App sees it. */
export interface ConfigureTarget {
  definition: Pick<ServiceDefinition, 'id' | 'label' | 'oauth' | 'accountSetup'>;
  credentials: AppCredentials;
}

export interface ConfigureAppDeps {
  /** Every service; without a `{ service }` argument the command asks which one (when there are several). */
  targets: readonly ConfigureTarget[];
  /** `<uriScheme>://signdesk.signdesk/callback`. */
  callbackUri: string;
  /** The extension's folder (the relay page guide, media/oauth-relay.md). */
  extensionUri: vscode.Uri;
  log: Logger;
}

/** The deps of one run: the service being configured, and its redirect settings. */
interface RunDeps extends ConfigureAppDeps {
  target: ConfigureTarget;
}

const titleOf = (deps: RunDeps): string => `Configure ${deps.target.definition.label} App`;
const redirectOf = (deps: RunDeps) => readRedirectConfig(deps.target.definition);
/** Where the redirect mode is written: the service's own setting, or the shared one. */
const redirectSectionOf = (deps: RunDeps): string =>
  deps.target.definition.oauth.ownRedirectSetting ? settingsSection(deps.target.definition.id) : 'signdesk.oauth';
/** Sign In for the service configured (the first service's Sign In needs no argument). */
const signInFor = (deps: RunDeps) => vscode.commands.executeCommand(COMMANDS.signIn, { service: deps.target.definition.id });

/** The service asked for; else the user's pick among all (undefined: dismissed). */
function chooseTarget(deps: ConfigureAppDeps, service: unknown): Promise<ConfigureTarget | undefined> {
  const asked = deps.targets.find((t) => t.definition.id === service);
  if (asked) return Promise.resolve(asked);
  return pickService(deps.targets, { title: 'Configure App', placeHolder: "Which service's app do you want to configure?" });
}

export function registerConfigureAppCommand(deps: ConfigureAppDeps): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.configureApp, async (options?: { service?: unknown }) => {
    const target = await chooseTarget(deps, options?.service);
    if (!target) return;
    try {
      await configure({ ...deps, target });
    } catch (error) {
      await showError(
        error,
        (e) => {
          const message = signInFailureMessage(e, Date.now, target.definition.label);
          return message && errorNotice(message.text, ['Show Log']);
        },
        { log: { logger: deps.log, message: 'Configure app failed', level: 'warn' } },
      );
    }
  });
}

async function configure(deps: RunDeps): Promise<void> {
  const { credentials, definition } = deps.target;
  const label = definition.label;
  // A public client (PKCE, e.g. Dropbox) has no secret to store; the API key step only where the service
  // can check or create accounts with it.
  const asksSecret = definition.oauth.clientSecret !== 'none';
  const asksApiKey = definition.accountSetup !== undefined;
  const steps = 1 + Number(asksSecret) + Number(asksApiKey);
  const TITLE = titleOf(deps);
  const title = (step: number) => (steps > 1 ? `${TITLE} (${step}/${steps})` : TITLE);
  const clientId = await vscode.window.showInputBox({
    title: title(1),
    prompt: `${
      asksSecret
        ? `Client ID of your ${label} API app.`
        : `App key (client ID) of your ${label} app. SignDesk signs in with PKCE, so no app secret is needed or stored.`
    } It is stored in the setting ${settingsSection(definition.id)}.clientId.`,
    value: credentials.clientId() ?? '',
    ignoreFocusOut: true,
    validateInput: (value) => (/^[A-Za-z0-9_-]+$/.test(value.trim()) ? undefined : `Enter the ${asksSecret ? 'client ID' : 'app key'} (letters, digits, - and _).`),
  });
  if (clientId === undefined) return;
  await credentials.setClientId(clientId);
  if (asksSecret && !(await askSecret(credentials, title(2)))) return;
  if (asksApiKey && !(await askApiKey(credentials, title(steps), label))) return;
  deps.log.info(asksSecret ? 'Configure app: client ID and secrets updated.' : `Configure app: ${label} app key updated.`);
  // Not awaited: the command finishes while the dialog stays up (callers such as tests go on).
  void showCallbackToRegister(deps).catch((error: unknown) => deps.log.warn('Configure app: the last step failed', error));
}

/** False when the user pressed Escape. */
async function askSecret(credentials: AppCredentials, title: string): Promise<boolean> {
  const hasSecret = (await credentials.clientSecret()) !== undefined;
  const secret = await vscode.window.showInputBox({
    title,
    prompt: `Client secret of the app.${hasSecret ? ' A secret is already stored: leave this empty to keep it.' : ''} Kept in VS Code's secret storage, never in settings.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (hasSecret || value.trim() !== '' ? undefined : 'The client secret is required.'),
  });
  return storeUnlessEmpty(secret, (value) => credentials.setClientSecret(value));
}

/** False when the user pressed Escape. */
async function askApiKey(credentials: AppCredentials, title: string, label: string): Promise<boolean> {
  const hasKey = (await credentials.apiKey()) !== undefined;
  if (hasKey) {
    const keep = 'Keep the stored API key';
    const replace = 'Replace the API key…';
    const remove = 'Remove the API key';
    const pick = await vscode.window.showQuickPick([keep, replace, remove], {
      title,
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
    title,
    prompt:
      `Optional: the API key of the app's ${label} account, so Sign In can check (or create) the account for an email first. Leave empty to skip.`,
    password: true,
    ignoreFocusOut: true,
  });
  return storeUnlessEmpty(key, (value) => credentials.setApiKey(value));
}

/** False when the user pressed Escape; an empty answer keeps what is stored. */
async function storeUnlessEmpty(answer: string | undefined, store: (value: string) => Promise<void>): Promise<boolean> {
  if (answer === undefined) return false;
  if (answer.trim() !== '') await store(answer);
  return true;
}

/**
 * The last step: the callback URL to register, in a modal dialog so it stays until the user copies it
 * (a notification would hide itself after a few seconds). In `direct` mode where that cannot work (a
 * browser, a VS Code server) it first says why and offers the relay mode.
 */
async function showCallbackToRegister(deps: RunDeps): Promise<void> {
  const label = deps.target.definition.label;
  let { config, mode, external } = await redirectHere(deps.target.definition, deps.callbackUri);
  if (mode === 'direct' && directModeCannotWork(external, vscode.env.uiKind === vscode.UIKind.Web)) {
    if (!(await offerRelayMode(deps))) return;
    ({ config, mode, external } = await redirectHere(deps.target.definition, deps.callbackUri));
  }
  // Without a redirect address a public client's service (Dropbox) shows a code to paste: nothing to register.
  const target =
    mode === 'manual' && deps.target.definition.oauth.clientSecret === 'none'
      ? { url: undefined, explanation: `nothing to register. ${label} shows a code after you allow SignDesk; paste it into "SignDesk: Complete Authorization…".` }
      : callbackToRegister(mode, config, external);
  const copy = 'Copy Callback URL';
  const signIn = 'Sign In';
  const actions = target.url ? [copy, signIn] : [signIn];
  const text = target.url
    ? `Register this OAuth callback URL in your ${label} app's settings (redirect mode "${mode}"): ${target.url}`
    : `Redirect mode "${mode}": ${target.explanation}`;
  const choice = await vscode.window.showInformationMessage(text, { modal: true, detail: target.url ? target.explanation : undefined }, ...actions);
  if (choice === copy && target.url) {
    await vscode.env.clipboard.writeText(target.url);
    const next = await vscode.window.showInformationMessage(`Callback URL copied. Register it in your ${label} app's settings, then sign in.`, signIn);
    if (next === signIn) await signInFor(deps);
  } else if (choice === signIn) {
    await signInFor(deps);
  }
}

const SWITCH_TO_RELAY = 'Switch to Relay Mode';
const OPEN_RELAY_GUIDE = 'Open the Relay Page Guide';

/** Explains why `direct` cannot work here; true once the user switched to `relay` (with a relay URL). */
async function offerRelayMode(deps: RunDeps): Promise<boolean> {
  const label = deps.target.definition.label;
  const choice = await vscode.window.showWarningMessage(
    'The "direct" redirect mode cannot work in this VS Code.',
    {
      modal: true,
      detail:
        `${label} returns only to the one callback URL registered for your app, and in a browser or on a VS Code server the address VS Code listens on changes with every sign-in. ` +
        `In the relay mode ${label} returns to a small page you host over https (SignDesk's media/oauth-relay.html), which hands the sign-in to VS Code; it works everywhere.`,
    },
    SWITCH_TO_RELAY,
  );
  if (choice !== SWITCH_TO_RELAY) return false;
  await writeRedirectSetting(redirectSectionOf(deps), 'redirect', 'relay');
  deps.log.info('Configure app: switched the redirect mode to relay.');
  if (redirectOf(deps).relayUrl) return true;
  const relayUrl = await vscode.window.showInputBox({
    title: `${titleOf(deps)}: relay page`,
    prompt: "The https address where you host SignDesk's media/oauth-relay.html (e.g. on GitHub Pages). Press Escape if you have not hosted it yet.",
    placeHolder: 'https://you.github.io/signdesk-relay/oauth-relay.html',
    ignoreFocusOut: true,
    validateInput: (value) => {
      const problem = value.trim() === '' ? undefined : relayUrlProblem(value.trim());
      return problem ? `This address cannot be used: ${problem}.` : undefined;
    },
  });
  if (relayUrl?.trim()) {
    await writeRedirectSetting('signdesk.oauth', 'relayUrl', relayUrl.trim());
    return true;
  }
  const guide = await vscode.window.showInformationMessage(
    'Relay mode is on. Host the relay page, then set its address.',
    { modal: true, detail: HOST_THE_RELAY_PAGE },
    OPEN_RELAY_GUIDE,
  );
  if (guide === OPEN_RELAY_GUIDE) {
    await vscode.commands.executeCommand(VSCODE_COMMANDS.markdownPreview, vscode.Uri.joinPath(deps.extensionUri, 'media', 'oauth-relay.md'));
  }
  return false;
}
