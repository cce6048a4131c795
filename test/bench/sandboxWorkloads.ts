// The figures measured against a local sandbox: API calls for opening the view twice, refreshes caused by
// 100 concurrent calls on an expired token, and paging 10,000 requests through SignDesk and through the
// official @dropbox/sign SDK.
import { execFileSync, spawn } from 'node:child_process';
import * as path from 'node:path';
import { Sandbox, SandboxInfo, startSandbox } from '../sandbox/dropboxSign/server';
import type { State } from '../sandbox/dropboxSign/server';
import { signIn } from '../support/sandboxes/dropboxSign';
import { SignedIn, buildStack } from './stack';
import type { PagingChildResult } from './pagingChild';

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

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** One client's pass in a fresh process (pagingChild.ts). */
function pageInChild(sb: RemoteSandbox, which: 'signdesk' | 'sdk'): PagingChildResult {
  const out = execFileSync(process.execPath, ['--expose-gc', path.join(__dirname, 'pagingChild.js'), which], {
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, SIGNDESK_BENCH_SANDBOX: JSON.stringify({ info: sb.info, url: sb.url }) },
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as PagingChildResult;
}

export interface PagingResult {
  figures: Figure[];
  /** Medians over the rounds of SignDesk / SDK: wall time per page, client CPU per page, heap kept. */
  wallRatio: number;
  cpuRatio: number;
  heapRatio: number;
  /** Each ratio's spread over the rounds, e.g. "0.81–0.93". */
  wallRange: string;
  cpuRange: string;
  /** Per page, all rounds pooled (medians of the per-round means): SignDesk's and the SDK's wall and client CPU. */
  perPage: { wall: [number, number]; cpu: [number, number] };
  items: number;
}

/** Pages `count`+ requests (PAGE_SIZE a page) through SignDesk and through the SDK, from the same sandbox. */
export async function pagingFigures(sb: RemoteSandbox, rounds: number): Promise<PagingResult> {
  // Each round: SignDesk and the SDK each in a fresh process (warm-up pass, then the measured pass), the order
  // swapped every round, so a busy machine slows both alike and neither pays for the other's garbage (each
  // process's background GC ends with it, within its own pass).
  const ours: PagingChildResult[] = [];
  const sdk: PagingChildResult[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      ours.push(pageInChild(sb, 'signdesk'));
      sdk.push(pageInChild(sb, 'sdk'));
    } else {
      sdk.push(pageInChild(sb, 'sdk'));
      ours.push(pageInChild(sb, 'signdesk'));
    }
  }
  const wallRatios = ours.map((r, i) => sum(r.wall) / sum(sdk[i].wall));
  const cpuRatios = ours.map((r, i) => sum(r.cpu) / sum(sdk[i].cpu));
  const heapRatios = ours.map((r, i) => r.heapMb / sdk[i].heapMb);
  const wallRatio = percentile(wallRatios, 50);
  const cpuRatio = percentile(cpuRatios, 50);
  const heapRatio = percentile(heapRatios, 50);
  const range = (values: number[]) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
  const items = ours[0].items;
  const heapOurs = percentile(ours.map((r) => r.heapMb), 50);
  const heapSdk = percentile(sdk.map((r) => r.heapMb), 50);
  // A client's figure a page: the median over the rounds of its mean a page (the verdict prints the same).
  const meanPerPage = (runs: PagingChildResult[], key: 'wall' | 'cpu') => percentile(runs.map((r) => sum(r[key]) / r[key].length), 50);
  const allPages = (runs: PagingChildResult[]) => runs.flatMap((r) => r.wall);
  const p95 = (runs: PagingChildResult[]) => percentile(allPages(runs), 95);
  // The typical page: the median of every page of every round. Bursts of other tenants' load drop out, and so
  // do each client's garbage-collection pauses (the SDK's more than SignDesk's, so this favours the SDK).
  const typical = [percentile(allPages(ours), 50), percentile(allPages(sdk), 50)];
  const perPage = { wall: [meanPerPage(ours, 'wall'), meanPerPage(sdk, 'wall')] as [number, number], cpu: [meanPerPage(ours, 'cpu'), meanPerPage(sdk, 'cpu')] as [number, number] };
  return {
    wallRatio,
    cpuRatio,
    heapRatio,
    wallRange: range(wallRatios),
    cpuRange: range(cpuRatios),
    perPage,
    items,
    figures: [
      {
        name: 'requests listed (SignDesk / SDK)',
        value: `${items} / ${sdk[0].items}`,
        note: `${ours[0].wall.length} pages of ${PAGE_SIZE}; each client in a fresh process, the sandbox in its own`,
      },
      { name: 'time per page, SignDesk', value: ms(perPage.wall[0]), note: `wall; p95 ${ms(p95(ours))} (all rounds); client CPU ${ms(perPage.cpu[0])} a page` },
      { name: 'anchor: time per page, @dropbox/sign SDK', value: ms(perPage.wall[1]), note: `wall; p95 ${ms(p95(sdk))} (all rounds); client CPU ${ms(perPage.cpu[1])} a page` },
      {
        name: 'ratio SignDesk / SDK, time per page',
        value: `${wallRatio.toFixed(2)}×`,
        note: `wall, median of ${rounds} interleaved rounds [${range(wallRatios)}]; client CPU ${cpuRatio.toFixed(2)}× [${range(cpuRatios)}]; goal ≤ 0.90×`,
      },
      {
        name: 'typical page (median of all pages)',
        value: `${(typical[0] / typical[1]).toFixed(2)}×`,
        note: `${ms(typical[0])} / ${ms(typical[1])} wall; printed, the verdict takes the ratio above (GC pauses count there)`,
      },
      { name: 'heap kept, SignDesk', value: `${heapOurs.toFixed(1)} MB`, note: `${((heapOurs * 1024 * 1024) / items).toFixed(0)} B per request (model, mapped)` },
      { name: 'anchor: heap kept, @dropbox/sign SDK', value: `${heapSdk.toFixed(1)} MB`, note: `${((heapSdk * 1024 * 1024) / sdk[0].items).toFixed(0)} B per request (SDK objects)` },
      { name: 'ratio SignDesk / SDK, heap', value: `${heapRatio.toFixed(2)}×`, note: `median of ${rounds} [${range(heapRatios)}]; goal ≤ 0.70×` },
    ],
  };
}
