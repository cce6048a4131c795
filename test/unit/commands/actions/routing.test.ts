// Issue 11 item 3: every action acts for the service of the node it was invoked on; without a node it acts
// for the only signed-in signature service, and asks which when several are signed in.
import assert from 'node:assert/strict';
import { routeAction, type RoutableService } from '../../../../src/commands/actions/targets';
import { request } from '../../../support/requests';

function service(id: string, signedIn: boolean | 'expired', requestIds: string[] = []): RoutableService {
  const status = signedIn === 'expired' ? 'expired' : 'active';
  return { id, requests: { requests: requestIds.map((r) => request(r)) }, current: async () => (signedIn ? { service: id, accountId: 'a', status } : undefined) };
}

const noPick = async (): Promise<never> => assert.fail('nothing should be asked');

describe('action routing: which service an action acts for', () => {
  const ds = service('dropboxSign', true, ['d1']);
  const sn = service('signNow', true, ['s1']);

  it("a tree node's service (request, signer, group, service node, Load more) decides", async () => {
    const node = { kind: 'signer', service: 'signNow', request: request('x'), signer: { email: 'a@x.com', status: 'awaiting' } };
    assert.equal(await routeAction([ds, sn], node, noPick), sn);
    assert.equal(await routeAction([ds, sn], { kind: 'service', service: 'dropboxSign' }, noPick), ds);
    assert.equal(await routeAction([ds, sn], { service: 'signNow' }, noPick), sn);
  });

  it('a request passed as is goes to the service whose requests hold it', async () => {
    assert.equal(await routeAction([ds, sn], request('s1'), noPick), sn);
    assert.equal(await routeAction([ds, sn], { request: request('d1') }, noPick), ds);
  });

  it('without a node: the only signed-in service, without asking', async () => {
    assert.equal(await routeAction([service('dropboxSign', false), sn], undefined, noPick), sn);
    assert.equal(await routeAction([ds, service('signNow', false)], undefined, noPick), ds);
  });

  it('without a node and several signed in: asks which (only among the signed-in ones); dismissing cancels', async () => {
    const offered: string[][] = [];
    const third = service('third', false);
    const picked = await routeAction([ds, third, sn], undefined, async (candidates) => {
      offered.push(candidates.map((c) => c.id));
      return candidates[1];
    });
    assert.deepEqual(offered, [['dropboxSign', 'signNow']]);
    assert.equal(picked, sn);
    assert.equal(await routeAction([ds, sn], undefined, async () => undefined), undefined);
  });

  it('without a node: a sign-in that expired beside one that works is not asked about (Save Signed Copy from the palette asked)', async () => {
    assert.equal(await routeAction([service('dropboxSign', 'expired'), sn], undefined, noPick), sn);
    assert.equal(await routeAction([ds, service('signNow', 'expired'), service('third', false)], undefined, noPick), ds);
  });

  it('only expired sign-ins: the one expired, or a pick among them (their messages then say to sign in again)', async () => {
    const expired = service('signNow', 'expired');
    assert.equal(await routeAction([service('dropboxSign', false), expired], undefined, noPick), expired);
    const offered: string[][] = [];
    await routeAction([service('dropboxSign', 'expired'), expired], undefined, async (candidates) => {
      offered.push(candidates.map((c) => c.id));
      return undefined;
    });
    assert.deepEqual(offered, [['dropboxSign', 'signNow']]);
  });

  it('nobody signed in: the first service (its messages then say to sign in to it)', async () => {
    const first = service('dropboxSign', false);
    assert.equal(await routeAction([first, service('signNow', false)], undefined, noPick), first);
  });

  it('an unknown service id falls back like an argument without one', async () => {
    assert.equal(await routeAction([ds, service('signNow', false)], { service: 'gone' }, noPick), ds);
  });
});
