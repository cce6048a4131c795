// Which stored files (Dropbox) can be sent for signature, and by which signature service: the file's type
// must be one a service accepts and its size within that service's limit. VS Code-free; the files view
// marks sendable rows with it and "Send for Signature…" offers only the services it names.
import type { SignatureServiceFacts } from './service';

/** A signature service the user set up (configured or signed in), as the send-from-store code sees it. */
export interface SendTarget extends SignatureServiceFacts {
  readonly id: string;
}

/** "Scan.PDF" → "pdf"; '' without one (sendForm's rule, repeated here: this runs at activation, the form does not). */
function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** The services that take this file: its type accepted, and (when the store told its size) not empty or too large. */
export function servicesAccepting<T extends SendTarget>(targets: readonly T[], file: { readonly name: string; readonly size?: number }): T[] {
  const extension = extensionOf(file.name);
  return targets.filter((target) => {
    const rules = target.signatures.rules;
    if (!extension || !rules.acceptedFileTypes.includes(extension)) return false;
    return file.size === undefined || (file.size > 0 && file.size <= rules.maxFileBytes);
  });
}

/** Of those, the services that fetch a file from a link themselves; the rest say why not. */
export function fromLinkSupport<T extends SendTarget>(targets: readonly T[]): { fetching: T[]; refused: Array<{ target: T; reason: string }> } {
  const fetching: T[] = [];
  const refused: Array<{ target: T; reason: string }> = [];
  for (const target of targets) {
    const offered = target.signatures.rules.fileUrls;
    if (offered === true) fetching.push(target);
    else refused.push({ target, reason: offered ?? `SignDesk does not send ${target.label} files by link.` });
  }
  return { fetching, refused };
}
