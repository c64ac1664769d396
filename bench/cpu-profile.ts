// npx tsx bench/cpu-profile.ts <file.cpuprofile>... [--mints=N] [--top=30] [--match=regex,...]: what a CPU profile
// (BENCH_CPU_PROF, node --cpu-prof) spent its time on — self time per function and per area (Next.js,
// React, node internals, the gateway's code, GC, idle), and the inclusive time of frames whose function
// name or file matches each --match pattern, and who calls the functions matching --callers (the five
// frames above, heaviest first); per mint when --mints says how many requests it served.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

type Frame = { functionName: string; url: string; lineNumber: number };
type Node = { id: number; callFrame: Frame; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const { values, positionals } = parseArgs({
  options: { mints: { type: 'string' }, top: { type: 'string', default: '30' }, match: { type: 'string', default: '' }, callers: { type: 'string', default: '' } },
  allowPositionals: true,
});
// Several files (rounds of one side) are read as one profile: their node ids are kept apart.
const profile: Profile = { nodes: [], samples: [], timeDeltas: [] };
positionals.forEach((file, i) => {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const id = (n: number) => n * positionals.length + i;
  profile.nodes.push(...p.nodes.map((n) => ({ ...n, id: id(n.id), children: n.children?.map(id) })));
  profile.samples.push(...p.samples.map(id));
  profile.timeDeltas.push(...p.timeDeltas);
});
const perMint = values.mints ? Number(values.mints) : null;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

function area(f: Frame): string {
  const u = f.url;
  if (f.functionName === '(idle)') return 'idle';
  if (f.functionName === '(garbage collector)') return 'gc';
  if (f.functionName === '(program)') return 'program (native, unattributed)';
  if (u.includes('/next/dist/compiled/react') || u.includes('react-dom')) return 'react';
  if (u.includes('/next/dist/')) return 'next';
  if (u.includes('node_modules/postgres/')) return 'postgres.js';
  if (u.includes('node_modules/drizzle-orm/')) return 'drizzle';
  if (u.includes('node_modules/zod/')) return 'zod';
  if (u.includes('node_modules/jose/') || u.includes('@auth/core') || u.includes('next-auth')) return 'auth (jose, Auth.js)';
  if (u.includes('@opentelemetry')) return 'opentelemetry';
  if (u.includes('prom-client')) return 'prom-client';
  if (u.startsWith('node:') || u === '') return 'node internals';
  if (u.includes('/.next/server/')) return 'the gateway (compiled chunks)';
  if (u.includes('app-gateway-server.mjs')) return 'the production server';
  return 'other';
}

const ms = (us: number) => (perMint ? `${Math.round(us / perMint)} µs/mint` : `${Math.round(us / 1000)} ms`);
const pct = (us: number) => `${((us / total) * 100).toFixed(1)}%`;

const areas = new Map<string, number>();
for (const [id, us] of selfUs) {
  const a = area(byId.get(id)!.callFrame);
  areas.set(a, (areas.get(a) ?? 0) + us);
}
console.log(`profile: ${Math.round(total / 1000)} ms sampled${perMint ? `, ${perMint} mints` : ''}\n\nself time by area:`);
for (const [a, us] of [...areas].sort((x, y) => y[1] - x[1])) console.log(`  ${pct(us).padStart(6)}  ${ms(us).padStart(14)}  ${a}`);

const key = (f: Frame) => `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|\.next)\//, '$1/')}:${f.lineNumber + 1}`;
const fnSelf = new Map<string, number>();
for (const [id, us] of selfUs) {
  const k = key(byId.get(id)!.callFrame);
  fnSelf.set(k, (fnSelf.get(k) ?? 0) + us);
}
console.log(`\ntop ${values.top} functions by self time:`);
for (const [k, us] of [...fnSelf].sort((x, y) => y[1] - x[1]).slice(0, Number(values.top))) console.log(`  ${pct(us).padStart(6)}  ${ms(us).padStart(14)}  ${k}`);

// Inclusive time of frames matching a pattern: each sample counts once per pattern, however deep the recursion.
for (const pattern of values.match.split(',').filter(Boolean)) {
  const re = new RegExp(pattern);
  let us = 0;
  profile.samples.forEach((id, i) => {
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n)!.callFrame;
      if (re.test(f.functionName) || re.test(f.url)) {
        us += profile.timeDeltas[i] ?? 0;
        break;
      }
    }
  });
  console.log(`inclusive /${pattern}/: ${pct(us)} ${ms(us)}`);
}

// Bottom-up: the stacks (five frames up) through which samples reach a frame matching --callers.
if (values.callers) {
  const re = new RegExp(values.callers);
  const stacks = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n)!.callFrame;
      if (!re.test(f.functionName)) continue;
      const up: string[] = [];
      for (let p = parent.get(n); p !== undefined && up.length < 5; p = parent.get(p)) up.push(key(byId.get(p)!.callFrame));
      const k = up.join(' ← ');
      stacks.set(k, (stacks.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
      break;
    }
  });
  console.log(`\ncallers of /${values.callers}/:`);
  for (const [k, us] of [...stacks].sort((x, y) => y[1] - x[1]).slice(0, 8)) console.log(`  ${pct(us).padStart(6)}  ${ms(us).padStart(14)}  ← ${k}`);
}
