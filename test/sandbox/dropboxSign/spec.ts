// Where the vendored Dropbox Sign OpenAPI spec lives, and the one loaded copy of it.
import * as path from 'path';
import { Spec, findRepoRoot, loadSpec } from '../kit/openapi';

export const SPEC_RELATIVE_PATH = path.join('test', 'sandbox', 'dropboxSign', 'spec', 'dropbox-sign-openapi.yaml');

/** The repository root (found by walking up to the spec, so it works from test/ and from out/test/). */
export function dropboxSignRepoRoot(start: string = __dirname): string {
  return findRepoRoot(start, SPEC_RELATIVE_PATH);
}

export function loadDropboxSignSpec(repoRoot: string = dropboxSignRepoRoot()): Spec {
  return loadSpec(path.join(repoRoot, SPEC_RELATIVE_PATH));
}
