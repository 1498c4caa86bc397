// MAX_CONNECTIONS caps concurrent connections: one over the cap gets 503
// TOO_MANY_CONNECTIONS and is closed, and the server serves again once a slot frees up.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';

import { checkRaw } from './support/assert.js';
import { connect } from './support/raw.js';
import { startServer } from './support/server.js';

const maxConnections = 4;
const idleTimeoutMs = 300;

let server;
const held = [];
before(async () => {
  // A short idle timeout lets the server drop the harness's own kept-alive connection
  // (startServer polls /healthz with fetch) before the test fills the slots.
  server = await startServer({ env: { MAX_CONNECTIONS: maxConnections, IDLE_TIMEOUT_MS: idleTimeoutMs } });
});
after(async () => {
  for (const conn of held) conn.close();
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// One request on a connection of its own, closed after the answer.
function getOnce(path) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${server.url}${path}`, { agent: false, headers: { connection: 'close' } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers,
        text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.setTimeout(5000, () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
  });
}

function metric(text, name) {
  const match = new RegExp(`^${name} (\\d+)$`, 'm').exec(text);
  assert.ok(match, `/metrics has ${name}`);
  return Number(match[1]);
}

test('connection number MAX_CONNECTIONS + 1 gets 503 TOO_MANY_CONNECTIONS and is closed', async () => {
  await sleep(idleTimeoutMs * 4);
  const baseline = await getOnce('/metrics');
  assert.equal(metric(baseline.text, 'http_connections_open'), 1, 'only the metrics request itself is open');
  await sleep(100); // its close reaches the server

  // Fill every slot with a connection that is busy: a request answered, then the next one
  // started but left unfinished, so neither the idle nor the request timeout closes it soon.
  for (let i = 0; i < maxConnections; i++) {
    const conn = await connect(server.port);
    held.push(conn);
    await conn.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: held-${i}\r\n\r\nGET /healthz HTTP/1.1\r\n`);
    const response = await conn.readResponse();
    assert.equal(response.status, 200, `connection ${i + 1} of ${maxConnections} is served`);
    checkRaw('GET', '/healthz', response);
  }

  const extra = await connect(server.port);
  try {
    const response = await extra.readResponse();
    assert.equal(response.status, 503);
    const body = checkRaw('GET', '/healthz', response);
    assert.equal(body.code, 'TOO_MANY_CONNECTIONS');
    assert.equal(body.requestId, response.headers['x-request-id'], 'the refusal names its request id');
    assert.equal(response.headers['x-content-type-options'], 'nosniff', 'the refusal has the security headers');
    assert.ok(Number(response.headers['retry-after']) >= 0, 'Retry-After');
    assert.match(response.headers.connection ?? '', /close/i);
    assert.equal(await extra.waitClosed(5000), true, 'the refused connection is closed');
  } finally {
    extra.close();
  }

  // The held connections were not disturbed: each finishes its pending request.
  for (const [i, conn] of held.entries()) {
    await conn.write(`Host: x\r\nX-Request-Id: resumed-${i}\r\n\r\n`);
    const response = await conn.readResponse();
    assert.equal(response.status, 200);
    checkRaw('GET', '/healthz', response);
    assert.equal(response.headers['x-request-id'], `resumed-${i}`);
  }
});

test('the server serves new connections again once a slot is free, and counts the refusal', async () => {
  for (const conn of held.splice(0)) conn.close();
  let res;
  for (let attempt = 0; attempt < 50; attempt++) {
    res = await getOnce('/metrics');
    if (res.status === 200) break;
    await sleep(100);
  }
  assert.equal(res.status, 200, `still refused: ${res.text}`);
  assert.equal(metric(res.text, 'http_connections_refused_total'), 1);
});
