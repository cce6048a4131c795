// The file store's commands that load on first use (dist/features.js): Send for Signature… on a Dropbox
// file, and Save Signed Copy to Dropbox… on a completed request.
import * as vscode from 'vscode';
import { COMMANDS } from '../../views/ids';
import { showError } from '../notices';
import { errorNotice } from '../notice';
import type { Logger } from '../../core/log';
import type { Runtimes } from '../../runtime';
import { currentAccountTokens, type ActionService, type ActionSetupDeps } from '../actions';
import { pickService } from '../actions/pickers';
import { routeAction } from '../actions/targets';
import type { FileStoreCommandsDeps, SignatureSide } from './deps';
import type { FileStoreSetup } from './setup';
import { saveSignedCopy } from './saveSignedCopy';
import { sendStoredFile } from './sendStoredFile';
import { readTestModeDefault } from '../../runtime/settings';

export type { FileStoreCommandsDeps } from './deps';

function setUpFileStoreCommands(deps: FileStoreCommandsDeps): void {
  deps.context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.sendStoredFile, async (arg?: unknown) => {
      try {
        return await sendStoredFile(deps, arg);
      } catch (error) {
        await showError(error, () => errorNotice('SignDesk could not send the file for signature. The details are in the SignDesk log.', ['Show Log']), {
          log: { logger: deps.log, message: 'Send for Signature on a stored file failed' },
        });
        return undefined;
      }
    }),
    vscode.commands.registerCommand(COMMANDS.saveSignedCopy, (arg?: unknown, folder?: unknown) => saveSignedCopy(deps, arg, typeof folder === 'string' ? folder : undefined)),
  );
}

/** What the composition root has at hand; the rest of the deps is built here, on first use. */
export interface FileStoreWiring {
  context: vscode.ExtensionContext;
  log: Logger;
  secrets: FileStoreCommandsDeps['secrets'];
  runtimes: Pick<Runtimes, 'all'>;
  fileStore: FileStoreSetup;
  /** Every signature service as the action commands act with it (commands/requests/setup's actionServices). */
  services: readonly ActionService[];
  tokens: ActionSetupDeps['tokens'];
  /** A request was sent (the walkthrough's last step). */
  onSent(): void;
}

export function wireFileStoreCommands(wiring: FileStoreWiring): void {
  const { fileStore } = wiring;
  const storeRuntime = wiring.runtimes.all.find((runtime) => runtime.files);
  const files = storeRuntime?.files;
  if (!storeRuntime || !files) return;
  const sides = new Map<string, SignatureSide>();
  const sideOf = (entry: ActionService): SignatureSide => {
    let side = sides.get(entry.id);
    if (!side) {
      side = {
        id: entry.id,
        definition: entry.definition,
        service: entry.service,
        requests: entry.requests,
        withToken: currentAccountTokens({ tokens: wiring.tokens, active: entry }, entry.definition.label),
        signedIn: async () => (await entry.current()) !== undefined,
      };
      sides.set(entry.id, side);
    }
    return side;
  };
  setUpFileStoreCommands({
    context: wiring.context,
    log: wiring.log,
    secrets: wiring.secrets,
    store: { id: storeRuntime.definition.id, label: storeRuntime.definition.label, files, withToken: fileStore.withToken },
    storeSignedIn: () => fileStore.signedIn(),
    targets: () => fileStore.sendTargets().runtimesNow(),
    signatureSide: (service) => {
      const entry = wiring.services.find((candidate) => candidate.id === service);
      return entry && sideOf(entry);
    },
    routeRequest: async (arg) => {
      const entry = await routeAction(wiring.services, arg, (candidates) => pickService(candidates, `Which service’s request should be saved to ${storeRuntime.definition.label}?`));
      return entry && sideOf(entry);
    },
    onSent: wiring.onSent,
    // Lists again, then reveals and selects the row, opening the folders above it.
    reveal: async (entry) => {
      const view = fileStore.view;
      view.treeView.message = undefined;
      view.provider.refresh();
      await view.treeView.reveal({ kind: 'entry', entry }, { select: true, focus: true, expand: false });
    },
    testModeDefault: readTestModeDefault,
  });
}
