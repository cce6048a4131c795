// What a remind/cancel/download command was invoked on. VS Code-free. Menus pass the tree node; tests and
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
