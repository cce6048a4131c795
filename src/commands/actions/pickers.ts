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

export async function pickRequest(
  requests: RequestsUpdater,
  accept: (request: SignatureRequest) => boolean,
  placeHolder: string,
): Promise<SignatureRequest | undefined> {
  const candidates = (await loaded(requests)).filter(accept);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(NOTHING_LOADED);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((request) => ({ label: request.title || '(untitled)', description: request.state, detail: request.id, request })),
    { placeHolder, matchOnDetail: true },
  );
  return picked?.request;
}

export async function pickSigner(
  requests: RequestsUpdater,
  accept: (request: SignatureRequest, signer: Signer) => boolean,
  placeHolder: string,
): Promise<{ request: SignatureRequest; signer: Signer } | undefined> {
  const candidates = (await loaded(requests)).flatMap((request) =>
    request.signers.filter((signer) => accept(request, signer)).map((signer) => ({ request, signer })),
  );
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(NOTHING_LOADED);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((c) => ({ label: signerLabel(c.signer), description: c.request.title, ...c })),
    { placeHolder, matchOnDescription: true },
  );
  return picked ? { request: picked.request, signer: picked.signer } : undefined;
}

/** Asks which service an action is for (several signature services signed in, and nothing names one). */
export async function pickService<T extends { id: string; definition: { label: string } }>(services: readonly T[], placeHolder: string): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(
    services.map((service) => ({ label: service.definition.label, service })),
    { placeHolder },
  );
  return picked?.service;
}
