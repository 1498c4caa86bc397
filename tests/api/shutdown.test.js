// Graceful shutdown: on SIGTERM the server stops accepting, closes idle connections, lets
// requests in flight finish (answered with Connection: close) and exits 0 within the grace.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, test } from 'node:test';

import { checkRaw } from './support/assert.js';
import { connect } from './support/raw.js';
import { startServer } from './support/server.js';

const graceMs = 10_000;
const servers = [];
after(async () => {
  for (const server of servers) await server.stop('SIGKILL');
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Resolves to the error code of a connection attempt, or 'connected'.
function tryConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err) => resolve(err.code));
  });
}

async function waitRefused(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await tryConnect(port);
    if (outcome === 'ECONNREFUSED' || Date.now() > deadline) return outcome;
    await sleep(50);
  }
}

function exitedWithin(server, ms) {
  return Promise.race([server.exited, sleep(ms).then(() => 'still running')]);
}

test('SIGTERM lets a request in flight complete, closes idle connections, refuses new ones and exits 0', async () => {
  const server = await startServer({ env: { SHUTDOWN_GRACE_MS: graceMs } });
  servers.push(server);

  // In flight: headers and half of the body sent; the rest comes after the signal.
  const inFlight = await connect(server.port);
  // Idle: one request answered, the connection kept alive.
  const idle = await connect(server.port);
  try {
    await idle.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    const answered = await idle.readResponse();
    assert.equal(answered.status, 200);
    checkRaw('GET', '/healthz', answered);

    const body = '{"stage":"in flight"}';
    await inFlight.write('POST /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: in-flight\r\n' +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
    await sleep(200); // the server has read the start of the request

    const signalledAt = Date.now();
    const exiting = server.stop('SIGTERM', { timeoutMs: graceMs + 5000 });

    assert.equal(await idle.waitClosed(5000), true, 'the idle connection is closed');
    assert.equal(await waitRefused(server.port, 5000), 'ECONNREFUSED', 'new connections are refused');
    assert.equal(inFlight.closed, false, 'the request in flight is not cut');

    await inFlight.write(body.slice(10));
    const response = await inFlight.readResponse();
    assert.equal(response.status, 405, 'the request is answered in full');
    assert.equal(response.headers['x-request-id'], 'in-flight');
    assert.match(response.headers.connection ?? '', /close/i, 'with Connection: close');
    const problem = checkRaw('POST', '/healthz', response);
    assert.equal(problem.code, 'METHOD_NOT_ALLOWED');
    assert.equal(await inFlight.waitClosed(5000), true, 'then the connection is closed');

    const status = await exitedWithin(server, graceMs - (Date.now() - signalledAt));
    assert.equal(status, 0, 'the process exits 0 once the request in flight is done, within the grace period');
    assert.equal(await exiting, 0);
  } finally {
    inFlight.close();
    idle.close();
  }
});

test('SIGTERM with pipelined requests queued answers all of them before exiting', async () => {
  const server = await startServer({ env: { SHUTDOWN_GRACE_MS: graceMs } });
  servers.push(server);
  const conn = await connect(server.port);
  try {
    // The third request is incomplete when the signal comes; the first two are whole.
    await conn.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: q1\r\n\r\n' +
      'GET /readyz HTTP/1.1\r\nHost: x\r\nX-Request-Id: q2\r\n\r\n' +
      'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: q3\r\n');
    const first = await conn.readResponse();
    const second = await conn.readResponse();
    assert.deepEqual([first.headers['x-request-id'], second.headers['x-request-id']], ['q1', 'q2']);
    checkRaw('GET', '/healthz', first);
    checkRaw('GET', '/readyz', second);
    const exiting = server.stop('SIGTERM', { timeoutMs: graceMs + 5000 });
    await sleep(200);
    await conn.write('\r\n');
    const third = await conn.readResponse();
    assert.equal(third.status, 200);
    assert.equal(third.headers['x-request-id'], 'q3');
    assert.deepEqual(checkRaw('GET', '/healthz', third), { status: 'ok' });
    assert.match(third.headers.connection ?? '', /close/i);
    assert.equal(await conn.waitClosed(5000), true);
    assert.equal(await exitedWithin(server, graceMs), 0);
    assert.equal(await exiting, 0);
  } finally {
    conn.close();
  }
});

test('SIGINT shuts down as cleanly as SIGTERM', async () => {
  const server = await startServer();
  servers.push(server);
  assert.equal(await server.stop('SIGINT'), 0);
});
