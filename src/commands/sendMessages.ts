// What the user reads after a send. VS Code-free.
import type { SignatureRequest } from '../model/signatureRequest';

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

/**
 * The service's warnings on a send (Dropbox Sign answers 200 with `warnings: [{warning_msg, warning_name}]`
 * for things it adjusted). Providers may pass them as strings, as { message }, or in the raw shape.
 */
export function warningsOf(result: unknown): string[] {
  const raw = (result as { warnings?: unknown } | undefined)?.warnings;
  if (!Array.isArray(raw)) return [];
  return raw
    .map((w) => {
      if (typeof w === 'string') return w;
      const o = (w ?? {}) as { message?: unknown; warning_msg?: unknown; warningMsg?: unknown };
      const text = o.message ?? o.warning_msg ?? o.warningMsg;
      return typeof text === 'string' ? text : '';
    })
    .map((w) => w.trim())
    .filter((w) => w.length > 0);
}

export function warningsMessage(title: string, warnings: string[]): string | undefined {
  if (warnings.length === 0) return undefined;
  const list = warnings.map((w) => w.replace(/[.\s]+$/, '')).join('; ');
  return `Dropbox Sign sent “${title}” with ${warnings.length === 1 ? 'a warning' : `${warnings.length} warnings`}: ${list}.`;
}
