import assert from 'node:assert/strict';
import { SEED, SEED_REQUESTS } from '../../../sandbox/dropboxSign/server';
import { basic, get, postJson, signIn, useSandbox } from '../../../support/sandboxes/dropboxSign';

describe('sandbox admin', () => {
  const sandbox = useSandbox();
  const key = () => basic(sandbox().info.apiKey);
  const fetchRequest = async (id: string) => (await get(sandbox(), `/v3/signature_request/${id}`, key())).json.signature_request;
  const admin = (path: string, body?: unknown) =>
    body === undefined ? get(sandbox(), `/_admin${path}`) : postJson(sandbox(), `/_admin${path}`, body);

  it('moves signers over HTTP: view, then sign in order; completion shows in the API', async () => {
    const id = SEED_REQUESTS.awaiting;
    assert.equal((await admin(`/signature_requests/${id}/signers`, { email: 'carol@example.com', action: 'view' })).status, 200);
    assert.ok((await fetchRequest(id)).signatures[0].last_viewed_at > 0);
    const outOfOrder = await admin(`/signature_requests/${id}/signers`, { email: 'dave@example.com', action: 'sign' });
    assert.equal(outOfOrder.status, 409);
    await admin(`/signature_requests/${id}/signers`, { email: 'carol@example.com', action: 'sign' });
    const done = await admin(`/signature_requests/${id}/signers`, { email: 'dave@example.com', action: 'sign' });
    assert.equal(done.json.is_complete, true);
    const sr = await fetchRequest(id);
    assert.equal(sr.is_complete, true);
    assert.deepEqual(sr.signatures.map((s: { status_code: string }) => s.status_code), ['signed', 'signed']);
  });

  it('declines with a reason', async () => {
    const res = await admin(`/signature_requests/${SEED_REQUESTS.awaiting}/signers`, { email: 'carol@example.com', action: 'decline', reason: 'No.' });
    assert.equal(res.json.is_declined, true);
    assert.equal((await fetchRequest(SEED_REQUESTS.awaiting)).signatures[0].decline_reason, 'No.');
  });

  it('completes a request; refuses bad input with a JSON error', async () => {
    assert.equal((await admin(`/signature_requests/${SEED_REQUESTS.partiallySigned}/complete`, {})).json.is_complete, true);
    assert.equal((await admin(`/signature_requests/${SEED_REQUESTS.declined}/complete`, {})).status, 409);
    assert.equal((await admin(`/signature_requests/nope/complete`, {})).status, 404);
    assert.equal((await admin(`/signature_requests/${SEED_REQUESTS.awaiting}/signers`, { email: 'carol@example.com', action: 'dance' })).status, 400);
    assert.equal((await admin('/nothing', {})).status, 404);
  });

  it('timed mode moves the next signer of every open request on each tick', async () => {
    sandbox().admin.tick(); // Carol views (NDA)
    assert.equal((await fetchRequest(SEED_REQUESTS.awaiting)).signatures[0].status_code, 'awaiting_signature');
    sandbox().admin.tick(); // Carol signs
    assert.equal((await fetchRequest(SEED_REQUESTS.awaiting)).signatures[0].status_code, 'signed');
    for (let i = 0; i < 3; i++) await admin('/timed/tick', {});
    assert.equal((await fetchRequest(SEED_REQUESTS.awaiting)).is_complete, true);
    assert.equal((await fetchRequest(SEED_REQUESTS.partiallySigned)).is_complete, true);
  });

  it('timed mode can be switched on and off over HTTP', async () => {
    assert.equal((await admin('/timed', { intervalMs: 60_000 })).status, 200);
    assert.equal((await admin('/config')).json.timedIntervalMs, 60_000);
    await admin('/timed', { intervalMs: null });
    assert.equal((await admin('/config')).json.timedIntervalMs, null);
    assert.equal((await admin('/timed', { intervalMs: -1 })).status, 400);
  });

  it('confirms accounts and expires tokens over HTTP', async () => {
    const t = await signIn(sandbox(), SEED.alice.email);
    const expired = await admin('/tokens/expire', { all: true });
    assert.equal(expired.json.expired, 1);
    assert.equal((await get(sandbox(), '/v3/account', `Bearer ${t.access_token}`)).status, 401);
    await postJson(sandbox(), '/v3/account/create', { email_address: 'new@example.com' }, key());
    assert.equal((await admin('/accounts/confirm', { email: 'new@example.com' })).status, 200);
    assert.equal(sandbox().admin.state().accounts.find((a) => a.email === 'new@example.com')?.confirmed, true);
  });

  it('dumps the state, reports counters, and resets to the seed', async () => {
    await postJson(sandbox(), `/v3/signature_request/cancel/${SEED_REQUESTS.awaiting}`, {}, key());
    const state = await admin('/state');
    assert.equal(state.json.requests.find((r: { id: string }) => r.id === SEED_REQUESTS.awaiting).canceled, true);
    const counters = await admin('/counters');
    assert.equal(counters.json.http['POST /v3/signature_request/cancel/{signature_request_id}'], 1);
    assert.equal((await admin('/reset', {})).status, 200);
    assert.equal((await admin('/state')).json.requests.find((r: { id: string }) => r.id === SEED_REQUESTS.awaiting).canceled, false);
    assert.deepEqual((await admin('/counters')).json.token, {});
  });

  it('config changes apply to new tokens', async () => {
    await admin('/config', { expiresIn: 120 });
    const t = await signIn(sandbox(), SEED.alice.email);
    assert.equal(t.expires_in, 120);
  });

  it('lists its endpoints at /_admin', async () => {
    const res = await admin('');
    assert.ok(res.json.endpoints.length > 10);
  });
});
