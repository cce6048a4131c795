// Groups loaded signature requests by state for the tree, keeping the service's order inside a group.
import type { SignatureRequest, SignatureRequestState } from './signatureRequest';

/** The tree's groups: canceled and error share one, they both mean "nothing more will happen". */
export type RequestGroupId = 'awaiting' | 'completed' | 'declined' | 'canceledOrError';

export interface RequestGroup {
  id: RequestGroupId;
  label: string;
  requests: SignatureRequest[];
}

export const GROUP_ORDER: readonly RequestGroupId[] = ['awaiting', 'completed', 'declined', 'canceledOrError'];

export const GROUP_LABELS: Readonly<Record<RequestGroupId, string>> = {
  awaiting: 'Awaiting signature',
  completed: 'Completed',
  declined: 'Declined',
  canceledOrError: 'Canceled or error',
};

export function groupOf(state: SignatureRequestState): RequestGroupId {
  switch (state) {
    case 'awaiting':
      return 'awaiting';
    case 'completed':
      return 'completed';
    case 'declined':
      return 'declined';
    case 'canceled':
    case 'error':
      return 'canceledOrError';
  }
}

/** Non-empty groups in GROUP_ORDER; each request appears once, in input order. */
export function groupRequests(requests: readonly SignatureRequest[]): RequestGroup[] {
  const buckets = new Map<RequestGroupId, SignatureRequest[]>();
  for (const request of requests) {
    const id = groupOf(request.state);
    const bucket = buckets.get(id);
    if (bucket) {
      bucket.push(request);
    } else {
      buckets.set(id, [request]);
    }
  }
  return GROUP_ORDER.filter((id) => buckets.has(id)).map((id) => ({
    id,
    label: GROUP_LABELS[id],
    requests: buckets.get(id)!,
  }));
}

/** "Awaiting signature (3)" */
export function groupLabelWithCount(group: RequestGroup): string {
  return `${group.label} (${group.requests.length})`;
}
