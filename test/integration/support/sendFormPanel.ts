// The send form's webview replaced by a panel whose page is the test: it sees what the extension posts and
// posts exactly what media/sendForm.js posts, so everything after the page (validation, upload, tree) is the
// real code.
import * as vscode from 'vscode';
import { stubWindow, type WindowApi } from './stubWindow';

export class FakeSendFormPanel {
  readonly toPage: Array<{ type: string; errors?: Record<string, string>; message?: string }> = [];
  disposed = false;
  private readonly fromPageEmitter = new vscode.EventEmitter<unknown>();
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly webview = {
    html: '',
    options: {},
    cspSource: 'https://fake.webview',
    asWebviewUri: (uri: vscode.Uri) => uri,
    postMessage: async (message: { type: string }) => {
      this.toPage.push(message);
      return true;
    },
    onDidReceiveMessage: this.fromPageEmitter.event,
  };
  readonly onDidDispose = this.disposeEmitter.event;
  readonly onDidChangeViewState = new vscode.EventEmitter<unknown>().event;
  iconPath: unknown;
  constructor(readonly viewType: string, public title: string) {}
  reveal(): void {
    /* nothing to show */
  }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
  }
  post(message: unknown): void {
    this.fromPageEmitter.fire(message);
  }
}

export function captureSendForm(): { panels: FakeSendFormPanel[]; restore: () => void } {
  const panels: FakeSendFormPanel[] = [];
  const restore = stubWindow('createWebviewPanel', ((viewType: string, title: string) => {
    const panel = new FakeSendFormPanel(viewType, title);
    panels.push(panel);
    return panel;
  }) as unknown as WindowApi['createWebviewPanel']);
  return { panels, restore };
}

/** What the page posts for a valid form: two signers in order, a cc, test mode. */
export const validSendForm = {
  title: 'Integration NDA',
  subject: 'Please sign',
  message: 'Line one\nLine two',
  signers: [
    { name: 'Jack Tester', email: 'jack.tester@example.com' },
    { name: 'Jill Tester', email: 'jill.tester@example.com' },
  ],
  ordered: true,
  cc: 'lawyer@example.com',
  testMode: true,
};
