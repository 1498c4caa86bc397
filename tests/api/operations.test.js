// Operations endpoints: liveness, readiness and Prometheus metrics.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { call, getJson } from './support/assert.js';
import { startServer } from './support/server.js';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

// { 'name{labels}': value } for every sample line of a Prometheus text body.
function samples(text) {
  const out = {};
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    assert.ok(match, `not a Prometheus sample line: ${JSON.stringify(line)}`);
    out[match[1]] = Number(match[2]);
  }
  return out;
}

async function metrics() {
  const res = await call(server.url, 'GET', '/metrics');
  assert.equal(res.status, 200);
  return { res, samples: samples(res.text) };
}

const requestsTotal = (s, route, method, status) =>
  s[`http_requests_total{route="${route}",method="${method}",status="${status}"}`] ?? 0;

test('GET /healthz answers 200 {"status":"ok"} as JSON', async () => {
  const res = await call(server.url, 'GET', '/healthz');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json\b/);
  assert.deepEqual(res.body, { status: 'ok' });
});

test('GET /readyz answers 200 with the database check when PostgreSQL is reachable', async () => {
  const res = await call(server.url, 'GET', '/readyz');
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.body, { status: 'ready', checks: { database: 'ok' } });
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.equal(res.headers.get('retry-after'), null);
});

test('GET /metrics is Prometheus text format 0.0.4 with every documented series', async () => {
  const { res, samples: s } = await metrics();
  assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4\b/);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  for (const [name, type] of [['http_requests_total', 'counter'], ['http_request_duration_seconds', 'histogram'],
    ['http_requests_in_flight', 'gauge'], ['http_connections_open', 'gauge'],
    ['http_connections_refused_total', 'counter'], ['process_resident_memory_bytes', 'gauge'],
    ['db_pool_connections', 'gauge'], ['db_pool_waiting', 'gauge'], ['realtime_relay_sent_total', 'counter'],
    ['realtime_relay_received_total', 'counter'], ['realtime_relay_dropped_total', 'counter'],
    ['realtime_relay_subscriptions_total', 'counter']]) {
    assert.match(res.text, new RegExp(`^# TYPE ${name} ${type}$`, 'm'), `# TYPE ${name} ${type}`);
    assert.match(res.text, new RegExp(`^# HELP ${name} \\S`, 'm'), `# HELP ${name}`);
  }
  assert.ok(s.http_requests_in_flight >= 1, 'the metrics request itself is in flight');
  assert.ok(s.http_connections_open >= 1, 'at least this connection is open');
  assert.equal(s.http_connections_refused_total, 0);
  assert.ok(s.process_resident_memory_bytes > 1024 * 1024, 'RSS in bytes');
  for (const state of ['open', 'in_use', 'idle']) {
    assert.ok(Number.isInteger(s[`db_pool_connections{state="${state}"}`]), `db_pool_connections ${state}`);
  }
  assert.equal(s['db_pool_connections{state="open"}'],
    s['db_pool_connections{state="in_use"}'] + s['db_pool_connections{state="idle"}'], 'open = in use + idle');
  assert.equal(s.db_pool_waiting, 0);
});

test('/metrics counts requests by route pattern, method and status', async () => {
  const earlier = (await metrics()).samples;
  for (let i = 0; i < 3; i++) await getJson(server.url, '/healthz');
  await call(server.url, 'GET', '/docs/init.js');
  await call(server.url, 'GET', '/docs/swagger-ui.css');
  await call(server.url, 'GET', '/docs/no-such-file.txt');
  await call(server.url, 'POST', '/healthz');
  await call(server.url, 'GET', '/definitely/not/here');
  await call(server.url, 'GET', '/api/openapi.yaml');
  const later = (await metrics()).samples;

  const delta = (route, method, status) =>
    requestsTotal(later, route, method, status) - requestsTotal(earlier, route, method, status);
  assert.equal(delta('/healthz', 'GET', 200), 3);
  assert.equal(delta('/docs/:file', 'GET', 200), 2, 'concrete paths are counted under their pattern');
  assert.equal(delta('/docs/:file', 'GET', 404), 1);
  assert.equal(delta('/api/openapi.yaml', 'GET', 200), 1);
  assert.equal(delta('unmatched', 'GET', 404), 1, 'unknown paths share one series');
  assert.equal(delta('unmatched', 'POST', 405), 1);
  assert.equal(delta('/metrics', 'GET', 200), 1, 'the first /metrics call is counted by the second');
  for (const key of Object.keys(later)) {
    assert.doesNotMatch(key, /route="\/docs\/init\.js"|route="\/definitely/, `no series per concrete path: ${key}`);
  }
});

test('the latency histogram agrees with the request counter', async () => {
  await getJson(server.url, '/healthz');
  const { samples: s } = await metrics();
  const labels = 'route="/healthz",method="GET",status="200"';
  const count = s[`http_request_duration_seconds_count{${labels}}`];
  assert.equal(count, requestsTotal(s, '/healthz', 'GET', 200));
  assert.equal(s[`http_request_duration_seconds_bucket{${labels},le="+Inf"}`], count);
  assert.ok(s[`http_request_duration_seconds_sum{${labels}}`] >= 0);
  const buckets = Object.entries(s)
    .filter(([key]) => key.startsWith(`http_request_duration_seconds_bucket{${labels},le=`))
    .map(([key, value]) => [Number(/le="([^"]+)"/.exec(key)[1]), value])
    .sort((a, b) => a[0] - b[0]);
  assert.ok(buckets.length >= 5, 'several buckets');
  for (let i = 1; i < buckets.length; i++) {
    assert.ok(buckets[i][1] >= buckets[i - 1][1], 'buckets are cumulative');
  }
});

test('HEAD /healthz and HEAD /readyz answer like GET without a body', async () => {
  for (const path of ['/healthz', '/readyz']) {
    const res = await call(server.url, 'HEAD', path);
    assert.equal(res.status, 200, path);
    assert.equal(res.text, '');
    assert.match(res.headers.get('content-type'), /^application\/json\b/);
  }
});
