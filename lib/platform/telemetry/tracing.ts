import { AsyncLocalStorage } from 'node:async_hooks';
import { ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { tracingState } from './spans';

const headerGetter = {
  get: (headers: Headers, key: string) => headers.get(key) ?? undefined,
  keys: (headers: Headers) => [...headers.keys()],
};

/**
 * Starts exporting traces over OTLP/HTTP (JSON) to `${endpoint}/v1/traces`. Called once at start
 * when OTEL_EXPORTER_OTLP_ENDPOINT is set; without it nothing here is loaded and spans cost nothing.
 *
 * The provider is deliberately not registered as the global one: Next.js traces every request itself
 * as soon as a global provider exists (several spans per request, each exported), which cost more than
 * the rest of tracing together. The gateway keeps to its own spans (one per request, the mint's
 * statement and signing as children) and continues the caller's trace from `traceparent`.
 */
export function startTracing(endpoint: string, serviceName: string): void {
  if (tracingState.provider) return;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }))],
  });
  const propagator = new W3CTraceContextPropagator();
  tracingState.remoteParent = (headers: Headers): Context => propagator.extract(ROOT_CONTEXT, headers, headerGetter);
  tracingState.current = new AsyncLocalStorage<Context>();
  tracingState.tracer = provider.getTracer('app-gateway');
  tracingState.provider = provider;
}

/** Sends the spans still buffered (at shutdown, and for tests). */
export async function flushTracing(): Promise<void> {
  await tracingState.provider?.forceFlush();
}
