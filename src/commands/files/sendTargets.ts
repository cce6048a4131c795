// The signature services the user has set up (app configured, or an account signed in), kept current as
// sessions and app set-ups change: the Dropbox view offers "Send for Signature…" only on files one of them
// accepts, and the send command offers only them.
import * as vscode from 'vscode';
import type { SessionStoreApi } from '../../auth/session';
import type { FileEntry } from '../../model/files';
import { servicesAccepting, type SendTarget } from '../../model/sendableFiles';
import type { ServiceRuntime } from '../../runtime';

export class SendTargets implements vscode.Disposable {
  private setUpNow: ServiceRuntime[] = [];
  private seq = 0;
  private readonly targetsChanged = new vscode.EventEmitter<void>();
  private readonly toDispose: vscode.Disposable[] = [this.targetsChanged];
  readonly onDidChange = this.targetsChanged.event;

  constructor(
    private readonly runtimes: readonly ServiceRuntime[],
    private readonly store: Pick<SessionStoreApi, 'list' | 'onDidChange'>,
  ) {
    this.toDispose.push(new vscode.Disposable(store.onDidChange(() => void this.readSetUp()).dispose));
    for (const runtime of runtimes) this.toDispose.push(new vscode.Disposable(runtime.appSetup.onDidChange(() => void this.readSetUp()).dispose));
    void this.readSetUp();
  }

  /** The set-up signature services, in the service list's order. */
  runtimesNow(): readonly ServiceRuntime[] {
    return this.setUpNow;
  }

  isSendable(entry: FileEntry): boolean {
    return entry.kind === 'file' && servicesAccepting(this.setUpNow.map(asTarget), entry).length > 0;
  }

  private async readSetUp(): Promise<void> {
    const seq = ++this.seq;
    const setUp: ServiceRuntime[] = [];
    for (const runtime of this.runtimes) {
      if (!runtime.definition.signatures) continue;
      try {
        const signedIn = (await this.store.list(runtime.definition.id)).some((session) => session.status === 'active');
        if (signedIn || (await runtime.appSetup.isConfigured())) setUp.push(runtime);
      } catch {
        // An unreadable keyring: that service is not offered until the next change.
      }
    }
    if (seq !== this.seq) return;
    const before = this.setUpNow.map((r) => r.definition.id).join();
    this.setUpNow = setUp;
    if (setUp.map((r) => r.definition.id).join() !== before) this.targetsChanged.fire();
  }

  dispose(): void {
    for (const d of this.toDispose) d.dispose();
  }
}

/** A runtime as send-from-store code sees it: id, label and signature rules. */
export function asTarget(runtime: ServiceRuntime): SendTarget & { runtime: ServiceRuntime } {
  const signatures = runtime.definition.signatures;
  if (!signatures) throw new Error(`${runtime.definition.label} offers no signature requests`);
  return { id: runtime.definition.id, label: runtime.definition.label, signatures, runtime };
}
