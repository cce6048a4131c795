// What changed between two refreshes of the same requests, and the notifications that tell the user.
// Only requests present in both snapshots are compared: a request that first appears (sent elsewhere,
// or paged in) or leaves the loaded window is not news.
import { requestTitle, signerName } from './requestsFormat';
import type { SignatureRequest, Signer } from './signatureRequest';

export type RequestChange =
  | { kind: 'signerSigned'; request: SignatureRequest; signer: Signer }
  | { kind: 'signerDeclined'; request: SignatureRequest; signer: Signer }
  | { kind: 'completed'; request: SignatureRequest }
  | { kind: 'declined'; request: SignatureRequest }
  | { kind: 'error'; request: SignatureRequest };

/** How a signer is recognised across snapshots: the service's id, else email and order. */
export function signerKey(signer: Signer): string {
  return signer.id ?? `${signer.email.toLowerCase()}#${signer.order ?? ''}`;
}

export function diffRequests(previous: readonly SignatureRequest[], next: readonly SignatureRequest[]): RequestChange[] {
  const before = new Map(previous.map((r) => [r.id, r]));
  const changes: RequestChange[] = [];
  for (const request of next) {
    const old = before.get(request.id);
    if (old) {
      changes.push(...diffRequest(old, request));
    }
  }
  return changes;
}

export function diffRequest(old: SignatureRequest, request: SignatureRequest): RequestChange[] {
  const changes: RequestChange[] = [];
  const oldSigners = new Map(old.signers.map((s) => [signerKey(s), s]));
  for (const signer of request.signers) {
    const was = oldSigners.get(signerKey(signer));
    if (!was || was.status === signer.status) {
      continue;
    }
    if (signer.status === 'signed' || signer.status === 'declined') {
      changes.push({ kind: signer.status === 'signed' ? 'signerSigned' : 'signerDeclined', request, signer });
    }
  }
  const state = request.state;
  if (old.state !== state && (state === 'completed' || state === 'declined' || state === 'error')) {
    changes.push({ kind: state, request });
  }
  return changes;
}

export type NotificationAction =
  | { kind: 'download'; title: string; requestId: string }
  | { kind: 'reveal'; title: string; requestId?: string };

export interface RequestNotification {
  severity: 'info' | 'warning';
  message: string;
  actions: NotificationAction[];
}

/** Up to this many requests changed → one notification each; more → one summary. */
export const MAX_INDIVIDUAL_NOTIFICATIONS = 3;

function quoted(request: SignatureRequest): string {
  return `“${requestTitle(request)}”`;
}

function listNames(names: string[]): string {
  if (names.length <= 1) {
    return names.join('');
  }
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** One notification for all of one request's changes. */
function notificationFor(request: SignatureRequest, changes: RequestChange[]): RequestNotification {
  const has = (kind: RequestChange['kind']): boolean => changes.some((c) => c.kind === kind);
  const show: NotificationAction[] = [{ kind: 'reveal', title: 'Show', requestId: request.id }];
  if (has('completed')) {
    return {
      severity: 'info',
      message: `${quoted(request)} is complete.`,
      actions: [{ kind: 'download', title: 'Download', requestId: request.id }],
    };
  }
  const decliners = changes.filter((c) => c.kind === 'signerDeclined').map((c) => c.signer);
  if (decliners.length > 0 || has('declined')) {
    const reason = decliners.find((s) => s.declineReason?.trim())?.declineReason?.trim();
    const who = decliners.length > 0 ? listNames(decliners.map(signerName)) : 'A signer';
    return {
      severity: 'warning',
      message: `${who} declined ${quoted(request)}${reason ? `: “${reason}”` : '.'}`,
      actions: show,
    };
  }
  if (has('error')) {
    return {
      severity: 'warning',
      message: `${quoted(request)} has an error.`,
      actions: show,
    };
  }
  const signers = changes.filter((c) => c.kind === 'signerSigned').map((c) => signerName(c.signer));
  return {
    severity: 'info',
    message: `${listNames(signers)} signed ${quoted(request)}.`,
    actions: show,
  };
}

/**
 * Turns one refresh's changes into notifications: one per changed request, or a single summary when
 * more than MAX_INDIVIDUAL_NOTIFICATIONS requests changed at once (e.g. after the laptop slept).
 */
export function notificationsFor(changes: readonly RequestChange[]): RequestNotification[] {
  const byRequest = new Map<string, { request: SignatureRequest; changes: RequestChange[] }>();
  for (const change of changes) {
    const entry = byRequest.get(change.request.id);
    if (entry) {
      entry.changes.push(change);
    } else {
      byRequest.set(change.request.id, { request: change.request, changes: [change] });
    }
  }
  const individual = [...byRequest.values()].map(({ request, changes: own }) => notificationFor(request, own));
  if (individual.length <= MAX_INDIVIDUAL_NOTIFICATIONS) {
    return individual;
  }
  return [summaryOf([...byRequest.values()].map((e) => e.changes))];
}

function summaryOf(perRequest: RequestChange[][]): RequestNotification {
  let completed = 0;
  let declined = 0;
  let errors = 0;
  let signatures = 0;
  for (const changes of perRequest) {
    const kinds = new Set(changes.map((c) => c.kind));
    if (kinds.has('completed')) {
      completed++;
    } else if (kinds.has('declined') || kinds.has('signerDeclined')) {
      declined++;
    } else if (kinds.has('error')) {
      errors++;
    }
    signatures += changes.filter((c) => c.kind === 'signerSigned').length;
  }
  const parts: string[] = [];
  if (completed > 0) {
    parts.push(`${completed} complete`);
  }
  if (signatures > 0) {
    parts.push(`${signatures} new ${signatures === 1 ? 'signature' : 'signatures'}`);
  }
  if (declined > 0) {
    parts.push(`${declined} declined`);
  }
  if (errors > 0) {
    parts.push(`${errors} with errors`);
  }
  return {
    severity: declined > 0 || errors > 0 ? 'warning' : 'info',
    message: `${perRequest.length} signature requests changed: ${parts.join(', ')}.`,
    actions: [{ kind: 'reveal', title: 'Show' }],
  };
}
