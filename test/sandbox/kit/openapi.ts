// Loads a vendored OpenAPI spec once per file and answers the questions a sandbox and its contract tests
// ask of it: which operation is this request, and does this value match that schema.
import * as fs from 'fs';
import * as path from 'path';
import YAML from 'yaml';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export type JsonSchema = Record<string, unknown>;

export interface SpecOperation {
  operationId: string;
  method: string; // lower case
  specPath: string; // e.g. /signature_request/{signature_request_id} or /oauth/token?refresh
  pathRegex: RegExp;
  pathParams: string[];
  /** the literal query marker in the spec's path key (Dropbox Sign uses `/oauth/token?refresh`) */
  queryMarker?: string;
  parameters: Array<{ name: string; in: string; required?: boolean; schema?: JsonSchema }>;
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
  security?: Array<Record<string, string[]>>;
}

/** The parts of the OpenAPI document the sandbox reads. */
export interface SpecDocument {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema> };
  security?: Array<Record<string, string[]>>;
}

interface RawOperation {
  operationId?: string;
  parameters?: SpecOperation['parameters'];
  requestBody?: SpecOperation['requestBody'];
  responses?: SpecOperation['responses'];
  security?: SpecOperation['security'];
}

export interface Spec {
  doc: SpecDocument;
  operations: SpecOperation[];
  ajv: Ajv;
}

/** Walks up from `start` to the directory holding `relativePath` (works from test/ and from out/test/). */
export function findRepoRoot(start: string, relativePath: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, relativePath))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find ${relativePath} above ${start}`);
    dir = parent;
  }
}

const loaded = new Map<string, Spec>();

export function loadSpec(specFile: string): Spec {
  const known = loaded.get(path.resolve(specFile));
  if (known) return known;
  const doc = YAML.parse(fs.readFileSync(specFile, 'utf8')) as SpecDocument;
  // validateSchema off: the OpenAPI dialect (nullable, discriminator without oneOf, x-*) is not draft-07.
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'spec', components: { schemas: doc.components.schemas } });
  const operations: SpecOperation[] = [];
  for (const [rawPath, item] of Object.entries(doc.paths)) {
    const [pathPart, queryMarker] = rawPath.split('?');
    const pathParams: string[] = [];
    const pattern = pathPart
      .split('/')
      .map((seg) => {
        const m = /^\{(.+)\}$/.exec(seg);
        if (m) {
          pathParams.push(m[1]);
          return '([^/]+)';
        }
        return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    const shared = (item.parameters ?? []) as SpecOperation['parameters'];
    for (const [method, raw] of Object.entries(item)) {
      const op = raw as RawOperation;
      if (!op || typeof op !== 'object' || !op.operationId) continue;
      operations.push({
        operationId: op.operationId,
        method,
        specPath: rawPath,
        pathRegex: new RegExp(`^${pattern}$`),
        pathParams,
        queryMarker,
        parameters: [...shared, ...(op.parameters ?? [])],
        requestBody: op.requestBody,
        responses: op.responses ?? {},
        security: op.security ?? doc.security,
      });
    }
  }
  // Literal paths before templated ones, so /signature_request/list never matches {signature_request_id}.
  operations.sort((a, b) => a.pathParams.length - b.pathParams.length);
  const spec: Spec = { doc, operations, ajv };
  loaded.set(path.resolve(specFile), spec);
  return spec;
}

export interface OperationMatch {
  op: SpecOperation;
  params: Record<string, string>;
}

/** `apiPath` is relative to the server (no /v3 prefix), e.g. `/signature_request/list`. */
export function findOperation(spec: Spec, method: string, apiPath: string, query?: URLSearchParams): OperationMatch | undefined {
  const m = method.toLowerCase();
  const candidates = spec.operations.filter((op) => op.method === m && op.pathRegex.test(apiPath));
  // `/oauth/token` and `/oauth/token?refresh` share a path; the query marker picks the refresh one.
  const withMarker = candidates.find((op) => op.queryMarker && query?.has(op.queryMarker));
  const chosen = withMarker ?? candidates.find((op) => !op.queryMarker) ?? candidates[0];
  if (!chosen) return undefined;
  const values = chosen.pathRegex.exec(apiPath)!.slice(1);
  const params: Record<string, string> = {};
  chosen.pathParams.forEach((name, i) => (params[name] = decodeURIComponent(values[i])));
  return { op: chosen, params };
}

export function schemaValidator(spec: Spec, schema: JsonSchema): ValidateFunction {
  const ref = typeof schema.$ref === 'string' ? schema.$ref : undefined;
  if (ref && ref.startsWith('#/components/schemas/')) {
    const v = spec.ajv.getSchema(`spec${ref}`);
    if (!v) throw new Error(`unknown schema ${ref}`);
    return v;
  }
  // Inline schemas may still $ref components: resolve them against the spec document.
  return spec.ajv.compile({ $id: `inline-${inlineCounter++}`, ...rewriteRefs(schema) });
}
let inlineCounter = 0;

function rewriteRefs(value: unknown): JsonSchema {
  if (Array.isArray(value)) return value.map(rewriteRefs) as unknown as JsonSchema;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `spec${v}` : rewriteRefs(v);
    return out;
  }
  return value as JsonSchema;
}

/** Resolves a `$ref` to a component schema (one level) so callers can walk properties. */
export function resolveSchema(spec: Spec, schema: JsonSchema | undefined): JsonSchema | undefined {
  let s = schema;
  for (let i = 0; s && typeof s.$ref === 'string' && i < 10; i++) {
    const name = (s.$ref as string).replace('#/components/schemas/', '');
    s = spec.doc.components.schemas[name];
  }
  return s;
}

/** `signers/0/email_address` → `signers[0][email_address]`, the form-field spelling Dropbox Sign uses. */
export function errorPath(error: ErrorObject): string {
  const segs = error.instancePath.split('/').filter(Boolean);
  if (error.keyword === 'required') segs.push(String((error.params as { missingProperty: string }).missingProperty));
  return segs.map((s, i) => (i === 0 ? s : `[${s}]`)).join('');
}

export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${errorPath(e) || '(body)'} ${e.message}`).join('; ');
}

