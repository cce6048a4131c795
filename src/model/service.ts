// What the UI needs from a signature service, in model terms. Every call takes the access token
// first so the caller can wrap it in TokenManager.withToken (refresh + retry once on AuthError).
import type { Clock } from '../core/clock';
import type { MethodList } from '../core/onFirstCall';
import type { ErrorBodyReader, HttpClient } from '../core/http';
import type { SecretSource } from '../core/log';
import type { Account } from './account';
import type { FileService } from './files';
import type { Page } from './page';
import type { ServiceDefaults, ServiceSettings } from './serviceSettings';
import type { NewSignatureRequest, SignatureRequest, SignerUpdate } from './signatureRequest';
import type { OAuthTokenClient, TokenSet } from './tokens';

export interface ListRequestsParams {
  /** 1-based. */
  page: number;
  pageSize?: number;
  /** Service search syntax, passed through. */
  query?: string;
  /** 'all' = every account of the team/app the token can see (where the service offers it). */
  accountId?: string;
}

export interface FileLink {
  url: string;
  /** ms epoch */
  expiresAt: number;
}

/** A sent request and what the service adjusted while accepting it (its warnings, shown to the user). */
export interface SentSignatureRequest {
  request: SignatureRequest;
  warnings: string[];
}

export interface SignatureService {
  getAccount(token: string, signal?: AbortSignal): Promise<Account>;
  listRequests(token: string, params: ListRequestsParams, signal?: AbortSignal): Promise<Page<SignatureRequest>>;
  getRequest(token: string, id: string, signal?: AbortSignal): Promise<SignatureRequest>;
  sendRequest(token: string, request: NewSignatureRequest, signal?: AbortSignal): Promise<SentSignatureRequest>;
  /** Resolves when the service queued the cancel (a service may cancel asynchronously). */
  cancelRequest(token: string, id: string): Promise<void>;
  remind(token: string, id: string, email: string, name?: string): Promise<SignatureRequest>;
  releaseHold(token: string, id: string): Promise<SignatureRequest>;
  updateSigner(token: string, id: string, update: SignerUpdate): Promise<SignatureRequest>;
  downloadFiles(token: string, id: string, format: DownloadFormat, signal?: AbortSignal): Promise<Buffer>;
  fileLink(token: string, id: string): Promise<FileLink>;
}

/** SignatureService's methods, for a stand-in that builds the real service on its first call (core/onFirstCall). */
export const SIGNATURE_METHODS: MethodList<SignatureService> = {
  getAccount: true, listRequests: true, getRequest: true, sendRequest: true, cancelRequest: true, remind: true,
  releaseHold: true, updateSigner: true, downloadFiles: true, fileLink: true,
};

/** The download formats a signature service may offer (the commands contributed in package.json). */
export type DownloadFormat = 'pdf' | 'zip';

/** A signature service's own limits and habits: the model and the commands read them, never hard-code them. */
export interface SignatureRules {
  /** File types accepted for signature requests, lower case, without the dot. */
  readonly acceptedFileTypes: readonly string[];
  /** Largest file accepted, in bytes; larger ones are refused before the upload. */
  readonly maxFileBytes: number;
  readonly fieldLimits: { readonly title: number; readonly subject: number; readonly message: number };
  /** Most requests the list endpoint returns per page. */
  readonly maxPageSize: number;
  /** The documented standard rate limit, used until a response reports the real one. */
  readonly defaultRateLimit: { readonly limit: number; readonly windowMs: number };
  /** A signer cannot be reminded again sooner than this after the previous reminder. */
  readonly reminderIntervalMs: number;
  readonly downloadFormats: readonly DownloadFormat[];
  /** True when the list stops returning a request once it is canceled (the tree then keeps it itself). */
  readonly canceledRequestsLeaveList: boolean;
  // What the service supports: SignDesk offers an action (a menu, a form field) only where it does.
  /** Remind Signer (a signer who has not signed yet gets the email again). */
  readonly supportsRemind: boolean;
  /** Cancel Request (a request awaiting signatures is withdrawn). */
  readonly supportsCancel: boolean;
  /** Requests can be sent on hold and released later. */
  readonly supportsHold: boolean;
  /** Test mode: requests that are not legally binding (the send form's test-mode box). */
  readonly supportsTestMode: boolean;
  /** A signer's email or name can be changed after sending. */
  readonly supportsUpdateSigner: boolean;
  /** Several signers always sign one after another, in the order listed: the send form's "in this order" box is ticked, not a choice. */
  readonly alwaysOrdered?: true;
  /**
   * `true` when sendRequest takes `fileUrls` (the service fetches each file itself, e.g. from a Dropbox
   * temporary link); otherwise why it does not, in a sentence shown to the user. Unset: not offered.
   */
  readonly fileUrls?: true | string;
  /** What the view's filter (signdesk.filter) takes, as the Filter command's prompt says it: "<label> filters by <this>." */
  readonly filterHint: string;
  /** The only filter values the service takes (any case), when it has no search; the input box refuses others. */
  readonly filterValues?: readonly string[];
}

