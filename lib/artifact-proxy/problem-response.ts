// The proxy's one writer of refusals: RFC 9457 problem+json with the error table's status, title and
// headers, on a response or, for an upgrade (which has no response object), on the raw socket.
import { STATUS_CODES, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ERRORS, problemExtra, problemHeaders } from '@/lib/gateway/errors';
import type { Refusal } from './refusal';

function problemOf(r: Refusal): { status: number; headers: OutgoingHttpHeaders; body: string } {
  const { status, title } = ERRORS[r.code];
  const body = JSON.stringify({ type: `urn:app-gateway:problem:${r.code}`, title, status, detail: r.detail, code: r.code, ...problemExtra(r) });
  const headers: OutgoingHttpHeaders = {
    'content-type': 'application/problem+json',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-length': Buffer.byteLength(body),
    ...problemHeaders(r),
  };
  if (r.setCookie !== undefined) headers['set-cookie'] = r.setCookie;
  return { status, headers, body };
}

export function sendRefusal(res: ServerResponse, r: Refusal): void {
  const { status, headers, body } = problemOf(r);
  res.writeHead(status, headers).end(body);
}

/** On a socket that asked to upgrade (or that Node's parser refused): the answer, then the socket closes. */
export function refuseOnSocket(socket: Duplex, r: Refusal): void {
  const { status, headers, body } = problemOf(r);
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${String(value)}`);
  lines.push('connection: close');
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}
