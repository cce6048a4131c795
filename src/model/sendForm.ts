// The send form's rules, VS Code-free: which files can be sent, what a valid form is, and how a valid
// form becomes a NewSignatureRequest. The webview only collects text; every rule lives here so it is
// unit-tested once and the form and the command agree.
import type { SignatureServiceFacts } from './service';
import type { NewSignatureRequest } from './signatureRequest';

/** Media types of the document formats signature services take (the upload names the file's type). */
const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  rtf: 'application/rtf',
  txt: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
};

/** `when`-clause regex for package.json menus, from the service's accepted types (a unit test compares them). */
export function acceptedExtensionsWhen(service: SignatureServiceFacts): string {
  return `resourceExtname =~ /^\\.(${service.signatures.rules.acceptedFileTypes.join('|')})$/i`;
}

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

export function isAcceptedFile(service: SignatureServiceFacts, fileName: string): boolean {
  return service.signatures.rules.acceptedFileTypes.includes(extensionOf(fileName));
}

export function contentTypeFor(fileName: string): string {
  return CONTENT_TYPES[extensionOf(fileName)] ?? 'application/octet-stream';
}

/** "NDA with Acme.pdf" → "NDA with Acme": the title the form proposes. */
export function defaultTitleFor(service: SignatureServiceFacts, fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).slice(0, service.signatures.rules.fieldLimits.title);
}

/** What the form collects, as typed (untrimmed strings). */
export interface SendFormValues {
  title: string;
  subject: string;
  message: string;
  signers: Array<{ name: string; email: string }>;
  /** Signers sign one after another, in the listed order (only meaningful with more than one). */
  ordered: boolean;
  /** Comma, semicolon, space or newline separated. */
  cc: string;
  testMode: boolean;
}

export interface SendFile {
  fileName: string;
  size: number;
}

/**
 * Keys: title, subject, message, signers (the list as a whole), signers.<i>.name, signers.<i>.email,
 * cc, file. Values are sentences to show under the field.
 */
export type SendFormErrors = Record<string, string>;

export type SendFormResult =
  | { ok: true; request: Omit<NewSignatureRequest, 'files'> }
  | { ok: false; errors: SendFormErrors };

// Deliberately permissive (the service has the last word): one @, no spaces, a dot in the domain.
const EMAIL = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:.]{2,}$/;

export function isValidEmail(value: string): boolean {
  return EMAIL.test(value.trim());
}

