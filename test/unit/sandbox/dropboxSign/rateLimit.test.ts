import assert from 'node:assert/strict';
import { RateLimiter } from '../../../sandbox/kit/rateLimit';
import { basic, get, postJson, useSandbox } from '../../../support/sandboxes/dropboxSign';

describe('sandbox rate limits', () => {
  const sandbox = useSandbox();
  const key = () => basic(sandbox().info.apiKey);
  const list = () => get(sandbox(), '/v3/signature_request/list', key());

  it('sends X-RateLimit-Limit, X-RateLimit-Remaining and X-Ratelimit-Reset (100/min by default)', async () => {
    const res = await list();
    assert.equal(res.headers.get('x-ratelimit-limit'), '100');
    assert.equal(res.headers.get('x-ratelimit-remaining'), '99');
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    assert.ok(reset > Date.now() / 1000 && reset <= Date.now() / 1000 + 61);
  });

  it('answers 429 exceeded_rate past the limit, until the window resets', async () => {
    sandbox().admin.setRateLimits({ standard: 2 });
    assert.equal((await list()).status, 200);
    assert.equal((await list()).headers.get('x-ratelimit-remaining'), '0');
    const limited = await list();
    assert.equal(limited.status, 429);
    assert.equal(limited.json.error.error_name, 'exceeded_rate');
    assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
    assert.equal(sandbox().admin.counters().rateLimited, 1);
    sandbox().admin.advanceClock(60_000);
    assert.equal((await list()).status, 200);
  });

  it('send and files have their own lower limit (25/min), test_mode calls 10/min', async () => {
    const files = await get(sandbox(), '/v3/signature_request/files_as_data_uri/0', key());
    assert.equal(files.headers.get('x-ratelimit-limit'), '25');
    const send = await postJson(sandbox(), '/v3/signature_request/send', { test_mode: true }, key());
    assert.equal(send.headers.get('x-ratelimit-limit'), '10');
    sandbox().admin.setRateLimits({ heavy: 1 });
    assert.equal((await get(sandbox(), '/v3/signature_request/files_as_data_uri/0', key())).status, 404);
    assert.equal((await get(sandbox(), '/v3/signature_request/files_as_data_uri/0', key())).status, 429);
    assert.equal((await list()).status, 200, 'the standard class is counted separately');
  });

  it('limits each account separately; unauthenticated calls are not counted', async () => {
    sandbox().admin.setRateLimits({ standard: 1 });
    assert.equal((await get(sandbox(), '/v3/account')).status, 401);
    assert.equal((await list()).status, 200);
    assert.equal((await get(sandbox(), '/v3/signature_request/list', basic('sandbox-bob-api-key'))).status, 200);
    assert.equal((await list()).status, 429);
  });

  it('can be switched off (headers still sent)', async () => {
    await postJson(sandbox(), '/_admin/rate_limits', { enabled: false, standard: 1 });
    for (let i = 0; i < 3; i++) {
      const res = await list();
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-ratelimit-limit'), '1');
    }
  });

  it('RateLimiter windows are fixed per key', () => {
    const rl = new RateLimiter();
    const window = { enabled: true, windowMs: 1000 };
    assert.equal(rl.check('a|standard', 2, window, 0).exceeded, false);
    assert.equal(rl.check('a|standard', 2, window, 10).exceeded, false);
    assert.equal(rl.check('a|standard', 2, window, 20).exceeded, true);
    assert.equal(rl.check('b|standard', 2, window, 20).exceeded, false);
    assert.equal(rl.check('a|heavy', 1, window, 20).exceeded, false);
    assert.equal(rl.check('a|standard', 2, window, 1000).exceeded, false);
    assert.equal(rl.check('a|standard', 2, window, 1000).resetSeconds, 2);
  });
});
