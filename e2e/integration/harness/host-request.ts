import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

export interface HostResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json<T = unknown>(): T;
}

/**
 * An HTTP request to `base` (e.g. http://127.0.0.1:3100) with the given `Host`: Node does not resolve
 * `*.localhost`, and `fetch` will not send a Host of our choosing.
 */
export function hostRequest(
  base: string,
  host: string,
  path: string,
  init: { method?: string; headers?: Record<string, string | string[]>; body?: string | Buffer } = {},
): Promise<HostResponse> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: init.method ?? 'GET', headers: { ...init.headers, host }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
        });
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/**
 * Writes raw bytes on one connection to `base`'s port on 127.0.0.1 — names and framing no HTTP client
 * would send — and answers everything that came back. Written, not ended: the server closes the
 * connection after its answer (send `Connection: close`).
 */
export function rawExchange(base: string, bytes: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(Number(new URL(base).port), '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (text += c));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}
