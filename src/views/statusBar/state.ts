// What the login indicator should show, from the current session, sign-in progress, storage health and the
// last rate-limit headers. Pure and VS Code-free (the type import is erased), so it is unit-tested.
import type { StoredSession } from '../../auth/session';
import type { RateLimitInfo } from '../../core/http';
import type * as vscode from 'vscode';
import { VIEW_IDS } from '../ids';
import { countOf } from '../../model/wording';
import { CONTEXT_KEYS, serviceContextKey } from '../ids';

// The login indicator's states.
export type LoginIndicatorState =
  /** No client ID or client secret yet: Sign In cannot work, Configure comes first. */
  | { kind: 'notConfigured' }
  | { kind: 'signedOut' }
  | { kind: 'signingIn' }
  | { kind: 'signedIn'; email: string; tooltip?: vscode.MarkdownString | string }
  /** `shortText` replaces the email in the bar when the email alone would look like "signed in". */
  | { kind: 'needsAttention'; email?: string; shortText?: string; reason: string };

export interface StatusInputs {
  /** The service's label (its definition's), named in the tooltip and the reasons. */
  serviceLabel: string;
  session?: StoredSession;
  signingIn: boolean;
  /** The app has a client ID and a client secret (read only while nobody is signed in). */
  configured?: boolean;
  /** The user-facing message of the last secret-storage failure, while it lasts. */
  storageProblem?: string;
  rateLimit?: RateLimitInfo;
  now: number;
  /** Formats a time of day for the tooltip (injected so tests do not depend on the locale/time zone). */
  formatTime?: (ms: number) => string;
}

const defaultFormatTime = (ms: number): string => new Date(ms).toLocaleTimeString();

function inMinutes(deltaMs: number): string {
  const minutes = Math.round(deltaMs / 60_000);
  if (minutes < 1) return 'in less than a minute';
  if (minutes < 90) return `in ${minutes} min`;
  return `in ${Math.round(minutes / 60)} h`;
}

export function tokenExpiryLine(session: StoredSession, now: number, formatTime = defaultFormatTime): string {
  if (session.expiresAt <= now) {
    return 'Access token: expired; SignDesk refreshes it on the next request';
  }
  return `Access token: valid until ${formatTime(session.expiresAt)} (${inMinutes(session.expiresAt - now)}); refreshed automatically`;
}

export function rateLimitLine(rateLimit: RateLimitInfo | undefined, formatTime = defaultFormatTime): string {
  if (!rateLimit || rateLimit.remaining === undefined) {
    return 'API rate limit: not known yet (no request made)';
  }
  const left = rateLimit.limit !== undefined ? `${rateLimit.remaining} of ${countOf(rateLimit.limit, 'request')}` : countOf(rateLimit.remaining, 'request');
  let line = `API rate limit: ${left} left`;
  if (rateLimit.resetAt) line += `, resets at ${formatTime(rateLimit.resetAt.getTime())}`;
  return line;
}

export function loginIndicatorState(input: StatusInputs): LoginIndicatorState {
  const formatTime = input.formatTime ?? defaultFormatTime;
  if (input.signingIn) {
    return { kind: 'signingIn' };
  }
  if (input.storageProblem) {
    return { kind: 'needsAttention', email: input.session?.email, reason: input.storageProblem };
  }
  const session = input.session;
  if (!session) {
    return input.configured === false ? { kind: 'notConfigured' } : { kind: 'signedOut' };
  }
  switch (session.status) {
    case 'expired':
      return {
        kind: 'needsAttention',
        email: session.email,
        shortText: 'sign in again',
        reason: `${input.serviceLabel} no longer accepts the sign-in of ${session.email} (it expired or was revoked).`,
      };
    case 'awaitingActivation':
      return {
        kind: 'needsAttention',
        email: session.email,
        reason: `Confirm the email ${input.serviceLabel} sent to ${session.email}, then authorize the app.`,
      };
    case 'active':
      return {
        kind: 'signedIn',
        email: session.email,
        tooltip: [
          `${input.serviceLabel}: signed in as ${session.email}`,
          `Account ID: ${session.accountId}`,
          tokenExpiryLine(session, input.now, formatTime),
          rateLimitLine(input.rateLimit, formatTime),
          'Click for account actions.',
        ].join('\n'),
      };
  }
}

/** Context keys (package.json `when` clauses) that follow the sign-in. */
export const CONTEXT_SIGNED_IN = CONTEXT_KEYS.signedIn;
export const CONTEXT_HAS_ACCOUNT = CONTEXT_KEYS.hasAccount;
export const CONTEXT_APP_CONFIGURED = CONTEXT_KEYS.appConfigured;

/**
 * signedIn: an account this window works with whose sign-in its service still accepts (Send, Filter,
 * Refresh, and the request actions can act). hasAccount: any current account, even an expired one (Sign
 * Out can act). appConfigured: signed in, or a client ID and secret are there.
 */
export function loginContextKeys(input: { session?: StoredSession; configured?: boolean }): Record<string, boolean> {
  const session = input.session;
  return {
    [CONTEXT_SIGNED_IN]: session !== undefined && session.status !== 'expired',
    [CONTEXT_HAS_ACCOUNT]: session !== undefined,
    [CONTEXT_APP_CONFIGURED]: session !== undefined || input.configured === true,
  };
}

