// The account commands only some services have, each registered for exactly the services whose OAuth client
// offers it: "Sign In with <service> Password…" (the password grant) and "Verify <service> Sign-In" (the
// token check); today both are signNow's. Their code loads from dist/features.js on first use.
import type * as vscode from 'vscode';
import type { SessionStoreApi, StoredSession } from '../../auth/session';
import type { TokenManager } from '../../auth/tokenManager';
import type { Clock } from '../../core/clock';
import type { Logger, SecretRegistry } from '../../core/log';
import type { ServiceRuntime } from '../../runtime';
import type * as Features from '../../features';
import { registerOnFirstUse } from '../onFirstUse';
import { accountExtraCommands, COMMANDS, serviceCommands } from '../../views/ids';

export interface AccountExtrasDeps {
  context: Pick<vscode.ExtensionContext, 'subscriptions'>;
  log: Logger;
  secretRegistry: SecretRegistry;
  clock: Clock;
  /** Every service's runtime, in the service list's order. */
  runtimes: readonly ServiceRuntime[];
  store: Pick<SessionStoreApi, 'save' | 'list'>;
  tokens: Pick<TokenManager, 'withToken'>;
  currentSession(): Promise<StoredSession | undefined>;
  loadFeatures(): typeof Features;
}

/** The runtimes offering the password grant, and those that can check a token (checked without loading their code). */
export function accountExtraTargets(runtimes: readonly ServiceRuntime[]): { password: ServiceRuntime[]; verify: ServiceRuntime[] } {
  return {
    password: runtimes.filter((runtime) => typeof runtime.oauth.passwordGrant === 'function'),
    verify: runtimes.filter((runtime) => typeof runtime.oauth.tokenSecondsLeft === 'function'),
  };
}

export function setUpAccountExtras(deps: AccountExtrasDeps): void {
  const targets = accountExtraTargets(deps.runtimes);
  const ids = [
    ...targets.password.map((runtime) => accountExtraCommands(runtime.definition.id).signInWithPassword),
    ...targets.verify.map((runtime) => accountExtraCommands(runtime.definition.id).verifySignIn),
  ];
  if (ids.length === 0) return;
  const first = deps.runtimes[0]?.definition.id;
  deps.context.subscriptions.push(
    registerOnFirstUse({
      ids,
      load: deps.loadFeatures,
      register: (features) => {
        deps.context.subscriptions.push(
          ...features.registerPasswordSignInCommands({ targets: targets.password, sessions: deps.store, secrets: deps.secretRegistry, log: deps.log, clock: deps.clock }),
          ...features.registerVerifySignInCommands({
            targets: targets.verify,
            store: deps.store,
            tokens: deps.tokens,
            currentSession: deps.currentSession,
            signInCommandOf: (service) => (service === first ? COMMANDS.signIn : serviceCommands(service).signIn),
            log: deps.log,
          }),
        );
      },
      log: deps.log,
    }),
  );
}
