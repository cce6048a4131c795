// Typed Dropbox Sign API v3 client over HttpClient. Every method takes the credential first
// (an OAuth access token, or `{ apiKey }` for Basic auth, which the spec allows on every operation
// used here), so callers can wrap calls in TokenManager.withToken. Responses are checked at the top
// level (right envelope, right types); mapping.ts checks the fields it turns into the model.
import { BadResponseError, InvalidInputError } from '../../core/errors';
import type { HttpBody, HttpClient, HttpRequest, HttpResponse, MultipartFile } from '../../core/http';
import { isJsonObject } from '../errorBody';
import { apiUrl, segment } from '../urls';
import type { DropboxSignSettings } from './endpoints';
import type {
  AccountCreateResponse,
  AccountGetResponse,
  AccountVerifyResponse,
  FileResponse,
  SignatureRequestGetResponse,
  SignatureRequestListResponse,
  SignatureRequestRemindRequest,
  SignatureRequestSendRequest,
  SignatureRequestUpdateRequest,
} from './types';

/** An OAuth access token (Bearer), or an API key (Basic, key as user name, empty password). */
export type Credential = string | { apiKey: string };

export interface ListSignatureRequestsParams {
  /** Which account's requests; 'all' for every account the caller can see. Omit for the caller's own. */
  accountId?: string;
  /** 1-based. */
  page?: number;
  /** 1–100 per the spec. */
  pageSize?: number;
  /** Dropbox Sign search syntax, passed through. */
  query?: string;
}

/** The send body without `files`: files travel as MultipartFile parts. */
export type SignatureRequestSendBody = Omit<SignatureRequestSendRequest, 'files'>;

export interface CreateAccountParams {
  emailAddress: string;
  clientId?: string;
  clientSecret?: string;
  locale?: string;
}

export function authorizationHeader(credential: Credential): string {
  if (typeof credential === 'string') {
    if (credential === '') {
      throw new InvalidInputError('No access token to call Dropbox Sign with.');
    }
    return `Bearer ${credential}`;
  }
  if (credential.apiKey === '') {
    throw new InvalidInputError('No API key to call Dropbox Sign with.');
  }
  return `Basic ${Buffer.from(`${credential.apiKey}:`, 'utf8').toString('base64')}`;
}

/**
 * Flattens a JSON body into multipart fields the way Dropbox Sign reads them:
 * `signers[0][email_address]`, `cc_email_addresses[1]`, `metadata[key]`; booleans as 1/0;
 * null/undefined skipped.
 */
export function toFormFields(value: Record<string, unknown>): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  const visit = (name: string, item: unknown): void => {
    if (item === undefined || item === null) {
      return;
    }
    if (Array.isArray(item)) {
      item.forEach((element, index) => visit(`${name}[${index}]`, element));
    } else if (typeof item === 'object') {
      for (const [key, child] of Object.entries(item as Record<string, unknown>)) {
        visit(`${name}[${key}]`, child);
      }
    } else if (typeof item === 'boolean') {
      fields.push([name, item ? '1' : '0']);
    } else {
      fields.push([name, String(item)]);
    }
  };
  for (const [key, item] of Object.entries(value)) {
    visit(key, item);
  }
  return fields;
}

/** `Dropbox Sign sent data in an unexpected shape (<detail>).` (mapping.ts's field checks say it too) */
export function unexpectedShape(detail: string, status?: number): BadResponseError {
  return new BadResponseError(`Dropbox Sign sent data in an unexpected shape (${detail}).`, { status });
}

/** Parses the body and checks that `key` holds an object (or an array, with `array`). */
function envelope<T>(response: HttpResponse, key: string, what: 'object' | 'array' = 'object'): T {
  const body = response.json<unknown>();
  if (!isJsonObject(body)) throw unexpectedShape('not a JSON object', response.status);
  return holds<T>(body, key, what, response.status);
}

