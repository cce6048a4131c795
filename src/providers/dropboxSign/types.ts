// Friendly names for the generated Dropbox Sign schema types (regenerate with `npm run gen:types`).
import type { components, operations, paths } from './generated/dropbox-sign';

export type { components, operations, paths };
export type Schemas = components['schemas'];

// Account
export type AccountResponse = Schemas['AccountResponse'];
export type AccountGetResponse = Schemas['AccountGetResponse'];
export type AccountVerifyRequest = Schemas['AccountVerifyRequest'];
export type AccountVerifyResponse = Schemas['AccountVerifyResponse'];
export type AccountVerifyResponseAccount = Schemas['AccountVerifyResponseAccount'];
export type AccountCreateRequest = Schemas['AccountCreateRequest'];
export type AccountCreateResponse = Schemas['AccountCreateResponse'];
export type AccountResponseQuotas = Schemas['AccountResponseQuotas'];

// OAuth
export type OAuthTokenGenerateRequest = Schemas['OAuthTokenGenerateRequest'];
export type OAuthTokenRefreshRequest = Schemas['OAuthTokenRefreshRequest'];
export type OAuthTokenResponse = Schemas['OAuthTokenResponse'];

// Signature requests
export type SignatureRequestResponse = Schemas['SignatureRequestResponse'];
export type SignatureRequestResponseSignatures = Schemas['SignatureRequestResponseSignatures'];
export type SignatureRequestGetResponse = Schemas['SignatureRequestGetResponse'];
export type SignatureRequestListResponse = Schemas['SignatureRequestListResponse'];
export type SignatureRequestSendRequest = Schemas['SignatureRequestSendRequest'];
export type SignatureRequestRemindRequest = Schemas['SignatureRequestRemindRequest'];
export type SignatureRequestUpdateRequest = Schemas['SignatureRequestUpdateRequest'];
export type SubSignatureRequestSigner = Schemas['SubSignatureRequestSigner'];

// Files
export type FileResponse = Schemas['FileResponse'];
export type FileResponseDataUri = Schemas['FileResponseDataUri'];

// Shared
export type ErrorResponse = Schemas['ErrorResponse'];
export type ErrorResponseError = Schemas['ErrorResponseError'];
export type ListInfoResponse = Schemas['ListInfoResponse'];
export type WarningResponse = Schemas['WarningResponse'];
