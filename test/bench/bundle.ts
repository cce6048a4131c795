// Bundle size: the extension built exactly as `npm run package` builds it (test/build/build.js, minified), into a
// temp dir so the working dist/ is left alone; next to it, the anchor: VS Code's built-in github-authentication
// bundle from the VS Code server the tests install.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { codeServerVersion } from '../runner/codeServer';
import { cacheRoot, repoRoot } from '../runner/paths';

export interface BundleInfo {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** The largest inputs, by bytes they contribute to the output. */
  largest: Array<{ input: string; bytes: number }>;
}

export interface BuildScript {
  BUNDLE_BUDGET_BYTES: number;
  LAZY_MODULES: string[];
  bundleOptions(options: { production: boolean; outfile?: string }): BuildOptions & { outfile: string };
  budgetProblem(bytes: number, budget?: number): string | undefined;
}

/** test/build/build.js: plain JavaScript, because it runs before anything is compiled. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const buildScript = require(path.join(repoRoot, 'test', 'build', 'build.js')) as BuildScript;

/** The production bundle of `entry` (default: the extension) with the shipped options, in a temp dir. */
export async function buildShipped(entry?: string, extra: BuildOptions = {}): Promise<{ file: string; metafile: Metafile }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-bundle-'));
  const file = path.join(dir, 'extension.js');
  const options = buildScript.bundleOptions({ production: true, outfile: file });
  const result = await build({ ...options, ...(entry ? { entryPoints: [entry] } : {}), ...extra, logLevel: 'silent' });
  if (!result.metafile) throw new Error('esbuild returned no metafile');
  return { file, metafile: result.metafile };
}

export async function buildBundle(): Promise<BundleInfo> {
  const { file, metafile } = await buildShipped();
  const data = fs.readFileSync(file);
  const inputs = Object.values(metafile.outputs)[0]?.inputs ?? {};
  const largest = Object.entries(inputs)
    .map(([input, v]) => ({ input, bytes: v.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3);
  return { file, bytes: data.length, gzipBytes: zlib.gzipSync(data).length, largest };
}

/** The built-in github-authentication extension of the VS Code server the tests install (absent until installed). */
export function githubAuthentication(): { dir: string; bundle: string; bytes: number; version: string } | undefined {
  const vscodeDir = path.join(cacheRoot, `code-server-${codeServerVersion}`, 'node_modules', 'code-server', 'lib', 'vscode');
  const dir = path.join(vscodeDir, 'extensions', 'github-authentication');
  const bundle = path.join(dir, 'dist', 'extension.js');
  if (!fs.existsSync(bundle)) return undefined;
  const product = JSON.parse(fs.readFileSync(path.join(vscodeDir, 'package.json'), 'utf8')) as { version: string };
  return { dir, bundle, bytes: fs.statSync(bundle).size, version: product.version };
}