/** Checks another key of a parsed envelope (a page of requests is the largest answer: it is parsed once). */
function holds<T>(body: Record<string, unknown>, key: string, what: 'object' | 'array', status: number): T {
  const inner = body[key];
  if (!(what === 'array' ? Array.isArray(inner) : isJsonObject(inner))) throw unexpectedShape(`${key} missing or not an ${what}`, status);
  return body as T;
}

const MAGIC: Record<'pdf' | 'zip', Buffer> = { pdf: Buffer.from('%PDF'), zip: Buffer.from('PK') };

/** What a call sends besides its method and path. */
type CallOptions = Omit<HttpRequest, 'method' | 'url'>;

export class DropboxSignApi {
  constructor(
    private readonly http: HttpClient,
    private readonly settings: () => DropboxSignSettings,
  ) {}

  /** GET /account — who the credential belongs to. */
  async getAccount(credential: Credential, signal?: AbortSignal): Promise<AccountGetResponse> {
    return envelope(await this.authorizedCall(credential, 'GET', 'account', { signal }), 'account');
  }

  /** POST /account/verify — does a Dropbox Sign account exist for this email? (`account` absent if not) */
  async verifyAccount(credential: Credential, emailAddress: string, signal?: AbortSignal): Promise<AccountVerifyResponse> {
    const response = await this.authorizedCall(credential, 'POST', 'account/verify', { body: { json: { email_address: emailAddress } }, signal });
    const body = response.json<unknown>();
    if (!isJsonObject(body) || (body.account !== undefined && !isJsonObject(body.account))) throw unexpectedShape('account/verify', response.status);
    return body as AccountVerifyResponse;
  }

  /** POST /account/create — with clientId/clientSecret the response carries oauth_data for that app. */
  async createAccount(credential: Credential, params: CreateAccountParams, signal?: AbortSignal): Promise<AccountCreateResponse> {
    const json: Record<string, string> = { email_address: params.emailAddress };
    if (params.clientId !== undefined) json.client_id = params.clientId;
    if (params.clientSecret !== undefined) json.client_secret = params.clientSecret;
    if (params.locale !== undefined) json.locale = params.locale;
    return envelope(await this.authorizedCall(credential, 'POST', 'account/create', { body: { json }, signal }), 'account');
  }

  /** GET /signature_request/list */
  async listSignatureRequests(credential: Credential, params: ListSignatureRequestsParams = {}, signal?: AbortSignal): Promise<SignatureRequestListResponse> {
    const query = { account_id: params.accountId, page: params.page, page_size: params.pageSize, query: params.query };
    const response = await this.authorizedCall(credential, 'GET', 'signature_request/list', { query, signal });
    return holds(envelope(response, 'list_info'), 'signature_requests', 'array', response.status);
  }

  /** GET /signature_request/{id} */
  getSignatureRequest(credential: Credential, id: string, signal?: AbortSignal): Promise<SignatureRequestGetResponse> {
    return this.signatureRequestCall(credential, 'GET', segment(id), { signal });
  }

  /**
   * POST /signature_request/send. With `files` the body is multipart (`files[i]` parts plus the
   * flattened fields); without, JSON (then the body must carry `file_urls`). Never retried.
   */
  async sendSignatureRequest(credential: Credential, body: SignatureRequestSendBody, files: MultipartFile[] = [], signal?: AbortSignal): Promise<SignatureRequestGetResponse> {
    const hasUrls = !!body.file_urls?.length;
    if (files.length === 0 && !hasUrls) {
      throw new InvalidInputError('Add at least one file (or file URL) to send.');
    }
    if (files.length > 0 && hasUrls) {
      throw new InvalidInputError('Send either files or file URLs, not both.');
    }
    const parts = files.map((file, index) => ({ ...file, field: `files[${index}]` }));
    const sent: HttpBody = files.length > 0 ? { multipart: { fields: toFormFields(body as Record<string, unknown>), files: parts } } : { json: body };
    return this.signatureRequestCall(credential, 'POST', 'send', { body: sent, signal });
  }

