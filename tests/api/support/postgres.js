// A throwaway PostgreSQL cluster of a test's own, for tests that stop and
// restart the database under a running server.
//
//   const pg = await createCluster();
//   const server = await startServer({ env: { DATABASE_URL: pg.url } });
//   await pg.stop();   // the server now sees its database go away
//   await pg.start();  // same port, same data
//   await pg.destroy();
//
// Uses the programs in $PG_BIN_DIR (default /usr/lib/postgresql/15/bin). As
// root they run as the postgres user (initdb refuses root). The cluster
// listens on 127.0.0.1 only, trusts local connections and skips fsync.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server.js';

const run = promisify(execFile);
const binDir = () => process.env.PG_BIN_DIR || '/usr/lib/postgresql/15/bin';
const isRoot = () => process.getuid?.() === 0;

// [file, args] to run `program args` as the cluster's owner.
function asOwner(program, args) {
  const file = path.join(binDir(), program);
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

async function pg(program, args) {
  const [file, argv] = asOwner(program, args);
  try {
    return await run(file, argv, { maxBuffer: 16 << 20 });
  } catch (err) {
    throw new Error(`${program} ${args.join(' ')} failed: ${err.stderr || err.stdout || err.message}`);
  }
}

const live = new Set();
// A cluster a test did not destroy stops with the test process.
process.on('exit', () => {
  for (const dataDir of live) {
    try {
      const [file, argv] = asOwner('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
      execFileSync(file, argv, { stdio: 'ignore' });
    } catch {
      // not running
    }
  }
});

/**
 * Creates and starts a cluster with database `superapp`.
 * @returns {Promise<{url: string, port: number, dir: string, database: string,
 *   stop: (mode?: 'fast'|'immediate'|'smart') => Promise<void>, start: () => Promise<void>,
 *   destroy: () => Promise<void>, running: () => boolean}>}
 */
export async function createCluster({ database = 'superapp' } = {}) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'superapp-pg-'));
  const dataDir = path.join(dir, 'data');
  if (isRoot()) {
    const owner = (await run('id', ['-u', 'postgres'])).stdout.trim();
    const group = (await run('id', ['-g', 'postgres'])).stdout.trim();
    await fs.chown(dir, Number(owner), Number(group));
  }
  await pg('initdb', [
    '-D', dataDir, '--username=postgres', '--auth=trust',
    '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync',
  ]);
  const port = await freePort();
  const options = [
    `-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1',
    '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off',
  ].join(' ');
  let isRunning = false;

  async function start() {
    if (isRunning) return;
    await pg('pg_ctl', ['-D', dataDir, '-l', path.join(dir, 'postgres.log'), '-o', options, '-w', '-t', '60', 'start']);
    isRunning = true;
    live.add(dataDir);
  }

  async function stop(mode = 'fast') {
    if (!isRunning) return;
    await pg('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
    isRunning = false;
    live.delete(dataDir);
  }

  async function destroy() {
    await stop('immediate').catch(() => {});
    live.delete(dataDir);
    await fs.rm(dir, { recursive: true, force: true });
  }

  try {
    await start();
    await run(path.join(binDir(), 'createdb'), ['-h', dir, '-p', String(port), '-U', 'postgres', database]);
  } catch (err) {
    await destroy();
    throw err;
  }

  return {
    url: `postgresql://postgres@127.0.0.1:${port}/${database}`,
    port,
    dir,
    database,
    start,
    stop,
    destroy,
    running: () => isRunning,
  };
}
