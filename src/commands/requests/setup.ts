// Builds the Signature Requests view for the composition root (one call): one part per signature service
// (every runtime whose definition has `signatures`), each with its own rules, its own current session and
// token path, its own rate limits and app set-up, and one tree over them, with the view's own commands.
import type * as vscode from 'vscode';
import type { ActiveSession } from '../../auth/sessionSelection';
import type { TokenManager } from '../../auth/tokenManager';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/log';
import type { Runtimes, ServiceRuntime } from '../../runtime';
import type { ActionService } from '../actions';
import { RequestsView } from '../../views/requestsTree/view';
import { registerOnFirstUse } from '../onFirstUse';
import { registerRequestsCommands, REQUESTS_COMMANDS } from './commands';

export interface RequestsSetupDeps {
  context: vscode.ExtensionContext;
  log: Logger;
  clock: Clock;
  /** Every service's runtime, in the order of the service list: those offering signatures get a part. */
  runtimes: readonly ServiceRuntime[];
  sessions: { active: Pick<ActiveSession, 'forService'>; tokens: Pick<TokenManager, 'withToken'> };
}

/** The runtimes the requests view and its actions serve: every signature service, in list order. */
export function signatureRuntimes(runtimes: readonly ServiceRuntime[]): ServiceRuntime[] {
  return runtimes.filter((runtime) => runtime.signatures && runtime.definition.signatures);
}

export function setUpRequestsView(deps: RequestsSetupDeps): RequestsView {
  const { sessions } = deps;
  const runtimes = signatureRuntimes(deps.runtimes);
  if (runtimes.length === 0) {
    throw new Error('The service list has no signature service');
  }
  const view = new RequestsView({
    log: deps.log,
    clock: deps.clock,
    services: runtimes.map((runtime) => {
      const definition = runtime.definition;
      const session = sessions.active.forService(definition.id);
      const service = runtime.signatures!;
      return {
        service: { id: definition.id, label: definition.label },
        currentSession: () => session.current(),
        onDidChangeSession: session.onDidChange,
        isConfigured: () => runtime.appSetup.isConfigured(),
        onDidChangeAppSetup: runtime.appSetup.onDidChange,
        withToken: (account, call) => sessions.tokens.withToken(account, call),
        listRequests: (token, params, signal) => service.listRequests(token, params, signal),
        rateLimit: () => runtime.rateLimit.latest(),
        rules: definition.signatures!.rules,
      };
    }),
  });
  deps.context.subscriptions.push(
    view,
    // Registered when one of them first runs: activation, in every window, then compiles none of their handlers.
    registerOnFirstUse({
      ids: Object.values(REQUESTS_COMMANDS),
      load: () => registerRequestsCommands,
      register: (register) => deps.context.subscriptions.push(...register(view, deps.log)),
      log: deps.log,
    }),
  );
  return view;
}

/** What the action commands act with, per signature service: its client, name, rules, requests and account. */
export function actionServices(view: RequestsView, runtimes: Pick<Runtimes, 'of' | 'active'>): ActionService[] {
  return view.services.map((part) => {
    const runtime = runtimes.of(part.service.id);
    const session = runtimes.active.forService(part.service.id);
    return {
      id: part.service.id,
      service: runtime.signatures!,
      definition: { label: runtime.definition.label, signatures: runtime.definition.signatures! },
      requests: part.model,
      current: () => session.current(),
    };
  });
}
