// The figures measured against a local sandbox: API calls for opening the view twice, refreshes caused by
// 100 concurrent calls on an expired token, and paging 10,000 requests through SignDesk and through the
// official @dropbox/sign SDK.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SignatureRequestApi } from '@dropbox/sign';
import { Sandbox, SandboxInfo, startSandbox } from '../sandbox/server';
import type { State } from '../sandbox/server';
import { signIn } from '../unit/sandbox/helpers';
import { SignedIn, buildStack } from './stack';

export interface Figure {
  name: string;
  value: string;
  note?: string;
}

const PAGE_SIZE = 100;

async function signedInAs(sb: Sandbox, email: string): Promise<SignedIn> {
  const tokens = await signIn(sb, email);
  const account = sb.admin.state().accounts.find((a) => a.email === email);
  if (!account) throw new Error(`no sandbox account ${email}`);
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresInSeconds: tokens.expires_in,
    accountId: account.accountId,
    email,
  };
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) {
    collect();
    collect();
  }
}

function heapMb(): number {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Opening the view twice within the cache window: how many API calls. */
export async function viewCacheFigures(sb: Sandbox): Promise<Figure[]> {
  const email = sb.info.users[0];
  const stack = await buildStack(sb.info, await signedInAs(sb, email));
  const model = stack.newModel(20);
  stack.http.reset();
  await model.ensureLoaded(); // the view opens
  const first = stack.http.total('/v3/');
  await model.ensureLoaded(); // opened again, within the cache window
  const both = stack.http.total('/v3/');
  model.dispose();
  return [
    { name: 'API calls: open the view', value: String(first), note: `${model.requests.length} requests listed` },
    { name: 'API calls: open the view twice within the cache window', value: String(both), note: 'RequestsModel.ensureLoaded() as the tree calls it' },
  ];
}

/** 100 concurrent calls on an expired token: how many refreshes. */
export async function tokenStormFigures(sb: Sandbox): Promise<Figure[]> {
  const email = sb.info.users[0];
  const figures: Figure[] = [];

  // 1. Expired as far as we know (expiresAt passed): the proactive path.
  {
    const signedIn = await signedInAs(sb, email);
    const stack = await buildStack(sb.info, { ...signedIn, expiresInSeconds: -60 });
    sb.admin.resetCounters();
    const started = performance.now();
    await Promise.all(Array.from({ length: 100 }, () => stack.tokens.withToken(stack.account, (t) => stack.service.getAccount(t))));
    const took = performance.now() - started;
    const served = sb.admin.counters().tokenIssued.refresh_token ?? 0;
    figures.push({
      name: 'Refreshes: 100 concurrent calls, token known to be expired',
      value: String(stack.refreshCalls()),
      note: `sandbox issued ${served}; all 100 calls done in ${ms(took)}`,
    });
  }

  // 2. Expired at the server only (revoked/expired early): every call gets a 401, then refresh + retry once.
  {
    const signedIn = await signedInAs(sb, email);
    const stack = await buildStack(sb.info, signedIn);
    sb.admin.expireAccessTokens({ accessToken: signedIn.accessToken });
    sb.admin.resetCounters();
    const started = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, () => stack.tokens.withToken(stack.account, (t) => stack.service.getAccount(t))),
    );
    const took = performance.now() - started;
    const failed = results.filter((r) => r.status === 'rejected').length;
    const served = sb.admin.counters().tokenIssued.refresh_token ?? 0;
    figures.push({
      name: 'Refreshes: 100 concurrent calls, token expired at the server (401s)',
      value: String(stack.refreshCalls()),
      note: `sandbox issued ${served}; ${100 - failed}/100 calls succeeded in ${ms(took)}`,
    });
  }
  return figures;
}

/**
 * A sandbox holding `count` extra requests visible to the first seed user through the demo app: the seed
 * is saved to a data file, one of the user's requests is cloned `count` times, and a sandbox loads it.
 */
