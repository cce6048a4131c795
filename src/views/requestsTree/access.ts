// Who the requests tree lists for, from the current session. VS Code-free (unit-tested); the view
// re-resolves it whenever the session or the app's client id changes.
import { AccountKey, accountKeyOf, accountKeyString, StoredSession } from '../../auth/session';
import type { Page } from '../../model/page';
import type { RequestsAccess } from '../../model/requestsModel';
import type { ListRequestsParams } from '../../model/service';
import type { SignatureRequest } from '../../model/signatureRequest';
import { withSender } from '../../model/requestSender';

export interface RequestsAccessDeps {
  /** The session this window works with (ActiveSession.current), or undefined when signed out. */
  currentSession(): Promise<StoredSession | undefined>;
  /** The user's API app is set up: a client ID and a client secret (Sign In cannot work without both). */
  isConfigured(): boolean | Promise<boolean>;
  /** TokenManager.withToken: a fresh token, one refresh + retry on an auth error. */
  withToken<T>(account: AccountKey, call: (accessToken: string) => Promise<T>): Promise<T>;
  /** SignatureService.listRequests. */
  listRequests(accessToken: string, params: ListRequestsParams, signal?: AbortSignal): Promise<Page<SignatureRequest>>;
}

export async function resolveRequestsAccess(deps: RequestsAccessDeps): Promise<RequestsAccess> {
  const session = await deps.currentSession();
  if (session) {
    if (session.status === 'expired') {
      return { kind: 'expired', email: session.email };
    }
    const key = accountKeyOf(session);
    return {
      kind: 'signedIn',
      accountKey: accountKeyString(key),
      email: session.email,
      // Dropbox Sign also lists requests the account only signs; mark who sent each so the tree can tell.
      list: async (params, signal) => {
        const page = await deps.withToken(key, (token) => deps.listRequests(token, params, signal));
        return { ...page, items: page.items.map((request) => withSender(request, session.email)) };
      },
    };
  }
  return (await deps.isConfigured()) ? { kind: 'signedOut' } : { kind: 'notConfigured' };
}
