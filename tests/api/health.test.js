import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './support/server.js';
import { json, mediaType } from './support/http.js';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

test('GET /healthz answers 200 {"status":"ok"}', async () => {
  const res = await fetch(`${server.url}/healthz`);
  assert.equal(res.status, 200);
  assert.equal(mediaType(res), 'application/json');
  assert.deepEqual(await json(res), { status: 'ok' });
});

test('GET /readyz answers 200 when the database is reachable', async () => {
  const res = await fetch(`${server.url}/readyz`);
  assert.equal(res.status, 200, await res.clone().text());
  await res.arrayBuffer();
});

test('every response carries an X-Request-Id', async () => {
  const res = await fetch(`${server.url}/healthz`);
  await res.arrayBuffer();
  assert.match(res.headers.get('x-request-id') ?? '', /\S/);
});

test('the server logs where it listens as a JSON line', async () => {
  const line = await server.waitForLog((l) => l.msg === 'listening');
  assert.equal(line.port, server.port);
  assert.equal(line.host, '127.0.0.1');
});