/**
 * Form and multipart bodies arrive as strings; turn them into the JSON types the schema asks for
 * (booleans as 1/0/true/false, integers, arrays from `x[0]`/`x[]` fields, objects or arrays sent as JSON
 * strings the way the official SDKs do) so one validator serves JSON and form requests alike.
 */
export function coerceToSchema(spec: Spec, schema: JsonSchema | undefined, value: unknown): unknown {
  const s = resolveSchema(spec, schema);
  if (!s) return value;
  const type = s.type as string | undefined;
  if (typeof value === 'string') {
    if (type === 'boolean') {
      if (value === '1' || value === 'true') return true;
      if (value === '0' || value === 'false') return false;
      return value;
    }
    if (type === 'integer' || type === 'number') {
      return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
    }
    if ((type === 'object' || type === 'array') && /^\s*[[{]/.test(value)) {
      try {
        return coerceToSchema(spec, s, JSON.parse(value));
      } catch {
        return value;
      }
    }
    if (type === 'array') return [coerceToSchema(spec, s.items as JsonSchema, value)];
    return value;
  }
  if (type === 'array') {
    let arr: unknown[] | undefined;
    if (Array.isArray(value)) arr = value;
    else if (value && typeof value === 'object') {
      const keys = Object.keys(value);
      if (keys.every((k) => /^\d+$/.test(k))) arr = keys.sort((a, b) => Number(a) - Number(b)).map((k) => (value as Record<string, unknown>)[k]);
    }
    return arr ? arr.map((v) => coerceToSchema(spec, s.items as JsonSchema, v)) : value;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = props[k] ? coerceToSchema(spec, props[k], v) : v;
    return out;
  }
  return value;
}
