// AccountSetupService over the Dropbox Sign API client: /account/verify and /account/create with the
// app's API key (Basic auth). oauth_data is read with the same checks as a token response.
import type { Clock } from '../../core/clock';
import { BadResponseError } from '../../core/errors';
import type { AccountSetupService } from '../../model/service';
import type { TokenOrigins } from '../../model/tokens';
import type { DropboxSignApi } from './apiClient';
import { mapAccount } from './mapping';
import { parseTokenResponse } from './oauthClient';

/** `origins`: where tokens obtained now may go (the configured OAuth and API servers), recorded in the session. */
export function dropboxSignAccountSetup(
  api: Pick<DropboxSignApi, 'verifyAccount' | 'createAccount'>,
  clock: Clock,
  origins?: () => TokenOrigins,
): AccountSetupService {
  return {
    async accountExists(apiKey, email, signal) {
      const response = await api.verifyAccount({ apiKey }, email, signal);
      return !!response.account;
    },
    async createAccount(apiKey, params, signal) {
      const issuedFor = origins?.(); // read with the settings the request below is sent with
      const response = await api.createAccount(
        { apiKey },
        { emailAddress: params.email, clientId: params.clientId, clientSecret: params.clientSecret },
        signal,
      );
      if (!response.oauth_data) {
        throw new BadResponseError('Dropbox Sign created the account but sent no tokens for your app (oauth_data missing).');
      }
      const tokens = parseTokenResponse(response.oauth_data, { now: clock.now() });
      return { account: mapAccount(response.account), tokens: issuedFor ? { ...tokens, origins: issuedFor } : tokens };
    },
  };
}
