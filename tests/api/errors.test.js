// Error answers: RFC 9457 problem+json with a code and the request id, for unknown paths,
// unsupported methods, malformed requests and requests over the size limits.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { assertProblem, call, checkRaw } from './support/assert.js';
import { connect } from './support/raw.js';
import { startServer } from './support/server.js';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

test('an unknown path is 404 problem+json with code NOT_FOUND', async () => {
  for (const path of ['/nope', '/api/v1/nope', '/api/nope', '/healthz/extra', '/docs/a/b']) {
    const res = await call(server.url, 'GET', path);
    const problem = assertProblem(res, 404, 'NOT_FOUND');
    assert.equal(problem.title, 'Not Found');
    assert.equal(typeof problem.detail, 'string');
    assert.equal(problem.errors, undefined);
  }
});

test('a known path with a wrong method is 405 with an Allow header', async () => {
  const res = await call(server.url, 'POST', '/healthz', { body: { a: 1 } });
  const problem = assertProblem(res, 405, 'METHOD_NOT_ALLOWED');
  assert.equal(problem.title, 'Method Not Allowed');
  assert.equal(res.headers.get('allow'), 'GET, HEAD, OPTIONS');
});

test('405 applies to every method a path does not support, on parameter routes and on /api aliases', async () => {
  for (const [method, path] of [['DELETE', '/readyz'], ['PUT', '/docs/init.js'], ['PATCH', '/api/openapi.yaml'],
    ['POST', '/api/v1/openapi.yaml'], ['DELETE', '/metrics']]) {
    const res = await call(server.url, method, path);
    assertProblem(res, 405, 'METHOD_NOT_ALLOWED');
    assert.equal(res.headers.get('allow'), 'GET, HEAD, OPTIONS', `${method} ${path}`);
  }
});

test('a trailing slash reaches the same route', async () => {
  const res = await call(server.url, 'GET', '/healthz/');
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { status: 'ok' });
});

test('an unknown method is 501 METHOD_NOT_IMPLEMENTED', async () => {
  const res = await call(server.url, 'BREW', '/healthz');
  assertProblem(res, 501, 'METHOD_NOT_IMPLEMENTED');
});

test('a malformed request line is 400 BAD_REQUEST and the connection is closed', async () => {
  const conn = await connect(server.port);
  try {
    await conn.write('THIS IS NOT HTTP\r\n\r\n');
    const response = await conn.readResponse();
    assert.equal(response.status, 400);
    const body = checkRaw('GET', '/', response);
    assert.equal(body.code, 'BAD_REQUEST');
    assert.equal(body.requestId, response.headers['x-request-id']);
    assert.equal(await conn.waitClosed(5000), true, 'the server closes the connection');
  } finally {
    conn.close();
  }
});

test('a request with a broken header line is 400 and the connection is closed', async () => {
  const conn = await connect(server.port);
  try {
    await conn.write('GET /healthz HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n');
    const response = await conn.readResponse();
    assert.equal(response.status, 400);
    assert.equal(checkRaw('GET', '/healthz', response).code, 'BAD_REQUEST');
    assert.equal(await conn.waitClosed(5000), true, 'the server closes the connection');
  } finally {
    conn.close();
  }
});

