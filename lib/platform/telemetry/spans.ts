import type { AsyncLocalStorage } from 'node:async_hooks';
import { ROOT_CONTEXT, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';

type Tracing = {
  provider: { forceFlush(): Promise<void> } | null;
  tracer: Tracer | null;
  /** The span a piece of work runs in, so that the spans it opens are its children. */
  current: AsyncLocalStorage<Context> | null;
  /** The caller's trace from a request's `traceparent` header (W3C Trace Context), or the root. */
  remoteParent: (headers: Headers) => Context;
};

/**
 * Whether tracing runs, kept on globalThis so every route bundle sees the tracer started at boot.
 * Attributes are ids, routes, statuses and codes only: never a token, cookie, email or name.
 */
export const tracingState: Tracing = ((globalThis as unknown as { __appGatewayTracing?: Tracing }).__appGatewayTracing ??= {
  provider: null,
  tracer: null,
  current: null,
  remoteParent: () => ROOT_CONTEXT,
});

type SetAttributes = (a: Attributes) => void;
const noAttributes: SetAttributes = () => {};

function failed(span: Span, error: unknown): never {
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
  span.end();
  throw error;
}

/**
 * Runs `work` inside a span when tracing is on (a child of the span it runs in, else of `parent`, else
 * a root); else calls it as is, at no cost. Works for synchronous work and for promises alike.
 */
export function inSpan<T>(name: string, attributes: Attributes, work: (setAttributes: SetAttributes) => T, parent?: Context): T {
  const { tracer, current } = tracingState;
  if (!tracer || !current) return work(noAttributes);
  const parentContext = current.getStore() ?? parent ?? ROOT_CONTEXT;
  const span = tracer.startSpan(name, { attributes }, parentContext);
  return current.run(trace.setSpan(parentContext, span), () => {
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
