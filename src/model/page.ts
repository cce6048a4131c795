// One page of a paged list. `page` is 1-based.
export interface Page<T> {
  items: T[];
  page: number;
  numPages: number;
  numResults: number;
  pageSize: number;
  hasMore: boolean;
}
