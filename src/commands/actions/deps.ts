// What the send, remind, cancel and download commands need, as interfaces the composition root fills:
// the provider client, a token source for the signed-in account, and the requests model (RequestsModel
// satisfies RequestsUpdater as it is).
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/log';
import type { SignatureService, SignatureServiceFacts } from '../../model/service';
import type { SignatureRequest } from '../../model/signatureRequest';
import { COMMANDS } from '../../views/ids';

/** The commands registered by index.ts (each contributed in package.json). */
export const ACTION_COMMANDS = [COMMANDS.send, COMMANDS.remindSigner, COMMANDS.cancelRequest, COMMANDS.downloadPdf, COMMANDS.downloadZip] as const;

export interface RequestsUpdater {
  /** The requests the tree shows now (for pickers when a command runs from the palette). */
  readonly requests: readonly SignatureRequest[];
  /** Shows a request as the service now describes it; a new one goes to the top at once. */
  upsert(request: SignatureRequest): void;
  /** Shows a request as canceled (the service's cancel answers with nothing). */
  markCanceled(id: string): void;
  /** Re-reads the list; rejects on failure (the view shows the error itself). */
  refresh(): Promise<unknown>;
  /** Loads the first page unless it is loaded (the palette's pickers, before the view was ever opened). */
  ensureLoaded?(): Promise<void>;
}

/**
 * Runs `call` with a working access token of the signed-in account (TokenManager.withToken bound to it).
 * Throws AuthError with errorName 'not_signed_in' when nobody is signed in.
 */
export type WithToken = <T>(call: (accessToken: string) => Promise<T>) => Promise<T>;

export interface ActionDeps {
  service: Pick<SignatureService, 'sendRequest' | 'cancelRequest' | 'remind' | 'downloadFiles'>;
  /** The service's name and rules (its definition). */
  definition: SignatureServiceFacts;
  withToken: WithToken;
  requests: RequestsUpdater;
  log: Logger;
  clock: Clock;
}