export function splitEmails(value: string): string[] {
  return value
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function emptySendForm(service: SignatureServiceFacts, fileName: string, testMode: boolean): SendFormValues {
  return {
    title: defaultTitleFor(service, fileName),
    subject: '',
    message: '',
    signers: [{ name: '', email: '' }],
    ordered: false,
    cc: '',
    testMode,
  };
}

export function validateFile(service: SignatureServiceFacts, file: SendFile): string | undefined {
  const rules = service.signatures.rules;
  if (!isAcceptedFile(service, file.fileName)) {
    const ext = extensionOf(file.fileName);
    return `${service.label} cannot take ${ext ? `.${ext}` : 'files without an extension'}; send one of: ${rules.acceptedFileTypes.join(', ')}.`;
  }
  if (file.size === 0) return `${file.fileName} is empty.`;
  if (file.size > rules.maxFileBytes) {
    return `${file.fileName} is ${megabytes(file.size).toFixed(1)} MB; ${service.label} accepts files up to ${megabytes(rules.maxFileBytes)} MB.`;
  }
  return undefined;
}

function megabytes(bytes: number): number {
  return bytes / 1024 / 1024;
}

function tooLong(label: string, value: string, max: number): string | undefined {
  return value.length > max ? `${label} is ${value.length} characters long; the limit is ${max}.` : undefined;
}

/** Validates the whole form; on success returns the request to send (without the file bytes). */
export function validateSendForm(
  service: SignatureServiceFacts,
  values: SendFormValues,
  files?: SendFile | readonly SendFile[],
): SendFormResult {
  const limits = service.signatures.rules.fieldLimits;
  const errors: SendFormErrors = {};
  const title = values.title.trim();
  const subject = values.subject.trim();
  // The message keeps its inner line breaks; only surrounding blank space goes.
  const message = values.message.trim();

  const fileList = files === undefined ? [] : Array.isArray(files) ? files : [files as SendFile];
  if (files !== undefined && fileList.length === 0) errors.file = 'Choose at least one file to send.';
  const fileErrors = fileList.map((file) => validateFile(service, file)).filter((e): e is string => e !== undefined);
  if (fileErrors.length > 0) errors.file = fileErrors.join(' ');
  if (!title) errors.title = 'Give the request a title: signers see it in the email and on the document.';
  const titleError = tooLong('The title', title, limits.title);
  if (titleError) errors.title = titleError;
  const subjectError = tooLong('The subject', subject, limits.subject);
  if (subjectError) errors.subject = subjectError;
  const messageError = tooLong('The message', message, limits.message);
  if (messageError) errors.message = messageError;

  const signers = values.signers
    .map((s) => ({ name: s.name.trim(), email: s.email.trim() }))
    // A completely blank row is an unused row of the form, not a mistake.
    .map((s, index) => ({ ...s, index }))
    .filter((s) => s.name !== '' || s.email !== '');
  if (signers.length === 0) errors.signers = 'Add at least one signer (name and email).';
  const seen = new Set<string>();
  for (const s of signers) {
    if (!s.name) errors[`signers.${s.index}.name`] = 'Enter the signer’s name.';
    if (!s.email) errors[`signers.${s.index}.email`] = 'Enter the signer’s email address.';
    else if (!isValidEmail(s.email)) errors[`signers.${s.index}.email`] = `“${s.email}” is not an email address.`;
    else {
      const key = `${s.email.toLowerCase()}\n${s.name.toLowerCase()}`;
      if (seen.has(key)) errors[`signers.${s.index}.email`] = `${s.name} <${s.email}> is already a signer.`;
      seen.add(key);
    }
  }

  const cc = splitEmails(values.cc);
  const badCc = cc.filter((e) => !isValidEmail(e));
  if (badCc.length > 0) {
    errors.cc = `Not an email address: ${badCc.map((e) => `“${e}”`).join(', ')}.`;
  }
  const signerEmails = new Set(signers.map((s) => s.email.toLowerCase()));
  const ccSigners = cc.filter((e) => signerEmails.has(e.toLowerCase()));
  if (!errors.cc && ccSigners.length > 0) {
    errors.cc = `${ccSigners.join(', ')} already sign${ccSigners.length === 1 ? 's' : ''} this request; remove from CC.`;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const ordered = values.ordered && signers.length > 1;
  return {
    ok: true,
    request: {
      title,
      ...(subject ? { subject } : {}),
      ...(message ? { message } : {}),
      signers: signers.map((s, i) => ({ name: s.name, email: s.email, ...(ordered ? { order: i } : {}) })),
      ...(cc.length > 0 ? { ccEmails: dedupe(cc) } : {}),
      testMode: values.testMode,
    },
  };
}

function dedupe(emails: string[]): string[] {
  const seen = new Set<string>();
  return emails.filter((e) => {
    const key = e.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Reads a form posted by the webview. The webview is ours, but its messages are still untrusted input:
 * anything malformed becomes empty values, which validation then explains.
 */
export function parseSendFormValues(raw: unknown): SendFormValues {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const signers = Array.isArray(o.signers)
    ? o.signers.slice(0, 100).map((s) => {
        const r = (s && typeof s === 'object' ? s : {}) as Record<string, unknown>;
        return { name: str(r.name), email: str(r.email) };
      })
    : [];
  return {
    title: str(o.title),
    subject: str(o.subject),
    message: str(o.message),
    signers,
    ordered: o.ordered === true,
    cc: str(o.cc),
    testMode: o.testMode === true,
  };
}
