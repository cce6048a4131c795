// Entry point (extensionTestsPath) for the reactivation stages: each window load runs the stage the runner
// named in the handoff file (`<stage>.stage.js`; not `*.test.js`, so the main suite leaves them alone).
import * as path from 'node:path';
import { runMochaFiles } from '../index';
import { readHandoff } from './handoff';

export function run(): Promise<void> {
  return runMochaFiles([path.join(__dirname, `${readHandoff().stage}.stage.js`)]);
}
