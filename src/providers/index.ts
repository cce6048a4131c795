// The one list of services SignDesk carries. Adding a service = a folder beside dropboxSign/ and one line here
// (plus its package.json contributions; a unit test checks they agree).
import type { ServiceDefinition } from '../model/service';
import { dropboxSign } from './dropboxSign/definition';

export const SERVICES: readonly ServiceDefinition[] = [dropboxSign];
