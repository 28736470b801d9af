import type { Server, ServerResponse } from 'node:http';

/** How long a stopping server waits for its in-flight requests (SHUTDOWN_GRACE_MS, default 10 s). */
export function shutdownGraceMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SHUTDOWN_GRACE_MS;
  if (raw === undefined || raw === '') return 10_000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`SHUTDOWN_GRACE_MS must be a non-negative integer, got "${raw}"`);
  return value;
}

const inFlight = new WeakMap<Server, Set<ServerResponse>>();

/** Counts a server's in-flight requests, so that `drain` can wait for them. */
export function trackRequests(server: Server): Server {
  const responses = new Set<ServerResponse>();
  inFlight.set(server, responses);
  server.on('request', (_req, res: ServerResponse) => {
    responses.add(res);
    // A request that arrives on a kept-alive connection while draining is served, then the connection closes.
    if (!server.listening) res.setHeader('connection', 'close');
    res.once('close', () => responses.delete(res));
  });
  return server;
}

/**
 * Graceful stop: stop accepting connections, let the requests in flight finish (their connections
 * then close) for at most `graceMs`, then close whatever is left. Resolves when the server is closed.
 */
export async function drain(server: Server, graceMs = shutdownGraceMs()): Promise<void> {
  const responses = inFlight.get(server) ?? new Set<ServerResponse>();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const res of responses) if (!res.headersSent) res.setHeader('connection', 'close');
  server.closeIdleConnections();
  const until = Date.now() + graceMs;
  while (responses.size > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20));
    server.closeIdleConnections();
  }
  server.closeAllConnections();
  await closed;
}
