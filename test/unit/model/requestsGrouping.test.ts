import assert from 'node:assert/strict';
import { groupLabelWithCount, groupRequests } from '../../../src/model/requestsGrouping';
import { request } from '../../support/requests';

describe('requests grouping', () => {
  it('groups by state in a fixed order with counts, keeping list order inside a group', () => {
    const groups = groupRequests([
      request('a', { state: 'completed' }),
      request('b', { state: 'awaiting' }),
      request('c', { state: 'error' }),
      request('d', { state: 'awaiting' }),
      request('e', { state: 'canceled' }),
      request('f', { state: 'declined' }),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.id, g.requests.map((r) => r.id)]),
      [
        ['awaiting', ['b', 'd']],
        ['completed', ['a']],
        ['declined', ['f']],
        ['canceledOrError', ['c', 'e']],
      ],
    );
    assert.deepEqual(groups.map(groupLabelWithCount), [
      'Awaiting signature (2)',
      'Completed (1)',
      'Declined (1)',
      'Canceled or error (2)',
    ]);
  });

  it('leaves out empty groups', () => {
    assert.deepEqual(groupRequests([request('a', { state: 'completed' })]).map((g) => g.id), ['completed']);
    assert.deepEqual(groupRequests([]), []);
  });
});
