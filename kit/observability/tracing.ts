import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import { logger } from './logger';

let provider: NodeTracerProvider | undefined;

/** Spans of this platform's own code (the gateway's planning spans are @apollo/gateway's). */
export function tracer(): Tracer {
  return trace.getTracer('los-lagos-graph');
}

export interface TracingOptions {
  /** Spans go here, each as it ends (tests use an in-memory exporter). Default: OTLP when configured. */
  exporter?: SpanExporter;
}

/**
 * Turns tracing on for this process when OTEL_EXPORTER_OTLP_ENDPOINT (or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, exporting over OTLP/HTTP in batches; otherwise
 * tracing stays off (the API's no-op) and costs nothing. W3C `traceparent` is read from requests
 * and sent to subgraphs. OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER(_ARG) and OTEL_EXPORTER_OTLP_HEADERS
 * are honoured. Returns whether tracing is on.
 */
export function startTracing(serviceName: string, options: TracingOptions = {}): boolean {
  if (provider) return true;
  const endpoint = process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!options.exporter && (!endpoint || process.env.OTEL_SDK_DISABLED === 'true')) return false;
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME || serviceName }),
    spanProcessors: [options.exporter ? new SimpleSpanProcessor(options.exporter) : new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // Registers the provider, the W3C trace-context propagator and an AsyncLocalStorage context manager.
  provider.register();
  if (!options.exporter) logger.info({ endpoint }, 'tracing: exporting spans over OTLP/HTTP');
  return true;
}

/** Flushes the spans still buffered and turns tracing off (at shutdown). */
export async function stopTracing(): Promise<void> {
  if (!provider) return;
  const stopping = provider;
  provider = undefined;
  await stopping.shutdown().catch((error) => logger.warn({ err: error }, 'tracing: flushing spans failed'));
  trace.disable();
  propagation.disable();
  context.disable();
}