/** A service the status bar has a segment for (its definition's id and label). */
export interface StatusService {
  readonly id: string;
  readonly label: string;
}

/** One status bar item: the first service keeps SignDesk's own id (signdesk.status), the next get their own. */
export interface StatusSegment {
  readonly id: string;
  readonly name: string;
  readonly service: StatusService;
}

/**
 * One segment per service, in the order of the service list (left to right).
 *
 * Separate status bar items rather than one item with combined text: each service needs its own click
 * (its own sign-in or account menu), its own tooltip (account, token expiry, rate limit) and its own
 * warning colour when only it needs attention, and VS Code gives an item one command, one tooltip and one
 * background. Separate items also let the user hide one service's segment from the status bar's menu.
 */
export function statusSegments(services: readonly StatusService[]): StatusSegment[] {
  return services.map((service, index) => ({
    id: index === 0 ? VIEW_IDS.statusBar : `${VIEW_IDS.statusBar}.${service.id}`,
    name: `SignDesk: ${service.label} login`,
    service,
  }));
}

/** The commands a segment runs when clicked, by state (absent: the segment is not clickable then). */
export interface SegmentCommands {
  signIn?: string;
  cancel?: string;
  menu?: string;
  reauthorize?: string;
  configure?: string;
}

/** What a segment shows; `warning` paints it in the warning colour. */
export interface SegmentView {
  text: string;
  tooltip: vscode.MarkdownString | string;
  command?: string;
  accessibility: { label: string; role?: string };
  warning: boolean;
}

/** A segment's text, tooltip, command and screen-reader label for a state: pure, so both services are unit-tested. */
export function segmentView(label: string, state: LoginIndicatorState, commands: SegmentCommands): SegmentView {
  /** `$(icon) label: shown` in the bar; `label: spoken` to a screen reader, as a button when it does something. */
  const view = (icon: string, shown: string, tooltip: SegmentView['tooltip'], command: string | undefined, spoken = shown, button = !!command): SegmentView => ({
    text: `$(${icon}) ${label}: ${shown}`,
    tooltip,
    command,
    accessibility: { label: `${label}: ${spoken}`, role: button ? 'button' : undefined },
    warning: state.kind === 'needsAttention',
  });
  switch (state.kind) {
    case 'notConfigured':
      return view(
        'account',
        'not configured',
        commands.configure ? `SignDesk: click to enter your ${label} API app's client ID and secret` : `SignDesk: your ${label} API app is not configured`,
        commands.configure,
      );
    case 'signedOut':
      return view('account', 'signed out', commands.signIn ? `SignDesk: click to sign in to ${label}` : `SignDesk: not signed in to ${label}`, commands.signIn);
    case 'signingIn':
      return view('sync~spin', 'signing in…', `SignDesk: waiting for ${label} in your browser. Click to cancel.`, commands.cancel, 'signing in', true);
    case 'signedIn':
      return view('pass', state.email, state.tooltip ?? `SignDesk: signed in to ${label} as ${state.email}`, commands.menu, `signed in as ${state.email}`, true);
    case 'needsAttention':
      return view(
        'warning',
        state.shortText ?? state.email ?? 'sign in again',
        `SignDesk: ${state.reason} Click to authorize again.`,
        commands.reauthorize,
        `needs attention. ${state.reason}`,
        true,
      );
  }
}

/**
 * Whether a segment shows: the first always does (as SignDesk's one item always did, "not configured"
 * included, so a new user sees where to start); the others only once that service is configured or in use,
 * so a user of one service does not get a "not configured" segment for every other service SignDesk knows.
 */
export function segmentShown(segment: Pick<StatusSegment, 'id'>, state: LoginIndicatorState): boolean {
  return segment.id === VIEW_IDS.statusBar || state.kind !== 'notConfigured';
}

/**
 * The context keys when several signature services have segments: a key holds when it holds for any of
 * them (Send, Refresh and the request actions can act once any signature service is signed in).
 */
export function combinedContextKeys(perSegment: Iterable<Record<string, boolean>>): Record<string, boolean> {
  const combined: Record<string, boolean> = {};
  for (const keys of perSegment) {
    for (const [key, value] of Object.entries(keys)) combined[key] = (combined[key] ?? false) || value;
  }
  return combined;
}

/**
 * Collects each service segment's context keys and sets their combination (combinedContextKeys), once per
 * change; each key also goes out for that service alone (serviceContextKey), from the state the segment
 * already has, for the palette entries of one service.
 */
export class CombinedContextKeys {
  private readonly byService = new Map<string, Record<string, boolean>>();
  private readonly sent = new Map<string, boolean>();

  constructor(private readonly setContext: (key: string, value: boolean) => unknown) {}

  /** The setContext one service's segment controller calls (only with a value that changed). */
  forService(serviceId: string): (key: string, value: boolean) => void {
    return (key, value) => {
      void this.setContext(serviceContextKey(key, serviceId), value);
      this.byService.set(serviceId, { ...this.byService.get(serviceId), [key]: value });
      const combined = combinedContextKeys(this.byService.values())[key];
      if (this.sent.get(key) !== combined) {
        this.sent.set(key, combined);
        void this.setContext(key, combined);
      }
    };
  }
}
