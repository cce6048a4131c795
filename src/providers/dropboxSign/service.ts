// SignatureService for Dropbox Sign: the API client plus mapping, in model terms. This is what the
// composition root hands to views and commands (each call wrapped in TokenManager.withToken).
import type { Account } from '../../model/account';
import type { Page } from '../../model/page';
import type { FileLink, ListRequestsParams, SentSignatureRequest, SignatureService } from '../../model/service';
import type { NewSignatureRequest, SignatureRequest, SignerUpdate } from '../../model/signatureRequest';
import { userFacingText, type SecretSource } from '../../core/log';
import type { Credential, DropboxSignApi } from './apiClient';
import { mapAccount, mapFileLink, mapPage, mapSignatureRequest, mapWarnings, toSendRequest } from './mapping';
import type { SignatureRequestGetResponse } from './types';

/** The request an answer carries, in model terms. */
async function requestOf(answer: Promise<SignatureRequestGetResponse>): Promise<SignatureRequest> {
  return mapSignatureRequest((await answer).signature_request);
}

export class DropboxSignService implements SignatureService {
  constructor(
    private readonly api: DropboxSignApi,
    /** Live secrets (SecretRegistry): the service's warnings are shown to users, redacted with them. */
    private readonly secrets?: SecretSource,
  ) {}

  async getAccount(token: Credential, signal?: AbortSignal): Promise<Account> {
    return mapAccount((await this.api.getAccount(token, signal)).account);
  }

  async listRequests(token: Credential, params: ListRequestsParams, signal?: AbortSignal): Promise<Page<SignatureRequest>> {
    const response = await this.api.listSignatureRequests(token, params, signal);
    return mapPage(response.signature_requests.map(mapSignatureRequest), response.list_info, params);
  }

  getRequest(token: Credential, id: string, signal?: AbortSignal): Promise<SignatureRequest> {
    return requestOf(this.api.getSignatureRequest(token, id, signal));
  }

  async sendRequest(token: Credential, request: NewSignatureRequest, signal?: AbortSignal): Promise<SentSignatureRequest> {
    const { body, files } = toSendRequest(request);
    const response = await this.api.sendSignatureRequest(token, body, files, signal);
    const warnings = mapWarnings(response.warnings).map((warning) => userFacingText(warning, this.secrets?.values()));
    return { request: mapSignatureRequest(response.signature_request), warnings };
  }

  cancelRequest(token: Credential, id: string): Promise<void> {
    return this.api.cancelSignatureRequest(token, id);
  }

  remind(token: Credential, id: string, email: string, name?: string): Promise<SignatureRequest> {
    return requestOf(this.api.remindSignatureRequest(token, id, email, name));
  }

  releaseHold(token: Credential, id: string): Promise<SignatureRequest> {
    return requestOf(this.api.releaseHold(token, id));
  }

  updateSigner(token: Credential, id: string, update: SignerUpdate): Promise<SignatureRequest> {
    return requestOf(this.api.updateSignatureRequest(token, id, { signature_id: update.signerId, email_address: update.email, name: update.name }));
  }

  downloadFiles(token: Credential, id: string, format: 'pdf' | 'zip', signal?: AbortSignal): Promise<Buffer> {
    return this.api.downloadFiles(token, id, format, signal);
  }

  async fileLink(token: Credential, id: string): Promise<FileLink> {
    return mapFileLink(await this.api.filesAsFileUrl(token, id));
  }
}
