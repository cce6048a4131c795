// Account commands: sign out, switch account, and the status bar's account menu.
import * as vscode from 'vscode';
import type { SessionStatus, StoredSession } from '../../auth/session';
import type { ActiveSession } from '../../auth/sessionSelection';
import type { TokenManager } from '../../auth/tokenManager';
import type { Logger } from '../../core/log';
import type { SessionStoreApi } from '../../auth/session';
import { COMMANDS } from '../../views/ids';
import { warningNotice } from '../notice';
import { showError, showNoticeWithActions } from '../notices';
import { describeAccountError } from './messages';

export interface SessionCommandDeps {
  store: SessionStoreApi;
  active: ActiveSession;
  tokens: TokenManager;
  log: Logger;
  /** The service's name (its definition's label) for a session's messages. */
  labelOf(service: string): string;
  /**
   * Where the service offers it, ends the session's tokens at the service before SignDesk forgets them
   * (Dropbox: /2/auth/token/revoke). Sign Out forgets them even when this fails.
   */
  revoke?(session: StoredSession): Promise<void>;
}

export function registerSessionCommands(deps: SessionCommandDeps): vscode.Disposable[] {
  // Each command with what it does in "Could not <action>".
  const commands: [string, string, (deps: SessionCommandDeps, options?: { service?: unknown }) => Promise<unknown>][] = [
    [COMMANDS.signOut, 'sign out', signOut],
    [COMMANDS.switchAccount, 'switch account', switchAccount],
    [COMMANDS.accountMenu, 'open the account menu', accountMenu],
  ];
  return commands.map(([id, action, run]) => vscode.commands.registerCommand(id, (options?: { service?: unknown }) => guarded(deps, action, () => run(deps, options))));
}

/**
 * Signs the current account (or, with `{ service }`, that service's account) out: revokes its tokens at the
 * service where it offers that, then removes them and nothing else (client secret and API key stay).
 */
async function signOut(deps: SessionCommandDeps, options?: { service?: unknown }): Promise<boolean> {
  const { service, session } = await sessionFor(deps, options);
  if (!session) {
    void vscode.window.showInformationMessage(service === undefined ? 'You are not signed in.' : `You are not signed in to ${deps.labelOf(service)}.`);
    return false;
  }
  const label = deps.labelOf(session.service);
  if (deps.revoke) {
    try {
      await deps.revoke(session);
    } catch (error) {
      // Forgetting must not depend on the network: the tokens are removed here either way.
      deps.log.warn(`Sign out: ${label} did not confirm revoking the tokens; SignDesk forgets them anyway`, error);
    }
  }
  await deps.store.remove(session); // the store logs the removal
  void vscode.window.showInformationMessage(`Signed out of ${label} (${session.email}).`);
  return true;
}

/** The service a command names (`{ service }`), and this window's current account there, or overall without one. */
async function sessionFor(deps: SessionCommandDeps, options?: { service?: unknown }): Promise<{ service?: string; session?: StoredSession }> {
  const service = typeof options?.service === 'string' ? options.service : undefined;
  return { service, session: service === undefined ? await deps.active.current() : await deps.active.currentOf(service) };
}

interface AccountPick extends vscode.QuickPickItem {
  session?: StoredSession;
  add?: true;
}

/** How Switch Account describes a session that is not simply active. */
const STATUS_NOTES: Partial<Record<SessionStatus, string>> = { expired: 'needs sign-in', awaitingActivation: 'awaiting activation' };

async function switchAccount(deps: SessionCommandDeps): Promise<void> {
  const [sessions, current] = await Promise.all([deps.store.list(), deps.active.current()]);
  const items: AccountPick[] = sessions.map((session) => {
    const isCurrent = current?.accountId === session.accountId;
    const notes = [isCurrent ? 'current' : undefined, STATUS_NOTES[session.status]].filter(Boolean);
    return {
      label: `${isCurrent ? '$(check)' : '$(account)'} ${session.email}`,
      description: [deps.labelOf(session.service), ...notes].join(', '),
      detail: `Account ID ${session.accountId}`,
      session,
    };
  });
  if (items.length > 0) {
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  }
  items.push({ label: '$(add) Add another account…', add: true });

  const pick = await vscode.window.showQuickPick(items, {
    title: 'SignDesk: Switch Account',
    placeHolder: 'Choose the account SignDesk works with',
  });
  if (!pick) return;
  if (pick.add) {
    await vscode.commands.executeCommand(COMMANDS.signIn, { addAccount: true });
    return;
  }
  if (pick.session) {
    await deps.active.select(pick.session);
    if (pick.session.status === 'expired') {
      const { service, email } = pick.session;
      await showNoticeWithActions(
        warningNotice(`The ${deps.labelOf(service)} sign-in of ${email} has expired. Sign in again?`, ['Sign In Again']),
        { service },
      );
    }
  }
}

/** The current account's menu, or with `{ service }` (a status bar segment's click) that service's account's. */
async function accountMenu(deps: SessionCommandDeps, options?: { service?: unknown }): Promise<void> {
  const { service, session } = await sessionFor(deps, options);
  if (!session) {
    await vscode.commands.executeCommand(COMMANDS.signIn, ...(service === undefined ? [] : [{ service }]));
    return;
  }
  type MenuItem = vscode.QuickPickItem & { run: () => Thenable<unknown> };
  const items: MenuItem[] = [];
  if ((await vscode.commands.getCommands(true)).includes(COMMANDS.refreshRequests)) {
    items.push({
      label: '$(refresh) Refresh Signature Requests',
      run: () => vscode.commands.executeCommand(COMMANDS.refreshRequests),
    });
  }
  items.push(
    {
      label: '$(key) Refresh Sign-In',
      description: 'get a new access token now',
      run: () => refresh(deps, session),
    },
    { label: '$(account) Switch Account…', run: () => switchAccount(deps) },
    { label: '$(sign-out) Sign Out', description: session.email, run: () => signOut(deps, { service: session.service }) },
    { label: '$(output) Show Log', run: () => vscode.commands.executeCommand(COMMANDS.showLog) },
  );
  const pick = await vscode.window.showQuickPick(items, { title: `SignDesk: ${session.email} (${deps.labelOf(session.service)})` });
  await pick?.run();
}

async function refresh(deps: SessionCommandDeps, session: StoredSession): Promise<void> {
  const refreshed = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `SignDesk: refreshing the ${deps.labelOf(session.service)} sign-in` },
    () => deps.tokens.refreshNow(session),
  );
  void vscode.window.showInformationMessage(
    `Sign-in refreshed: signed in as ${refreshed.email}; the new access token is valid until ${new Date(refreshed.expiresAt).toLocaleTimeString()}.`,
  );
}

async function guarded(deps: SessionCommandDeps, action: string, body: () => Promise<unknown>): Promise<void> {
  try {
    await body();
  } catch (error) {
    await showError(error, (e) => describeAccountError(e, action), { log: { logger: deps.log, message: `Could not ${action}` } });
  }
}
