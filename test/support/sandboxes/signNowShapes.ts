// Response shapes the signNow sandbox must give, checked on every exchange the unit tests cause. signNow
// publishes no OpenAPI file and the official Postman collection saves no responses, so the shapes come
// from the official Node client's typedefs (@signnow/api-client, read from node_modules, not copied),
// with the differences the documentation shows (../shared/notes/providers.md) written out below.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Exchange } from '../../sandbox/kit/server';

export interface Property {
  name: string;
  type: string;
  optional: boolean;
}

/** `@typedef {Object} Name` blocks of the installed official client, by name. */
export function officialTypedefs(): Map<string, Property[]> {
  const root = path.dirname(require.resolve('@signnow/api-client/package.json'));
  const out = new Map<string, Property[]>();
  for (const dir of ['oauth2', 'user', 'document', 'folder']) {
    const text = fs.readFileSync(path.join(root, 'lib', dir, 'index.js'), 'utf8');
    for (const block of text.split('/**').slice(1)) {
      const body = block.split('*/')[0];
      const def = /@typedef\s+\{([^}]+)\}\s+(\w+)/.exec(body);
      if (!def) continue;
      const props: Property[] = [];
      // Types may hold one level of braces ({{start_date: string, …}}).
      for (const m of body.matchAll(/@property\s+\{((?:[^{}]|\{[^{}]*\})+)\}\s+(\[?)([\w.]+)/g)) {
        props.push({ type: m[1].trim(), optional: m[2] === '[', name: m[3] });
      }
      out.set(def[2], props);
    }
  }
  return out;
}

type Check = (value: unknown) => boolean;

const digits = (v: unknown) => typeof v === 'string' && /^\d+$/.test(v);

/** Where the documentation (docs pages, examples, the newer SDKs) shows another type than the v1 client says. */
const DOCUMENTED_DIFFERENCES: Record<string, Record<string, Check>> = {
  // Code grant: an epoch timestamp string (docs example "expires_in": "1584793649"); other grants a number.
  AccessTokenGetResponse: { expires_in: (v) => typeof v === 'number' || digits(v) },
  // The docs show the seconds left as a string ("2517898").
  AccessTokenVerifyResponse: { expires_in: digits },
  // The current Node SDK (userGet.ts) declares active as "1" or "0".
  UserGetResponse: { active: (v) => v === '1' || v === '0' },
};

