// The bare reference: the same mint (the project's own domain functions) behind plain node:http.
import http from 'node:http';
import { observeStatements } from '@/db/client';
import { authenticateCaller } from '@/lib/auth/caller';
import { mint } from '@/lib/gateway/mint/mint';
import { startGateway } from '@/lib/platform/startup';

const port = Number(process.argv[2] ?? 3901);
await startGateway();
// The bench reads how many statements the mints sent (round trips).
const dbStats = { statements: 0 };
observeStatements(() => dbStats.statements++);

http
  .createServer(async (req, res) => {
    if (req.url === '/__stats') return void res.end(JSON.stringify(dbStats));
    const m = /^\/v1\/app-gateway\/([^/]+)\/session$/.exec(req.url ?? '');
    if (!m || req.method !== 'POST') return void res.writeHead(404).end();
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    try {
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const caller = await authenticateCaller(new Request(`http://localhost${req.url}`, { method: 'POST', headers }));
      const body = { ok: true as const, json: raw ? JSON.parse(raw) : {} };
      const minted = await mint({ appId: decodeURIComponent(m[1]!), body, caller, ip: req.socket.remoteAddress ?? null, userAgent: req.headers['user-agent'] ?? null });
      if (!minted.ok) return void res.writeHead(400).end(minted.code);
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ token: minted.token, exp: minted.exp.toISOString(), expires_in: minted.expiresIn }));
    } catch {
      res.writeHead(500).end('error');
    }
  })
  .listen(port, '127.0.0.1', () => console.log(`reference on ${port}`));
