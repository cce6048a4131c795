// Text the requests tree shows: "k/n signed", relative times, signer lines and the Markdown tooltip.
// VS Code-free: the tree wraps the tooltip string in a MarkdownString.
import { isReceived } from './requestSender';
import type { SignatureRequest, SignatureRequestState, Signer, SignerStatus } from './signatureRequest';
import { countOf } from './wording';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Display title; a service may allow an empty one. */
export function requestTitle(request: Pick<SignatureRequest, 'title'>): string {
  const title = request.title.trim();
  return title.length > 0 ? title : '(untitled)';
}

export function signedCount(request: Pick<SignatureRequest, 'signers'>): { signed: number; total: number } {
  return { signed: request.signers.filter((s) => s.status === 'signed').length, total: request.signers.length };
}

/** "1/2 signed" */
export function signedSummary(request: Pick<SignatureRequest, 'signers'>): string {
  const { signed, total } = signedCount(request);
  return `${signed}/${total} signed`;
}

/** What a screen reader says for "1/2 signed": "1 of 2 signers signed", "0 of 1 signer signed". */
export function signedSummarySpoken(request: Pick<SignatureRequest, 'signers'>): string {
  const { signed, total } = signedCount(request);
  return total === 0 ? 'no signers' : `${signed} of ${countOf(total, 'signer')} signed`;
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then "12 Mar" / "12 Mar 2023". Future times read "in …". */
export function relativeTime(at: number, now: number): string {
  const delta = now - at;
  const future = delta < 0;
  const abs = Math.abs(delta);
  const phrase = (text: string): string => (future ? `in ${text}` : `${text} ago`);
  if (abs < MINUTE) {
    return future ? 'in a moment' : 'just now';
  }
  if (abs < HOUR) {
    return phrase(`${Math.floor(abs / MINUTE)} min`);
  }
  if (abs < DAY) {
    return phrase(`${Math.floor(abs / HOUR)} h`);
  }
  const days = Math.floor(abs / DAY);
  if (days === 1) {
    return future ? 'tomorrow' : 'yesterday';
  }
  if (days < 7) {
    return phrase(`${days} days`);
  }
  const date = new Date(at);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return `${date.getDate()} ${MONTHS[date.getMonth()]}${sameYear ? '' : ` ${date.getFullYear()}`}`;
}

/** The request node's description: "1/2 signed · 3 h ago". */
function senderOf(request: Pick<SignatureRequest, 'requesterEmail'>): string {
  return request.requesterEmail ?? 'another account';
}

/** "received from bob@example.com": for requests someone else sent (the account only signs them). */
export function receivedFromLabel(request: Pick<SignatureRequest, 'requesterEmail'>): string {
  return `received from ${senderOf(request)}`;
}

export function requestDescription(request: SignatureRequest, now: number): string {
  const parts = [signedSummary(request)];
  if (isReceived(request)) {
    // First, so it shows even when the row is narrow; own requests stay as they were.
    parts.unshift(`from ${senderOf(request)}`);
  }
  if (request.createdAt !== undefined) {
    parts.push(relativeTime(request.createdAt, now));
  }
  return parts.join(' · ');
}

export const STATE_LABELS: Readonly<Record<SignatureRequestState, string>> = {
  awaiting: 'Awaiting signature',
  completed: 'Completed',
  declined: 'Declined',
  canceled: 'Canceled',
  error: 'Error',
};

export const SIGNER_STATUS_LABELS: Readonly<Record<SignerStatus, string>> = {
  awaiting: 'Awaiting signature',
  viewed: 'Viewed, not signed',
  signed: 'Signed',
  declined: 'Declined',
  onHold: 'On hold',
  error: 'Error',
  unknown: 'Unknown status',
};

export function signerName(signer: Pick<Signer, 'name' | 'email'>): string {
  const name = signer.name?.trim();
  return name ? name : signer.email;
}

/** The signer node's label: "2. Jack Smith" when the request has an order, else "Jack Smith". */
export function signerLabel(signer: Signer, ordered: boolean): string {
  const name = signerName(signer);
  return ordered && signer.order !== undefined ? `${signer.order + 1}. ${name}` : name;
}

/** The signer node's description: "jack@example.com · signed 3 h ago". */
export function signerDescription(signer: Signer, now: number): string {
  const parts: string[] = [];
  if (signer.name?.trim()) {
    parts.push(signer.email);
  }
  const when = signerStatusTime(signer);
  const status = SIGNER_STATUS_LABELS[signer.status].toLowerCase();
  parts.push(when === undefined ? status : `${status} ${relativeTime(when, now)}`);
  return parts.join(' · ');
}

function signerStatusTime(signer: Signer): number | undefined {
  switch (signer.status) {
    case 'signed':
      return signer.signedAt;
    case 'viewed':
      return signer.lastViewedAt;
    default:
      return undefined;
  }
}

/** True when more than one signer has an order: then the order matters and is shown. */
export function isOrdered(request: Pick<SignatureRequest, 'signers'>): boolean {
  return request.signers.length > 1 && request.signers.some((s) => s.order !== undefined);
}

/** Escapes text for Markdown so titles like `*NDA*` or `[x](y)` show as typed. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

function isoDate(at: number): string {
  return new Date(at).toISOString().replace('T', ' ').replace(/:\d\d\.\d{3}Z$/, ' UTC');
}

/** The request node's Markdown tooltip: title, subject, id, created, expires, test mode, signers with status and times. */
export function requestTooltipMarkdown(request: SignatureRequest, now: number): string {
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(requestTitle(request))}**`);
  lines.push('');
  if (request.subject?.trim()) {
    lines.push(`Subject: ${escapeMarkdown(request.subject.trim())}  `);
  }
  if (isReceived(request)) {
    lines.push(`Sent by ${escapeMarkdown(senderOf(request))} · only the sender can cancel it or send reminders  `);
  }
  lines.push(`State: ${STATE_LABELS[request.state]}${request.onHold ? ' (on hold)' : ''} · ${signedSummary(request)}  `);
  lines.push(`ID: \`${request.id.replace(/`/g, '')}\`  `);
  if (request.createdAt !== undefined) {
    lines.push(`Created: ${isoDate(request.createdAt)} (${relativeTime(request.createdAt, now)})  `);
  }
  if (request.expiresAt !== undefined) {
    lines.push(`Expires: ${isoDate(request.expiresAt)} (${relativeTime(request.expiresAt, now)})  `);
  }
  lines.push(`Test mode: ${request.testMode ? 'yes (not legally binding)' : 'no'}`);
  if (request.signers.length > 0) {
    lines.push('');
    lines.push('Signers:');
    lines.push('');
    const ordered = isOrdered(request);
    for (const signer of request.signers) {
      const who = escapeMarkdown(signerLabel(signer, ordered));
      const email = signer.name?.trim() ? ` · ${escapeMarkdown(signer.email)}` : '';
      lines.push(`- ${who}${email}: ${signerStatusDetails(signer, now)}`);
    }
  }
  return lines.join('\n');
}

function signerStatusDetails(signer: Signer, now: number): string {
  const parts = [SIGNER_STATUS_LABELS[signer.status]];
  if (signer.signedAt !== undefined) {
    parts.push(`signed ${relativeTime(signer.signedAt, now)}`);
  }
  if (signer.lastViewedAt !== undefined && signer.status !== 'signed') {
    parts.push(`viewed ${relativeTime(signer.lastViewedAt, now)}`);
  }
  if (signer.lastRemindedAt !== undefined) {
    parts.push(`reminded ${relativeTime(signer.lastRemindedAt, now)}`);
  }
  if (signer.declineReason?.trim()) {
    parts.push(`reason: ${escapeMarkdown(signer.declineReason.trim())}`);
  }
  if (signer.error?.trim()) {
    parts.push(`error: ${escapeMarkdown(signer.error.trim())}`);
  }
  return parts.join(', ');
}
