// The contextValues of the requests tree's nodes, VS Code-free so tests can check package.json against them.
// See the list at the top of nodes.ts.
import type { SignatureRequestState, SignerStatus } from '../../model/signatureRequest';

export const REQUEST_STATES: readonly SignatureRequestState[] = ['awaiting', 'completed', 'declined', 'canceled', 'error'];
export const SIGNER_STATUSES: readonly SignerStatus[] = ['awaiting', 'viewed', 'signed', 'declined', 'onHold', 'error', 'unknown'];

/**
 * Requests someone else sent (the account only signs them) and their signers end in `.received`, so the
 * sender-only menus (Cancel, Remind), which match the exact values, leave them out.
 */
const RECEIVED_SUFFIX = '.received';

export function requestContextValue(state: SignatureRequestState, received = false): string {
  return `signatureRequest.${state}${received ? RECEIVED_SUFFIX : ''}`;
}

export function signerContextValue(status: SignerStatus, received = false): string {
  return `signer.${status}${received ? RECEIVED_SUFFIX : ''}`;
}

/** Every contextValue some node can carry. Group and "Load more…" nodes carry none. */
export const ALL_CONTEXT_VALUES: readonly string[] = [false, true].flatMap((received) => [
  ...REQUEST_STATES.map((state) => requestContextValue(state, received)),
  ...SIGNER_STATUSES.map((status) => signerContextValue(status, received)),
]);

/**
 * Whether a menu `when` clause can hold for a node with this contextValue. Understands what menus
 * here use: `viewItem == x`, `viewItem != x`, `viewItem =~ /re/flags`, joined by && and ||, other
 * terms assumed true. Clauses without viewItem match nothing (they are not about nodes).
 */
export function whenMatchesContextValue(when: string, contextValue: string): boolean {
  if (!/\bviewItem\b/.test(when)) {
    return false;
  }
  return when.split('||').some((conjunction) =>
    conjunction.split('&&').every((raw) => {
      const term = raw.trim().replace(/^\(+|\)+$/g, '').trim();
      const equals = /^viewItem\s*(==|!=)\s*'?([^'\s]+)'?$/.exec(term);
      if (equals) {
        return (equals[1] === '==') === (equals[2] === contextValue);
      }
      const regex = /^viewItem\s*=~\s*\/(.*)\/([a-z]*)$/.exec(term);
      if (regex) {
        return new RegExp(regex[1], regex[2]).test(contextValue);
      }
      return true;
    }),
  );
}

export interface MenuEntry {
  command: string;
  when?: string;
}

/** For package.json `contributes.menus`: contextValues no menu matches, and node menus no contextValue matches. */
export function checkMenus(menus: Record<string, MenuEntry[]>, contextValues: readonly string[] = ALL_CONTEXT_VALUES): {
  unusedContextValues: string[];
  unmatchedMenus: string[];
} {
  const nodeMenus = Object.entries(menus)
    .filter(([location]) => location === 'view/item/context')
    .flatMap(([, entries]) => entries)
    .filter((entry) => entry.when !== undefined && /\bviewItem\b/.test(entry.when));
  return {
    unusedContextValues: contextValues.filter((value) => !nodeMenus.some((entry) => whenMatchesContextValue(entry.when!, value))),
    unmatchedMenus: nodeMenus
      .filter((entry) => !contextValues.some((value) => whenMatchesContextValue(entry.when!, value)))
      .map((entry) => `${entry.command} when ${entry.when}`),
  };
}
