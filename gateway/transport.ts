import http from 'node:http';
import https from 'node:https';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { LocalHandler, LocalResponse } from '../kit/serve';
import { AUDITED_HEADER } from '../kit/audit/plugin';

/** How RemoteGraphQLDataSource sends a request (a subset of fetch). */
export type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/** A complete answer, shareable: every caller gets a response object of its own over the same text. */
function responseOf(url: string, answer: LocalResponse): FetcherResponse {
  let used = false;
  const body = async () => {
    used = true;
    return answer.body;
  };
  const response: FetcherResponse = {
    url,
    status: answer.status,
    ok: answer.status >= 200 && answer.status < 300,
    statusText: http.STATUS_CODES[answer.status] ?? '',
    redirected: false,
    headers: new Headers(answer.headers),
    get bodyUsed() {
      return used;
    },
    text: body,
    json: async () => JSON.parse(await body()) as unknown,
    arrayBuffer: async () => new TextEncoder().encode(await body()).buffer as ArrayBuffer,
    clone: () => responseOf(url, answer),
  };
  return response;
}

/**
 * Over the network, on keep-alive connections (node:http): Apollo's default fetcher
 * (make-fetch-happen) costs more per request than the subgraph's own work on small answers.
 */
export function httpFetcher(): Fetcher & { destroy(): void } {
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  const fetcher: Fetcher = (url, init = {}) =>
    new Promise((resolve, reject) => {
      const secure = url.startsWith('https:');
      const req = (secure ? https : http).request(
        url,
        { method: init.method ?? 'POST', headers: init.headers, agent: secure ? agents.https : agents.http, signal: init.signal },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const headers: [string, string][] = [];
            for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
            resolve(responseOf(url, { status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') }));
          });
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });
  return Object.assign(fetcher, {
    destroy() {
      agents.http.destroy();
      agents.https.destroy();
    },
  });
}

function lowerCased(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

/**
 * In process, when the subgraph runs in the gateway's process (the embedded default): the
 * subgraph's own handler, with its shared-secret check, token verification and pipeline.
 */
export function localFetcher(handler: LocalHandler): Fetcher {
  return async (url, init = {}) => {
    (init.signal as AbortSignal | undefined)?.throwIfAborted();
    const body = typeof init.body === 'string' ? init.body : (init.body?.toString('utf8') ?? '');
    return responseOf(url, await handler({ headers: lowerCased(init.headers), body }));
  };
}

/** A read: the gateway writes its subgraph operations as `query …` or `{ … }`; mutations are never shared. */
const READ = /^\{"query":"\s*(query\b|\{)/;

/** How long, and for how many reads, an answer found audited is remembered (its request is then never shared). */
const AUDITED_MEMORY_MS = 60_000;
const AUDITED_MEMORY_SIZE = 1_000;

/** Whether a subgraph said its answer recorded no audit entry (no marker: it cannot say, so no). */
const unaudited = (answer: LocalResponse) => answer.headers.some(([name, value]) => name.toLowerCase() === AUDITED_HEADER && value === '0');

/**
 * Identical in-flight reads shared: a second request for the same URL with the same headers
 * (Authorization, purpose, shared secret and all, except `ignores`: the per-request id) and the
 * same body, sent while the first is under way, waits for the first's answer instead of asking
 * again. Nothing is kept once it is answered. Only an answer the subgraph marked unaudited
 * (AUDITED_HEADER `0`) is handed on: otherwise it names the first request alone, so each waiting
 * request asks on its own and is audited under its own id, and the same read, for a minute, is
 * not shared at all (it would only wait to ask again).
 */
export function deduplicated(fetcher: Fetcher, ignores: readonly string[] = []): Fetcher {
  const ignored = new Set(ignores.map((h) => h.toLowerCase()));
  const inFlight = new Map<string, Promise<{ answer: LocalResponse; shareable: boolean }>>();
  const audited = new Map<string, number>();
  const remember = (key: string) => {
    if (audited.size >= AUDITED_MEMORY_SIZE) audited.clear();
    audited.set(key, Date.now() + AUDITED_MEMORY_MS);
  };
  return async (url, init: FetcherInit = {}) => {
    const body = typeof init.body === 'string' ? init.body : undefined;
    if (!body || !READ.test(body)) return fetcher(url, init);
    const headers = Object.entries(lowerCased(init.headers))
      .filter(([name]) => !ignored.has(name))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const key = `${url}\n${JSON.stringify(headers)}\n${body}`;
    if ((audited.get(key) ?? 0) > Date.now()) return fetcher(url, init);
    let shared = inFlight.get(key);
    const joined = Boolean(shared);
    if (!shared) {
      // Sent without the first caller's signal: each caller gives up on its own (below), the request runs on for the others.
      const { signal: _signal, ...unsignalled } = init;
      shared = (async () => {
        const response = await fetcher(url, unsignalled);
        const answer = { status: response.status, headers: [...response.headers], body: await response.text() };
        const shareable = unaudited(answer);
        if (!shareable) remember(key);
        return { answer, shareable };
      })();
      inFlight.set(key, shared);
      const forget = () => inFlight.delete(key);
      shared.then(forget, forget);
    }
    const { answer, shareable } = await abortable(shared, init.signal as AbortSignal | undefined);
    if (joined && !shareable) return fetcher(url, init);
    return responseOf(url, answer);
  };
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
