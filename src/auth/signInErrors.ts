// Why a sign-in attempt ended without a session. Messages are shown to the user as they are: no code,
// token or secret ever goes into one.
import { AuthError, CancelledError, InvalidInputError, SignDeskError } from '../core/errors';
import { userFacingText } from '../core/log';
import { countOf } from '../model/wording';

/** The user pressed Deny (or the service refused the authorization) on the consent page. */
export class AuthorizationDeniedError extends AuthError {
  constructor(serviceLabel: string, detail?: string) {
    // The detail (error_description) comes from the callback address: redacted and clipped like any service text.
    const shown = detail === undefined ? '' : userFacingText(detail);
    super(`Authorization was denied in ${serviceLabel}.${shown ? ` (${shown})` : ''}`, { errorName: 'access_denied' });
  }
}

/** No callback arrived in time. */
export class SignInTimedOutError extends SignDeskError {
  readonly kind = 'cancelled' as const;

  constructor(minutes: number) {
    super(`Sign-in timed out: no answer came back from the browser within ${countOf(minutes, 'minute')}.`);
  }
}

/** A newer attempt (or the user) ended this one. */
export class SignInCancelledError extends CancelledError {
  constructor(message = 'Sign-in was cancelled.') {
    super(message);
  }
}

export type MissingAppSetting = 'clientId' | 'clientSecret' | 'relayUrl';

/** Sign-in cannot start: the app's credentials (or the relay URL the mode needs) are not configured. */
export class AppNotConfiguredError extends InvalidInputError {
  /** `serviceLabel`: the service whose app it is (its definition's label). */
  constructor(
    readonly missing: MissingAppSetting[],
    serviceLabel: string,
  ) {
    super(`SignDesk needs ${describeMissing(missing, serviceLabel)} before you can sign in.`);
  }
}

/**
 * The client ID to sign in with (trimmed). Throws AppNotConfiguredError naming all that is missing: the ID,
 * the secret where the service requires one, the relay URL where the redirect mode needs one.
 */
export function configuredClientId(
  app: { clientId: string | undefined; clientSecret: string | undefined },
  secretRequired: boolean,
  serviceLabel: string,
  relayUrlMissing = false,
): string {
  const clientId = app.clientId?.trim();
  const missing: MissingAppSetting[] = [];
  if (!clientId) missing.push('clientId');
  if (secretRequired && !app.clientSecret) missing.push('clientSecret');
  if (relayUrlMissing) missing.push('relayUrl');
  if (missing.length > 0 || !clientId) {
    throw new AppNotConfiguredError(missing, serviceLabel);
  }
  return clientId;
}

function describeMissing(missing: MissingAppSetting[], serviceLabel: string): string {
  const names = missing.map((m) =>
    m === 'relayUrl' ? 'the URL where you host the OAuth relay page (signdesk.oauth.relayUrl)' : `your ${serviceLabel} app's client ${m === 'clientId' ? 'ID' : 'secret'}`,
  );
  return names.length <= 1 ? (names[0] ?? 'configuration') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The callback came back without what the flow needs (e.g. a code missing), or the service said error. */
export class SignInCallbackError extends AuthError {}
