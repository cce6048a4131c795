// Shared by the runners and the suites they start in the host (kept apart: the suites need `vscode`, the runners must not).
/** The tag hostSuite.ts prints before its JSON figure. */
export const HOST_FIGURE_TAG = 'SIGNDESK_BENCH_ACTIVATION';
/** In the workspace folder's name: activate the anchor before SignDesk in this run. */
export const ANCHOR_FIRST_MARK = 'anchor-first';

/** The tag hostTreeSuite.ts prints before its JSON figure, and the variable carrying its input into the host. */
export const HOST_TREE_TAG = 'SIGNDESK_BENCH_TREE';
export const HOST_TREE_ENV = 'SIGNDESK_BENCH_TREE_INPUT';

export interface HostTreeInput {
  sandbox: { adminUrl: string; clientSecret: string };
  signedIn: { accessToken: string; refreshToken: string; expiresInSeconds: number; accountId: string; email: string };
  /** hostTree.ts's DOM watcher: POST /watch {selector} → {id}, POST /seen {id} → {at}. */
  bridgeUrl: string;
  /** Rounds of the three refreshes. */
  rounds: number;
}

/** process.memoryUsage() of the extension host after a full GC, in bytes. */
export interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
}

export interface RefreshFigure {
  /** The Refresh command, start to end (the service calls and the model's update). */
  commandMs: number;
  /** From the command's start until the workbench's DOM showed the change; undefined when nothing was to show. */
  wallMs?: number;
  /** SignDesk's onDidChangeTreeData events. */
  events: string[];
  /** getTreeItem calls the host made for the workbench (rows built), getChildren calls and the rows they returned. */
  items: number;
  childLists: number;
  childRows: number;
}

export interface HostTreeResult {
  vscode: string;
  requests: number;
  /** Pages loaded (the first, then each Load more). */
  pages: number;
  /** Signed in → every page loaded and the workbench showing all Awaiting rows. */
  loadMs: number;
  awaitingRows: number;
  /** The view open and signed out, then with every request loaded. */
  empty: Memory;
  loaded: Memory;
  /** One per round. */
  unchanged: RefreshFigure[];
  sameGroup: RefreshFigure[];
  moved: RefreshFigure[];
}