/** How the service's OAuth 2.0 client is registered and authenticates. */
export interface OAuthTraits {
  readonly clientSecret: 'required' | 'none';
  readonly pkce: boolean;
  /** How the client proves itself at the token endpoint. */
  readonly clientAuthentication: 'basic' | 'body';
  /**
   * True when a refresh must carry the client id (and the secret, when one is required); false when the
   * refresh token alone is enough. The runtime reads the app's credentials only when true.
   */
  readonly refreshNeedsClient: boolean;
  /** The most bytes the service takes in `state` (Dropbox: 500); a relay target is then sent compressed. */
  readonly stateMaxBytes?: number;
  /**
   * Set when the service has its own redirect setting (`signdesk.<id>.redirect`: auto, relay, loopback,
   * manual) because it cannot return to `vscode://` (Dropbox takes only http(s) addresses): `auto` is relay
   * when `signdesk.oauth.relayUrl` is set, else this mode.
   */
  readonly ownRedirectSetting?: { readonly auto: 'loopback' | 'manual' };
}

/** What sign-in needs from a service's OAuth side: its token endpoint, and whose the new token is. */
export interface OAuthClient extends OAuthTokenClient {
  /** The account an access token belongs to (read right after the code exchange). */
  getAccount(accessToken: string, signal?: AbortSignal): Promise<Account>;
}

/** The account check and creation some services offer before the browser leg, with the app's API key. */
export interface AccountSetupService {
  /** True when an account uses this email. */
  accountExists(apiKey: string, email: string, signal?: AbortSignal): Promise<boolean>;
  /** Creates the account and returns the app's tokens for it (not usable until activation). */
  createAccount(
    apiKey: string,
    params: { email: string; clientId: string; clientSecret: string },
    signal?: AbortSignal,
  ): Promise<{ account: Account; tokens: TokenSet }>;
}

/**
 * What a provider's factories are given by the runtime (src/runtime/), one per service: nothing else
 * reaches a provider, so a provider never reads settings, secrets or VS Code itself.
 */
export interface ServiceContext {
  /** HTTP with this service's error-body reader and rate-limit observer. */
  readonly http: HttpClient;
  /** The service's checked base URLs, read on every call (throws SettingsError). */
  readonly settings: () => ServiceSettings;
  readonly clock: Clock;
  /** Live secrets: service text shown to users is redacted with them. */
  readonly secrets: SecretSource;
}

/**
 * A service as a value: everything service-neutral code needs to know about it, and the factories that
 * build its clients. Each provider exports one (`src/providers/<x>/definition.ts`) and
 * `src/providers/index.ts` lists them; the runtime builds one set of clients per definition.
 *
 * - `id` keys everything stored: settings `signdesk.<id>.*`, secrets `signdesk.<id>.clientSecret|apiKey`,
 *   sessions `signdesk.session.<id>.<account>` (model/serviceSettings.ts, auth/sessionStore.ts). Never
 *   change it once released.
 * - `label` is the one place the service's name is written; messages take it from here.
 * - Factories (`create(context)`) are called once per activation; clients read `context.settings()` on every
 *   call, so a changed base URL applies at once.
 * - Capabilities are optional: a service offers `signatures`, `files`, `accountSetup` or any mix.
 */
export interface ServiceDefinition {
  readonly id: string;
  readonly label: string;
  /** Kept stable: other extensions ask VS Code for sessions by this id. */
  readonly authProviderId: string;
  readonly defaults: ServiceDefaults;
  /** The service's error bodies → message and error name (core/http turns them into typed errors). */
  readonly readError: ErrorBodyReader;
  readonly oauth: OAuthTraits & { create(context: ServiceContext): OAuthClient };
  readonly signatures?: { readonly rules: SignatureRules; create(context: ServiceContext): SignatureService };
  /** Present when the service stores files (the files view, sending a stored file, saving signed copies). */
  readonly files?: { create(context: ServiceContext): FileService };
  /** Present when the service can verify or create a user's account during sign-in. */
  readonly accountSetup?: { create(context: ServiceContext): AccountSetupService };
}

/** What rule-reading code needs: the service's name for messages and its signature rules. */
export interface SignatureServiceFacts {
  readonly label: string;
  readonly signatures: { readonly rules: SignatureRules };
}
