// npm run load -- [clients] [mints]: the full-size load run (default 100 clients, 10,000 mints), with the
// artifact proxy serving a proxied app beside the mints; prints both processes' RSS at the start, at most and at the end.
// LOAD_SERVER_NODE_OPTIONS: NODE_OPTIONS for the gateway and the proxy only, e.g. --heapsnapshot-signal=SIGUSR2 or
// --import=<abs path of bench/heap-after-gc.mjs> (the heap limits `npm start` and `npm run artifact-proxy` set on their command lines win).
import { runMintLoad } from './mint-load';

const clients = Number(process.argv[2] ?? 100);
const mints = Number(process.argv[3] ?? 10_000);
console.log(`Load: ${clients} concurrent clients, ${mints} mints, production build on PostgreSQL`);
const r = await runMintLoad({ clients, mints, raceLoops: 8, serverNodeOptions: process.env.LOAD_SERVER_NODE_OPTIONS }, console.log);
console.log(JSON.stringify(r, null, 2));
console.log(`Audit rows: ${r.auditRows} of ${r.requests} mints, ${r.lostAuditRows} lost`);
console.log(`Memory (RSS, MB) while the mints ran: gateway ${r.rssStartMb} at the start, ${r.rssPeakMb} at most, ${r.rssEndMb} at the end; artifact proxy ${r.proxy.rssStartMb} / ${r.proxy.rssPeakMb} / ${r.proxy.rssEndMb} (its proxied requests beside the mints: ${JSON.stringify(r.proxy.byStatus)})`);
console.log(`Webhook deliveries: ${r.webhooks.delivered} of ${r.webhooks.orgAuditRows} audit events of the org, ${r.webhooks.lost} lost (drained in ${r.webhooks.drainSeconds} s)`);
const ok =
  r.serverErrors === 0 &&
  r.uniqueJtis === r.minted &&
  r.auditRows === r.requests &&
  r.lostAuditRows === 0 &&
  r.auditMinted === r.minted &&
  r.race.afterRevocation.minted === 0 &&
  r.webhooks.orgAuditRows > 0 &&
  r.webhooks.lost === 0;
console.log(ok ? 'PASS: zero 5xx, unique jtis, 0 lost audit rows, 0 lost webhook deliveries, no mint after revocation' : 'FAIL');
process.exit(ok ? 0 : 1);
