// "Which service?": the one quick pick Sign In and Configure App ask when a command names no service and
// more than one could be meant. Each service is offered by its definition's label.
import * as vscode from 'vscode';
import type { ServiceDefinition } from '../../model/service';

/** The item of `items` whose service the user picked (undefined: dismissed). One item is taken as is. */
export async function pickService<T extends { definition: Pick<ServiceDefinition, 'label'> }>(
  items: readonly T[],
  texts: { title: string; placeHolder: string },
): Promise<T | undefined> {
  if (items.length <= 1) return items[0];
  const picked = await vscode.window.showQuickPick(
    items.map((item) => ({ label: item.definition.label, item })),
    texts,
  );
  return picked?.item;
}
