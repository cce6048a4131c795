// signNow's REST API as SignDesk uses it: account, folders, documents, invites, downloads. Every call takes
// the access token first; an invalid or expired token (`invalid_token`, code 1537) is an AuthError whatever
// status it comes with, so the token manager refreshes once and retries.
import { BadResponseError } from '../../core/errors';
import type { HttpClient, HttpRequest, HttpResponse, QueryValue } from '../../core/http';
import { apiUrl, segment } from '../urls';
import type { SignNowSettings } from './endpoints';
import { invalidTokenAsAuthError } from './errorBody';
import type { SnDocumentJson, SnFolderJson, SnUserJson } from './types';

export interface FolderPageParams {
  offset: number;
  limit: number;
  /** signNow's signing-status filter value (signed, pending, waiting-for-me, waiting-for-others, unsent, expired). */
  signingStatus?: string;
}

export class SignNowApi {
  constructor(
    private readonly http: HttpClient,
    private readonly settings: () => SignNowSettings,
  ) {}

  getUser(token: string, signal?: AbortSignal): Promise<SnUserJson> {
    return this.authorizedJson<SnUserJson>(token, { method: 'GET', path: 'user', signal });
  }

  getRootFolder(token: string, signal?: AbortSignal): Promise<SnFolderJson> {
    return this.authorizedJson<SnFolderJson>(token, { method: 'GET', path: 'user/folder', signal });
  }

  getFolder(token: string, folderId: string, params: FolderPageParams, signal?: AbortSignal): Promise<SnFolderJson> {
    const query: Record<string, QueryValue> = { offset: params.offset, limit: params.limit, sortby: 'updated', order: 'desc', entity_type: 'document' };
    if (params.signingStatus) {
      query.filters = 'signing-status';
      query['filter-values'] = params.signingStatus;
    }
    return this.authorizedJson<SnFolderJson>(token, { method: 'GET', path: `folder/${segment(folderId)}`, query, signal });
  }

  getDocument(token: string, id: string, signal?: AbortSignal): Promise<SnDocumentJson> {
    return this.authorizedJson<SnDocumentJson>(token, { method: 'GET', path: `document/${segment(id)}`, signal });
  }

  async uploadDocument(token: string, file: { filename: string; contentType: string; data: Buffer }, name?: string, signal?: AbortSignal): Promise<string> {
    const fields: Array<[string, string]> = name ? [['name', name]] : [];
    const res = await this.authorizedJson<{ id?: unknown }>(token, { method: 'POST', path: 'document', body: { multipart: { fields, files: [{ field: 'file', ...file }] } }, signal });
    if (typeof res.id !== 'string' || res.id === '') {
      throw new BadResponseError('signNow did not return the uploaded document’s id.');
    }
    return res.id;
  }

  /** One signature field per role, stacked on the first page (SignDesk places no fields of its own otherwise). */
  async addSignatureFields(token: string, id: string, roles: string[]): Promise<void> {
    const fields = roles.map((role, i) => ({ x: 72, y: 72 + i * 60, width: 200, height: 40, page_number: 0, role, required: true, type: 'signature' }));
    await this.authorizedJson(token, { method: 'PUT', path: `document/${segment(id)}`, body: { json: { fields } } });
  }

  /**
   * POST /document/{id}/invite: a free-form invite (`to` an email) or a field invite (`to` one entry per role:
   * email, role, role_id, order).
   */
  async invite(token: string, id: string, invite: { to: string | Array<{ email: string; role: string; role_id: string; order: number }>; from: string; subject?: string; message?: string }): Promise<void> {
    await this.authorizedJson(token, { method: 'POST', path: `document/${segment(id)}/invite`, body: { json: invite } });
  }

  cancelFieldInvites(token: string, id: string): Promise<void> {
    return this.authorizedPut(token, `document/${segment(id)}/fieldinvitecancel`);
  }

  cancelFreeFormInvite(token: string, inviteId: string): Promise<void> {
    return this.authorizedPut(token, `invite/${segment(inviteId)}/cancel`);
  }

  resendFieldInvite(token: string, fieldInviteId: string): Promise<void> {
    return this.authorizedPut(token, `fieldinvite/${segment(fieldInviteId)}/resend`);
  }

  /** The cancels and the resend: a PUT with an empty JSON body. */
  private authorizedPut(token: string, path: string): Promise<void> {
    return this.authorizedJson<void>(token, { method: 'PUT', path, body: { json: {} } });
  }

  async download(token: string, id: string, type: 'collapsed' | 'zip', signal?: AbortSignal): Promise<Buffer> {
    const res = await this.authorizedRequest(token, { method: 'GET', path: `document/${segment(id)}/download`, query: { type }, responseKind: 'file', signal });
    return res.body;
  }

  /** GET /oauth2/token: the access token's details; `expires_in` is the seconds it has left. */
  tokenCheck(token: string, signal?: AbortSignal): Promise<{ expires_in?: unknown }> {
    return this.authorizedJson(token, { method: 'GET', path: 'oauth2/token', signal });
  }

  /** POST /oauth2/terminate (what signNow's own MCP server calls): any 2xx is a revoked token. */
  async terminate(token: string, signal?: AbortSignal): Promise<void> {
    await this.authorizedRequest(token, { method: 'POST', path: 'oauth2/terminate', body: { json: {} }, signal });
  }

  /** A one-time link anyone can download the PDF from (POST, as the current SDKs call it). */
  async downloadLink(token: string, id: string): Promise<string> {
    const res = await this.authorizedJson<{ link?: unknown }>(token, { method: 'POST', path: `document/${segment(id)}/download/link` });
    if (typeof res.link !== 'string' || !/^https?:\/\//.test(res.link)) {
      throw new BadResponseError('signNow did not return a download link.');
    }
    return res.link;
  }

  private async authorizedJson<T>(token: string, req: Omit<HttpRequest, 'url' | 'headers'> & { path: string }): Promise<T> {
    return (await this.authorizedRequest(token, req)).json<T>();
  }

  private async authorizedRequest(token: string, req: Omit<HttpRequest, 'url' | 'headers'> & { path: string }): Promise<HttpResponse> {
    const { path, ...rest } = req;
    try {
      return await this.http.request({ ...rest, url: apiUrl(this.settings().apiBaseUrl, path), headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    } catch (error) {
      throw invalidTokenAsAuthError(error);
    }
  }
}
