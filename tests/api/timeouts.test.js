// Slow and idle clients cannot hold a connection forever: a request must arrive whole within
// REQUEST_TIMEOUT_MS of its first byte, and a kept-alive connection waits IDLE_TIMEOUT_MS
// for the next request.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { checkRaw, getJson } from './support/assert.js';
import { connect } from './support/raw.js';
import { startServer } from './support/server.js';

const requestTimeoutMs = 1000;
const idleTimeoutMs = 1500;
// Generous: long enough for a loaded sanitizer build, short enough to show nothing hangs.
const cutWithinMs = 8000;

let server;
before(async () => {
  server = await startServer({
    env: { REQUEST_TIMEOUT_MS: requestTimeoutMs, IDLE_TIMEOUT_MS: idleTimeoutMs },
  });
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

// Sends BYTES one at a time, DELAY_MS apart, until the server closes the connection or
// the bytes run out; resolves to { closed, elapsedMs, sent }.
async function trickle(conn, bytes, delayMs) {
  const started = Date.now();
  let sent = 0;
  for (const byte of Buffer.from(bytes, 'latin1')) {
    if (conn.closed) break;
    await conn.write(Buffer.from([byte])).catch(() => {});
    sent++;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  return { closed: conn.closed, elapsedMs: Date.now() - started, sent };
}

test('a slow client trickling its headers is disconnected by the request timeout', async () => {
  const conn = await connect(server.port);
  try {
    // 200 header bytes at one per 100 ms would take 20 s; the server must cut it after ~1 s.
    const headers = `GET /healthz HTTP/1.1\r\nHost: x\r\n${'X-Slow: y\r\n'.repeat(20)}`;
    const result = await trickle(conn, headers, 100);
    assert.equal(result.closed, true, `the server kept the connection for all ${result.sent} bytes`);
    assert.ok(result.elapsedMs < cutWithinMs, `cut after ${result.elapsedMs} ms`);
    assert.ok(result.elapsedMs >= requestTimeoutMs / 2, `not cut before the timeout (${result.elapsedMs} ms)`);
    assert.equal(conn.text.includes('HTTP/1.1 200'), false, 'the unfinished request was never answered');
  } finally {
    conn.close();
  }
});

test('a slow client trickling its body is disconnected by the request timeout', async () => {
  const conn = await connect(server.port);
  try {
    await conn.write('POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      'Content-Length: 200\r\n\r\n');
    const result = await trickle(conn, `{"pad":"${'z'.repeat(190)}"}`, 100);
    assert.equal(result.closed, true, `the server kept the connection for all ${result.sent} bytes`);
    assert.ok(result.elapsedMs < cutWithinMs, `cut after ${result.elapsedMs} ms`);
  } finally {
    conn.close();
  }
});

test('a connection that sends a request line and then nothing is closed', async () => {
  const conn = await connect(server.port);
  try {
    await conn.write('GET /healthz HTTP/1.1\r\n');
    assert.equal(await conn.waitClosed(cutWithinMs), true, 'closed by the request timeout');
  } finally {
    conn.close();
  }
});

test('an idle kept-alive connection is closed after the idle timeout', async () => {
  const conn = await connect(server.port);
  try {
    // The idle time starts when the server has answered, after this write: a close earlier than the
    // idle timeout from here is too early, however late this process reads the answer.
    const started = Date.now();
    await conn.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    const response = await conn.readResponse();
    assert.equal(response.status, 200);
    checkRaw('GET', '/healthz', response);
    assert.doesNotMatch(response.headers.connection ?? '', /close/i, 'kept alive');
    assert.equal(await conn.waitClosed(cutWithinMs), true, 'closed while idle');
    const idleMs = Date.now() - started;
    assert.ok(idleMs >= idleTimeoutMs - 50, `closed after ${idleMs} ms, not before the idle timeout`);
  } finally {
    conn.close();
  }
});

test('a connection opened and never used is closed after the idle timeout', async () => {
  const conn = await connect(server.port);
  try {
    assert.equal(await conn.waitClosed(cutWithinMs), true);
  } finally {
    conn.close();
  }
});

test('a kept-alive connection used within the idle timeout stays open', async () => {
  const conn = await connect(server.port);
  try {
    for (let i = 0; i < 4; i++) {
      await conn.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      const response = await conn.readResponse();
      assert.equal(response.status, 200, `request ${i + 1}`);
      checkRaw('GET', '/healthz', response);
      await new Promise((resolve) => setTimeout(resolve, idleTimeoutMs / 3));
    }
    assert.equal(conn.closed, false);
  } finally {
    conn.close();
  }
});

test('the server still serves others after cutting slow clients', async () => {
  assert.deepEqual(await getJson(server.url, '/healthz'), { status: 'ok' });
});
