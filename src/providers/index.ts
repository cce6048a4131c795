// The one list of services SignDesk carries. Adding a service = a folder beside dropboxSign/ and one line here
// (plus its package.json contributions; a unit test checks they agree). The first signature service is the
// one the requests view shows.
import type { ServiceDefinition } from '../model/service';
import { dropbox } from './dropbox/definition';
import { dropboxSign } from './dropboxSign/definition';
import { signNow } from './signNow/definition';

export const SERVICES: readonly ServiceDefinition[] = [dropboxSign, dropbox, signNow];
