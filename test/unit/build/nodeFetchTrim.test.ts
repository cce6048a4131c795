// node-fetch as it ships (test/build/nodeFetchTrim.js): lib/index.js less what SignDesk never reaches. What
// fetchHttpClient uses is tested against the shipped build by shippedHttp.test.ts; here, what the cuts leave.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { after, before, describe, it } from 'mocha';
import { repoRoot } from '../../runner/paths';

interface NodeFetchTrim {
  NODE_FETCH_FILE: string;
  trimNodeFetch(source: string, cuts?: Array<{ why: string; from: string; through?: string }>, gone?: string[]): string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const trim = require(path.join(repoRoot, 'test', 'build', 'nodeFetchTrim.js')) as NodeFetchTrim;

type Fetch = typeof import('node-fetch').default;

/** The trimmed text, loaded as a module (from node-fetch's folder, so its requires resolve as in the bundle). */
function loadTrimmed(): Fetch {
  const file = path.join(repoRoot, trim.NODE_FETCH_FILE);
  const module = { exports: {} as unknown };
  new Function('module', 'exports', 'require', trim.trimNodeFetch(fs.readFileSync(file, 'utf8')))(module, module.exports, require);
  return module.exports as Fetch;
}

describe('node-fetch as shipped (trimmed at build time)', function () {
  this.timeout(20_000); // the trim parses node-fetch with TypeScript
  let fetch: Fetch;
  let server: http.Server;
  let base: string;

  before(async () => {
    fetch = loadTrimmed();
    server = http.createServer((req, res) => {
      if (req.url === '/moved') {
        res.writeHead(302, { location: '/there' }).end();
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const echoed = JSON.stringify({ method: req.method, length: req.headers['content-length'], body: Buffer.concat(chunks).toString() });
        res.writeHead(200, { 'content-encoding': 'gzip', 'x-echo': 'yes' }).end(zlib.gzipSync(echoed));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => server.close());

  it('sends a Buffer body and answers with status, headers and the decompressed body stream', async () => {
    const res = await fetch(`${base}/echo`, { method: 'POST', body: Buffer.from('hello'), redirect: 'manual' });
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => (headers[name] = value));
    const chunks: Buffer[] = [];
    for await (const chunk of res.body) chunks.push(chunk as Buffer);
    assert.equal(res.status, 200);
    assert.equal(headers['x-echo'], 'yes');
    assert.deepEqual(JSON.parse(Buffer.concat(chunks).toString()), { method: 'POST', length: '5', body: 'hello' });
  });

  it("keeps manual redirects as node-fetch has them: the answer itself, its Location made absolute", async () => {
    const res = await fetch(`${base}/moved`, { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), `${base}/there`);
  });

  it('refuses the redirect modes it no longer has, before sending anything', async () => {
    await assert.rejects(fetch(`${base}/moved`), /follows no redirects/);
    await assert.rejects(fetch(`${base}/moved`, { redirect: 'error' }), /follows no redirects/);
  });

  it('has no Body readers or clone() left', async () => {
    const res = await fetch(`${base}/echo`, { redirect: 'manual' });
    res.body.resume();
    assert.deepEqual(
      ['json', 'text', 'buffer', 'arrayBuffer', 'blob', 'clone'].filter((name) => name in res),
      [],
    );
  });

  it('fails the build when node-fetch is not the text the cuts were written for', () => {
    assert.throws(() => trim.trimNodeFetch('module.exports = function fetch() {};'), /node-fetch trim: expected/);
  });

  it('fails the build when a cut takes a declaration that is still used', () => {
    const source = fs.readFileSync(path.join(repoRoot, trim.NODE_FETCH_FILE), 'utf8');
    const cutIsBlob = { why: 'test', from: 'function isBlob(obj) {', through: '/^(Blob|File)$/.test(obj[Symbol.toStringTag]);\n}' };
    assert.throws(() => trim.trimNodeFetch(source, [cutIsBlob], []), /cut though still used: isBlob/);
  });
});
