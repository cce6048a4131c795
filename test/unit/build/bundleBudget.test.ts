import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { buildScript, buildShipped } from '../../bench/bundle';
import * as fs from 'node:fs';

describe('the production bundle', function () {
  this.timeout(60_000);

  it('fits its size budget (0.8 × VS Code’s github-authentication bundle; the 0.7× goal is the bench’s verdict)', async () => {
    const { file } = await buildShipped();
    const bytes = fs.statSync(file).size;
    assert.equal(buildScript.budgetProblem(bytes), undefined, `${bytes} bytes`);
  });

  it('ships node-fetch but not what Node already has (whatwg-url, tr46, webidl-conversions)', async () => {
    const { metafile } = await buildShipped();
    const inputs = Object.keys(Object.values(metafile.outputs)[0].inputs);
    assert.ok(inputs.some((i) => i.includes('node_modules/node-fetch/')), inputs.join('\n'));
    const nodeHasIt = inputs.filter((i) => /node_modules\/(whatwg-url|tr46|webidl-conversions)\//.test(i));
    assert.deepEqual(nodeHasIt, []);
  });
});

describe('the bundle budget check (npm run package)', () => {
  it('passes a bundle at or under the budget', () => {
    assert.equal(buildScript.budgetProblem(buildScript.BUNDLE_BUDGET_BYTES), undefined);
    assert.equal(buildScript.budgetProblem(1000, 1000), undefined);
  });

  it('refuses a bundle one byte over, naming its size, the budget, the excess and what to do', () => {
    const problem = buildScript.budgetProblem(154_579, 154_578);
    assert.ok(problem);
    assert.match(problem, /154,579 bytes, over its budget of 154,578 bytes/);
    assert.match(problem, /github-authentication/);
    assert.match(problem, /by 1\./);
    assert.match(problem, /npm run bench/);
  });
});
