// Service-neutral signature requests. Times are milliseconds since the epoch (compare with ===, format with new Date()).

/**
 * - awaiting: sent, not everyone has signed (may also be `onHold`).
 * - completed: everyone signed.
 * - declined: a signer declined.
 * - canceled: never derived from a service response (a service may have no canceled flag: there a
 *   canceled request answers 410 and leaves the list, SignatureRules.canceledRequestsLeaveList); set locally after a successful cancel.
 * - error: the service reports an error on the request (e.g. a file could not be processed).
 */
export type SignatureRequestState = 'awaiting' | 'completed' | 'declined' | 'canceled' | 'error';

/**
 * - awaiting: not signed yet, not opened (as far as the service tells).
 * - viewed: not signed yet, but opened at least once.
 * - onHold: the request is on hold; this signer cannot sign until it is released.
 * - unknown: a status code we do not know; see `statusCode`.
 */
export type SignerStatus = 'awaiting' | 'viewed' | 'signed' | 'declined' | 'onHold' | 'error' | 'unknown';

export interface Signer {
  /** The service's per-signer id (e.g. a signature id); needed to update a signer. */
  id?: string;
  email: string;
  name?: string;
  role?: string;
  order?: number;
  status: SignerStatus;
  /** The service's raw status, e.g. awaiting_signature. */
  statusCode?: string;
  signedAt?: number;
  lastViewedAt?: number;
  lastRemindedAt?: number;
  declineReason?: string;
  error?: string;
  /**
   * Why the service cannot remind this signer, when its rules allow reminders but not for this kind of
   * signer (e.g. an invite it has no reminder for): Remind is not offered on them, and no request is sent.
   */
  noReminder?: string;
}

export interface SignatureRequest {
  id: string;
  title: string;
  subject?: string;
  message?: string;
  state: SignatureRequestState;
  /** Some signer is on hold (the service's hold request): releasing the hold lets them sign. */
  onHold: boolean;
  isComplete: boolean;
  testMode: boolean;
  createdAt?: number;
  expiresAt?: number;
  requesterEmail?: string;
  /**
   * Whether the signed-in account sent it (requesterEmail is the account's). false: someone else sent it and
   * the account is only a signer, so it cannot cancel or remind. Undefined when unknown (treated as sent).
   */
  sentByAccount?: boolean;
  detailsUrl?: string;
  signingUrl?: string;
  filesUrl?: string;
  ccEmails: string[];
  signers: Signer[];
}

/** What a user fills in to send a new request (service-neutral). */
export interface NewSignatureRequest {
  title?: string;
  subject?: string;
  message?: string;
  signers: Array<{ email: string; name: string; order?: number }>;
  ccEmails?: string[];
  /** Local files to upload (sent as multipart). Either files or fileUrls, not both. */
  files?: Array<{ filename: string; contentType: string; data: Buffer }>;
  /** Publicly reachable file URLs for the service to fetch. */
  fileUrls?: string[];
  testMode: boolean;
}

export interface SignerUpdate {
  /** Signer.id */
  signerId: string;
  email?: string;
  name?: string;
}
