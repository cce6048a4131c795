// Bundle size: the extension built the way `npm run package` builds it (minified), into a temp dir so the
// working dist/ is left alone.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { build } from 'esbuild';
import { repoRoot } from '../runner/paths';

export interface BundleInfo {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** The largest inputs, by bytes they contribute to the output. */
  largest: Array<{ input: string; bytes: number }>;
}

export async function buildBundle(): Promise<BundleInfo> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-bundle-'));
  const file = path.join(dir, 'extension.js');
  const result = await build({
    entryPoints: [path.join(repoRoot, 'src', 'extension.ts')],
    bundle: true,
    outfile: file,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    minify: true,
    metafile: true,
    logLevel: 'silent',
  });
  const data = fs.readFileSync(file);
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  const largest = Object.entries(inputs)
    .map(([input, v]) => ({ input, bytes: v.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3);
  return { file, bytes: data.length, gzipBytes: zlib.gzipSync(data).length, largest };
}