test('a body over MAX_BODY_BYTES is 413 PAYLOAD_TOO_LARGE and the connection is closed', async () => {
  // 2 MiB announced; the server refuses it from the header, before reading (or routing) it.
  const conn = await connect(server.port);
  try {
    await conn.write('POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${2 * 1024 * 1024}\r\n\r\n`);
    await conn.write(Buffer.alloc(64 * 1024, 0x20)).catch(() => {});
    const response = await conn.readResponse();
    assert.equal(response.status, 413);
    const body = checkRaw('POST', '/healthz', response);
    assert.equal(body.code, 'PAYLOAD_TOO_LARGE');
    assert.equal(body.requestId, response.headers['x-request-id']);
    assert.match(response.headers.connection ?? '', /close/i);
    assert.equal(await conn.waitClosed(5000), true, 'the server closes the connection');
  } finally {
    conn.close();
  }
});

test('a chunked body that grows over MAX_BODY_BYTES is cut with 413', async () => {
  const conn = await connect(server.port);
  try {
    await conn.write('POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      'Transfer-Encoding: chunked\r\n\r\n');
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const framed = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    // 20 x 64 KiB = 1.25 MiB, over the 1 MiB default; stop writing once the server answered.
    for (let i = 0; i < 20 && conn.buffer.length === 0 && !conn.closed; i++) {
      await conn.write(framed).catch(() => {});
    }
    const response = await conn.readResponse();
    assert.equal(response.status, 413);
    assert.equal(checkRaw('POST', '/healthz', response).code, 'PAYLOAD_TOO_LARGE');
    assert.equal(await conn.waitClosed(5000), true, 'the server closes the connection');
  } finally {
    conn.close();
  }
});

test('a body just under MAX_BODY_BYTES is read and the request routed', async () => {
  // With no route taking a body, routing is what answers: 405 proves the body was accepted.
  const res = await call(server.url, 'POST', '/healthz', {
    body: JSON.stringify({ pad: 'x'.repeat(1024 * 1024 - 100) }),
    headers: { 'content-type': 'application/json' },
  });
  assertProblem(res, 405, 'METHOD_NOT_ALLOWED');
});

// No route reads a request body yet; every route parses a JSON body when one is sent, so a
// GET with a body exercises the checks. (fetch refuses GET bodies: the raw client sends them.)
async function sendBody(contentType, body, { id = 'body-check' } = {}) {
  const conn = await connect(server.port);
  const typeLine = contentType === undefined ? '' : `Content-Type: ${contentType}\r\n`;
  await conn.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: ${id}\r\n${typeLine}` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  return { conn, response: await conn.readResponse() };
}

test('a body that is not JSON is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
  for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp', undefined]) {
    const { conn, response } = await sendBody(contentType, '{"a":1}');
    try {
      assert.equal(response.status, 415, `Content-Type: ${contentType}`);
      const body = checkRaw('GET', '/healthz', response);
      assert.equal(body.code, 'UNSUPPORTED_MEDIA_TYPE');
      assert.equal(body.requestId, 'body-check');
    } finally {
      conn.close();
    }
  }
});

test('a JSON body with a JSON media type and parameters is accepted', async () => {
  for (const contentType of ['application/json', 'application/json; charset=utf-8', 'Application/JSON',
    'application/merge-patch+json']) {
    const { conn, response } = await sendBody(contentType, '{"a":[1,2,{"b":null}]}');
    try {
      assert.equal(response.status, 200, `Content-Type: ${contentType}: ${response.text}`);
      assert.deepEqual(checkRaw('GET', '/healthz', response), { status: 'ok' });
    } finally {
      conn.close();
    }
  }
});

test('malformed JSON is 400 MALFORMED_JSON with the line and column in the detail', async () => {
  const { conn, response } = await sendBody('application/json', '{\n  "a": 1,\n  "b": tru\n}');
  try {
    assert.equal(response.status, 400);
    const body = checkRaw('GET', '/healthz', response);
    assert.equal(body.code, 'MALFORMED_JSON');
    assert.match(body.detail, /line 3, column \d+/);
    assert.doesNotMatch(body.detail, /boost|json::|parser/i, 'no library internals');

    // A bad body is the client's mistake, not a broken stream: the connection stays usable.
    await conn.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.equal((await conn.readResponse()).status, 200);
  } finally {
    conn.close();
  }
});

test('truncated JSON and trailing garbage are 400 MALFORMED_JSON too', async () => {
  for (const [text, position] of [['{"a":', /line 1, column \d+/], ['{"a":1} extra', /line 1, column \d+/],
    ['\n\n[1,2,,3]', /line 3, column \d+/]]) {
    const { conn, response } = await sendBody('application/json', text);
    try {
      assert.equal(response.status, 400, JSON.stringify(text));
      const body = checkRaw('GET', '/healthz', response);
      assert.equal(body.code, 'MALFORMED_JSON');
      assert.match(body.detail, position, JSON.stringify(text));
    } finally {
      conn.close();
    }
  }
});

test('a header block over 16 KiB is 431 and the connection is closed', async () => {
  const conn = await connect(server.port);
  try {
    await conn.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    const response = await conn.readResponse();
    assert.equal(response.status, 431);
    assert.equal(checkRaw('GET', '/healthz', response).code, 'HEADERS_TOO_LARGE');
    assert.equal(await conn.waitClosed(5000), true, 'the server closes the connection');
  } finally {
    conn.close();
  }
});

test('a problem carries only the documented members', async () => {
  const res = await call(server.url, 'GET', '/nope');
  const members = Object.keys(res.body).sort();
  assert.deepEqual(members, ['code', 'detail', 'requestId', 'status', 'title', 'type']);
});
