// What every request handler of the sandbox gets.
import { Spec } from '../kit/openapi';
import { Store } from './store';
import { Counters } from '../kit/counters';
import { Faults } from '../kit/faults';
import { RateLimiter } from '../kit/rateLimit';

export interface SandboxUrls {
  /** http://host:port */
  baseUrl: string;
  /** http://host:port/v3 */
  apiBaseUrl: string;
  /** http://host:port (authorize and token live under /oauth) */
  oauthBaseUrl: string;
}

export interface SandboxContext {
  spec: Spec;
  store: Store;
  counters: Counters;
  faults: Faults;
  rateLimiter: RateLimiter;
  urls: SandboxUrls;
  /** SignDesk's relay page, served at /relay/ */
  relayFile: string;
}
