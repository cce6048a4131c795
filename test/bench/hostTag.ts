// The tag hostSuite.ts prints before its JSON figure (kept apart: hostSuite needs `vscode`, the runner must not).
export const HOST_FIGURE_TAG = 'SIGNDESK_BENCH_ACTIVATION';
