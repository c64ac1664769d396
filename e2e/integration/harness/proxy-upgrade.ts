import { request } from 'node:http';
import type { Duplex } from 'node:stream';

/** The proxy's answer to an upgrade: the open tunnel on a 101, else null and the refusal's body. */
export interface UpgradeAnswer {
  status: number;
  body: string;
  tunnel: Tunnel | null;
}

export interface Tunnel {
  /** Writes `text` and resolves with what comes back first (the fixture's upstream echoes). */
  echo(text: string): Promise<string>;
  /** Resolves once the proxy (or the upstream) has closed the tunnel. */
  closed: Promise<void>;
  close(): void;
}

/** `GET path` asking to upgrade, sent to the proxy at `proxyUrl` with exactly these headers (plus Host and Connection). */
export function proxyUpgrade(proxyUrl: string, host: string, path: string, headers: Record<string, string>): Promise<UpgradeAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: new URL(proxyUrl).port,
      path,
      agent: false,
      headers: { host, connection: 'Upgrade', upgrade: 'websocket', ...headers },
    });
    req.on('upgrade', (_res, socket) => resolve({ status: 101, body: '', tunnel: tunnelOver(socket) }));
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, tunnel: null }));
    });
    req.on('error', reject);
    req.end();
  });
}

function tunnelOver(socket: Duplex): Tunnel {
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  return {
    echo: (text) =>
      new Promise((resolve, reject) => {
        socket.once('data', (data: Buffer) => resolve(data.toString()));
        socket.write(text, (err) => err && reject(err));
      }),
    closed,
    close: () => socket.destroy(),
  };
}
