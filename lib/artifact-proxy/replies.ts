import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** RFC 9457 problem details, shaped like the gateway's. */
export function problemBody(status: number, code: string, title: string, detail: string): string {
  return JSON.stringify({ type: `urn:app-gateway:problem:${code}`, title, status, detail, code });
}

export function sendProblem(
  res: ServerResponse,
  status: number,
  code: string,
  title: string,
  detail: string,
  headers: Record<string, string | string[]> = {},
): void {
  const body = problemBody(status, code, title, detail);
  res.writeHead(status, {
    'content-type': 'application/problem+json',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

/** A refusal on a socket that asked to upgrade: no HTTP response object exists there. */
export function refuseUpgrade(socket: Duplex, status: number, code: string, title: string, detail: string): void {
  const body = problemBody(status, code, title, detail);
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}
