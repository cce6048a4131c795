// One service's runtime, built from its definition: its HTTP client (its error reader, its rate-limit
// observer), its OAuth client and capabilities from the definition's factories, the user's app credentials
// under its keys, its sign-in flow (on the pending set all services share) and its Accounts menu provider.
// Everything above (commands, views) reaches a service only through this.
import * as vscode from 'vscode';
import { AppCredentials } from '../auth/appCredentials';
import type { PendingSignIns } from '../auth/pendingSignIns';
import type { Event, SessionStoreApi, StoredSession } from '../auth/session';
import { SignInFlow, type SignInEnvironment } from '../auth/signInFlow';
import type { TokenManager } from '../auth/tokenManager';
import type { Clock } from '../core/clock';
import { CancelledError } from '../core/errors';
import { FetchHttpClient } from '../core/fetchHttpClient';
import type { HttpClient, RateLimitInfo } from '../core/http';
import { deferredMethods } from '../core/onFirstCall';
import type { Logger, SecretRegistry } from '../core/log';
import { observeRateLimits } from '../core/rateLimitObserver';
import type { FileService } from '../model/files';
import type { AccountSetupService, OAuthClient, ServiceContext, ServiceDefinition, SignatureService } from '../model/service';
import { tokenOrigins, type ServiceSettings } from '../model/serviceSettings';
import type { TokenOrigins, TokenSet } from '../model/tokens';
import { watchAppSetup } from './appSetupWatch';
import { registerServiceAuthProvider, type ServiceAuthProvider } from './authProvider';
import { clientIdSetting, readServiceSettings } from './settings';

export interface ServiceRuntime {
  readonly definition: ServiceDefinition;
  /** Where tokens obtained now may go (the configured servers); the token manager checks sessions against it. */
  origins(): TokenOrigins;
  /** The latest rate-limit headers this service sent, and when new ones arrive (status bar, auto refresh). */
  readonly rateLimit: { latest(): RateLimitInfo | undefined; readonly onDidChange: Event<RateLimitInfo> };
  readonly oauth: OAuthClient;
  readonly signatures?: SignatureService;
  readonly accountSetup?: AccountSetupService;
  /** Present for a file store (the files view, sending a stored file, saving signed copies). */
  readonly files?: FileService;
  /** The user's app: client id (setting), client secret and API key (secret storage). */
  readonly credentials: AppCredentials;
  /** Client id and secret present, and when that may have changed. */
  readonly appSetup: { isConfigured(): Promise<boolean>; readonly onDidChange: Event<void> };
  readonly signIn: SignInFlow;
  /** What VS Code's Accounts menu and other extensions ask. */
  readonly authProvider: ServiceAuthProvider;
  /** Exchanges a refresh token at this service's token endpoint (the token manager's refresher). */
  refresh(refreshToken: string): Promise<TokenSet>;
}

export interface ServiceRuntimeDeps {
  context: vscode.ExtensionContext;
  log: Logger;
  secretRegistry: SecretRegistry;
  clock: Clock;
  userAgent: string;
  store: SessionStoreApi;
  tokens: Pick<TokenManager, 'freshSession'>;
  /** Shared by every service: the one callback route settles attempts from it by nonce. */
  pending: PendingSignIns;
  /** `<uriScheme>://signdesk.signdesk/callback` and the editor's openers. */
  env: SignInEnvironment;
  /** The command that runs the interactive sign-in for a service id (the Accounts menu's "Sign in"). */
  signInCommand: string;
}

export function buildServiceRuntime(definition: ServiceDefinition, deps: ServiceRuntimeDeps): ServiceRuntime {
  const { context, log, secretRegistry, clock } = deps;
  const settings = (): ServiceSettings => readServiceSettings(definition);

  let latestRateLimit: RateLimitInfo | undefined;
  const rateLimitSeen = new vscode.EventEmitter<RateLimitInfo>();
  context.subscriptions.push(rateLimitSeen);
  // Built on the first request: its code (and node-fetch's) ships in the file loaded on first use.
  const http = observeRateLimits(
    deferredMethods<HttpClient>(
      () => new FetchHttpClient({ userAgent: deps.userAgent, serviceLabel: definition.label, readError: definition.readError, secrets: secretRegistry, logger: log }),
      { request: true },
    ),
    (info) => {
      latestRateLimit = info;
      rateLimitSeen.fire(info);
    },
  );
  const serviceContext: ServiceContext = { http, settings, clock, secrets: secretRegistry };
  const oauth = definition.oauth.create(serviceContext);
  const credentials = new AppCredentials(context.secrets, definition, clientIdSetting(definition.id), secretRegistry);
  const appSetupWatch = watchAppSetup(context.secrets, definition.id);
  context.subscriptions.push(appSetupWatch);

  const signIn = new SignInFlow({
    service: definition.id,
    serviceLabel: definition.label,
    env: deps.env,
    pending: deps.pending,
    oauth,
    traits: definition.oauth,
    getAccount: (token, signal) => oauth.getAccount(token, signal),
    sessions: deps.store,
    secrets: secretRegistry,
    log,
    clock,
  });
  context.subscriptions.push(signIn);

  const authProvider = registerServiceAuthProvider({
    revoke: oauth.revoke ? (session) => oauth.revoke!(session.accessToken) : undefined,
    service: definition,
    store: deps.store,
    log,
    signIn: () => signInThroughCommand(deps.store, deps.signInCommand, definition),
    freshen: (session) => deps.tokens.freshSession(session),
  });
  context.subscriptions.push(authProvider);

  return {
    definition,
    origins: () => tokenOrigins(settings()),
    rateLimit: { latest: () => latestRateLimit, onDidChange: rateLimitSeen.event },
    oauth,
    signatures: definition.signatures?.create(serviceContext),
    accountSetup: definition.accountSetup?.create(serviceContext),
    files: definition.files?.create(serviceContext),
    credentials,
    appSetup: { isConfigured: () => credentials.isConfigured(), onDidChange: appSetupWatch.onDidChange },
    signIn,
    authProvider,
    async refresh(refreshToken) {
      if (!definition.oauth.refreshNeedsClient) {
        return oauth.refresh({ refreshToken });
      }
      return oauth.refresh({ refreshToken, clientId: credentials.clientId(), clientSecret: await credentials.clientSecret() });
    },
  };
}

/** Runs the sign-in command and resolves with the session it saved (the Accounts menu's "Sign in"). */
async function signInThroughCommand(store: SessionStoreApi, command: string, service: ServiceDefinition): Promise<StoredSession> {
  let saved: StoredSession | undefined;
  const pending: Promise<void>[] = [];
  const subscription = store.onDidChange((change) => {
    if (change.reason === 'saved' && change.key?.service === service.id) {
      pending.push(
        store.get(change.key).then((session) => {
          saved = session ?? saved;
        }),
      );
    }
  });
  try {
    // VS Code asked for a (new) session: no "you are already signed in" question.
    const result = await vscode.commands.executeCommand<unknown>(command, { addAccount: true, service: service.id });
    await Promise.all(pending);
    const returned = result as Partial<StoredSession> | undefined;
    if (returned && typeof returned.accountId === 'string' && typeof returned.accessToken === 'string') {
      return returned as StoredSession;
    }
  } finally {
    subscription.dispose();
  }
  if (!saved) {
    throw new CancelledError(`Sign-in to ${service.label} did not complete.`);
  }
  return saved;
}
