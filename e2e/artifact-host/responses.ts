import type { ServerResponse } from 'node:http';

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

/** RFC 9457 problem details, the same shape the gateway answers with. */
export function problem(status: number, code: string, title: string, detail: string, headers: Record<string, string> = {}): Reply {
  const body = { type: `urn:app-gateway:problem:${code}`, title, status, detail, code };
  return { status, headers: { 'Content-Type': 'application/problem+json', ...headers }, body: JSON.stringify(body) };
}

export function securityHeaders(gatewayOrigin: string): Record<string, string> {
  return {
    'Content-Security-Policy':
      `frame-ancestors ${gatewayOrigin}; default-src 'self'; script-src 'self'; ` +
      `style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

export function send(res: ServerResponse, reply: Reply, baseHeaders: Record<string, string>, omitBody: boolean): void {
  const body = reply.body ?? '';
  res.writeHead(reply.status, { ...baseHeaders, ...reply.headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(omitBody ? undefined : body);
}
