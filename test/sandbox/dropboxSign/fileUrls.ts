// `file_urls[]`: Dropbox Sign downloads each file itself. The sandbox has no network, so it fetches the URLs
// on this machine (the Dropbox sandbox's temporary links, for one) and takes any other URL as it is. A URL
// that does not answer with the file is refused (400, naming the entry), so an expired Dropbox link (410)
// shows up as the service's real error; whether Dropbox Sign checks at send time is not documented.
import { badRequest } from '../kit/http';
import { isLoopbackHost } from '../kit/server';

const FETCH_TIMEOUT_MS = 10_000;

export async function fetchLocalFileUrls(urls: string[]): Promise<void> {
  for (const [i, value] of urls.entries()) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      continue; // the spec validation speaks for malformed URLs
    }
    if (!isLoopbackHost(url.hostname.replace(/^\[|\]$/g, ''))) continue;
    let status: number;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      await res.arrayBuffer();
      status = res.status;
    } catch (e) {
      throw badRequest(`Could not download the file at file_urls[${i}]: ${e instanceof Error ? e.message : String(e)}.`, `file_urls[${i}]`);
    }
    if (status < 200 || status > 299) throw badRequest(`Could not download the file at file_urls[${i}] (HTTP ${status}).`, `file_urls[${i}]`);
  }
}
