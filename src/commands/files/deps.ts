// What Send for Signature… on a stored file and Save Signed Copy need; the composition root fills it.
import type * as vscode from 'vscode';
import type { Logger, SecretRegistry } from '../../core/log';
import type { FileEntry, FileService } from '../../model/files';
import type { SignatureService, SignatureServiceFacts } from '../../model/service';
import type { ServiceRuntime } from '../../runtime';
import type { RequestsUpdater, WithToken } from '../actions/deps';

/** A signature service as these commands act with it: its client, name and rules, its requests and account. */
export interface SignatureSide {
  id: string;
  definition: SignatureServiceFacts;
  service: Pick<SignatureService, 'sendRequest' | 'downloadFiles'>;
  /** Its part of the requests view. */
  requests: RequestsUpdater;
  /** Runs a call with the token of the account this window uses there. */
  withToken: WithToken;
  signedIn(): Promise<boolean>;
}

export interface FileStoreCommandsDeps {
  context: vscode.ExtensionContext;
  log: Logger;
  /** Live secrets: a temporary link is one while it works. */
  secrets: Pick<SecretRegistry, 'add'>;
  /** The file store (Dropbox): its name, files client and its own account's tokens. */
  store: { id: string; label: string; files: FileService; withToken: WithToken };
  storeSignedIn(): Promise<boolean>;
  /** The signature services set up now (configured or signed in). */
  targets(): readonly ServiceRuntime[];
  signatureSide(service: string): SignatureSide | undefined;
  /** The signature service a requests-view row (or a request passed as is) belongs to; asks when unclear. */
  routeRequest(arg: unknown): Promise<SignatureSide | undefined>;
  /** A request was sent from a stored file (the walkthrough's last step). */
  onSent(): void;
  /** Reveals and selects a file in the store's view. */
  reveal(entry: FileEntry): Promise<void>;
  testModeDefault(): boolean;
}
