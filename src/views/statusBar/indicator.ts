import * as vscode from 'vscode';
import { VIEW_IDS } from '../ids';

// The login indicator. It renders a state it is given; it does not know how sign-in works.
export type LoginIndicatorState =
  /** No client ID or client secret yet: Sign In cannot work, Configure comes first. */
  | { kind: 'notConfigured' }
  | { kind: 'signedOut' }
  | { kind: 'signingIn' }
  | { kind: 'signedIn'; email: string; tooltip?: vscode.MarkdownString | string }
  /** `shortText` replaces the email in the bar when the email alone would look like "signed in". */
  | { kind: 'needsAttention'; email?: string; shortText?: string; reason: string };

const SERVICE_LABEL = 'Dropbox Sign';

export class LoginStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(private readonly commands: { signIn?: string; cancel?: string; menu?: string; reauthorize?: string; configure?: string } = {}) {
    this.item = vscode.window.createStatusBarItem(VIEW_IDS.statusBar, vscode.StatusBarAlignment.Left, 0);
    this.item.name = 'SignDesk: Dropbox Sign login';
    // Shown with the first state it is given (one secret read after activation), so it never claims
    // "signed out" for a moment while the stored sign-in is being read.
  }

  render(state: LoginIndicatorState): void {
    const item = this.item;
    item.backgroundColor = undefined;
    switch (state.kind) {
      case 'notConfigured':
        item.text = `$(account) ${SERVICE_LABEL}: not configured`;
        item.tooltip = this.commands.configure
          ? "SignDesk: click to enter your Dropbox Sign API app's client ID and secret"
          : 'SignDesk: your Dropbox Sign API app is not configured';
        item.command = this.commands.configure;
        item.accessibilityInformation = { label: `${SERVICE_LABEL}: not configured`, role: this.commands.configure ? 'button' : undefined };
        break;
      case 'signedOut':
        item.text = `$(account) ${SERVICE_LABEL}: signed out`;
        item.tooltip = this.commands.signIn ? 'SignDesk: click to sign in to Dropbox Sign' : 'SignDesk: not signed in to Dropbox Sign';
        item.command = this.commands.signIn;
        item.accessibilityInformation = { label: `${SERVICE_LABEL}: signed out`, role: this.commands.signIn ? 'button' : undefined };
        break;
      case 'signingIn':
        item.text = `$(sync~spin) ${SERVICE_LABEL}: signing in…`;
        item.tooltip = 'SignDesk: waiting for Dropbox Sign in your browser. Click to cancel.';
        item.command = this.commands.cancel;
        item.accessibilityInformation = { label: `${SERVICE_LABEL}: signing in`, role: 'button' };
        break;
      case 'signedIn':
        item.text = `$(pass) ${SERVICE_LABEL}: ${state.email}`;
        item.tooltip = state.tooltip ?? `SignDesk: signed in to Dropbox Sign as ${state.email}`;
        item.command = this.commands.menu;
        item.accessibilityInformation = { label: `${SERVICE_LABEL}: signed in as ${state.email}`, role: 'button' };
        break;
      case 'needsAttention':
        item.text = `$(warning) ${SERVICE_LABEL}: ${state.shortText ?? state.email ?? 'sign in again'}`;
        item.tooltip = `SignDesk: ${state.reason} Click to authorize again.`;
        item.command = this.commands.reauthorize;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        item.accessibilityInformation = { label: `${SERVICE_LABEL}: needs attention. ${state.reason}`, role: 'button' };
        break;
    }
    item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
