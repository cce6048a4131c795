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

/**
 * What the node's service can do, as flags appended to its contextValue (after the state and `.received`),
 * always in this order, so a menu offers an action only where the node's service supports it:
 * `signatureRequest.awaiting.cancelable.pdf.zip`, `signer.viewed.remindable`. Menus match with regexes
 * that put the flag right after the state (`^signer\.(awaiting|viewed)\.remindable(\.|$)`), so `.received`
 * in between keeps the sender-only actions off requests someone else sent.
 */
export interface NodeCapabilities {
  /** Cancel Request (SignatureRules.supportsCancel). */
  readonly cancel: boolean;
  /** Remind Signer (SignatureRules.supportsRemind). */
  readonly remind: boolean;
  /** Download as PDF / ZIP (SignatureRules.downloadFormats). */
  readonly pdf: boolean;
  readonly zip: boolean;
}

/** A service's capability flags, from its rules. */
export function capabilitiesOf(rules: { supportsCancel: boolean; supportsRemind: boolean; downloadFormats: readonly string[] }): NodeCapabilities {
  return { cancel: rules.supportsCancel, remind: rules.supportsRemind, pdf: rules.downloadFormats.includes('pdf'), zip: rules.downloadFormats.includes('zip') };
}

const REQUEST_FLAGS = ['cancel', 'pdf', 'zip'] as const;
const FLAG_NAMES: Record<keyof NodeCapabilities, string> = { cancel: 'cancelable', remind: 'remindable', pdf: 'pdf', zip: 'zip' };

function flags(capabilities: NodeCapabilities | undefined, which: ReadonlyArray<keyof NodeCapabilities>): string {
  return capabilities ? which.filter((flag) => capabilities[flag]).map((flag) => `.${FLAG_NAMES[flag]}`).join('') : '';
}

export function requestContextValue(state: SignatureRequestState, received = false, capabilities?: NodeCapabilities): string {
  return `signatureRequest.${state}${received ? RECEIVED_SUFFIX : ''}${flags(capabilities, REQUEST_FLAGS)}`;
}

export function signerContextValue(status: SignerStatus, received = false, capabilities?: NodeCapabilities): string {
  return `signer.${status}${received ? RECEIVED_SUFFIX : ''}${flags(capabilities, ['remind'])}`;
}

/** A service's node, once several signature services are signed in (Send… acts on that service). */
export const SERVICE_CONTEXT_VALUE = 'signatureService';

/** Every contextValue some node can carry (tests check package.json against it). Group and "Load more…" nodes carry none. */
export const ALL_CONTEXT_VALUES: readonly string[] = /* @__PURE__ */ allContextValues();

function allContextValues(): string[] {
  // Every combination of capability flags (each service has one of them).
  const everyCapabilities = Array.from({ length: 16 }, (_, bits) => ({ cancel: (bits & 1) !== 0, remind: (bits & 2) !== 0, pdf: (bits & 4) !== 0, zip: (bits & 8) !== 0 }));
  const values = [false, true].flatMap((received) =>
    everyCapabilities.flatMap((capabilities) => [
      ...REQUEST_STATES.map((state) => requestContextValue(state, received, capabilities)),
      ...SIGNER_STATUSES.map((status) => signerContextValue(status, received, capabilities)),
    ]),
  );
  return [...new Set(values), SERVICE_CONTEXT_VALUE];
}

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
    // The requests view's menus (the Dropbox view's rows have their own context values).
    .filter((entry) => entry.when !== undefined && /\bviewItem\b/.test(entry.when) && !/\bview == signdesk\.files\b/.test(entry.when));
  return {
    unusedContextValues: contextValues.filter((value) => !nodeMenus.some((entry) => whenMatchesContextValue(entry.when!, value))),
    unmatchedMenus: nodeMenus
      .filter((entry) => !contextValues.some((value) => whenMatchesContextValue(entry.when!, value)))
      .map((entry) => `${entry.command} when ${entry.when}`),
  };
}
