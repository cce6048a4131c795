// What the services' error-body readers have in common: the body as a JSON object, the service's sentence,
// and error names (identifiers the code compares). Each reader (providers/<x>/errorBody.ts) knows its shapes.
// Also the error for an answer SignDesk cannot use, in the service's words.
import { BadResponseError } from '../core/errors';

/** A JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The body's JSON object (not an array); undefined for HTML, plain text and other garbage. */
export function jsonObjectOf(body: Buffer | string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString());
  } catch {
    return undefined;
  }
  return isJsonObject(parsed) ? parsed : undefined;
}

/** A sentence: a string with something in it. */
export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Error names are identifiers the code compares; anything else (prose, a pasted token) is dropped. */
export function errorNameOf(value: unknown): string | undefined {
  const name = typeof value === 'string' ? value.trim() : '';
  return /^[A-Za-z0-9_.-]{1,100}$/.test(name) ? name : undefined;
}

/** BadResponseErrors in a service's words: `<label> sent an unexpected <what> (<detail>).` */
export function unexpected(label: string, what = 'sign-in response'): (detail: string) => BadResponseError {
  return (detail) => new BadResponseError(`${label} sent an unexpected ${what} (${detail}).`);
}
