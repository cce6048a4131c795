// Builds the Signature Requests view and its commands for the composition root (one call).
import * as vscode from 'vscode';
import type { ActiveSession } from '../auth/sessionSelection';
import type { TokenManager } from '../auth/tokenManager';
import type { Clock } from '../core/clock';
import type { RateLimitInfo } from '../core/http';
import type { Logger } from '../core/log';
import type { SignatureRules, SignatureService } from '../model/service';
import { registerRequestsCommands } from './requestsCommands';
import { RequestsView } from '../views/requestsView';

export interface RequestsSetupDeps {
  context: vscode.ExtensionContext;
  log: Logger;
  clock: Clock;
  service: Pick<SignatureService, 'listRequests'>;
  sessions: { active: Pick<ActiveSession, 'current' | 'onDidChange'>; tokens: Pick<TokenManager, 'withToken'> };
  /** The latest rate-limit headers seen (auto refresh keeps within 20 % of the limit). */
  rateLimit?: () => RateLimitInfo | undefined;
  rules: SignatureRules;
}

export function setUpRequestsView(deps: RequestsSetupDeps): RequestsView {
  const { sessions, service } = deps;
  const view = new RequestsView({
    log: deps.log,
    clock: deps.clock,
    currentSession: () => sessions.active.current(),
    onDidChangeSession: sessions.active.onDidChange,
    isConfigured: () => !!vscode.workspace.getConfiguration('signdesk.dropboxSign').get<string>('clientId')?.trim(),
    withToken: (account, call) => sessions.tokens.withToken(account, call),
    listRequests: (token, params, signal) => service.listRequests(token, params, signal),
    rateLimit: deps.rateLimit,
    rules: deps.rules,
  });
  deps.context.subscriptions.push(view, ...registerRequestsCommands(view, deps.log));
  return view;
}
