import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { demoUsers } from '@/lib/gateway/demo/demo-world';
import { flushTracing } from '@/lib/platform/telemetry/tracing';
import { startGateway, type Gateway } from './harness/gateway-fixture';

type OtlpValue = { stringValue?: string; intValue?: string | number };
type OtlpSpan = { name: string; traceId: string; spanId: string; parentSpanId?: string; attributes?: { key: string; value: OtlpValue }[] };

/** A local OTLP/HTTP (JSON) collector: keeps every body posted to /v1/traces. */
async function startReceiver() {
  const bodies: string[] = [];
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    if (req.method === 'POST' && req.url === '/v1/traces') bodies.push(body);
    res.writeHead(req.url === '/v1/traces' ? 200 : 404, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies, close: () => new Promise((r) => server.close(r)) };
}

const spansIn = (bodies: string[]): OtlpSpan[] =>
  bodies.flatMap((b) => (JSON.parse(b) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }).resourceSpans)
    .flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
const attribute = (span: OtlpSpan, key: string) => {
  const v = span.attributes?.find((a) => a.key === key)?.value;
  return v?.stringValue ?? (v?.intValue === undefined ? undefined : Number(v.intValue));
};

describe('traces over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set (PostgreSQL)', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let gw: Gateway;

  beforeAll(async () => {
    receiver = await startReceiver();
    gw = await startGateway('postgres', { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
  });
  afterAll(async () => {
    await gw?.stop();
    await receiver?.close();
  });

  it('one span per request with its request id; the mint statement and the signing as its children; no token, cookie, email or name anywhere', async () => {
    const cookie = await gw.client.signIn('alice@acme.test');
    const { token: apiToken } = await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' });
    const minted = [await gw.client.mint('run_acme_dashboard', { cookie }), await gw.client.mint('run_acme_dashboard', { bearer: apiToken })];
    const denied = await gw.client.mint('run_globex_tracker', { bearer: apiToken });
    // A caller already tracing (a load balancer, an upstream service) passes its trace on.
    const callerTrace = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };
    const continued = await gw.client.mint('run_acme_dashboard', { bearer: apiToken, headers: { traceparent: `00-${callerTrace.traceId}-${callerTrace.spanId}-01` } });
    expect(continued.status).toBe(200);
    const tokens: string[] = [((await continued.json()) as { token: string }).token];
    for (const res of minted) {
      expect(res.status).toBe(200);
      tokens.push(((await res.json()) as { token: string }).token);
    }
    expect(denied.status).toBe(404);
    await flushTracing();

    const spans = spansIn(receiver.bodies);
    const requestSpan = (res: Response) => {
      const found = spans.filter((s) => attribute(s, 'app_gateway.request_id') === res.headers.get('x-request-id'));
      expect(found).toHaveLength(1);
      return found[0]!;
    };
    const childrenOf = (parent: OtlpSpan) => spans.filter((s) => s.parentSpanId === parent.spanId).map((s) => s.name).sort();
    for (const res of minted) {
      const span = requestSpan(res);
      expect(span.name).toBe('POST /v1/app-gateway/{appId}/session');
      expect(attribute(span, 'http.response.status_code')).toBe(200);
      expect(childrenOf(span)).toEqual(['mint.sign', 'mint.statement']);
    }
    const refused = requestSpan(denied);
    expect(attribute(refused, 'app_gateway.code')).toBe('not_found');
    expect(childrenOf(refused)).toEqual(['mint.statement']);

    const inCallerTrace = spans.filter((s) => s.traceId === callerTrace.traceId);
    expect(inCallerTrace.map((s) => s.name).sort()).toEqual(['POST /v1/app-gateway/{appId}/session', 'mint.sign', 'mint.statement']);
    expect(requestSpan(continued).parentSpanId).toBe(callerTrace.spanId);
    // The gateway's spans only: one per request (Next.js's own request spans stay off).
    const requestSpans = spans.filter((s) => s.parentSpanId === undefined || s.parentSpanId === '' || s.parentSpanId === callerTrace.spanId);
    expect(requestSpans.every((s) => attribute(s, 'app_gateway.request_id') !== undefined)).toBe(true);

    const everything = receiver.bodies.join('\n');
    const sessionCookieValue = cookie.slice(cookie.indexOf('=') + 1);
    for (const secret of [...tokens, apiToken, sessionCookieValue, 'eyJ', 'agw_', ...demoUsers.flatMap((u) => [u.email, u.name])]) {
      expect(everything).not.toContain(secret);
    }
  });
});
