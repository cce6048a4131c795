// Checks one recorded sandbox response against the spec: its status must be declared for the
// operation, its content type listed, and its body must validate against the declared schema.
import { ValidateFunction } from 'ajv';
import { Spec, describeErrors, schemaValidator } from '../../sandbox/kit/openapi';
import { loadDropboxSignSpec } from '../../sandbox/dropboxSign/spec';
import type { Exchange } from '../../sandbox/dropboxSign/server';

const cache = new Map<object, ValidateFunction>();

function validator(spec: Spec, schema: Record<string, unknown>): ValidateFunction {
  let v = cache.get(schema);
  if (!v) {
    v = schemaValidator(spec, schema);
    cache.set(schema, v);
  }
  return v;
}

const RATE_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

/** Returns a description of what is wrong, or undefined if the exchange follows the spec (or is out of its scope). */
export function contractViolation(e: Exchange, spec: Spec = loadDropboxSignSpec()): string | undefined {
  if (e.fault || !e.operationId) return undefined; // injected faults and non-API pages are not spec'd
  const op = spec.operations.find((o) => o.operationId === e.operationId);
  if (!op) return `${e.method} ${e.path}: unknown operation ${e.operationId}`;
  const where = `${e.method} ${e.path} → ${e.status} (${op.operationId})`;
  const status = String(e.status);
  const response = op.responses[status] ?? op.responses[`${status[0]}XX`] ?? op.responses.default;
  if (!response) return `${where}: status not declared in the spec`;
  const contentType = String(e.headers['content-type'] ?? '').split(';')[0].trim();
  const declared = response.content ?? {};
  if (Object.keys(declared).length === 0) return e.body.length === 0 ? undefined : `${where}: body where the spec declares none`;
  const media = declared[contentType];
  if (!media) return `${where}: content-type "${contentType}" not among ${Object.keys(declared).join(', ')}`;
  if (e.path.startsWith('/v3/') && e.status === 200) {
    const missing = RATE_HEADERS.filter((h) => e.headers[h] === undefined);
    if (missing.length) return `${where}: missing headers ${missing.join(', ')}`;
  }
  if (!media.schema) {
    // e.g. cancel: `application/json: {}`; Dropbox Sign answers an empty body, anything else must be JSON
    if (e.body.length === 0) return undefined;
    try {
      JSON.parse(e.body.toString('utf8'));
      return undefined;
    } catch {
      return `${where}: body is not JSON`;
    }
  }
  if (contentType === 'application/pdf') return e.body.subarray(0, 5).toString('latin1') === '%PDF-' ? undefined : `${where}: not a PDF`;
  if (contentType === 'application/zip') return e.body.readUInt32LE(0) === 0x04034b50 ? undefined : `${where}: not a ZIP`;
  let body: unknown;
  try {
    body = JSON.parse(e.body.toString('utf8'));
  } catch {
    return `${where}: body is not JSON`;
  }
  const v = validator(spec, media.schema);
  return v(body) ? undefined : `${where}: ${describeErrors(v.errors)}`;
}
