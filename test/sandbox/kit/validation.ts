// Checks a request against its OpenAPI operation: query parameters and body. What the spec rejects is a
// 400 bad_request ApiError naming the offending field (errorPath, `signers[0][email_address]` style).
import { ValidateFunction } from 'ajv';
import { JsonSchema, Spec, SpecOperation, coerceToSchema, errorPath, schemaValidator } from './openapi';
import { ParsedBody, badRequest } from './http';

const validators = new WeakMap<JsonSchema, ValidateFunction>();

function validatorFor(spec: Spec, schema: JsonSchema): ValidateFunction {
  let v = validators.get(schema);
  if (!v) {
    v = schemaValidator(spec, schema);
    validators.set(schema, v);
  }
  return v;
}

function firstError(v: ValidateFunction, where: string): never {
  const e = v.errors?.[0];
  const p = e ? errorPath(e) : '';
  const msg = e?.keyword === 'required' ? 'This value should not be blank' : `Invalid value: ${e?.message ?? 'invalid'}`;
  throw badRequest(`${msg}${p ? ` (${p})` : ` (${where})`}.`, p || undefined);
}

/** Returns the query values coerced to their schema types (e.g. page → number). */
export function validateQuery(spec: Spec, op: SpecOperation, query: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of op.parameters) {
    if (p.in !== 'query') continue;
    const raw = query.get(p.name);
    if (raw === null) {
      if (p.required) throw badRequest('This value should not be blank.', p.name);
      continue;
    }
    const value = p.schema ? coerceToSchema(spec, p.schema, raw) : raw;
    if (p.schema) {
      const v = validatorFor(spec, p.schema);
      if (!v(value)) throw badRequest(`Invalid value for ${p.name}: ${v.errors?.[0]?.message ?? 'invalid'}.`, p.name);
    }
    out[p.name] = value;
  }
  return out;
}

/** Returns the body coerced to the operation's JSON schema (form and multipart bodies included). */
export function validateBody<T = Record<string, unknown>>(spec: Spec, op: SpecOperation, body: ParsedBody, schemaOverride?: JsonSchema): T {
  const content = op.requestBody?.content ?? {};
  const schema = schemaOverride ?? content['application/json']?.schema ?? content['multipart/form-data']?.schema;
  if (!schema) return body.value as T;
  if (body.kind === 'none' && op.requestBody?.required) throw badRequest('This value should not be blank (request body).');
  const value = body.kind === 'json' ? body.value : coerceToSchema(spec, schema, body.value);
  const v = validatorFor(spec, schema);
  if (!v(value)) firstError(v, 'request body');
  return value as T;
}
