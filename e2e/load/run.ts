// npm run load -- [clients] [mints]: the full-size load run (default 100 clients, 10,000 mints).
import { runMintLoad } from './mint-load';

const clients = Number(process.argv[2] ?? 100);
const mints = Number(process.argv[3] ?? 10_000);
console.log(`Load: ${clients} concurrent clients, ${mints} mints, production build on PostgreSQL`);
const r = await runMintLoad({ clients, mints, raceLoops: 8 }, console.log);
console.log(JSON.stringify(r, null, 2));
const ok = r.serverErrors === 0 && r.uniqueJtis === r.minted && r.auditRows === r.requests && r.auditMinted === r.minted && r.race.afterRevocation.minted === 0;
console.log(ok ? 'PASS: zero 5xx, unique jtis, audit complete, no mint after revocation' : 'FAIL');
process.exit(ok ? 0 : 1);
