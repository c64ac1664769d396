import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { tracingState } from './spans';

/**
 * Starts exporting traces over OTLP/HTTP (JSON) to `${endpoint}/v1/traces`. Called once at start
 * when OTEL_EXPORTER_OTLP_ENDPOINT is set; without it nothing here is loaded and spans cost nothing.
 */
export function startTracing(endpoint: string, serviceName: string): void {
  if (tracingState.provider) return;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }))],
  });
  provider.register();
  tracingState.provider = provider;
}

/** Sends the spans still buffered (at shutdown, and for tests). */
export async function flushTracing(): Promise<void> {
  await tracingState.provider?.forceFlush();
}
