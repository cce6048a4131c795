// "SignDesk: Verify <service> Sign-In" for each service that can say how long a token has left (signNow:
// GET /oauth2/token): asks the service, through the token manager, and shows the account and the time left.
import * as vscode from 'vscode';
import type { AccountKey, SessionStoreApi, StoredSession } from '../../auth/session';
import type { TokenManager } from '../../auth/tokenManager';
import { verifiesSignIn, verifySignIn } from '../../auth/verifySignIn';
import { CancelledError } from '../../core/errors';
import type { Logger } from '../../core/log';
import type { OAuthClient, ServiceDefinition } from '../../model/service';
import { infoNotice } from '../notice';
import { showError, showNoticeWithActions } from '../notices';
import { accountExtraCommands } from '../../views/ids';
import { describeAccountError } from './messages';
import { withSignInProgress } from './target';
import { notSignedInText, signInCheckText } from './verifySignInMessages';

/** `signdesk.<service id>.verifySignIn` */
export function verifySignInCommand(serviceId: string): string {
  return accountExtraCommands(serviceId).verifySignIn;
}

export interface VerifySignInTarget {
  definition: Pick<ServiceDefinition, 'id' | 'label'>;
  oauth: OAuthClient;
}

export interface VerifySignInCommandDeps {
  targets: readonly VerifySignInTarget[];
  store: Pick<SessionStoreApi, 'list'>;
  tokens: Pick<TokenManager, 'withToken'>;
  /** The account SignDesk works with now (checked first when it is this service's). */
  currentSession(): Promise<StoredSession | undefined>;
  /** The command that signs in to a service (Sign In / Sign In Again). */
  signInCommandOf(serviceId: string): string;
  log: Logger;
}

export function registerVerifySignInCommands(deps: VerifySignInCommandDeps): vscode.Disposable[] {
  return deps.targets.filter((target) => verifiesSignIn(target.oauth)).map((target) => vscode.commands.registerCommand(verifySignInCommand(target.definition.id), (key?: AccountKey) => run(target, deps, key)));
}

/** The current account if it is this service's, else its only one, else the one picked. */
async function chooseSession(target: VerifySignInTarget, deps: VerifySignInCommandDeps): Promise<StoredSession | undefined | 'cancelled'> {
  const service = target.definition.id;
  const current = await deps.currentSession().catch(() => undefined);
  if (current?.service === service) return current;
  const sessions = await deps.store.list(service);
  if (sessions.length <= 1) return sessions[0];
  const picked = await vscode.window.showQuickPick(
    sessions.map((session) => ({ label: session.email, description: session.status === 'expired' ? 'sign-in expired' : undefined, session })),
    { title: `Verify ${target.definition.label} Sign-In`, placeHolder: 'Which account?' },
  );
  return picked ? picked.session : 'cancelled';
}

async function run(target: VerifySignInTarget, deps: VerifySignInCommandDeps, key?: AccountKey): Promise<{ email: string; secondsLeft: number } | undefined> {
  const { label, id } = target.definition;
  const signInCommand = deps.signInCommandOf(id);
  try {
    const chosen = key ? { service: key.service, accountId: key.accountId } : await chooseSession(target, deps);
    if (chosen === 'cancelled') return undefined;
    if (!chosen) {
      void showNoticeWithActions(infoNotice(notSignedInText(label), ['Sign In']), { signInCommand });
      return undefined;
    }
    const check = await withSignInProgress(target, 'Asking whether the sign-in works…', (signal) => verifySignIn({ tokens: deps.tokens, oauth: target.oauth }, chosen, signal));
    deps.log.info(`Verify sign-in: ${label} accepts ${check.email}; ${check.secondsLeft} s left on the access token.`);
    void vscode.window.showInformationMessage(signInCheckText(label, check.email, check.secondsLeft));
    return check;
  } catch (error) {
    if (!(error instanceof CancelledError)) {
      void showError(error, (e) => describeAccountError(e, 'verify the sign-in'), { signInCommand, log: { logger: deps.log, message: `Verify sign-in to ${label} failed`, level: 'warn' } });
    }
    return undefined;
  }
}
