import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EntityManager } from '@mikro-orm/knex';
import type { EventBus } from '../events/bus';
import { OutboxEvent } from '../events/outbox';
import { BACKGROUND } from '../logging';
import { logger } from './logger';

/**
 * The process's metrics. Gateway and subgraphs label theirs with `service`: in the all-in-one
 * process every port's /metrics shows the same registry, the whole process.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const httpRequests = new Counter({
  name: 'lle_http_requests_total',
  help: 'HTTP requests answered, by service, method, route and status',
  labelNames: ['service', 'method', 'route', 'status'] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: 'lle_http_request_duration_seconds',
  help: 'HTTP request duration, from the first byte read to the last written',
  labelNames: ['service', 'route'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const graphqlOperations = new Counter({
  name: 'lle_graphql_operations_total',
  help: 'GraphQL operations answered, by service, operation name and outcome (ok, client_error, error)',
  labelNames: ['service', 'operation', 'outcome'] as const,
  registers: [registry],
});

export const graphqlDuration = new Histogram({
  name: 'lle_graphql_operation_duration_seconds',
  help: 'GraphQL operation duration, by service, operation name and outcome',
  labelNames: ['service', 'operation', 'outcome'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const subgraphFetches = new Counter({
  name: 'lle_subgraph_fetches_total',
  help: "The gateway's requests to subgraphs, by subgraph and outcome (ok, graphql_error, error)",
  labelNames: ['subgraph', 'outcome'] as const,
  registers: [registry],
});

export const subgraphFetchDuration = new Histogram({
  name: 'lle_subgraph_fetch_duration_seconds',
  help: "The gateway's requests to subgraphs: duration by subgraph and outcome",
  labelNames: ['subgraph', 'outcome'] as const,
  buckets: SECONDS,
  registers: [registry],
});

/** What a started subgraph offers to be measured at each scrape: its pool, its outbox, its group. */
interface Observed {
  name: string;
  em: EntityManager;
  bus?: EventBus;
  group?: string;
}
const observed = new Set<Observed>();

/** Measures a started subgraph until the returned function is called (at its close). */
export function observeSubgraph(name: string, em: EntityManager, bus?: EventBus, group?: string): () => void {
  const entry = { name, em, bus, group };
  observed.add(entry);
  return () => void observed.delete(entry);
}

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

new Gauge({
  name: 'lle_db_pool_connections',
  help: "Each subgraph's database pool (knex/tarn): connections used, free, and acquires waiting",
  labelNames: ['subgraph', 'state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const { name, em } of observed) {
      const pool = (em.getConnection().getKnex().client as { pool?: TarnPool }).pool;
      if (!pool) continue;
      this.inc({ subgraph: name, state: 'used' }, pool.numUsed());
      this.inc({ subgraph: name, state: 'free' }, pool.numFree());
      this.inc({ subgraph: name, state: 'pending' }, pool.numPendingAcquires() + pool.numPendingCreates());
    }
  },
});

new Gauge({
  name: 'lle_events_outbox_unpublished',
  help: "Events in a subgraph's outbox not yet published by its relay",
  labelNames: ['subgraph'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const { name, em, bus } of [...observed]) {
      if (!bus) continue;
      try {
        this.inc({ subgraph: name }, await em.fork({ loggerContext: { label: BACKGROUND } }).count(OutboxEvent, { publishedAt: null }));
      } catch (error) {
        logger.warn({ err: error, subgraph: name }, 'metrics: outbox count failed');
      }
    }
  },
});

new Gauge({
  name: 'lle_events_consumer_backlog',
  help: "Events published that a consuming subgraph's group has not finished handling (its lag)",
  labelNames: ['group'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const { bus, group } of [...observed]) {
      if (!bus || !group) continue;
      try {
        this.inc({ group }, await bus.backlog(group));
      } catch (error) {
        logger.warn({ err: error, group }, 'metrics: consumer backlog failed');
      }
    }
  },
});

/** Operation names are the client's: a label takes the first few hundred, then `(other)`. */
const MAX_OPERATION_LABELS = 300;
const operationLabels = new Set<string>();
/** The gateway names its subgraph operations `<operation>__<subgraph>__<n>`: one label per client operation. */
const SUBGRAPH_OPERATION = /^(.+?)__[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*__\d+$/;

/** The client's operation name, also in a subgraph (which the gateway's fetch names after it). */
export function clientOperation(name: string): string {
  return SUBGRAPH_OPERATION.exec(name)?.[1] ?? name;
}

export function operationLabel(operation: string): string {
  const label = clientOperation(operation);
  if (operationLabels.has(label)) return label;
  if (operationLabels.size >= MAX_OPERATION_LABELS) return '(other)';
  operationLabels.add(label);
  return label;
}

/** GET /metrics in Prometheus' text format; with METRICS_TOKEN set, only for `Authorization: Bearer <token>`. */
export function metricsHandler(token = process.env.METRICS_TOKEN || undefined): RequestHandler {
  const expected = token ? Buffer.from(`Bearer ${token}`) : undefined;
  return async (req, res) => {
    if (expected) {
      const given = Buffer.from(req.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res
          .status(401)
          .set('www-authenticate', 'Bearer')
          .json({ errors: [{ message: 'Metrics need the metrics token', extensions: { code: 'UNAUTHENTICATED' } }] });
        return;
      }
    }
    res.set('content-type', registry.contentType).send(await registry.metrics());
  };
}