  /** POST /signature_request/cancel/{id} — 200 with an empty body; the cancel completes asynchronously. */
  async cancelSignatureRequest(credential: Credential, id: string): Promise<void> {
    await this.authorizedCall(credential, 'POST', `signature_request/cancel/${segment(id)}`);
  }

  /** POST /signature_request/remind/{id} */
  remindSignatureRequest(credential: Credential, id: string, emailAddress: string, name?: string): Promise<SignatureRequestGetResponse> {
    const json: SignatureRequestRemindRequest = { email_address: emailAddress };
    if (name) json.name = name;
    return this.signatureRequestCall(credential, 'POST', `remind/${segment(id)}`, { body: { json } });
  }

  /** POST /signature_request/update/{id} — change a signer's email/name (by signature_id) or the expiry. */
  async updateSignatureRequest(credential: Credential, id: string, update: SignatureRequestUpdateRequest): Promise<SignatureRequestGetResponse> {
    if (update.email_address === undefined && update.name === undefined && update.expires_at === undefined) {
      throw new InvalidInputError('Nothing to update: give a new email address, name or expiry.');
    }
    return this.signatureRequestCall(credential, 'POST', `update/${segment(id)}`, { body: { json: update } });
  }

  /** POST /signature_request/release_hold/{id} */
  releaseHold(credential: Credential, id: string): Promise<SignatureRequestGetResponse> {
    return this.signatureRequestCall(credential, 'POST', `release_hold/${segment(id)}`);
  }

  /**
   * GET /signature_request/files/{id}?file_type=pdf|zip — the bytes. 409 (ConflictError) while the
   * files are still being prepared. A body that is not a PDF/ZIP (e.g. an HTML page) → BadResponseError.
   */
  async downloadFiles(credential: Credential, id: string, fileType: 'pdf' | 'zip', signal?: AbortSignal): Promise<Buffer> {
    const response = await this.authorizedCall(credential, 'GET', `signature_request/files/${segment(id)}`, {
      query: { file_type: fileType },
      headers: { Accept: `application/${fileType}` },
      responseKind: 'file',
      signal,
    });
    const magic = MAGIC[fileType];
    if (!response.body.subarray(0, magic.length).equals(magic)) {
      throw new BadResponseError(`Dropbox Sign did not send a ${fileType.toUpperCase()} file.`, { status: response.status });
    }
    return response.body;
  }

  /** GET /signature_request/files_as_file_url/{id} — a temporary link (expires_at in epoch seconds). */
  async filesAsFileUrl(credential: Credential, id: string, signal?: AbortSignal): Promise<FileResponse> {
    const response = await this.authorizedCall(credential, 'GET', `signature_request/files_as_file_url/${segment(id)}`, { query: { force_download: 0 }, signal });
    const body = response.json<unknown>();
    if (!isJsonObject(body) || typeof body.file_url !== 'string' || typeof body.expires_at !== 'number') {
      throw unexpectedShape('file_url/expires_at', response.status);
    }
    return body as FileResponse;
  }

  /** `signature_request/<path>`, answered with `{ signature_request }`. */
  private async signatureRequestCall(credential: Credential, method: HttpRequest['method'], path: string, options?: CallOptions): Promise<SignatureRequestGetResponse> {
    return envelope(await this.authorizedCall(credential, method, `signature_request/${path}`, options), 'signature_request');
  }

  /** `path` under the API base URL, with the credential's Authorization and JSON unless `options` asks otherwise. */
  private authorizedCall(credential: Credential, method: HttpRequest['method'], path: string, options: CallOptions = {}): Promise<HttpResponse> {
    const headers = { Accept: 'application/json', ...options.headers, Authorization: authorizationHeader(credential) };
    return this.http.request({ method, url: apiUrl(this.settings().apiBaseUrl, path), ...options, headers });
  }
}
