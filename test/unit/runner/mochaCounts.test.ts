import * as assert from 'node:assert/strict';
import { mochaCounts } from '../../runner/all';

describe('npm test summary: mochaCounts', () => {
  it('sums the epilogues of several mocha runs in one layer (the suite, then each reactivation stage)', () => {
    const output = ['  43 passing (36s)', '[runner] stage', '  4 passing (616ms)', '  1 failing', '  2 pending'].join('\n');
    assert.deepEqual(mochaCounts(output), { passed: 47, failed: 1, pending: 2, reported: true });
  });

  it('reads coloured output and says when no run reported', () => {
    assert.deepEqual(mochaCounts('\u001b[32m  3 passing\u001b[0m (1s)'), { passed: 3, failed: 0, pending: 0, reported: true });
    assert.equal(mochaCounts('Error: cannot start').reported, false);
  });
});
