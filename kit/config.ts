import { randomBytes } from 'node:crypto';
import { authConfigFromEnv, type AuthConfig } from './auth';

/** The five subgraphs in a fixed order: their default ports follow the gateway's (4000). */
export const SUBGRAPH_NAMES = ['communes', 'persons', 'employers', 'training', 'placements'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const GATEWAY_DEFAULT_PORT = 4000;

/** Connection page sizes (`first`): the default and the maximum a subgraph accepts. */
export const PAGE_DEFAULT = 20;
export const PAGE_MAX = 100;

/** Rows one statistics field may return (the gateway's cost estimate uses the same cap). */
export const MAX_STAT_ROWS = 10_000;

/** A positive integer setting: the fallback when unset or empty; anything else is a start-up error naming it. */
export function positiveIntFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return n;
}

export function gatewayPort(): number {
  return envInt('PORT', GATEWAY_DEFAULT_PORT);
}

/** `<NAME>_PORT`, else the gateway's port + 1 + the subgraph's index. */
export function subgraphPort(name: SubgraphName): number {
  return envInt(`${name.toUpperCase()}_PORT`, gatewayPort() + 1 + SUBGRAPH_NAMES.indexOf(name));
}

/** `<NAME>_URL`, else the subgraph on this host at its port. */
export function subgraphUrl(name: SubgraphName): string {
  return process.env[`${name.toUpperCase()}_URL`] || `http://127.0.0.1:${subgraphPort(name)}/graphql`;
}

/**
 * How a process gets the gateway↔subgraph secret when SUBGRAPH_SHARED_SECRET is unset:
 * - 'optional': none (in-process tests, which set one when they test it);
 * - 'generate': a random one for this run (the all-in-one start: gateway and subgraphs share the process);
 * - 'required': refuse to start (a subgraph or gateway started alone, in any environment).
 */
export type SharedSecretMode = 'optional' | 'generate' | 'required';

/** Auth settings and the gateway↔subgraph shared secret, read once at start. */
export function securityFromEnv(env: NodeJS.ProcessEnv = process.env, mode: SharedSecretMode = 'optional'): Security {
  const auth = authConfigFromEnv(env);
  let sharedSecret = env.SUBGRAPH_SHARED_SECRET || undefined;
  // Without it, a subgraph reached directly skips the gateway's limits and audit headers: production needs it.
  if (env.NODE_ENV === 'production' && !sharedSecret) {
    throw new Error('NODE_ENV=production needs SUBGRAPH_SHARED_SECRET (the same on the gateway and every subgraph): refusing to start');
  }
  if (!sharedSecret && mode === 'required') {
    throw new Error(
      'a subgraph or gateway started alone needs SUBGRAPH_SHARED_SECRET (the same on the gateway and every subgraph), so that subgraphs answer only the gateway: refusing to start (`npm start` generates one per run)',
    );
  }
  if (!sharedSecret && mode === 'generate') sharedSecret = randomBytes(32).toString('hex');
  return { auth, sharedSecret };
}

export interface Security {
  auth: AuthConfig;
  /** When set, subgraphs answer only requests carrying it in SHARED_SECRET_HEADER (sent by the gateway). */
  sharedSecret?: string;
}

export const SHARED_SECRET_HEADER = 'x-gateway-secret';

export function databaseOptions() {
  return { databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || './data' };
}

export interface EventsOptions {
  /** redis://… selects the Redis Streams broker; unset, the in-process bus (embedded default). */
  url?: string;
  /** The Redis stream (EVENTS_STREAM, default `lle:events`). */
  stream?: string;
}

export function eventsOptions(env: NodeJS.ProcessEnv = process.env): EventsOptions {
  const url = env.EVENTS_URL || undefined;
  if (url && !/^rediss?:\/\//.test(url))
    throw new Error(`EVENTS_URL must be a redis:// URL or unset (in-process bus), got "${url.split(':')[0]}:…"`);
  return { url, stream: env.EVENTS_STREAM || undefined };
}
