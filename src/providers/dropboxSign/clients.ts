// Dropbox Sign's clients, built from a runtime's ServiceContext. The definition builds them on first use
// (core/onFirstCall.ts): this file, and everything only it imports, ships in dist/features.js
// (test/build/build.js LAZY_SOURCES), so activation never loads the API client, the mapping or the error reader.
import type { AccountSetupService, OAuthClient, ServiceContext, SignatureService } from '../../model/service';
import { tokenOrigins } from '../../model/serviceSettings';
import { dropboxSignAccountSetup } from './accountSetup';
import { DropboxSignApi } from './apiClient';
import { DropboxSignOAuthClient } from './oauthClient';
import { DropboxSignService } from './service';

export { readDropboxSignError } from './errorBody';

/** The token endpoint, plus /account for whose the new token is. */
export function oauthClient(context: ServiceContext): OAuthClient {
  return new DropboxSignOAuthClient(context.http, context.settings, context.clock, context.secrets);
}

export function signatureService(context: ServiceContext): SignatureService {
  return new DropboxSignService(new DropboxSignApi(context.http, context.settings), context.secrets);
}

export function accountSetup(context: ServiceContext): AccountSetupService {
  return dropboxSignAccountSetup(new DropboxSignApi(context.http, context.settings), context.clock, () => tokenOrigins(context.settings()));
}
