// SignDesk's identity towards VS Code: every command id, view id and context key the extension registers,
// runs or sets, written once. package.json must contribute the same names (a unit test compares them).
// It lives in views/ because both adapter folders need it and imports point down (commands → views).

/** `signdesk.<name>`: every command id, context key and view id SignDesk writes is in its namespace. */
function signdesk<Name extends string>(name: Name): `signdesk.${Name}` {
  return `signdesk.${name}`;
}

/** The commands SignDesk contributes (package.json `contributes.commands`). */
export const COMMANDS = {
  showLog: signdesk('showLog'),
  openSettings: signdesk('openSettings'),
  configureApp: signdesk('configureApp'),
  showCallbackUrl: signdesk('showCallbackUrl'),
  signIn: signdesk('signIn'),
  completeSignIn: signdesk('completeSignIn'),
  cancelSignIn: signdesk('cancelSignIn'),
  signOut: signdesk('signOut'),
  switchAccount: signdesk('switchAccount'),
  accountMenu: signdesk('accountMenu'),
  refreshRequests: signdesk('requests.refresh'),
  loadMoreRequests: signdesk('requests.loadMore'),
  filterRequests: signdesk('requests.filter'),
  clearFilter: signdesk('requests.clearFilter'),
  openDetails: signdesk('requests.openDetails'),
  copyRequestId: signdesk('requests.copyId'),
  copySignerEmail: signdesk('requests.copySignerEmail'),
  send: signdesk('send'),
  remindSigner: signdesk('remindSigner'),
  cancelRequest: signdesk('cancelRequest'),
  downloadPdf: signdesk('downloadPdf'),
  downloadZip: signdesk('downloadZip'),
  refreshFiles: signdesk('files.refresh'),
  loadMoreFiles: signdesk('files.loadMore'),
  /** Configure App for the file store (Dropbox): its own palette title names the service. */
  configureFileStore: signdesk('files.configureApp'),
  /** Send for Signature… on a file of the files view (the service fetches it by link). */
  sendStoredFile: signdesk('files.send'),
  /** Save Signed Copy to Dropbox… on a completed request. */
  saveSignedCopy: signdesk('files.saveSignedCopy'),
} as const;

/**
 * The Sign In and Configure App commands of each signature service, named by it in the palette
 * (COMMANDS.signIn and COMMANDS.configureApp ask which): `signdesk.<service id>.signIn|configureApp`.
 */
export function serviceCommands(serviceId: string): { readonly signIn: string; readonly configureApp: string } {
  return { signIn: `signdesk.${serviceId}.signIn`, configureApp: `signdesk.${serviceId}.configureApp` };
}

/**
 * The account commands a service has when its OAuth client offers them: `signdesk.<service id>.signInWithPassword`
 * (the password grant, signNow) and `signdesk.<service id>.verifySignIn` (the token check, signNow).
 */
export function accountExtraCommands(serviceId: string): { readonly signInWithPassword: string; readonly verifySignIn: string } {
  return { signInWithPassword: `signdesk.${serviceId}.signInWithPassword`, verifySignIn: `signdesk.${serviceId}.verifySignIn` };
}

/** VS Code's own commands SignDesk runs. */
export const VSCODE_COMMANDS = {
  openSettings: 'workbench.action.openSettings',
  /** Developer: Reload Window (a web workbench tab reads secrets only when it loads). */
  reloadWindow: 'workbench.action.reloadWindow',
  setContext: 'setContext',
  markdownPreview: 'markdown.showPreview',
} as const;

/** The settings editor's filter that lists SignDesk's settings. */
export const SETTINGS_FILTER = '@ext:signdesk.signdesk';

/** Context keys SignDesk sets (package.json `when` clauses read them). */
export const CONTEXT_KEYS = {
  /** An account this window works with whose sign-in the service still accepts. */
  signedIn: signdesk('signedIn'),
  /** Any current account, even an expired one (Sign Out can act). */
  hasAccount: signdesk('hasAccount'),
  /** Signed in, or a client ID and secret are there. */
  appConfigured: signdesk('appConfigured'),
  /** A request was sent from SignDesk (kept across windows; the walkthrough's last step). */
  requestSent: signdesk('requestSent'),
  /** A sign-in attempt is in progress (Cancel Waiting for Authorization can act). */
  signInPending: signdesk('signInPending'),
  /** A manual-mode sign-in waits for the pasted address (Complete Authorization… can act). */
  signInWaitingForPaste: signdesk('signInWaitingForPaste'),
  /** The requests view's state (stateKey()): the welcome content matches it. */
  requestsState: signdesk('requests.state'),
  /** Whose state requestsState is (a service id; '' while several services have nodes): the welcome names it. */
  requestsService: signdesk('requests.service'),
  /** A filter is set (the view's Clear Filter button). */
  requestsFiltered: signdesk('requests.filtered'),
  /** The files view's state (loading | notConfigured | signedOut | ready): the welcome content matches it. */
  filesState: signdesk('files.state'),
} as const;

/**
 * One service's copy of a sign-in key (signedIn, hasAccount, appConfigured), e.g. `signdesk.signedIn.signNow`:
 * the palette entries of one service read it (its status bar segment sets it with the combined key).
 */
export function serviceContextKey(key: string, serviceId: string): string {
  return `${key}.${serviceId}`;
}

/** Views, status bar items and webview panels. */
export const VIEW_IDS = {
  requests: signdesk('requests'),
  /** The file store's view (Dropbox). */
  files: signdesk('files'),
  statusBar: signdesk('status'),
  sendForm: signdesk('sendForm'),
} as const;
