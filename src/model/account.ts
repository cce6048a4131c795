// Service-neutral account: who is signed in.
export interface Account {
  id: string;
  email: string;
  /** The service locked the account (e.g. unpaid); requests will fail. */
  isLocked?: boolean;
  isPaid?: boolean;
  /** API signature requests left this period, when the service says (null = unlimited → undefined). */
  apiSignatureRequestsLeft?: number;
  locale?: string;
}
