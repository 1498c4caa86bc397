// Who may read /metrics: METRICS_TOKEN asks for a Bearer token; METRICS_PORT serves it on a listener
// of its own and no longer on the main port; APP_ENV=production refuses to start with neither.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertProblem, call } from './support/assert.js';
import { freePort, startServer } from './support/server.js';

const token = 'scrape-token-0123456789-abcdef';

test('with METRICS_TOKEN, /metrics answers 401 unless the Bearer token is sent', async () => {
  const server = await startServer({ env: { METRICS_TOKEN: token } });
  try {
    assertProblem(await call(server.url, 'GET', '/metrics'), 401, 'UNAUTHORIZED');
    for (const authorization of [`Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, 'Bearer ', `Basic ${token}`,
      token, `Bearer  ${token}`]) {
      const res = await call(server.url, 'GET', '/metrics', { headers: { authorization } });
      assertProblem(res, 401, 'UNAUTHORIZED');
      assert.equal(res.headers.get('www-authenticate'), 'Bearer');
    }
    const res = await call(server.url, 'GET', '/metrics', { token });
    assert.equal(res.status, 200);
    assert.match(res.text, /^http_requests_total\{/m);
    const lower = await call(server.url, 'GET', '/metrics', { headers: { authorization: `bearer ${token}` } });
    assert.equal(lower.status, 200, 'the scheme is case-insensitive');
    assert.equal((await call(server.url, 'GET', '/healthz')).status, 200, 'the other operations stay open');
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

test('with METRICS_PORT, /metrics is served on that port alone', async () => {
  const metricsPort = await freePort();
  const server = await startServer({ env: { METRICS_PORT: metricsPort } });
  try {
    const listening = await server.waitForLog((j) => j.msg === 'metrics listening');
    assert.equal(listening.port, metricsPort);
    const metricsUrl = `http://127.0.0.1:${metricsPort}`;
    await call(server.url, 'GET', '/healthz');
    const res = await call(metricsUrl, 'GET', '/metrics');
    assert.equal(res.status, 200);
    assert.match(res.text, /^http_requests_total\{route="\/healthz",method="GET",status="200"\} [1-9]/m,
      "the application's requests, counted on the main port");
    assert.doesNotMatch(res.text, /route="\/metrics"/, 'the scrapes are not counted among them');
    assertProblem(await call(server.url, 'GET', '/metrics'), 404, 'NOT_FOUND');
    assertProblem(await call(metricsUrl, 'GET', '/healthz'), 404, 'NOT_FOUND');
    assertProblem(await call(metricsUrl, 'GET', '/api/v1/categories'), 404, 'NOT_FOUND');
  } finally {
    assert.equal(await server.stop(), 0, 'both listeners stop on SIGTERM');
  }
});

test('METRICS_PORT and METRICS_TOKEN together: the separate port asks for the token', async () => {
  const metricsPort = await freePort();
  const server = await startServer({ env: { METRICS_PORT: metricsPort, METRICS_TOKEN: token } });
  try {
    await server.waitForLog((j) => j.msg === 'metrics listening');
    const metricsUrl = `http://127.0.0.1:${metricsPort}`;
    assertProblem(await call(metricsUrl, 'GET', '/metrics'), 401, 'UNAUTHORIZED');
    assert.equal((await call(metricsUrl, 'GET', '/metrics', { token })).status, 200);
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

test('APP_ENV=production refuses to start without METRICS_TOKEN or METRICS_PORT', async () => {
  await assert.rejects(
    startServer({ env: { APP_ENV: 'production', JWT_SECRET: 'a-production-secret-0123456789-abcdefghijkl' } }),
    (err) => /METRICS_TOKEN/.test(err.message) && /METRICS_PORT/.test(err.message),
  );
});

test('a METRICS_TOKEN too short to be a secret is refused at start', async () => {
  await assert.rejects(startServer({ env: { METRICS_TOKEN: 'short' } }), /METRICS_TOKEN/);
});