export async function startBigSandbox(count: number): Promise<{ sb: Sandbox; cleanup(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-bench-'));
  const dataFile = path.join(dir, 'state.json');
  const seeding = await startSandbox({ dataFile });
  const email = seeding.info.users[0];
  const tokens = await signIn(seeding, email);
  const listed = (await (
    await fetch(`${seeding.info.apiBaseUrl}/signature_request/list?page_size=1`, { headers: { Authorization: `Bearer ${tokens.access_token}` } })
  ).json()) as { signature_requests: Array<{ signature_request_id: string }> };
  const templateId = listed.signature_requests[0]?.signature_request_id;
  await seeding.close();
  const state = JSON.parse(fs.readFileSync(dataFile, 'utf8')) as State;
  const template = state.requests.find((r) => r.id === templateId);
  if (!template) throw new Error('no request visible to the seed user to clone');
  const base = template.createdAt - count;
  for (let i = 0; i < count; i++) {
    const clone = JSON.parse(JSON.stringify(template)) as typeof template;
    clone.id = `bench${i.toString(16).padStart(35, '0')}`;
    clone.title = `Bench request ${i + 1}`;
    clone.createdAt = base + i;
    clone.signers.forEach((s, j) => (s.signatureId = `benchsig${i.toString(16).padStart(24, '0')}${j}`));
    state.requests.push(clone);
  }
  fs.writeFileSync(dataFile, JSON.stringify(state));
  const sb = await startSandbox({ dataFile });
  sb.admin.setRateLimits({ enabled: false });
  return { sb, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

interface PagingRun {
  pages: number;
  items: number;
  totalMs: number;
  perPageMeanMs: number;
  perPageP95Ms: number;
  heapGrowthMb: number;
}

async function pageWithSignDesk(info: SandboxInfo, signedIn: SignedIn): Promise<PagingRun> {
  const stack = await buildStack(info, signedIn);
  const model = stack.newModel(PAGE_SIZE);
  const before = heapMb();
  const times: number[] = [];
  const started = performance.now();
  let t = performance.now();
  await model.refresh();
  times.push(performance.now() - t);
  while (model.hasMore) {
    t = performance.now();
    await model.loadMore();
    times.push(performance.now() - t);
  }
  const totalMs = performance.now() - started;
  const growth = heapMb() - before;
  const items = model.requests.length;
  model.dispose();
  return { pages: times.length, items, totalMs, perPageMeanMs: totalMs / times.length, perPageP95Ms: percentile(times, 95), heapGrowthMb: growth };
}

async function pageWithSdk(info: SandboxInfo, accessToken: string): Promise<PagingRun> {
  const api = new SignatureRequestApi();
  api.basePath = info.apiBaseUrl;
  api.accessToken = accessToken;
  const before = heapMb();
  const kept: unknown[] = [];
  const times: number[] = [];
  const started = performance.now();
  for (let page = 1; ; page++) {
    const t = performance.now();
    const result = await api.signatureRequestList(undefined, page, PAGE_SIZE);
    times.push(performance.now() - t);
    kept.push(...(result.body.signatureRequests ?? []));
    const info = result.body.listInfo;
    if (!info?.numPages || page >= info.numPages) break;
  }
  const totalMs = performance.now() - started;
  const growth = heapMb() - before;
  return { pages: times.length, items: kept.length, totalMs, perPageMeanMs: totalMs / times.length, perPageP95Ms: percentile(times, 95), heapGrowthMb: growth };
}

/**
 * Both clients page side by side: page n through SignDesk, then page n through the SDK (the other way
 * round on odd pages), so a busy machine slows both alike. Returns each side's per-page times.
 */
async function pageInLockstep(info: SandboxInfo, signedIn: SignedIn): Promise<{ ours: number[]; sdk: number[]; items: number }> {
  const stack = await buildStack(info, signedIn);
  const model = stack.newModel(PAGE_SIZE);
  const api = new SignatureRequestApi();
  api.basePath = info.apiBaseUrl;
  api.accessToken = signedIn.accessToken;
  const ours: number[] = [];
  const sdk: number[] = [];
  const oursPage = async (page: number) => {
    const t = performance.now();
    await (page === 1 ? model.refresh() : model.loadMore());
    ours.push(performance.now() - t);
  };
  let sdkPages = Infinity;
  const sdkPage = async (page: number) => {
    const t = performance.now();
    const result = await api.signatureRequestList(undefined, page, PAGE_SIZE);
    sdk.push(performance.now() - t);
    sdkPages = result.body.listInfo?.numPages ?? 0;
  };
  for (let page = 1; page === 1 || model.hasMore || page <= sdkPages; page++) {
    const first = page % 2 === 0 ? sdkPage : oursPage;
    const second = first === oursPage ? sdkPage : oursPage;
    if (first === oursPage ? page === 1 || model.hasMore : page <= sdkPages) await first(page);
    if (second === oursPage ? page === 1 || model.hasMore : page <= sdkPages) await second(page);
  }
  const items = model.requests.length;
  model.dispose();
  return { ours, sdk, items };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Pages `count`+ requests (PAGE_SIZE a page) through SignDesk and through the SDK, on the same sandbox. */
export async function pagingFigures(count: number, rounds: number): Promise<Figure[]> {
  const { sb, cleanup } = await startBigSandbox(count);
  try {
    const email = sb.info.users[0];
    // Warm-up: JIT, connections, the sandbox's own first-call costs; not measured.
    await pageInLockstep(sb.info, await signedInAs(sb, email));

    // Time: side by side, `rounds` times; each round's ratio, then the median.
    const timed: Array<{ ours: number[]; sdk: number[]; items: number }> = [];
    for (let i = 0; i < rounds; i++) timed.push(await pageInLockstep(sb.info, await signedInAs(sb, email)));
    const ratios = timed.map((r) => sum(r.ours) / sum(r.sdk));
    const mid = timed[ratios.indexOf(percentile(ratios, 50))];

    // Memory: one side at a time (what each keeps alive after paging everything), after a GC.
    const memOurs = await pageWithSignDesk(sb.info, await signedInAs(sb, email));
    const memSdk = await pageWithSdk(sb.info, (await signedInAs(sb, email)).accessToken);

    const items = memOurs.items;
    return [
      { name: 'Paging: requests listed (SignDesk / SDK)', value: `${items} / ${memSdk.items}`, note: `${mid.ours.length} pages of ${PAGE_SIZE}` },
      { name: 'Paging: time per page, SignDesk', value: ms(sum(mid.ours) / mid.ours.length), note: `p95 ${ms(percentile(mid.ours, 95))}; all pages ${ms(sum(mid.ours))}` },
      { name: 'Paging: time per page, @dropbox/sign SDK', value: ms(sum(mid.sdk) / mid.sdk.length), note: `p95 ${ms(percentile(mid.sdk, 95))}; all pages ${ms(sum(mid.sdk))}` },
      {
        name: 'Paging: time ratio SignDesk / SDK',
        value: `${percentile(ratios, 50).toFixed(2)}×`,
        note: `median of ${rounds} side-by-side rounds (${ratios.map((r) => r.toFixed(2)).join(', ')}); below 1 = SignDesk faster`,
      },
      { name: 'Paging: heap growth, SignDesk', value: `${memOurs.heapGrowthMb.toFixed(1)} MB`, note: `${((memOurs.heapGrowthMb * 1024 * 1024) / items).toFixed(0)} B per request kept (model, mapped)` },
      { name: 'Paging: heap growth, @dropbox/sign SDK', value: `${memSdk.heapGrowthMb.toFixed(1)} MB`, note: `${((memSdk.heapGrowthMb * 1024 * 1024) / items).toFixed(0)} B per request kept (SDK objects)` },
      { name: 'Paging: heap ratio SignDesk / SDK', value: `${(memOurs.heapGrowthMb / memSdk.heapGrowthMb).toFixed(2)}×` },
    ];
  } finally {
    await sb.close();
    cleanup();
  }
}
