import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP relay in front of PostgreSQL on a fixed local port. `stop()` cuts every connection and
 * refuses new ones (the database is gone); `freeze()` keeps connections open but passes no bytes
 * (the database hangs); `start()` / `thaw()` bring it back.
 */
export async function tcpProxy(target: { host: string; port: number }) {
  const pairs = new Set<[net.Socket, net.Socket]>();
  let server: net.Server | null = null;
  let port = 0;
  let frozen = false;

  const start = () =>
    new Promise<void>((resolve, reject) => {
      if (server) return resolve();
      server = net.createServer((client) => {
        const upstream = net.connect(target);
        const pair: [net.Socket, net.Socket] = [client, upstream];
        pairs.add(pair);
        for (const s of pair) {
          s.on('close', () => pairs.delete(pair));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
        if (frozen) pair.forEach((s) => s.pause());
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const pair of pairs) pair.forEach((s) => s.destroy());
      if (server) server.close(() => resolve());
      else resolve();
      server = null;
    });
  const freeze = () => {
    frozen = true;
    for (const pair of pairs) pair.forEach((s) => s.pause());
  };
  const thaw = () => {
    frozen = false;
    for (const pair of pairs) pair.forEach((s) => s.resume());
  };
  await start();
  return { port: () => port, start, stop, freeze, thaw };
}
