// When remind, cancel or download run from the palette (no tree node), the user picks from what the
// tree has loaded.
import * as vscode from 'vscode';
import type { SignatureRequest, Signer } from '../model/signatureRequest';
import type { RequestsUpdater } from './sendActionDeps';
import { signerLabel } from './remindRules';

const NOTHING_LOADED = 'No matching signature requests are loaded. Open the SignDesk view (and Load more…) first.';

export async function pickRequest(
  requests: RequestsUpdater,
  accept: (request: SignatureRequest) => boolean,
  placeHolder: string,
): Promise<SignatureRequest | undefined> {
  const candidates = requests.requests.filter(accept);
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
  const candidates = requests.requests.flatMap((request) =>
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
