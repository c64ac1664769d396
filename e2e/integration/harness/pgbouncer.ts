import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Debian's pgbouncer (`apt-get install pgbouncer`; .ci/run installs it). */
export const PGBOUNCER_BIN = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => existsSync(p)) ?? null;
const PGBOUNCER_PORT = 6432;

export type PgBouncer = { url: (database: string) => string; output: () => string; stop: () => Promise<void> };

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
  });
}

/**
 * PgBouncer in transaction pooling mode in front of the test PostgreSQL, with fewer server
 * connections than the gateway opens, so consecutive statements of one client connection land on
 * different server connections. It refuses to run as root: it runs as the `postgres` user.
 */
export async function startPgBouncer(upstream: URL, serverConnections = 2): Promise<PgBouncer> {
  if (!PGBOUNCER_BIN) throw new Error('pgbouncer is not installed (apt-get install -y pgbouncer)');
  if (await listening(PGBOUNCER_PORT)) throw new Error(`port ${PGBOUNCER_PORT} is taken (a pgbouncer service already running? stop it)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agw-pgbouncer-'));
  const config = path.join(dir, 'pgbouncer.ini');
  writeFileSync(
    config,
    [
      '[databases]',
      `* = host=${upstream.hostname} port=${upstream.port || 5432} user=${upstream.username || 'postgres'}`,
      '[pgbouncer]',
      `listen_addr = 127.0.0.1`,
      `listen_port = ${PGBOUNCER_PORT}`,
      `unix_socket_dir =`,
      'auth_type = any',
      'pool_mode = transaction',
      `default_pool_size = ${serverConnections}`,
      'max_client_conn = 200',
      `logfile = ${path.join(dir, 'pgbouncer.log')}`,
      `pidfile = ${path.join(dir, 'pgbouncer.pid')}`,
      '',
    ].join('\n'),
  );
  const { uid, gid } = userIds('postgres');
  chownSync(dir, uid, gid);
  chownSync(config, uid, gid);
  let out = '';
  const child: ChildProcess = spawn('runuser', ['-u', 'postgres', '--', PGBOUNCER_BIN, config], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 15_000;
  while (!(await listening(PGBOUNCER_PORT))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) throw new Error(`pgbouncer did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: (database) => `postgres://${upstream.username || 'postgres'}@127.0.0.1:${PGBOUNCER_PORT}/${database}`,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function userIds(name: string): { uid: number; gid: number } {
  const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) throw new Error(`no ${name} user to run pgbouncer as`);
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}
