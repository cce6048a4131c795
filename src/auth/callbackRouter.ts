// The one place URIs opened for SignDesk (`<scheme>://signdesk.signdesk/<path>?…`) arrive.
// VS Code-free so the routing rules are unit-tested; extension.ts adapts it to registerUriHandler.
import type { Logger } from '../core/log';
import { printable } from '../core/printable';

/** The one route sign-in callbacks of every service arrive on (their state's nonce finds the attempt). */
export const SIGN_IN_CALLBACK_PATH = '/callback';

export interface CallbackUri {
  readonly path: string;
  readonly query: string;
}

export type CallbackRoute = (uri: CallbackUri) => void | Promise<void>;

export class CallbackRouter {
  private readonly routes = new Map<string, CallbackRoute>();
  private readonly observers = new Set<(uri: CallbackUri) => void>();

  constructor(private readonly onUnknownPath: (uri: CallbackUri) => void) {}

  /** Registers the handler for one path (e.g. `/callback`); returns a disposer. */
  route(path: string, handler: CallbackRoute): { dispose(): void } {
    if (this.routes.has(path)) {
      throw new Error(`A callback route for ${path} is already registered`);
    }
    this.routes.set(path, handler);
    return { dispose: () => this.routes.delete(path) };
  }

  /** Lets tests observe delivery; observers see the URI before its route does. */
  observe(observer: (uri: CallbackUri) => void): { dispose(): void } {
    this.observers.add(observer);
    return { dispose: () => this.observers.delete(observer) };
  }

  async handle(uri: CallbackUri): Promise<void> {
    for (const observer of this.observers) {
      observer(uri);
    }
    const route = this.routes.get(uri.path);
    if (!route) {
      this.onUnknownPath(uri);
      return;
    }
    await route(uri);
  }
}

/**
 * The report for a URI no route takes, through the redacting log: anyone can open a `vscode://` link,
 * so its path is escaped (a newline would forge log lines) and redacted like every other line.
 */
export function logUnknownPath(log: Pick<Logger, 'warn'>): (uri: CallbackUri) => void {
  return (uri) => log.warn(`Ignored a URI for an unknown path: ${printable(uri.path)}`);
}
