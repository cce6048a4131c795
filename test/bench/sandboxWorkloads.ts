// The figures measured against a local sandbox: API calls for opening the view twice, refreshes caused by
// 100 concurrent calls on an expired token, and paging 10,000 requests through SignDesk and through the
// official @dropbox/sign SDK.
import { spawn } from 'node:child_process';
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

export function heapMb(): number {
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
 * A sandbox holding `count` extra requests visible to the first seed user through the demo app: one of the
 * user's requests is cloned `count` times into the seed state, and a sandbox starts from that state in memory
 * (with a data file it would write all of it to disk after every call, which would dominate what is measured).
 */
export async function startBigSandbox(count: number): Promise<{ sb: Sandbox; cleanup(): void }> {
  const seeding = await startSandbox();
  const email = seeding.info.users[0];
  const tokens = await signIn(seeding, email);
  const listed = (await (
    await fetch(`${seeding.info.apiBaseUrl}/signature_request/list?page_size=1`, { headers: { Authorization: `Bearer ${tokens.access_token}` } })
  ).json()) as { signature_requests: Array<{ signature_request_id: string }> };
  const templateId = listed.signature_requests[0]?.signature_request_id;
  const state: State = seeding.admin.state();
  await seeding.close();
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
  const sb = await startSandbox({ initialState: state });
  sb.admin.setRateLimits({ enabled: false });
  return { sb, cleanup: () => undefined };
}

/** A big sandbox (startBigSandbox) in a child process: bigSandboxChild.ts. */
export interface RemoteSandbox {
  info: SandboxInfo;
  url: string;
  close(): Promise<void>;
}

export async function startBigSandboxProcess(count: number): Promise<RemoteSandbox> {
  const child = spawn(process.execPath, [path.join(__dirname, 'bigSandboxChild.js'), String(count)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.once('exit', (code) => reject(new Error(`the bench sandbox exited (${code}) before it was ready`)));
  });
  const { info, url } = JSON.parse(line) as { info: SandboxInfo; url: string };
  return {
    info,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

export async function signedInRemote(sb: RemoteSandbox, email: string): Promise<SignedIn> {
  const tokens = await signIn(sb as unknown as Sandbox, email);
  const state = (await (await fetch(`${sb.info.adminUrl}/state`)).json()) as State;
  const account = state.accounts.find((a) => a.email === email);
  if (!account) throw new Error(`no sandbox account ${email}`);
  return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresInSeconds: tokens.expires_in, accountId: account.accountId, email };
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Wall time and this process's CPU time (the client's own work: the sandbox runs elsewhere) of each page. */
interface PageTimes {
  wall: number[];
  cpu: number[];
}

async function timed(times: PageTimes, body: () => Promise<unknown>): Promise<void> {
  const cpu = cpuMs();
  const t = performance.now();
  await body();
  times.wall.push(performance.now() - t);
  times.cpu.push(cpuMs() - cpu);
}

/** Pages everything with SignDesk's model; the heap it keeps afterwards, after a GC. */
async function heapWithSignDesk(sb: RemoteSandbox, email: string): Promise<{ items: number; heapGrowthMb: number }> {
  const stack = await buildStack(sb.info, await signedInRemote(sb, email));
  const model = stack.newModel(PAGE_SIZE);
  const before = heapMb();
  await model.refresh();
  while (model.hasMore) await model.loadMore();
  const growth = heapMb() - before;
  const items = model.requests.length;
  model.dispose();
  return { items, heapGrowthMb: growth };
}

/** Pages everything with the SDK, keeping every request object it returns; the heap that takes, after a GC. */
async function heapWithSdk(sb: RemoteSandbox, email: string): Promise<{ items: number; heapGrowthMb: number }> {
  const api = new SignatureRequestApi();
  api.basePath = sb.info.apiBaseUrl;
  api.accessToken = (await signedInRemote(sb, email)).accessToken;
  const before = heapMb();
  const kept: unknown[] = [];
  for (let page = 1; ; page++) {
    const result = await api.signatureRequestList(undefined, page, PAGE_SIZE);
    kept.push(...(result.body.signatureRequests ?? []));
    const info = result.body.listInfo;
    if (!info?.numPages || page >= info.numPages) break;
  }
  const growth = heapMb() - before;
  return { items: kept.length, heapGrowthMb: growth };
}

/**
 * Both clients page side by side: page n through SignDesk, then page n through the SDK (the other way
 * round on odd pages), so a busy machine slows both alike. Returns each side's per-page times.
 */
async function pageInLockstep(sb: RemoteSandbox, email: string): Promise<{ ours: PageTimes; sdk: PageTimes; items: number }> {
  const signedIn = await signedInRemote(sb, email);
  const stack = await buildStack(sb.info, signedIn);
  const model = stack.newModel(PAGE_SIZE);
  const api = new SignatureRequestApi();
  api.basePath = sb.info.apiBaseUrl;
  api.accessToken = signedIn.accessToken;
  const ours: PageTimes = { wall: [], cpu: [] };
  const sdk: PageTimes = { wall: [], cpu: [] };
  const oursPage = (page: number) => timed(ours, () => (page === 1 ? model.refresh() : model.loadMore()));
  let sdkPages = Infinity;
  const sdkPage = (page: number) =>
    timed(sdk, async () => {
      const result = await api.signatureRequestList(undefined, page, PAGE_SIZE);
      sdkPages = result.body.listInfo?.numPages ?? 0;
    });
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

export interface PagingResult {
  figures: Figure[];
  /** Medians over the rounds of SignDesk / SDK: wall time per page, client CPU per page, heap kept. */
  wallRatio: number;
  cpuRatio: number;
  heapRatio: number;
  items: number;
}

/** Pages `count`+ requests (PAGE_SIZE a page) through SignDesk and through the SDK, from the same sandbox. */
export async function pagingFigures(sb: RemoteSandbox, rounds: number): Promise<PagingResult> {
  {
    const email = sb.info.users[0];
    // Warm-up: JIT, connections, the sandbox's own first-call costs; not measured.
    await pageInLockstep(sb, email);

    // Time: side by side, `rounds` times; each round's ratio, then the median.
    const timedRounds: Array<{ ours: PageTimes; sdk: PageTimes; items: number }> = [];
    for (let i = 0; i < rounds; i++) timedRounds.push(await pageInLockstep(sb, email));
    const wallRatios = timedRounds.map((r) => sum(r.ours.wall) / sum(r.sdk.wall));
    const cpuRatios = timedRounds.map((r) => sum(r.ours.cpu) / sum(r.sdk.cpu));
    const mid = timedRounds[cpuRatios.indexOf(percentile(cpuRatios, 50))];
    const pages = mid.ours.wall.length;

    // Memory: one side at a time (what each keeps alive after paging everything), after a GC; alternated.
    const heapOurs: number[] = [];
    const heapSdk: number[] = [];
    let items = 0;
    let sdkItems = 0;
    for (let i = 0; i < Math.max(1, rounds); i++) {
      const a = await heapWithSignDesk(sb, email);
      const b = await heapWithSdk(sb, email);
      heapOurs.push(a.heapGrowthMb);
      heapSdk.push(b.heapGrowthMb);
      items = a.items;
      sdkItems = b.items;
    }
    const heapRatios = heapOurs.map((h, i) => h / heapSdk[i]);
    const perPage = (values: number[]) => ms(sum(values) / values.length);
    const range = (values: number[]) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
    const wallRatio = percentile(wallRatios, 50);
    const cpuRatio = percentile(cpuRatios, 50);
    const heapRatio = percentile(heapRatios, 50);
    return {
      wallRatio,
      cpuRatio,
      heapRatio,
      items,
      figures: [
        { name: 'requests listed (SignDesk / SDK)', value: `${items} / ${sdkItems}`, note: `${pages} pages of ${PAGE_SIZE}; the sandbox in its own process` },
        { name: 'time per page, SignDesk', value: perPage(mid.ours.wall), note: `wall; p95 ${ms(percentile(mid.ours.wall, 95))}; client CPU ${perPage(mid.ours.cpu)} a page` },
        { name: 'anchor: time per page, @dropbox/sign SDK', value: perPage(mid.sdk.wall), note: `wall; p95 ${ms(percentile(mid.sdk.wall, 95))}; client CPU ${perPage(mid.sdk.cpu)} a page` },
        {
          name: 'ratio SignDesk / SDK, time per page',
          value: `${wallRatio.toFixed(2)}×`,
          note: `wall, median of ${rounds} side-by-side rounds [${range(wallRatios)}]; client CPU ${cpuRatio.toFixed(2)}× [${range(cpuRatios)}]; goal ≤ 0.90×`,
        },
        { name: 'heap kept, SignDesk', value: `${percentile(heapOurs, 50).toFixed(1)} MB`, note: `${((percentile(heapOurs, 50) * 1024 * 1024) / items).toFixed(0)} B per request (model, mapped)` },
        { name: 'anchor: heap kept, @dropbox/sign SDK', value: `${percentile(heapSdk, 50).toFixed(1)} MB`, note: `${((percentile(heapSdk, 50) * 1024 * 1024) / sdkItems).toFixed(0)} B per request (SDK objects)` },
        { name: 'ratio SignDesk / SDK, heap', value: `${heapRatio.toFixed(2)}×`, note: `median of ${heapRatios.length} [${range(heapRatios)}]; goal ≤ 0.70×` },
      ],
    };
  }
}
