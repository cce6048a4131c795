// What the UI needs from a signature service, in model terms. Every call takes the access token
// first so the caller can wrap it in TokenManager.withToken (refresh + retry once on AuthError).
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
  downloadFiles(token: string, id: string, format: 'pdf' | 'zip', signal?: AbortSignal): Promise<Buffer>;
  fileLink(token: string, id: string): Promise<FileLink>;
}
