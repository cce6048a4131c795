// The file name the save dialog proposes for a download. VS Code-free.

import type { DownloadFormat } from '../../model/service';

export type { DownloadFormat };

const MAX_BASE_LENGTH = 120;
// Characters Windows, macOS or Linux refuse (or treat specially) in a file name, and control characters.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f]+/g;
const RESERVED_WINDOWS = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/** "NDA: Acme / 2024" → "NDA- Acme - 2024.pdf"; never empty, never hidden, never a reserved name. */
export function downloadFileName(title: string, requestId: string, format: DownloadFormat): string {
  let base = title
    .replace(/\s+/g, ' ')
    .replace(UNSAFE, '-')
    .trim()
    .replace(/^[.\s-]+|[.\s]+$/g, '')
    .slice(0, MAX_BASE_LENGTH)
    .trim();
  if (!base || RESERVED_WINDOWS.test(base)) {
    base = `signature-request-${requestId.slice(0, 8) || 'files'}`;
  }
  return `${base}.${format}`;
}

/**
 * Names to propose when `name` is taken, best first: the download of a completed request is the signed copy,
 * so "Contract (signed).pdf" before "Contract (2).pdf". Proposing a free name keeps the dialog's default
 * from pointing at the original the request was sent from (the save dialog would offer to replace it).
 */
export function* alternativeFileNames(name: string, completed: boolean): Generator<string> {
  const dot = name.lastIndexOf('.');
  const base = name.slice(0, dot);
  const extension = name.slice(dot);
  if (completed) yield `${base} (signed)${extension}`;
  for (let n = 2; n <= 99; n++) yield `${base} (${n})${extension}`;
}
