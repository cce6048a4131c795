// What VS Code itself knows of SignDesk's accounts and login indicator (not SignDesk's own state).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const PROVIDER_ID = 'signdesk-dropbox-sign';
/** The status-bar item in the workbench DOM (`<publisher>.<name>.<item id>`), read through the runner bridge. */
export const STATUS_ITEM = '.part.statusbar [id="signdesk.signdesk.signdesk.status"]';

/** vscode.authentication.getAccounts (VS Code ≥ 1.94; newer than the @types/vscode this repo builds against). */
export async function accountLabels(providerId = PROVIDER_ID): Promise<string[]> {
  const getAccounts = (vscode.authentication as unknown as {
    getAccounts?: (providerId: string) => Thenable<readonly vscode.AuthenticationSessionAccountInformation[]>;
  }).getAccounts;
  assert.equal(typeof getAccounts, 'function', 'this VS Code has vscode.authentication.getAccounts');
  return (await getAccounts!(providerId)).map((account) => account.label);
}
