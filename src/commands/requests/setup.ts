// Builds the Signature Requests view and its commands for the composition root (one call).
import * as vscode from 'vscode';
import type { Event } from '../../auth/session';
import type { ActiveSession } from '../../auth/sessionSelection';
import type { TokenManager } from '../../auth/tokenManager';
import type { Clock } from '../../core/clock';
import type { RateLimitInfo } from '../../core/http';
import type { Logger } from '../../core/log';
import type { SignatureRules, SignatureService } from '../../model/service';
import { registerRequestsCommands } from './commands';
import { RequestsView } from '../../views/requestsTree/view';

export interface RequestsSetupDeps {
  context: vscode.ExtensionContext;
  log: Logger;
  clock: Clock;
  service: Pick<SignatureService, 'listRequests'>;
  sessions: { active: Pick<ActiveSession, 'current' | 'onDidChange'>; tokens: Pick<TokenManager, 'withToken'> };
  /** The latest rate-limit headers seen (auto refresh keeps within 20 % of the limit). */
  rateLimit?: () => RateLimitInfo | undefined;
  rules: SignatureRules;
  /** The signature service's name (its definition's label), in messages. */
  serviceLabel: string;
  /** Client ID and secret present, and when that may have changed: without them the view says Configure first. */
  appSetup: { isConfigured(): Promise<boolean>; onDidChange: Event<unknown> };
}

export function setUpRequestsView(deps: RequestsSetupDeps): RequestsView {
  const { sessions, service } = deps;
  const view = new RequestsView({
    log: deps.log,
    clock: deps.clock,
    currentSession: () => sessions.active.current(),
    onDidChangeSession: sessions.active.onDidChange,
    isConfigured: () => deps.appSetup.isConfigured(),
    onDidChangeAppSetup: deps.appSetup.onDidChange,
    withToken: (account, call) => sessions.tokens.withToken(account, call),
    listRequests: (token, params, signal) => service.listRequests(token, params, signal),
    rateLimit: deps.rateLimit,
    rules: deps.rules,
    serviceLabel: deps.serviceLabel,
  });
  deps.context.subscriptions.push(view, ...registerRequestsCommands(view, deps.log));
  return view;
}
