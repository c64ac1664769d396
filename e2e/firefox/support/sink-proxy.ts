import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Firefox's proxy for everything that is not on this machine: refuses every request and remembers
 * which hosts were tried, so a preference that lets Firefox call home shows up in the run's output
 * instead of as a slow, network-dependent run.
 */
export async function startSinkProxy(): Promise<{ host: string; port: number; tried: () => string[]; close: () => Promise<void> }> {
  const tried = new Set<string>();
  const server: Server = createServer((req, res) => {
    tried.add(hostOf(req.url ?? '', req.headers.host));
    res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' }).end('no network in this test run\n');
  });
  server.on('connect', (req, socket) => {
    tried.add((req.url ?? '').replace(/:443$/, ''));
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    tried: () => [...tried].sort(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function hostOf(url: string, host: string | undefined): string {
  try {
    return new URL(url).host;
  } catch {
    return host ?? '?';
  }
}
