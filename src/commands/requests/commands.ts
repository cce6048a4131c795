// Commands of the Signature Requests view itself: refresh, load more, filter, clear the filter,
// open a request's details in the browser, copy its id or a signer's email.
import * as vscode from 'vscode';
import { showNoticeWithActions } from '../notices';
import { warningNotice } from '../notice';
import type { Logger } from '../../core/log';
import { RequestsView, SETTING_FILTER } from '../../views/requestsTree/view';
import { writeSettingWhereSet } from '../../runtime/settings';
import type { ServiceRequests } from '../../views/requestsTree/serviceRequests';
import { errorText } from '../../views/requestsTree/viewState';
import { describeRefreshError, RefreshNotice, refreshUnavailableNotice } from './messages';
import { filterInput } from './filterInput';
import { COMMANDS, VIEW_IDS } from '../../views/ids';
import { requestOf, serviceIdOf, signerOf } from '../actions/targets';

/** The view's own commands (registerRequestsCommands registers them on their first use, see setup.ts). */
export const REQUESTS_COMMANDS = {
  refresh: COMMANDS.refreshRequests,
  loadMore: COMMANDS.loadMoreRequests,
  filter: COMMANDS.filterRequests,
  clearFilter: COMMANDS.clearFilter,
  openDetails: COMMANDS.openDetails,
  copyId: COMMANDS.copyRequestId,
  copySignerEmail: COMMANDS.copySignerEmail,
} as const;


/** The part of the view a node belongs to; else the one holding the request; else the first shown. */
function partFor(view: RequestsView, arg: unknown): ServiceRequests {
  const service = serviceIdOf(arg);
  const request = requestOf(arg);
  return (
    (service !== undefined ? view.service(service) : undefined) ??
    (request ? view.services.find((s) => s.model.get(request.id) !== undefined) : undefined) ??
    view.shown()[0]
  );
}

export function registerRequestsCommands(view: RequestsView, log: Logger): vscode.Disposable[] {
  const inView = <T>(task: () => Promise<T>): Thenable<T> => vscode.window.withProgress({ location: { viewId: VIEW_IDS.requests } }, task);

  /** Refreshes one service's requests as the user asked: a notice when it cannot, or when it fails. */
  const refresh = async (part: ServiceRequests, arg: unknown): Promise<void> => {
    const label = part.service.label;
    const unavailable = refreshUnavailableNotice(part.model.state, label);
    if (unavailable) {
      await showRefreshNotice(unavailable, arg);
      return;
    }
    const rowsShown = part.model.isLoaded;
    try {
      await inView(() => part.model.refresh());
    } catch (error) {
      // The view shows (and logs) the reason too; the user asked, so they also get the buttons that help.
      const notice = describeRefreshError(error, { serviceLabel: label, now: Date.now(), rowsShown, retryAt: part.model.rateLimitRetryAt() });
      if (notice) {
        await showRefreshNotice(notice, { service: part.service.id });
      }
    }
  };

  return [
    // From a service node (or `{ service }`): that service; from the title bar: every service the tree shows.
    vscode.commands.registerCommand(REQUESTS_COMMANDS.refresh, async (arg?: unknown) => {
      await view.refreshAccess();
      const service = serviceIdOf(arg);
      const parts = service !== undefined ? [partFor(view, arg)] : view.shown();
      await Promise.all(parts.map((part) => refresh(part, arg)));
    }),

    vscode.commands.registerCommand(REQUESTS_COMMANDS.loadMore, async (arg?: unknown) => {
      const part = partFor(view, arg);
      view.provider.setLoadingMore(true, part.service.id);
      try {
        await inView(() => part.model.loadMore());
      } catch (error) {
        log.warn(`Loading more ${part.service.label} signature requests failed`, error);
        await showNoticeWithActions(warningNotice(`Couldn't load more signature requests: ${errorText(error, undefined, part.service.label)}`, ['Retry']), {
          retry: () => vscode.commands.executeCommand(REQUESTS_COMMANDS.loadMore, { service: part.service.id }),
        });
      } finally {
        view.provider.setLoadingMore(false, part.service.id);
      }
    }),

    vscode.commands.registerCommand(REQUESTS_COMMANDS.filter, async () => {
      const value = await vscode.window.showInputBox({ title: 'Filter Signature Requests', value: view.model.filter ?? '', ...filterInput(view.shown()) });
      if (value !== undefined) {
        await writeSettingWhereSet(SETTING_FILTER, value.trim() === '' ? undefined : value.trim());
      }
    }),

    vscode.commands.registerCommand(REQUESTS_COMMANDS.clearFilter, () => writeSettingWhereSet(SETTING_FILTER, undefined)),

    vscode.commands.registerCommand(REQUESTS_COMMANDS.openDetails, async (arg: unknown) => {
      const request = requestOf(arg);
      if (!request) {
        return;
      }
      const part = partFor(view, arg);
      const url = part.model.get(request.id)?.detailsUrl ?? request.detailsUrl;
      if (!url) {
        void vscode.window.showInformationMessage(`${part.service.label} gave no details page for “${request.title}”.`);
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
      const request = requestOf(arg);
      if (request) {
        await vscode.env.clipboard.writeText(request.id);
        vscode.window.setStatusBarMessage(`Copied signature request id ${request.id}`, 3000);
      }
    }),

    vscode.commands.registerCommand(REQUESTS_COMMANDS.copySignerEmail, async (arg: unknown) => {
      const signer = signerOf(arg)?.signer;
      if (signer) {
        await vscode.env.clipboard.writeText(signer.email);
        vscode.window.setStatusBarMessage(`Copied ${signer.email}`, 3000);
      }
    }),
  ];
}

/** Shows a refresh notice; resolves once it is dismissed or its button's command has started (Retry: the same refresh). */
async function showRefreshNotice(notice: RefreshNotice, arg: unknown): Promise<void> {
  const service = serviceIdOf(arg);
  await showNoticeWithActions(notice, { retry: () => vscode.commands.executeCommand(REQUESTS_COMMANDS.refresh, ...(service ? [{ service }] : [])) });
}
