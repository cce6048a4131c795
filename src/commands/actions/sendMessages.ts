// What the user reads after a send. VS Code-free.
import type { SignatureRequest } from '../../model/signatureRequest';

/** "Jack", "Jack and Jill", "Jack, Jill and 2 others". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? 'nobody';
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]}`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} others`;
}

export function sentMessage(request: Pick<SignatureRequest, 'title' | 'signers' | 'testMode'>): string {
  const names = request.signers.map((s) => s.name?.trim() || s.email);
  return `Sent “${request.title}” to ${listNames(names)}${request.testMode ? ' in test mode' : ''}.`;
}

export function warningsMessage(service: string, title: string, warnings: string[]): string | undefined {
  if (warnings.length === 0) return undefined;
  const list = warnings.map((w) => w.replace(/[.\s]+$/, '')).join('; ');
  return `${service} sent “${title}” with ${warnings.length === 1 ? 'a warning' : `${warnings.length} warnings`}: ${list}.`;
}
