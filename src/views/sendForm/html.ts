// The send form's page: static markup, a strict CSP, and the initial state as inert JSON. VS Code-free so
// the markup (and its escaping) is unit-tested; panel.ts supplies the webview URIs.
import type { SignatureRules } from '../../model/service';
import type { SendFormErrors, SendFormValues } from '../../model/sendForm';

export interface SendFormFileInfo {
  name: string;
  size: number;
}

/** Everything the page script starts from (read from #signdesk-send-state). */
export interface SendFormPageState {
  files: SendFormFileInfo[];
  values: SendFormValues;
  errors: SendFormErrors;
  limits: SignatureRules['fieldLimits'];
}

export interface SendFormPageInput {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  files: SendFormFileInfo[];
  values: SendFormValues;
  errors?: SendFormErrors;
  /** The service's field limits (its SignatureRules). */
  limits: SignatureRules['fieldLimits'];
  /** False when the service has no test mode (SignatureRules.supportsTestMode): the box is not shown. */
  testModeOffered?: boolean;
  /** True when the service's signers always sign in order (SignatureRules.alwaysOrdered): the order box is ticked and disabled. */
  alwaysOrdered?: boolean;
  /** Where the files come from when the service fetches them itself (a Dropbox file), shown under the list. */
  sourceNote?: string;
}

/** Messages the page posts to the extension. */
export type SendFormPageMessage =
  | { type: 'validate'; values: unknown }
  | { type: 'submit'; values: unknown }
  | { type: 'cancel' };

/** Messages the extension posts to the page. */
export type SendFormHostMessage =
  | { type: 'validation'; errors: SendFormErrors }
  | { type: 'invalid'; errors: SendFormErrors }
  | { type: 'sending' }
  | { type: 'failed'; message: string };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** JSON that cannot end its <script> element early or be read as markup. */
export function inertJson(value: unknown): string {
  // Each as its JSON escape (\u003c for <), which JSON.parse reads back as the character.
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A gray "(…)" after a label. */
function optional(text: string): string {
  return `<span class="optional">(${text})</span>`;
}

/**
 * A labelled field and its error slot, which the control's aria-describedby names: a one-line text box, or
 * a textarea with `rows`. `attributes`: the control's own.
 */
function field(id: string, label: string, attributes: string, rows?: number): string {
  const control =
    rows === undefined
      ? `<input id="${id}" name="${id}" type="text" autocomplete="off" aria-describedby="err-${id}" ${attributes}>`
      : `<textarea id="${id}" name="${id}" rows="${rows}" aria-describedby="err-${id}" ${attributes}></textarea>`;
  return `<div class="field">
<label for="${id}">${label}</label>
${control}
<div class="field-error" id="err-${id}"></div>
</div>`;
}

export function sendFormHtml(input: SendFormPageInput): string {
  const state: SendFormPageState = {
    files: input.files,
    values: input.alwaysOrdered ? { ...input.values, ordered: true } : input.values,
    errors: input.errors ?? {},
    limits: input.limits,
  };
  const fileList = input.files
    .map((f) => `<li><span class="file-name">${escapeHtml(f.name)}</span> <span class="file-size">${formatSize(f.size)}</span></li>`)
    .join('');
  const source = input.cspSource;
  const csp = `default-src 'none'; style-src ${source}; script-src 'nonce-${input.nonce}'; img-src ${source}; font-src ${source}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
<title>Send for signature</title>
</head>
<body>
<form id="send-form" novalidate aria-labelledby="form-heading">
<h1 id="form-heading">Send for signature</h1>
<ul class="files" aria-label="Files to send">${fileList}</ul>
${input.sourceNote ? `<p class="source-note" id="source-note">${escapeHtml(input.sourceNote)}</p>
` : ''}<div class="field-error" id="err-file" role="alert"></div>
<div id="failure" class="failure" role="alert" hidden></div>
${field('title', 'Title', `maxlength="${input.limits.title}" required`)}
${field('subject', `Email subject ${optional('optional')}`, `maxlength="${input.limits.subject}"`)}
${field('message', `Message ${optional('optional')}`, `maxlength="${input.limits.message}"`, 4)}
<fieldset class="signers">
<legend>Signers</legend>
<ol id="signer-rows" class="signer-rows"></ol>
<div class="field-error" id="err-signers"></div>
<div class="signer-actions">
<button type="button" id="add-signer" class="secondary">Add signer</button>
<label class="inline" id="ordered-label"><input id="ordered" name="ordered" type="checkbox"${input.alwaysOrdered ? ' disabled' : ''}> Signers sign one after another, in this order</label>
</div>
</fieldset>
${field('cc', `CC ${optional('optional; email addresses separated by commas')}`, '')}
<div class="field"${input.testModeOffered === false ? ' hidden' : ''}>
<label class="inline"><input id="testMode" name="testMode" type="checkbox"> Test mode ${optional('not legally binding, free')}</label>
</div>
<div class="buttons">
<button type="submit" id="send" class="primary">Send</button>
<button type="button" id="cancel" class="secondary">Cancel</button>
<span class="hint">Ctrl+Enter sends</span>
</div>
</form>
<script type="application/json" id="signdesk-send-state">${inertJson(state)}</script>
<script nonce="${input.nonce}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}
