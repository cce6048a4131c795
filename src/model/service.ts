// What the UI needs from a signature service, in model terms. Every call takes the access token
// first so the caller can wrap it in TokenManager.withToken (refresh + retry once on AuthError).
import type { ErrorBodyReader } from '../core/http';
import type { Account } from './account';
import type { Page } from './page';
import type { NewSignatureRequest, SignatureRequest, SignerUpdate } from './signatureRequest';

export interface ListRequestsParams {
  /** 1-based. */
  page: number;
  pageSize?: number;
  /** Service search syntax, passed through. */
  query?: string;
  /** 'all' = every account of the team/app the token can see (Dropbox Sign account_id=all). */
  accountId?: string;
}

export interface FileLink {
  url: string;
  /** ms epoch */
  expiresAt: number;
}

/** A sent request and what the service adjusted while accepting it (Dropbox Sign's `warnings`). */
export interface SentSignatureRequest {
  request: SignatureRequest;
  warnings: string[];
}

export interface SignatureService {
  getAccount(token: string, signal?: AbortSignal): Promise<Account>;
  listRequests(token: string, params: ListRequestsParams, signal?: AbortSignal): Promise<Page<SignatureRequest>>;
  getRequest(token: string, id: string, signal?: AbortSignal): Promise<SignatureRequest>;
  sendRequest(token: string, request: NewSignatureRequest, signal?: AbortSignal): Promise<SentSignatureRequest>;
  /** Resolves when the service queued the cancel (Dropbox Sign cancels asynchronously). */
  cancelRequest(token: string, id: string): Promise<void>;
  remind(token: string, id: string, email: string, name?: string): Promise<SignatureRequest>;
  releaseHold(token: string, id: string): Promise<SignatureRequest>;
  updateSigner(token: string, id: string, update: SignerUpdate): Promise<SignatureRequest>;
  downloadFiles(token: string, id: string, format: DownloadFormat, signal?: AbortSignal): Promise<Buffer>;
  fileLink(token: string, id: string): Promise<FileLink>;
}

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
}

/** How the service's OAuth 2.0 client is registered and authenticates. */
export interface OAuthTraits {
  readonly clientSecret: 'required' | 'none';
  readonly pkce: boolean;
  /** How the client proves itself at the token endpoint. */
  readonly clientAuthentication: 'basic' | 'body';
}

/**
 * A service as a value: everything service-neutral code needs to know about it. Stored keys use the id
 * (`signdesk.<id>.…`); the label is the one place the service's name is written.
 */
export interface ServiceDefinition {
  readonly id: string;
  readonly label: string;
  /** Kept stable: other extensions ask VS Code for sessions by this id. */
  readonly authProviderId: string;
  readonly defaults: { readonly apiBaseUrl: string; readonly oauthBaseUrl: string; readonly contentBaseUrl?: string };
  readonly readError: ErrorBodyReader;
  readonly oauth: OAuthTraits;
  readonly signatures?: { readonly rules: SignatureRules };
  /** Present when the service stores files (Dropbox). */
  readonly files?: Record<string, never>;
  /** Present when the service can verify or create a user's account during sign-in (Dropbox Sign). */
  readonly accountSetup?: Record<string, never>;
}

/** What rule-reading code needs: the service's name for messages and its signature rules. */
export interface SignatureServiceFacts {
  readonly label: string;
  readonly signatures: { readonly rules: SignatureRules };
}
