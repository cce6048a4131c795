// Bundle size: the extension built exactly as `npm run package` builds it (test/build/build.js, minified), into a
// temp dir so the working dist/ is left alone: dist/extension.js, loaded at activation, and dist/features.js,
// loaded on first use of the action commands or the first request. Next to it, the anchor: VS Code's built-in
// github-authentication bundle from the VS Code server the tests install.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { BuildOptions, Metafile } from 'esbuild';
import { codeServerVersion } from '../runner/codeServer';
import { cacheRoot, repoRoot } from '../runner/paths';

export interface BuiltFile {
  file: string;
  bytes: number;
  metafile: Metafile;
}

export interface FileInfo {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** The largest inputs, by bytes they contribute to the output. */
  largest: Array<{ input: string; bytes: number }>;
}

export interface BundleInfo {
  /** dist/extension.js: what every window loads when SignDesk activates. */
  startup: FileInfo;
  /** dist/features.js: loaded on first use. */
  features: FileInfo;
  /** Both: everything shipped. */
  totalBytes: number;
  totalGzipBytes: number;
}

export interface BuildScript {
  ANCHOR_BYTES: number;
  STARTUP_BUDGET_RATIO: number;
  STARTUP_BUDGET_BYTES: number;
  TOTAL_BUDGET_RATIO: number;
  TOTAL_BUDGET_BYTES: number;
  STARTUP_FILE: string;
  FEATURES_FILE: string;
  LAZY_MODULES: string[];
  IN_FEATURES: string[];
  /** Source files (repo-relative) shipped in the second file though the first imports them. */
  LAZY_SOURCES: string[];
  bundleOptions(options: { production: boolean; outfile?: string }): BuildOptions & { outfile: string };
  buildExtension(options: { production: boolean; outdir?: string }): Promise<{ startup: BuiltFile; features: BuiltFile }>;
  budgetProblem(sizes: { startupBytes: number; totalBytes: number }, budgets?: { startup: number; total: number }): string | undefined;
}

/** test/build/build.js: plain JavaScript, because it runs before anything is compiled. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const buildScript = require(path.join(repoRoot, 'test', 'build', 'build.js')) as BuildScript;

/** The production build, both files, in a temp dir (`file` is the activation bundle, as VS Code loads it). */
export async function buildShipped(): Promise<{ file: string; startup: BuiltFile; features: BuiltFile }> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-bundle-'));
  const { startup, features } = await buildScript.buildExtension({ production: true, outdir });
  return { file: startup.file, startup, features };
}

function describe(built: BuiltFile): FileInfo {
  const data = fs.readFileSync(built.file);
  const output = Object.values(built.metafile.outputs).find((o) => o.entryPoint !== undefined) ?? Object.values(built.metafile.outputs)[0];
  const largest = Object.entries(output?.inputs ?? {})
    .map(([input, v]) => ({ input, bytes: v.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3);
  return { file: built.file, bytes: data.length, gzipBytes: zlib.gzipSync(data).length, largest };
}

export async function buildBundle(): Promise<BundleInfo> {
  const built = await buildShipped();
  const startup = describe(built.startup);
  const features = describe(built.features);
  const both = Buffer.concat([fs.readFileSync(startup.file), fs.readFileSync(features.file)]);
  return { startup, features, totalBytes: startup.bytes + features.bytes, totalGzipBytes: zlib.gzipSync(both).length };
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
