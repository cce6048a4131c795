import * as vscode from 'vscode';
import { segmentShown, segmentView, type LoginIndicatorState, type SegmentCommands, type StatusSegment } from './state';

// The status bar item of one service: shows the login indicator's state (state.ts) it is given.
export type { LoginIndicatorState } from './state';

/** One service's segment of the status bar. It renders a state it is given; it does not know how sign-in works. */
export class LoginStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(
    private readonly segment: StatusSegment,
    private readonly commands: SegmentCommands = {},
  ) {
    this.item = vscode.window.createStatusBarItem(segment.id, vscode.StatusBarAlignment.Left, 0);
    this.item.name = segment.name;
    // Shown with the first state it is given (one secret read after activation), so it never claims
    // "signed out" for a moment while the stored sign-in is being read.
  }

  render(state: LoginIndicatorState): void {
    const item = this.item;
    if (!segmentShown(this.segment, state)) {
      item.hide();
      return;
    }
    const view = segmentView(this.segment.service.label, state, this.commands);
    item.text = view.text;
    item.tooltip = view.tooltip;
    // The click acts on this segment's service (its sign-in, its account menu, its app set-up).
    item.command = view.command ? { command: view.command, title: view.accessibility.label, arguments: [{ service: this.segment.service.id }] } : undefined;
    item.accessibilityInformation = view.accessibility;
    item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
