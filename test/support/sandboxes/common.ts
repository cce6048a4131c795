// What the sandboxes' test helpers share: one in-process sandbox per suite (mocha hooks), an answer read
// whole, and the exchanges checked against the service's shapes as they happen.
import type { Exchange } from '../../sandbox/kit/server';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: Buffer;
  // Tests read arbitrary response fields (the shape checks already validated them where a service has any).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** The answer read whole: its text, its bytes and its JSON when it parses. */
export async function reply(res: Response): Promise<Reply> {
  const body = Buffer.from(await res.arrayBuffer());
  const text = body.toString('utf8');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, body, json };
}

/**
 * Mocha wiring: the sandbox is started once per suite (within `startTimeoutMs`), `reset` before each test,
 * `afterEachTest` after each (a shape check), and closed after the suite.
 */
export function useOneSandbox<S extends { close(): Promise<unknown> }>(
  start: () => Promise<S>,
  hooks: { reset(sb: S): void; afterEachTest?(sb: S): void; startTimeoutMs?: number },
): () => S {
  let sb: S | undefined;
  before(async function () {
    if (hooks.startTimeoutMs !== undefined) this.timeout(hooks.startTimeoutMs);
    sb = await start();
  });
  beforeEach(() => hooks.reset(sb!));
  if (hooks.afterEachTest) afterEach(() => hooks.afterEachTest!(sb!));
  after(async () => {
    await sb?.close();
  });
  return () => sb!;
}

/** Every exchange recorded, and what `check` says of each that does not follow the service's shapes. */
export function recordExchanges(check: (exchange: Exchange) => string | undefined, also?: (exchange: Exchange) => void) {
  const exchanges: Exchange[] = [];
  const violations: string[] = [];
  const onExchange = (exchange: Exchange): void => {
    exchanges.push(exchange);
    const violation = check(exchange);
    if (violation) violations.push(violation);
    also?.(exchange);
  };
  return { exchanges, violations, onExchange };
}
