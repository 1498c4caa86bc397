// Persistent connections: many requests over a few kept-alive connections, and HTTP/1.1
// pipelining answered in order.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';

import { checkRaw } from './support/assert.js';
import { checkResponse } from './support/openapi.js';
import { connect } from './support/raw.js';
import { startServer } from './support/server.js';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

function get(agent, path) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${server.url}${path}`, { agent }, (res) => {
      const socket = res.socket; // given back to the agent (and unset here) once the body ends
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, socket,
        text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
  });
}

test('a burst of 1,000 keep-alive requests over 50 connections is all answered', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
  const sockets = new Set();
  const statuses = new Map();
  try {
    const paths = Array.from({ length: 1000 }, (_, i) => (i % 10 === 9 ? '/nope' : '/healthz'));
    const results = await Promise.all(paths.map((path) => get(agent, path).then((res) => ({ path, res }))));
    for (const { path, res } of results) {
      sockets.add(res.socket);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      checkResponse('GET', path, res.status, JSON.parse(res.text), { contentType: res.headers['content-type'] });
    }
  } finally {
    agent.destroy();
  }
  assert.deepEqual(Object.fromEntries(statuses), { 200: 900, 404: 100 });
  assert.equal(sockets.size, 50, 'the 1,000 requests shared 50 connections: none was closed early');
});

test('pipelined requests written at once are answered in order', async () => {
  const conn = await connect(server.port);
  try {
    const requests = [
      'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: p1\r\n\r\n',
      'GET /nope HTTP/1.1\r\nHost: x\r\nX-Request-Id: p2\r\n\r\n',
      'POST /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: p3\r\nContent-Type: application/json\r\n' +
        'Content-Length: 13\r\n\r\n{"ignored":1}',
      'HEAD /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: p4\r\n\r\n',
      'GET /readyz HTTP/1.1\r\nHost: x\r\nX-Request-Id: p5\r\n\r\n',
      'GET /api/openapi.yaml HTTP/1.1\r\nHost: x\r\nX-Request-Id: p6\r\n\r\n',
      'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: p7\r\n\r\n',
    ];
    await conn.write(requests.join(''));
    const expected = [
      ['p1', 'GET', '/healthz', 200],
      ['p2', 'GET', '/nope', 404],
      ['p3', 'POST', '/healthz', 405],
      ['p4', 'HEAD', '/healthz', 200],
      ['p5', 'GET', '/readyz', 200],
      ['p6', 'GET', '/api/openapi.yaml', 200],
      ['p7', 'GET', '/healthz', 200],
    ];
    for (const [id, method, path, status] of expected) {
      const response = await conn.readResponse({ noBody: method === 'HEAD' });
      assert.equal(response.headers['x-request-id'], id, 'responses come in request order');
      assert.equal(response.status, status, `${method} ${path}`);
      checkRaw(method, path, response);
    }
    assert.equal(conn.buffer.length, 0, 'nothing more than the seven responses');
    assert.equal(conn.closed, false, 'the connection stays open after pipelined requests');
  } finally {
    conn.close();
  }
});

test('a request split across many small writes is answered like any other', async () => {
  const conn = await connect(server.port);
  try {
    await conn.writeSlowly('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: split\r\n\r\n',
      { chunkSize: 7, delayMs: 5 });
    const response = await conn.readResponse();
    assert.equal(response.status, 200);
    assert.equal(response.headers['x-request-id'], 'split');
    assert.deepEqual(checkRaw('GET', '/healthz', response), { status: 'ok' });
  } finally {
    conn.close();
  }
});

test('Connection: close is honoured: the server answers, then closes', async () => {
  const conn = await connect(server.port);
  try {
    await conn.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const response = await conn.readResponse();
    assert.equal(response.status, 200);
    checkRaw('GET', '/healthz', response);
    assert.match(response.headers.connection ?? '', /close/i);
    assert.equal(await conn.waitClosed(5000), true);
  } finally {
    conn.close();
  }
});

test('an HTTP/1.0 request without keep-alive is answered and closed', async () => {
  const conn = await connect(server.port);
  try {
    await conn.write('GET /healthz HTTP/1.0\r\n\r\n');
    const response = await conn.readResponse();
    assert.equal(response.status, 200);
    checkRaw('GET', '/healthz', response);
    assert.equal(response.version, 'HTTP/1.0');
    assert.equal(await conn.waitClosed(5000), true);
  } finally {
    conn.close();
  }
});
