// The spec's own example bodies (vendored with it), parsed.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const DIR = path.resolve(__dirname, '../../../../../test/sandbox/dropboxSign/spec/examples/json');

export function example<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(path.join(DIR, `${name}.json`), 'utf8')) as T;
}
