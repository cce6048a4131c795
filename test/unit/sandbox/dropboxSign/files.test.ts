import assert from 'node:assert/strict';
import * as zlib from 'zlib';
import { SEED_REQUESTS } from '../../../sandbox/dropboxSign/server';
import { buildPdf, buildZip, crc32 } from '../../../sandbox/kit/documents';
import { basic, get, useSandbox } from '../../../support/sandboxes/dropboxSign';

/** Checks a PDF's cross-reference table: every offset must point at its `N 0 obj`. */
function assertValidPdf(pdf: Buffer): void {
  const text = pdf.toString('latin1');
  assert.ok(text.startsWith('%PDF-1.'), 'header');
  assert.ok(text.trimEnd().endsWith('%%EOF'), 'trailer');
  const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)![1]);
  assert.ok(text.startsWith('xref', startxref), 'startxref points at the xref table');
  const [, count] = /^xref\n0 (\d+)\n/.exec(text.slice(startxref))!.map(Number);
  const entries = text.slice(startxref).split('\n').slice(2, 2 + count);
  entries.forEach((line, id) => {
    assert.equal(line.length, 19, `xref entry ${id} is 20 bytes with its newline`);
    if (id === 0) return;
    const offset = Number(line.slice(0, 10));
    assert.ok(text.startsWith(`${id} 0 obj`, offset), `object ${id} at ${offset}`);
  });
}

/** A minimal independent ZIP reader: central directory → entries, inflated and CRC-checked. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    assert.equal(zip.readUInt32LE(local), 0x04034b50);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataAt, dataAt + compressed);
    const data = method === 8 ? zlib.inflateRawSync(raw) : raw;
    assert.equal(zlib.crc32(data), crc, `crc of ${name}`);
    out.set(name, data);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

describe('sandbox documents', () => {
  it('builds PDFs with a correct cross-reference table', () => {
    assertValidPdf(buildPdf([{ heading: 'One (with parens) \\ slash', lines: ['a', 'b'] }]));
    assertValidPdf(buildPdf([{ heading: 'A', lines: [] }, { heading: 'B ünïcode', lines: ['x'] }]));
  });

  it('builds ZIPs an independent reader can inflate', () => {
    const big = Buffer.from('x'.repeat(5000));
    const entries = unzip(buildZip([{ name: 'a.pdf', data: big }, { name: 'b.txt', data: Buffer.from('hi') }]));
    assert.deepEqual([...entries.keys()], ['a.pdf', 'b.txt']);
    assert.deepEqual(entries.get('a.pdf'), big);
    assert.equal(entries.get('b.txt')!.toString(), 'hi');
  });

  it('computes the standard CRC-32', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(Buffer.from('sandbox')), zlib.crc32(Buffer.from('sandbox')));
  });
});

describe('sandbox files endpoints', () => {
  const sandbox = useSandbox();
  const key = () => basic(sandbox().info.apiKey);

  async function raw(path: string): Promise<{ status: number; type: string; body: Buffer; json?: { error: { error_name: string } } }> {
    const res = await fetch(sandbox().url + path, { headers: { Authorization: key() } });
    const body = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, type, body, json: type.includes('json') ? JSON.parse(body.toString()) : undefined };
  }

  it('files: a merged PDF (default) with one page per document', async () => {
    const res = await raw(`/v3/signature_request/files/${SEED_REQUESTS.completed}`);
    assert.equal(res.status, 200);
    assert.equal(res.type, 'application/pdf');
    assertValidPdf(res.body);
    assert.match(res.body.toString('latin1'), /\/Count 2/);
  });

  it('files?file_type=zip: one PDF per document', async () => {
    const res = await raw(`/v3/signature_request/files/${SEED_REQUESTS.completed}?file_type=zip`);
    assert.equal(res.type, 'application/zip');
    const entries = unzip(res.body);
    assert.deepEqual([...entries.keys()], ['Offer Letter.pdf', 'Benefits Summary.pdf']);
    for (const pdf of entries.values()) assertValidPdf(pdf);
  });

  it('file_type outside pdf|zip is 400 bad_request', async () => {
    const res = await raw(`/v3/signature_request/files/${SEED_REQUESTS.completed}?file_type=doc`);
    assert.equal(res.status, 400);
    assert.equal(res.json?.error.error_name, 'bad_request');
  });

  it('answers 409 while files are prepared after completion, then serves them', async () => {
    sandbox().admin.complete(SEED_REQUESTS.awaiting);
    for (const path of ['files', 'files_as_file_url', 'files_as_data_uri']) {
      const res = await raw(`/v3/signature_request/${path}/${SEED_REQUESTS.awaiting}`);
      assert.equal(res.status, 409, path);
      assert.equal(res.json?.error.error_name, 'conflict');
    }
    sandbox().admin.advanceClock(sandbox().admin.config().filesPrepMs);
    assert.equal((await raw(`/v3/signature_request/files/${SEED_REQUESTS.awaiting}`)).status, 200);
  });

  it('the admin flag keeps files "being prepared" until cleared', async () => {
    sandbox().admin.setFilesPreparing(SEED_REQUESTS.completed, true);
    assert.equal((await raw(`/v3/signature_request/files/${SEED_REQUESTS.completed}`)).status, 409);
    sandbox().admin.setFilesPreparing(SEED_REQUESTS.completed, false);
    assert.equal((await raw(`/v3/signature_request/files/${SEED_REQUESTS.completed}`)).status, 200);
  });

  it('files_as_file_url hands out an expiring link to the PDF', async () => {
    const res = await get(sandbox(), `/v3/signature_request/files_as_file_url/${SEED_REQUESTS.completed}?force_download=0`, key());
    assert.equal(res.status, 200);
    assert.ok(res.json.expires_at > Date.now() / 1000);
    const file = await fetch(res.json.file_url);
    assert.equal(file.status, 200);
    assert.match(file.headers.get('content-disposition') ?? '', /^inline/);
    assertValidPdf(Buffer.from(await file.arrayBuffer()));
    sandbox().admin.advanceClock(3601_000);
    assert.equal((await fetch(res.json.file_url)).status, 404);
  });

  it('files_as_data_uri returns the PDF base64-encoded', async () => {
    const res = await get(sandbox(), `/v3/signature_request/files_as_data_uri/${SEED_REQUESTS.completed}`, key());
    const m = /^data:application\/pdf;base64,(.+)$/.exec(res.json.data_uri);
    assert.ok(m);
    assertValidPdf(Buffer.from(m[1], 'base64'));
  });

  it('a freshly sent request has its files prepared for a moment too', async () => {
    const sent = await fetch(`${sandbox().url}/v3/signature_request/send`, {
      method: 'POST',
      headers: { Authorization: key(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ file_urls: ['https://example.com/a.pdf'], signers: [{ name: 'A', email_address: 'a@example.com' }] }),
    });
    const id = ((await sent.json()) as { signature_request: { signature_request_id: string } }).signature_request.signature_request_id;
    assert.equal((await raw(`/v3/signature_request/files/${id}`)).status, 409);
    sandbox().admin.advanceClock(sandbox().admin.config().filesPrepMs);
    assert.equal((await raw(`/v3/signature_request/files/${id}`)).status, 200);
  });
});
