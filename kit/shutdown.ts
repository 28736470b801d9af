import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** How long a stopping server waits for its in-flight requests (SHUTDOWN_GRACE_MS, default 10 s). */
export function shutdownGraceMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SHUTDOWN_GRACE_MS;
  if (raw === undefined || raw === '') return 10_000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`SHUTDOWN_GRACE_MS must be a non-negative integer, got "${raw}"`);
  return value;
}

const inFlight = new WeakMap<Server, Set<ServerResponse>>();
/** Connections accepted whose first request has not been read yet (a busy event loop reads it late). */
const unread = new WeakMap<Server, Set<Socket>>();

/** Counts a server's in-flight requests, so that `drain` can wait for them. */
export function trackRequests(server: Server): Server {
  const responses = new Set<ServerResponse>();
  const fresh = new Set<Socket>();
  inFlight.set(server, responses);
  unread.set(server, fresh);
  server.on('connection', (socket: Socket) => {
    fresh.add(socket);
    socket.once('close', () => fresh.delete(socket));
  });
  server.on('request', (req, res: ServerResponse) => {
    fresh.delete(req.socket);
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
  const fresh = unread.get(server) ?? new Set<Socket>();
  const until = Date.now() + graceMs;
  // Clients that connected before the signal are served: first take what waits in the listen
  // backlog (closing the listener would reset it), then give connections accepted but not yet
  // read a moment (at most 2 s) to deliver their request, since server.close() closes idle
  // connections, and to Node a connection without a request yet is idle.
  await new Promise((r) => setImmediate(r));
  const firstRequestBy = Math.min(until, Date.now() + 2000);
  while (fresh.size > 0 && Date.now() < firstRequestBy) await new Promise((r) => setTimeout(r, 10));
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const res of responses) if (!res.headersSent) res.setHeader('connection', 'close');
  server.closeIdleConnections();
  while (responses.size > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20));
    server.closeIdleConnections();
  }
  server.closeAllConnections();
  await closed;
}