function typeCheck(type: string): Check {
  const nullable = type.startsWith('?');
  const t = nullable ? type.slice(1) : type;
  const base: Check =
    t === 'string'
      ? (v) => typeof v === 'string'
      : t === 'number'
        ? (v) => typeof v === 'number'
        : t === 'boolean'
          ? (v) => typeof v === 'boolean'
          : t.endsWith('[]')
            ? (v) => Array.isArray(v)
            : (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
  return nullable ? (v) => v === null || base(v) : base;
}

/** What is wrong with `value` as a `typedef`, or undefined. */
export function shapeProblem(typedefs: Map<string, Property[]>, typedef: string, value: unknown, where = typedef): string | undefined {
  const props = typedefs.get(typedef);
  if (!props) return `no typedef ${typedef} in the official client`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${where}: not an object`;
  for (const p of props) {
    const v = (value as Record<string, unknown>)[p.name];
    if (v === undefined) {
      if (p.optional) continue;
      return `${where}.${p.name} is missing (${p.type})`;
    }
    const check = DOCUMENTED_DIFFERENCES[typedef]?.[p.name] ?? typeCheck(p.type);
    if (!check(v)) return `${where}.${p.name} = ${JSON.stringify(v)?.slice(0, 60)} is not ${p.type}`;
  }
  return undefined;
}

/** The official client's response typedef for each sandbox route (a list: one item per array element). */
export const ROUTE_TYPEDEFS: Record<string, { typedef: string; list?: boolean } | { oneOf: string[] }> = {
  'POST /oauth2/token': { typedef: 'AccessTokenGetResponse' },
  'GET /oauth2/token': { typedef: 'AccessTokenVerifyResponse' },
  'GET /user': { typedef: 'UserGetResponse' },
  'GET /user/documentsv2': { typedef: 'DocumentListItem', list: true },
  'GET /user/documents': { typedef: 'DocumentListItem', list: true },
  'POST /document': { typedef: 'DocumentCreateResponse' },
  'GET /document/{id}': { typedef: 'DocumentViewResponse' },
  'PUT /document/{id}': { typedef: 'DocumentUpdateResponse' },
  'POST /document/{id}/invite': { oneOf: ['DocumentFieldInviteResponse', 'DocumentFreeformInviteResponse'] },
  'PUT /invite/{id}/cancel': { typedef: 'CancelFreeformInviteResponse' },
  'PUT /document/{id}/fieldinvitecancel': { typedef: 'DocumentFieldInviteCancelResponse' },
  'POST /document/{id}/download/link': { typedef: 'DocumentShareResponse' },
  'GET /document/{id}/download/link': { typedef: 'DocumentShareResponse' },
};

/** The four error body shapes signNow answers with (see test/sandbox/signNow/errors.ts). */
export function errorShapeProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'error body is not an object';
  const b = body as Record<string, unknown>;
  const entry = (e: unknown) => typeof e === 'object' && e !== null && 'code' in e && typeof (e as { message?: unknown }).message === 'string';
  if (Array.isArray(b.errors) && b.errors.length > 0 && b.errors.every(entry)) return undefined;
  if (typeof b.error === 'string') return undefined;
  if (typeof b['404'] === 'string' && Object.keys(b).length === 1) return undefined;
  if (Array.isArray(b.error) && b.error.length > 0 && b.error.every(entry)) return undefined;
  return `not one of signNow's four error shapes: ${JSON.stringify(body).slice(0, 120)}`;
}

/** A route's folder/user listing shapes the client has no typedef for, checked by hand. */
function folderProblem(v: unknown): string | undefined {
  const f = v as Record<string, unknown>;
  if (typeof f?.id !== 'string' || typeof f.name !== 'string' || !Array.isArray(f.folders) || !Array.isArray(f.documents) || typeof f.total_documents !== 'number') {
    return `folder shape: ${JSON.stringify(v).slice(0, 120)}`;
  }
  return undefined;
}

/** Why this exchange does not follow signNow's shapes, or undefined. Faults and non-JSON bodies are skipped. */
export function signNowContractViolation(typedefs: Map<string, Property[]>, e: Exchange): string | undefined {
  if (e.fault || e.path.startsWith('/_admin')) return undefined;
  const type = String(e.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(e.body.toString('utf8'));
  } catch {
    return `${e.method} ${e.path}: invalid JSON`;
  }
  const where = `${e.method} ${e.path} → ${e.status}`;
  if (e.status >= 400) {
    const p = errorShapeProblem(body);
    return p ? `${where}: ${p}` : undefined;
  }
  if (!e.operationId) return undefined;
  if (e.operationId === 'GET /user/folder' || e.operationId === 'GET /folder/{id}') {
    const p = folderProblem(body);
    if (p) return `${where}: ${p}`;
    if (e.operationId === 'GET /folder/{id}') {
      for (const [i, d] of (body as { documents: unknown[] }).documents.entries()) {
        const dp = shapeProblem(typedefs, 'DocumentListItem', d, `documents[${i}]`);
        if (dp) return `${where}: ${dp}`;
      }
    }
    return undefined;
  }
  const spec = ROUTE_TYPEDEFS[e.operationId];
  if (!spec) return undefined;
  if ('oneOf' in spec) {
    const problems = spec.oneOf.map((t) => shapeProblem(typedefs, t, body));
    return problems.some((p) => p === undefined) ? undefined : `${where}: ${problems.join('; ')}`;
  }
  if (spec.list) {
    if (!Array.isArray(body)) return `${where}: not a bare array`;
    for (const [i, item] of body.entries()) {
      const p = shapeProblem(typedefs, spec.typedef, item, `[${i}]`);
      if (p) return `${where}: ${p}`;
    }
    return undefined;
  }
  const p = shapeProblem(typedefs, spec.typedef, body);
  return p ? `${where}: ${p}` : undefined;
}
