// What one reactivation stage leaves for the next. Each stage runs in a freshly loaded window (a new
// extension host, SignDesk activated again); the runner names the stage and the file in the host's env.
import * as fs from 'node:fs';

export const handoffEnv = 'SIGNDESK_IT_HANDOFF';

/** In order: store a session, reload and read it back (then sign out), reload and find it gone. */
export const reactivationStages = ['store', 'readBack', 'afterSignOut'] as const;
export type ReactivationStage = (typeof reactivationStages)[number];

export interface Handoff {
  stage: ReactivationStage;
  /** The extension host process of every stage so far: a reactivation runs in a new one. */
  hostPids: number[];
  account?: { accountId: string; email: string; secretKey: string };
}

function handoffFile(): string {
  const file = process.env[handoffEnv];
  if (!file) throw new Error(`${handoffEnv} is not set: the reactivation stages run only under a runner that reloads the window`);
  return file;
}

export function readHandoff(): Handoff {
  return JSON.parse(fs.readFileSync(handoffFile(), 'utf8')) as Handoff;
}

export function writeHandoff(handoff: Handoff): void {
  fs.writeFileSync(handoffFile(), JSON.stringify(handoff, null, 2));
}

/** For runners: start the stages afresh at `file`. */
export function startHandoff(file: string): void {
  fs.writeFileSync(file, JSON.stringify({ stage: reactivationStages[0], hostPids: [] } satisfies Handoff));
}

/** For runners: move on to `stage`, keeping what the previous stage wrote. */
export function advanceHandoff(file: string, stage: ReactivationStage): void {
  const handoff = JSON.parse(fs.readFileSync(file, 'utf8')) as Handoff;
  fs.writeFileSync(file, JSON.stringify({ ...handoff, stage } satisfies Handoff));
}
