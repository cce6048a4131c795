// One client paging everything from the bench's sandbox, in a Node process of its own (so the other client's
// heap and garbage collection are not charged to it): a warm-up pass, then a measured pass with each page's
// wall and CPU time, then the heap the pass keeps after a GC. Prints one JSON line.
// Usage: node --expose-gc pagingChild.js signdesk|sdk  (the sandbox's {info, url} in SIGNDESK_BENCH_SANDBOX)
import { SignatureRequestApi } from '@dropbox/sign';
import { heapMb, signedInRemote, type RemoteSandbox } from './sandboxWorkloads';
import { buildStack } from './stack';

export interface PagingChildResult {
  items: number;
  wall: number[];
  cpu: number[];
  heapMb: number;
}

const PAGE_SIZE = 100;

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Pages everything; returns what it keeps (so the heap figure counts it) and each page's times. */
type Pass = () => Promise<{ kept: unknown; items: number; wall: number[]; cpu: number[] }>;

async function timedPages(pageOnce: (page: number) => Promise<boolean>): Promise<{ wall: number[]; cpu: number[] }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let page = 1, more = true; more; page++) {
    const c = cpuMs();
    const t = performance.now();
    more = await pageOnce(page);
    wall.push(performance.now() - t);
    cpu.push(cpuMs() - c);
  }
  return { wall, cpu };
}

/** A pass not measured (JIT, connections), in a frame of its own so nothing of it outlives the call. */
async function warmUp(pass: Pass): Promise<void> {
  await pass();
}

async function main(): Promise<void> {
  const which = process.argv[2];
  const sb = JSON.parse(process.env.SIGNDESK_BENCH_SANDBOX ?? '') as RemoteSandbox;
  const email = sb.info.users[0];
  const signDesk: Pass = async () => {
    const stack = await buildStack(sb.info, await signedInRemote(sb, email));
    const model = stack.newModel(PAGE_SIZE);
    const times = await timedPages(async (page) => {
      await (page === 1 ? model.refresh() : model.loadMore());
      return model.hasMore;
    });
    return { kept: model, items: model.requests.length, ...times };
  };
  const sdk: Pass = async () => {
    const api = new SignatureRequestApi();
    api.basePath = sb.info.apiBaseUrl;
    api.accessToken = (await signedInRemote(sb, email)).accessToken;
    const kept: unknown[] = [];
    const times = await timedPages(async (page) => {
      const result = await api.signatureRequestList(undefined, page, PAGE_SIZE);
      kept.push(...(result.body.signatureRequests ?? []));
      return page < (result.body.listInfo?.numPages ?? 0);
    });
    return { kept, items: kept.length, ...times };
  };
  const pass = which === 'sdk' ? sdk : signDesk;
  await warmUp(pass);
  const before = heapMb();
  const measured = await pass();
  const result: PagingChildResult = { items: measured.items, wall: measured.wall, cpu: measured.cpu, heapMb: heapMb() - before };
  if (!measured.kept) throw new Error('nothing kept');
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
