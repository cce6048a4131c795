// What every request handler of the signNow sandbox gets.
import { Counters } from '../kit/counters';
import { Faults } from '../kit/faults';
import { RateLimiter } from '../kit/rateLimit';
import { SnStore } from './store';

export interface SnUrls {
  /** http://host:port */
  baseUrl: string;
  /** where signNow's API paths live (/oauth2/token, /user, /document/…): the root, like api.signnow.com */
  apiBaseUrl: string;
  /** where the browser pages live (/authorize), like app.signnow.com */
  oauthBaseUrl: string;
}

export interface SnContext {
  store: SnStore;
  counters: Counters;
  faults: Faults;
  rateLimiter: RateLimiter;
  urls: SnUrls;
}
