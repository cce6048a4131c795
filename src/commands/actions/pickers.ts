// When remind, cancel or download run from the palette (no tree node), the user picks from what the
// tree has loaded (the first page is loaded first if the view was never opened).
import * as vscode from 'vscode';
import type { SignatureRequest, Signer } from '../../model/signatureRequest';
import type { RequestsUpdater } from './deps';
import { signerLabel } from './remindRules';

const NOTHING_LOADED = 'None of the signature requests loaded can take this action. Older ones appear after “Load more…” in the SignDesk view.';

async function loaded(requests: RequestsUpdater): Promise<readonly SignatureRequest[]> {
  if (requests.ensureLoaded) {
    const load = requests.ensureLoaded.bind(requests);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Loading signature requests…' }, () => load());
  }
  return requests.requests;
}

/** Asks which of `candidates` to act on; says why there is no question when there are none. */
async function pickOne<T>(candidates: readonly T[], item: (candidate: T) => vscode.QuickPickItem, options: vscode.QuickPickOptions): Promise<T | undefined> {
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(NOTHING_LOADED);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((candidate) => ({ ...item(candidate), candidate })),
    options,
  );
  return picked?.candidate;
}

export async function pickRequest(
  requests: RequestsUpdater,
  accept: (request: SignatureRequest) => boolean,
  placeHolder: string,
): Promise<SignatureRequest | undefined> {
  return pickOne(
    (await loaded(requests)).filter(accept),
    (request) => ({ label: request.title || '(untitled)', description: request.state, detail: request.id }),
    { placeHolder, matchOnDetail: true },
  );
}

export async function pickSigner(
  requests: RequestsUpdater,
  accept: (request: SignatureRequest, signer: Signer) => boolean,
  placeHolder: string,
): Promise<{ request: SignatureRequest; signer: Signer } | undefined> {
  return pickOne(
    (await loaded(requests)).flatMap((request) => request.signers.filter((signer) => accept(request, signer)).map((signer) => ({ request, signer }))),
    (c) => ({ label: signerLabel(c.signer), description: c.request.title }),
    { placeHolder, matchOnDescription: true },
  );
}

/** Asks which service an action is for (several signature services signed in, and nothing names one). */
export async function pickService<T extends { id: string; definition: { label: string } }>(services: readonly T[], placeHolder: string): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(
    services.map((service) => ({ label: service.definition.label, service })),
    { placeHolder },
  );
  return picked?.service;
}
