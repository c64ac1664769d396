import { SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

/**
 * Whether tracing runs, kept on globalThis so every route bundle sees the provider started at boot.
 * Attributes are ids, routes, statuses and codes only: never a token, cookie, email or name.
 */
export const tracingState = ((globalThis as unknown as { __appGatewayTracing?: { provider: { forceFlush(): Promise<void> } | null } })
  .__appGatewayTracing ??= { provider: null });

type SetAttributes = (a: Attributes) => void;
const noAttributes: SetAttributes = () => {};

function failed(span: Span, error: unknown): never {
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
  span.end();
  throw error;
}

/**
 * Runs `work` inside a span (a child of the current one) when tracing is on; else calls it as is,
 * at no cost. Works for synchronous work and for promises alike.
 */
export function inSpan<T>(name: string, attributes: Attributes, work: (setAttributes: SetAttributes) => T): T {
  if (!tracingState.provider) return work(noAttributes);
  return trace.getTracer('app-gateway').startActiveSpan(name, { attributes }, (span) => {
    let out: T;
    try {
      out = work((a) => span.setAttributes(a));
    } catch (error) {
      failed(span, error);
    }
    if (out instanceof Promise) {
      return out.then(
        (v) => (span.end(), v),
        (error) => failed(span, error),
      ) as T;
    }
    span.end();
    return out;
  });
}
