// Shared by the runner and hostSuite.ts (kept apart: hostSuite needs `vscode`, the runner must not).
/** The tag hostSuite.ts prints before its JSON figure. */
export const HOST_FIGURE_TAG = 'SIGNDESK_BENCH_ACTIVATION';
/** In the workspace folder's name: activate the anchor before SignDesk in this run. */
export const ANCHOR_FIRST_MARK = 'anchor-first';
