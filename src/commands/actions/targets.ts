// What a remind/cancel/download command was invoked on, and which service it acts for. VS Code-free. Menus pass the tree node; tests and
// the command palette may pass the request (or a { request, signer } pair) directly. Only the fields
// these commands use are checked, so the tree's node classes can change without breaking them.
import type { SignatureRequest, Signer } from '../../model/signatureRequest';

function isRequest(value: unknown): value is SignatureRequest {
  const r = value as Partial<SignatureRequest> | undefined;
  return !!r && typeof r === 'object' && typeof r.id === 'string' && typeof r.title === 'string' && Array.isArray(r.signers);
}

function isSigner(value: unknown): value is Signer {
  const s = value as Partial<Signer> | undefined;
  return !!s && typeof s === 'object' && typeof s.email === 'string' && typeof s.status === 'string';
}

/** The request behind a request node, a signer node, or a request passed as is. */
export function requestOf(arg: unknown): SignatureRequest | undefined {
  if (isRequest(arg)) return arg;
  const holder = arg as { request?: unknown } | undefined;
  if (holder && typeof holder === 'object' && isRequest(holder.request)) return holder.request;
  return undefined;
}

/** The signer (and its request) behind a signer node, or a { request, signer } pair. */
export function signerOf(arg: unknown): { request: SignatureRequest; signer: Signer } | undefined {
  const holder = arg as { request?: unknown; signer?: unknown } | undefined;
  if (!holder || typeof holder !== 'object') return undefined;
  const request = requestOf(holder);
  if (!request || !isSigner(holder.signer)) return undefined;
  return { request, signer: holder.signer };
}

/** What routing needs of a signature service (commands/actions/index.ts's ActionService has it). */
export interface RoutableService {
  readonly id: string;
  /** The requests its part of the tree holds. */
  readonly requests: { readonly requests: readonly SignatureRequest[] };
  /** Its current account, undefined when signed out of it; `status` 'expired' when it must sign in again. */
  current(): Promise<{ status?: string } | undefined>;
}

/** What an action was invoked on names its service: a tree node's `service`, or `{ service }`. */
export function serviceIdOf(arg: unknown): string | undefined {
  const service = (arg as { service?: unknown } | undefined)?.service;
  return typeof service === 'string' && service !== '' ? service : undefined;
}

/**
 * Which service an action acts for: the one its node (or `{ service }`) names; else the one whose requests
 * hold the request it was given; else the only signed-in one (an expired sign-in counts only when none
 * works); else, with several signed in, the user picks (undefined when they dismiss the pick); with none
 * signed in, the first (its messages then say to sign in).
 */
export async function routeAction<T extends RoutableService>(
  services: readonly T[],
  arg: unknown,
  pick: (candidates: readonly T[]) => Promise<T | undefined>,
): Promise<T | undefined> {
  const named = serviceIdOf(arg);
  if (named !== undefined) {
    const service = services.find((s) => s.id === named);
    if (service) return service;
  }
  const request = requestOf(arg);
  if (request) {
    const holder = services.find((s) => s.requests.requests.some((r) => r.id === request.id));
    if (holder) return holder;
  }
  const signedIn: T[] = [];
  const expired: T[] = [];
  for (const service of services) {
    const session = await service.current();
    if (session) (session.status === 'expired' ? expired : signedIn).push(service);
  }
  // An expired sign-in counts only when no other works: asking about it would only lead to "sign in again".
  const candidates = signedIn.length > 0 ? signedIn : expired;
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) return services[0];
  return pick(candidates);
}

