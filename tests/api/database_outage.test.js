// PostgreSQL going away under a running server: readiness turns 503 quickly (no request
// hangs), the process stays up, and it recovers by itself when the database returns.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { call, getJson } from './support/assert.js';
import { createCluster } from './support/postgres.js';
import { startServer } from './support/server.js';

// Generous bounds: they prove "answers, does not hang", not speed.
const quickMs = 5000;
const recoverWithinMs = 30_000;

let pg;
let server;
before(async () => {
  pg = await createCluster();
  server = await startServer({
    env: { DATABASE_URL: pg.url, DB_CONNECT_TIMEOUT_MS: 1000, DB_QUERY_TIMEOUT_MS: 2000, MIGRATE_ON_START: 1 },
  });
});
after(async () => {
  try {
    if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
  } finally {
    if (pg) await pg.destroy();
  }
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function timed(method, path) {
  const started = Date.now();
  const res = await call(server.url, method, path, { timeoutMs: quickMs * 2 });
  return { res, ms: Date.now() - started };
}

test('/readyz is 200 while PostgreSQL runs', async () => {
  const body = await getJson(server.url, '/readyz');
  assert.deepEqual(body, { status: 'ready', checks: { database: 'ok' } });
});

test('with PostgreSQL stopped, /readyz answers 503 quickly and keeps answering', async () => {
  await pg.stop('fast');
  for (let i = 0; i < 5; i++) {
    const { res, ms } = await timed('GET', '/readyz');
    assert.equal(res.status, 503, `request ${i + 1} after the stop: ${res.text}`);
    assert.ok(ms < quickMs, `request ${i + 1} took ${ms} ms`);
    assert.deepEqual(res.body, { status: 'unavailable', checks: { database: 'unreachable' } });
    assert.ok(Number(res.headers.get('retry-after')) >= 1, 'Retry-After');
    assert.equal(res.headers.get('cache-control'), 'no-store');
  }
});

test('with PostgreSQL stopped, concurrent readiness checks all answer 503 without hanging', async () => {
  const started = Date.now();
  const results = await Promise.all(Array.from({ length: 20 }, () => timed('GET', '/readyz')));
  for (const { res } of results) assert.equal(res.status, 503);
  assert.ok(Date.now() - started < quickMs * 2, `20 concurrent checks took ${Date.now() - started} ms`);
});

test('with PostgreSQL stopped, routes that need no database still answer', async () => {
  assert.deepEqual(await getJson(server.url, '/healthz'), { status: 'ok' });
  const metrics = await call(server.url, 'GET', '/metrics');
  assert.equal(metrics.status, 200);
  assert.match(metrics.text, /^db_pool_waiting 0$/m, 'nobody is left waiting for a connection');
});

test('PostgreSQL started again: /readyz returns to 200 without restarting the server', async () => {
  const pid = server.proc.pid;
  await pg.start();
  const deadline = Date.now() + recoverWithinMs;
  let last;
  for (;;) {
    const { res, ms } = await timed('GET', '/readyz');
    assert.ok(ms < quickMs, `a readiness check took ${ms} ms`);
    last = res;
    if (res.status === 200 || Date.now() > deadline) break;
    await sleep(250);
  }
  assert.equal(last.status, 200, `not ready ${recoverWithinMs} ms after PostgreSQL came back: ${last.text}`);
  assert.deepEqual(last.body, { status: 'ready', checks: { database: 'ok' } });
  assert.equal(server.proc.pid, pid);
  assert.equal(server.proc.exitCode, null, 'the same process is still running');
});

test('after recovery the pool serves many checks in a row', async () => {
  for (let i = 0; i < 20; i++) {
    const { res } = await timed('GET', '/readyz');
    assert.equal(res.status, 200, `check ${i + 1}: ${res.text}`);
  }
});
