// Shows an action's error through the notice helper: the wording and the buttons come from messages.ts.
import { showError } from '../notices';
import type { ActionDeps } from './deps';
import { ActionKind, DescribeContext, describeActionError } from './messages';

/**
 * Resolves once the user dismissed the message or its button's action started. `retry` is offered only
 * where describeActionError allows it (never after a send, remind or cancel the server may have done).
 */
export async function showActionError(
  deps: Pick<ActionDeps, 'log' | 'requests' | 'definition'>,
  error: unknown,
  action: ActionKind,
  context: Omit<DescribeContext, 'serviceLabel'>,
  retry?: () => unknown,
): Promise<void> {
  await showError(error, (e) => describeActionError(e, action, { ...context, serviceLabel: deps.definition.label }), {
    log: { logger: deps.log, message: `Could not ${action} “${context.subject}”` },
    retry,
    // The view shows a failed refresh itself.
    refresh: () => deps.requests.refresh().catch(() => undefined),
  });
}
