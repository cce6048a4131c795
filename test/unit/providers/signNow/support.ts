// The signNow provider stack against a signNow sandbox: real HTTP client, API, OAuth client and service.
import { FetchHttpClient } from '../../../../src/core/fetchHttpClient';
import { SignNowApi } from '../../../../src/providers/signNow/apiClient';
import { readSignNowError } from '../../../../src/providers/signNow/errorBody';
import { SignNowOAuthClient } from '../../../../src/providers/signNow/oauthClient';
import { SignNowService } from '../../../../src/providers/signNow/service';
import type { SignNowSandbox } from '../../../sandbox/signNow/server';

export function signNowStack(sb: SignNowSandbox) {
  const http = new FetchHttpClient({ serviceLabel: 'signNow', userAgent: 'SignDesk-test', readError: readSignNowError, timeoutMs: 5000 });
  const settings = () => ({ apiBaseUrl: sb.info.apiBaseUrl, oauthBaseUrl: sb.info.oauthBaseUrl });
  const api = new SignNowApi(http, settings);
  return { http, api, oauth: new SignNowOAuthClient(http, settings), service: new SignNowService(api, settings) };
}
