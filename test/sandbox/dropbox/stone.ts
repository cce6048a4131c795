// Reads the route table (URL path, host, style, auth, scope) from the vendored Dropbox Stone spec, so the
// sandbox checks scopes and argument styles exactly as the spec declares them instead of a hand-kept list.
import * as fs from 'fs';
import * as path from 'path';

export type StoneHost = 'api' | 'content' | 'notify';
export type StoneStyle = 'rpc' | 'upload' | 'download';

export interface StoneRoute {
  /** `files/list_folder`, `files/search_v2` (a `:2` version becomes `_v2`, as in the URL) */
  name: string;
  host: StoneHost;
  style: StoneStyle;
  /** `user`, `app, user`, `noauth`… (stone_cfg's default is `user`) */
  auth: string;
  /** the one scope a token needs; undefined when the spec names none (e.g. auth/token/revoke) */
  scope?: string;
  argType: string;
  deprecated: boolean;
}

/** Parses `route` blocks and their `attrs` from Stone source text of one namespace. */
export function parseStoneRoutes(text: string): StoneRoute[] {
  const ns = /^namespace\s+(\S+)/m.exec(text)?.[1];
  if (!ns) throw new Error('Stone file without a namespace');
  const routes: StoneRoute[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^route\s+([\w/]+)(?::(\d+))?\s+\(\s*([\w.]+)\s*,[^)]*\)\s*(deprecated)?/.exec(lines[i]);
    if (!m) continue;
    const version = m[2] ? Number(m[2]) : 1;
    const route: StoneRoute = {
      name: `${ns}/${m[1]}${version > 1 ? `_v${version}` : ''}`,
      host: 'api',
      style: 'rpc',
      auth: 'user',
      argType: m[3],
      deprecated: Boolean(m[4]),
    };
    // The attrs block belongs to this route until the next top-level definition.
    for (let j = i + 1; j < lines.length && !/^\S/.test(lines[j]); j++) {
      const attr = /^\s+(host|style|auth|scope)\s*=\s*"([^"]*)"/.exec(lines[j]);
      if (!attr) continue;
      if (attr[1] === 'scope') route.scope = attr[2];
      else if (attr[1] === 'auth') route.auth = attr[2];
      else if (attr[1] === 'host') route.host = attr[2] as StoneHost;
      else route.style = attr[2] as StoneStyle;
    }
    routes.push(route);
  }
  return routes;
}

export const STONE_NAMESPACES = ['files', 'auth', 'users'] as const;

/** The route table of the namespaces the sandbox serves, keyed by URL path after `/2/`. */
export function loadStoneRoutes(specDir: string): Map<string, StoneRoute> {
  const table = new Map<string, StoneRoute>();
  for (const ns of STONE_NAMESPACES) {
    for (const r of parseStoneRoutes(fs.readFileSync(path.join(specDir, `${ns}.stone`), 'utf8'))) table.set(r.name, r);
  }
  return table;
}

export interface StoneField {
  name: string;
  type: string;
  /** nullable (`T?`) or with a default: may be left out */
  optional: boolean;
}

/**
 * Every struct's fields (inherited ones included) in the given Stone texts, keyed by struct name. Enough
 * to refuse unknown fields and missing required ones as Dropbox does; field types are not checked here.
 */
export function parseStoneStructs(texts: string[]): Map<string, StoneField[]> {
  const own = new Map<string, { parent?: string; fields: StoneField[] }>();
  for (const text of texts) {
    let current: { parent?: string; fields: StoneField[] } | undefined;
    for (const line of text.split(/\r?\n/)) {
      const head = /^struct\s+(\w+)(?:\s+extends\s+([\w.]+))?/.exec(line);
      if (head) {
        current = { parent: head[2]?.replace(/^\w+\./, ''), fields: [] };
        own.set(head[1], current);
        continue;
      }
      if (/^\S/.test(line)) {
        current = undefined;
        continue;
      }
      const field = /^ {4}([a-z_0-9]+)\s+([\w.].*)$/.exec(line);
      if (!current || !field || field[1] === 'example') continue;
      const { type, hasDefault } = splitFieldType(field[2]);
      current.fields.push({ name: field[1], type: type.replace(/\?$/, ''), optional: type.endsWith('?') || hasDefault });
    }
  }
  const resolved = new Map<string, StoneField[]>();
  const resolve = (name: string): StoneField[] => {
    const known = resolved.get(name);
    if (known) return known;
    const s = own.get(name);
    if (!s) return [];
    const fields = [...(s.parent ? resolve(s.parent) : []), ...s.fields];
    resolved.set(name, fields);
    return fields;
  };
  for (const name of own.keys()) resolve(name);
  return resolved;
}

export interface StoneSpec {
  routes: Map<string, StoneRoute>;
  structs: Map<string, StoneField[]>;
  /** `alias ReadPath = String(pattern="…")` → a whole-string RegExp (first definition wins) */
  patterns: Map<string, { source: string; regex: RegExp }>;
}

/** String aliases with a `pattern`, so path arguments are checked with the spec's own expressions. */
export function parseStonePatterns(texts: string[]): Map<string, { source: string; regex: RegExp }> {
  const out = new Map<string, { source: string; regex: RegExp }>();
  for (const text of texts) {
    for (const m of text.matchAll(/^alias\s+(\w+)\s*=\s*String\(.*?pattern="((?:[^"\\]|\\.)*)"/gm)) {
      if (out.has(m[1])) continue;
      const source = m[2].replace(/\\\\/g, '\\');
      out.set(m[1], { source, regex: new RegExp(`^(?:${source})$`) });
    }
  }
  return out;
}

export function loadStoneSpec(specDir: string): StoneSpec {
  const texts = STONE_NAMESPACES.map((ns) => fs.readFileSync(path.join(specDir, `${ns}.stone`), 'utf8'));
  return { routes: loadStoneRoutes(specDir), structs: parseStoneStructs(texts), patterns: parseStonePatterns(texts) };
}

/** `String(pattern="(a|b)")? = null` → the type text and whether a default follows (outside parentheses and quotes). */
function splitFieldType(rest: string): { type: string; hasDefault: boolean } {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '=' && depth === 0) return { type: rest.slice(0, i).trim(), hasDefault: true };
  }
  return { type: rest.trim(), hasDefault: false };
}
