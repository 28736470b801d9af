import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { positiveIntFromEnv } from '../kit/config';

/** Time budgets towards the subgraphs (docs/operations.md, "Time budgets"). */
export interface Resilience {
  /** A subgraph fetch that takes longer answers SUBGRAPH_TIMEOUT (SUBGRAPH_TIMEOUT_MS, default 10 s). */
  subgraphTimeoutMs: number;
  /** The whole request: no subgraph fetch starts or runs past it (REQUEST_TIMEOUT_MS, default 30 s). */
  requestTimeoutMs: number;
  /** Consecutive failures (timeouts, refused connections, 5xx) that open a subgraph's circuit (BREAKER_FAILURES, 5). */
  breakerFailures: number;
  /** How long an open circuit fails fast before one request tries again (BREAKER_RESET_MS, 10 s). */
  breakerResetMs: number;
}

export function resilienceFromEnv(env: NodeJS.ProcessEnv = process.env): Resilience {
  const n = (name: string, fallback: number) => positiveIntFromEnv(env, name, fallback);
  return {
    subgraphTimeoutMs: n('SUBGRAPH_TIMEOUT_MS', 10_000),
    requestTimeoutMs: n('REQUEST_TIMEOUT_MS', 30_000),
    breakerFailures: n('BREAKER_FAILURES', 5),
    breakerResetMs: n('BREAKER_RESET_MS', 10_000),
  };
}

/**
 * A circuit breaker per subgraph: closed, it lets every request through; after `failures`
 * consecutive failures it opens and refuses at once for `resetMs`; then it lets one request try
 * (half-open): a success closes it, a failure opens it again.
 */
export class CircuitBreaker {
  private consecutive = 0;
  private openUntil = 0;
  private trying = false;

  constructor(
    private readonly failures: number,
    private readonly resetMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.consecutive < this.failures) return 'closed';
    return this.now() < this.openUntil ? 'open' : 'half-open';
  }

  /** Whether a request may go out now (half-open: only the first). */
  allow(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trying) return false;
    this.trying = true;
    return true;
  }

  success(): void {
    this.consecutive = 0;
    this.trying = false;
  }

  failure(): void {
    this.trying = false;
    this.consecutive++;
    if (this.consecutive >= this.failures) this.openUntil = this.now() + this.resetMs;
  }
}

export type OutageCode = 'SUBGRAPH_TIMEOUT' | 'SUBGRAPH_UNAVAILABLE' | 'REQUEST_TIMEOUT';

/** Thrown by `withTimeout` when the time runs out. */
export class TimeoutError extends Error {
  constructor(readonly code: OutageCode) {
    super(code);
  }
}

/** Resolves as the work does, or rejects with a TimeoutError after `ms`. */
export function withTimeout<T>(work: Promise<T>, ms: number, code: OutageCode): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(code)), Math.max(0, ms));
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The path, in the subgraph's answer, of what a failed fetch would have filled: the first root
 * field of a root fetch; for an entity fetch (`_entities`), the first field of its first
 * representation, which the gateway maps back onto the client's response (e.g. `placements.0.person`).
 */
export function outagePath(query: string | undefined): (string | number)[] | undefined {
  if (!query) return undefined;
  try {
    const operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const root = operation?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
    if (!root || root.kind !== Kind.FIELD) return undefined;
    const key = (root.alias ?? root.name).value;
    if (root.name.value !== '_entities') return [key];
    const inner = root.selectionSet?.selections.find((s) => s.kind === Kind.INLINE_FRAGMENT);
    const field = inner?.kind === Kind.INLINE_FRAGMENT ? inner.selectionSet.selections.find((s) => s.kind === Kind.FIELD) : undefined;
    return field?.kind === Kind.FIELD ? [key, 0, (field.alias ?? field.name).value] : [key, 0];
  } catch {
    return undefined;
  }
}

const MESSAGES: Record<OutageCode, (subgraph: string, ms: number) => string> = {
  SUBGRAPH_TIMEOUT: (subgraph, ms) => `The ${subgraph} service did not answer within ${ms} ms; its part of the answer is missing`,
  SUBGRAPH_UNAVAILABLE: (subgraph) => `The ${subgraph} service is unavailable; its part of the answer is missing`,
  REQUEST_TIMEOUT: (_subgraph, ms) => `The request ran out of its ${ms} ms; the rest of the answer is missing`,
};

/** The error a client gets for a subgraph it could not reach: coded, with a path, naming no internal URL. */
export function outageError(code: OutageCode, subgraph: string, ms: number, query: string | undefined) {
  return { message: MESSAGES[code](subgraph, ms), path: outagePath(query), extensions: { code, service: subgraph } };
}
