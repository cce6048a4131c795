// SignDesk's own stack as the extension builds it (FetchHttpClient → Dropbox Sign's definition's clients,
// SessionStore → TokenManager, RequestsModel), pointed at a sandbox, with every HTTP request counted.
import { SessionStore } from '../../src/auth/sessionStore';
import type { AccountKey, StoredSession } from '../../src/auth/session';
import { TokenManager } from '../../src/auth/tokenManager';
import { systemClock } from '../../src/core/clock';
import type { HttpClient, HttpRequest, HttpResponse } from '../../src/core/http';
import { noopLogger } from '../../src/core/log';
import { RequestsModel } from '../../src/model/requestsModel';
import type { SignatureService } from '../../src/model/service';
import type { SandboxInfo } from '../sandbox/dropboxSign/server';
import { dropboxSign } from '../../src/providers/dropboxSign/definition';
import { SERVICES } from '../../src/providers';
import { FakeKeyring } from '../support/secrets';
import { dropboxSignStack } from '../support/stacks';

/** Counts requests by "METHOD path" (query left out). */
export class CountingHttpClient implements HttpClient {
  readonly counts = new Map<string, number>();
  constructor(private readonly inner: HttpClient) {}

  async request(req: HttpRequest): Promise<HttpResponse> {
    // The path without parsing the URL: the counter runs in SignDesk's paging pass, which the SDK's has no
    // counter in, so it should cost next to nothing.
    const key = `${req.method} ${req.url.replace(/^[a-z]+:\/\/[^/]*/i, '').split(/[?#]/)[0]}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return this.inner.request(req);
  }

  total(prefix = ''): number {
    let n = 0;
    for (const [key, count] of this.counts) if (key.includes(prefix)) n += count;
    return n;
  }

  reset(): void {
    this.counts.clear();
  }
}


export interface Stack {
  http: CountingHttpClient;
  service: SignatureService;
  store: SessionStore;
  tokens: TokenManager;
  account: AccountKey;
  /** Refresh requests our TokenManager made (through the OAuth client). */
  refreshCalls(): number;
  newModel(pageSize: number): RequestsModel;
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
  accountId: string;
  email: string;
}

export async function buildStack(info: SandboxInfo, signedIn: SignedIn): Promise<Stack> {
  let http!: CountingHttpClient;
  const { signatures: service, oauth } = dropboxSignStack(info, {
    userAgent: 'SignDesk-bench',
    logger: noopLogger,
    wrapHttp: (inner) => (http = new CountingHttpClient(inner)),
  });
  const store = new SessionStore({ services: SERVICES, secrets: new FakeKeyring().window(), log: noopLogger });
  let refreshes = 0;
  const tokens = new TokenManager({
    store,
    clock: systemClock,
    log: noopLogger,
    refresh: (_service, refreshToken) => {
      refreshes++;
      return oauth.refresh({ refreshToken, clientId: info.clientId, clientSecret: info.clientSecret });
    },
  });
  const session: StoredSession = {
    service: 'dropboxSign',
    accountId: signedIn.accountId,
    email: signedIn.email,
    accessToken: signedIn.accessToken,
    refreshToken: signedIn.refreshToken,
    expiresAt: Date.now() + signedIn.expiresInSeconds * 1000,
    scopes: [],
    status: 'active',
    createdAt: Date.now(),
  };
  await store.save(session);
  const account: AccountKey = { service: 'dropboxSign', accountId: signedIn.accountId };
  return {
    http,
    service,
    store,
    tokens,
    account,
    refreshCalls: () => refreshes,
    newModel: (pageSize) => {
      const model = new RequestsModel({ serviceLabel: dropboxSign.label, rules: dropboxSign.signatures.rules, clock: systemClock, pageSize });
      model.setAccess({
        kind: 'signedIn',
        accountKey: `dropboxSign:${signedIn.accountId}`,
        email: signedIn.email,
        list: (params, signal) => tokens.withToken(account, (token) => service.listRequests(token, params, signal)),
      });
      return model;
    },
  };
}
