// What the playground folder holds: `npm start` opens it, and the e2e test of the README's steps starts
// from the same files. Send for Signature needs a document Dropbox Sign accepts (a README.md is not one),
// so a new user can send a first request without bringing a file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPdf } from '../sandbox/kit/documents';

export const SAMPLE_DOCUMENT = 'Sample Agreement.pdf';

/** The playground's files by relative path, as text (the PDF is plain ASCII, so UTF-8 writes it byte for byte). */
export function playgroundFiles(): Record<string, string> {
  const pdf = buildPdf([
    {
      heading: 'Sample Agreement',
      lines: ['A document to try SignDesk with: send it for signature from the Explorer', '(right-click, Send for Signature...). The local sandbox is not the real service.'],
    },
  ]);
  return {
    'README.md':
      '# SignDesk playground\n\nA workspace for trying SignDesk against the local Dropbox Sign sandbox.\n\n' +
      `Signed in, right-click **${SAMPLE_DOCUMENT}** in the Explorer and choose **Send for Signature…** to send a test request.\n`,
    [SAMPLE_DOCUMENT]: pdf.toString('latin1'),
  };
}

/** Writes the files that are missing; a file already there (the user may have changed it) stays as it is. */
export function preparePlayground(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(playgroundFiles())) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) fs.writeFileSync(file, text);
  }
}
