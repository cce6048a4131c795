// Commands of the Signature Requests view itself: refresh, load more, filter, clear the filter,
// open a request's details in the browser, copy its id or a signer's email.
import * as vscode from 'vscode';
import { showNoticeWithActions } from '../notices';
import type { Logger } from '../../core/log';
import type { SignatureRequest, Signer } from '../../model/signatureRequest';
import { RequestsView, SETTING_FILTER } from '../../views/requestsTree/view';
import { errorText } from '../../views/requestsTree/viewState';
import { describeRefreshError, RefreshNotice, refreshUnavailableNotice } from './messages';
import { COMMANDS, VIEW_IDS } from '../../views/ids';

const REQUESTS_COMMANDS = {
  refresh: COMMANDS.refreshRequests,
  loadMore: COMMANDS.loadMoreRequests,
  filter: COMMANDS.filterRequests,
  clearFilter: COMMANDS.clearFilter,
  openDetails: COMMANDS.openDetails,
  copyId: COMMANDS.copyRequestId,
  copySignerEmail: COMMANDS.copySignerEmail,
} as const;

/** The request behind a request or signer node (or a request passed directly). */
function requestArg(arg: unknown): SignatureRequest | undefined {
  const candidate = (arg as { request?: unknown } | undefined)?.request ?? arg;
  const r = candidate as Partial<SignatureRequest> | undefined;
  return r && typeof r === 'object' && typeof r.id === 'string' && Array.isArray(r.signers) ? (r as SignatureRequest) : undefined;
}

function signerArg(arg: unknown): Signer | undefined {
  const s = (arg as { signer?: Partial<Signer> } | undefined)?.signer;
  return s && typeof s.email === 'string' ? (s as Signer) : undefined;
}

export function registerRequestsCommands(view: RequestsView, log: Logger): vscode.Disposable[] {
  const inView = <T>(task: () => Promise<T>): Thenable<T> => vscode.window.withProgress({ location: { viewId: VIEW_IDS.requests } }, task);

  return [
    vscode.commands.registerCommand(REQUESTS_COMMANDS.refresh, async () => {
      await view.refreshAccess();
      const unavailable = refreshUnavailableNotice(view.model.state, view.serviceLabel);
      if (unavailable) {
        await showRefreshNotice(unavailable);
        return;
      }
      const rowsShown = view.model.isLoaded;
      try {
        await inView(() => view.model.refresh());
      } catch (error) {
        // The view shows (and logs) the reason too; the user asked, so they also get the buttons that help.
        const notice = describeRefreshError(error, { serviceLabel: view.serviceLabel, now: Date.now(), rowsShown, retryAt: view.model.rateLimitRetryAt() });
        if (notice) {
          await showRefreshNotice(notice);
        }
      }
    }),

    vscode.commands.registerCommand(REQUESTS_COMMANDS.loadMore, async () => {
      view.provider.setLoadingMore(true);
      try {
        await inView(() => view.model.loadMore());
      } catch (error) {
        log.warn('Loading more signature requests failed', error);
        await showNoticeWithActions(
          { severity: 'warning', message: `Couldn't load more signature requests: ${errorText(error)}`, choices: ['Retry'] },
          { retry: () => vscode.commands.executeCommand(REQUESTS_COMMANDS.loadMore) },
        );
      } finally {
        view.provider.setLoadingMore(false);
      }
    }),

    vscode.commands.registerCommand(REQUESTS_COMMANDS.filter, async () => {
      const value = await vscode.window.showInputBox({
        title: 'Filter Signature Requests',
        value: view.model.filter ?? '',
        prompt: `${view.serviceLabel} search terms, e.g. NDA, to:jack@example.com, title:"Offer letter" or complete:true. Empty clears the filter.`,
        placeHolder: 'Search terms',
      });
      if (value !== undefined) {
        await writeFilter(value.trim() === '' ? undefined : value.trim());
      }
    }),

    vscode.commands.registerCommand(REQUESTS_COMMANDS.clearFilter, () => writeFilter(undefined)),

    vscode.commands.registerCommand(REQUESTS_COMMANDS.openDetails, async (arg: unknown) => {
      const request = requestArg(arg);
      if (!request) {
        return;
      }
      const url = view.model.get(request.id)?.detailsUrl ?? request.detailsUrl;
      if (!url) {
        void vscode.window.showInformationMessage(`${view.serviceLabel} gave no details page for “${request.title}”.`);
        return;
      }
      // Exactly this URL reaches openExternal (logged, so it can be checked). In VS Code's web and server
      // hosts the "open the external website?" prompt may still name another URL: VS Code's OpenerService
      // (1.100) remembers the first URL it resolved per origin (scheme + host + port) and validates later
      // links of that origin against it, so after signing in it shows the OAuth authorize URL (same origin
      // as the details page, app.hellosign.com) while opening the right page. That is the host's; trust
      // is per domain, so the decision is the same. test/e2e/requests.test.ts pins both facts.
      log.info(`Opening the details page of ${request.id}: ${url}`);
      await vscode.env.openExternal(vscode.Uri.parse(url, true));
    }),

    vscode.commands.registerCommand(REQUESTS_COMMANDS.copyId, async (arg: unknown) => {
      const request = requestArg(arg);
      if (request) {
        await vscode.env.clipboard.writeText(request.id);
        vscode.window.setStatusBarMessage(`Copied signature request id ${request.id}`, 3000);
      }
    }),

    vscode.commands.registerCommand(REQUESTS_COMMANDS.copySignerEmail, async (arg: unknown) => {
      const signer = signerArg(arg);
      if (signer) {
        await vscode.env.clipboard.writeText(signer.email);
        vscode.window.setStatusBarMessage(`Copied ${signer.email}`, 3000);
      }
    }),
  ];
}

/** Shows a refresh notice; resolves once it is dismissed or its button's command has started. */
async function showRefreshNotice(notice: RefreshNotice): Promise<void> {
  await showNoticeWithActions(notice, { retry: () => vscode.commands.executeCommand(REQUESTS_COMMANDS.refresh) });
}

/** Writes `signdesk.filter` where it is set (workspace wins over user), or in user settings. */
async function writeFilter(value: string | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration();
  const inspected = config.inspect<string>(SETTING_FILTER);
  if (value === undefined) {
    if (inspected?.workspaceValue !== undefined) {
      await config.update(SETTING_FILTER, undefined, vscode.ConfigurationTarget.Workspace);
    }
    if (inspected?.globalValue !== undefined) {
      await config.update(SETTING_FILTER, undefined, vscode.ConfigurationTarget.Global);
    }
    return;
  }
  const target = inspected?.workspaceValue !== undefined && vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(SETTING_FILTER, value, target);
}
