// Locations shared by the runners. Compiled to out/test/runner/, so the repo root is three levels up.
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const cacheRoot = path.join(repoRoot, '.vscode-test');
export const outDir = path.join(repoRoot, 'out');
