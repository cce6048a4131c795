// The send form as a webview panel: one page with every field (a multi-line message and a list of signers
// do not fit a QuickInput). The page collects; this side validates with src/model/sendForm.ts and sends
// through the `submit` callback. A second Send while one is in flight is ignored: sends are never doubled.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { NewSignatureRequest } from '../../model/signatureRequest';
import type { SignatureServiceFacts } from '../../model/service';
import { SendFile, SendFormValues, parseSendFormValues, validateSendForm } from '../../model/sendForm';
import { SendFormHostMessage, sendFormHtml } from './html';
import { VIEW_IDS } from '../ids';


export type SubmitOutcome = { ok: true } | { ok: false; message: string };

export interface OpenSendFormOptions {
  extensionUri: vscode.Uri;
  /** The service the form sends to: its name and rules. */
  definition: SignatureServiceFacts;
  files: SendFile[];
  initial: SendFormValues;
  /** Where the files come from when the service fetches them itself (a Dropbox file). */
  sourceNote?: string;
  /** Sends the validated request; resolves with what the form should show. Must not throw. */
  submit(request: Omit<NewSignatureRequest, 'files'>): Promise<SubmitOutcome>;
}

export interface SendFormHandle {
  readonly panel: vscode.WebviewPanel;
  /** Resolves when the panel closes: 'sent' after a successful send, 'closed' otherwise. */
  readonly closed: Promise<'sent' | 'closed'>;
}

export function openSendForm(options: OpenSendFormOptions): SendFormHandle {
  const media = vscode.Uri.joinPath(options.extensionUri, 'media');
  const title = options.files.length === 1 ? `Send “${options.files[0].fileName}”` : `Send ${options.files.length} files`;
  const panel = vscode.window.createWebviewPanel(VIEW_IDS.sendForm, title, vscode.ViewColumn.Active, {
    enableScripts: true,
    localResourceRoots: [media],
    // Typing a long message and switching tabs must not lose it.
    retainContextWhenHidden: true,
  });
  panel.iconPath = vscode.Uri.joinPath(media, 'signdesk.svg');
  const webview = panel.webview;
  const mediaUri = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(media, file)).toString();
  const rules = options.definition.signatures.rules;
  webview.html = sendFormHtml({
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    scriptUri: mediaUri('sendForm.js'),
    styleUri: mediaUri('sendForm.css'),
    files: options.files.map((f) => ({ name: f.fileName, size: f.size })),
    values: options.initial,
    limits: rules.fieldLimits,
    testModeOffered: rules.supportsTestMode,
    alwaysOrdered: rules.alwaysOrdered,
    sourceNote: options.sourceNote,
  });

  let disposed = false;
  const post = (message: SendFormHostMessage): void => {
    if (!disposed) void webview.postMessage(message);
  };
  let sending = false;
  let sent = false;
  let resolveClosed: (how: 'sent' | 'closed') => void = () => undefined;
  const closed = new Promise<'sent' | 'closed'>((resolve) => (resolveClosed = resolve));

  const subscription = webview.onDidReceiveMessage(async (message: unknown) => {
    const m = (message && typeof message === 'object' ? message : {}) as { type?: unknown; values?: unknown };
    if (m.type === 'cancel') {
      if (!sending) panel.dispose();
      return;
    }
    if (m.type !== 'validate' && m.type !== 'submit') return;
    const result = validateSendForm(options.definition, parseSendFormValues(m.values), options.files);
    if (m.type === 'validate') {
      post({ type: 'validation', errors: result.ok ? {} : result.errors });
      return;
    }
    if (sending || sent) return;
    if (!result.ok) {
      post({ type: 'invalid', errors: result.errors });
      return;
    }
    sending = true;
    post({ type: 'sending' });
    const outcome = await options.submit(result.request);
    sending = false;
    if (outcome.ok) {
      sent = true;
      if (!disposed) panel.dispose();
    } else {
      post({ type: 'failed', message: outcome.message });
    }
  });
  panel.onDidDispose(() => {
    disposed = true;
    subscription.dispose();
    resolveClosed(sent ? 'sent' : 'closed');
  });
  return { panel, closed };
}
