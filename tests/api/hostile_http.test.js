// Request smuggling and other framing attacks over raw sockets (RFC 9112 sections 2.2, 3.2, 5 and
// 6): a request whose body length a proxy in front could read differently is answered 400 and the
// connection closed, so that what follows it on the connection never runs as a request. Valid
// chunked bodies and keep-alive still work.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { checkRaw } from './support/assert.js';
import { connect } from './support/raw.js';
import { startServer } from './support/server.js';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

const smuggledPath = '/api/v1/nonexistent-smuggled';
const smuggled = `GET ${smuggledPath} HTTP/1.1\r\nHost: x\r\n\r\n`;

// Sends `bytes` and checks the one answer: a 400 problem (or `status`) naming `field` when given,
// with Connection: close, and then the connection closed with nothing more sent.
async function refused(what, bytes, { status = 400, field, path = '/api/v1/auth/send-otp', method = 'POST' } = {}) {
  const conn = await connect(server.port);
  try {
    await conn.write(bytes).catch(() => {}); // the server may close before it has read everything
    const response = await conn.readResponse();
    assert.equal(response.status, status, `${what}: ${response.text}`);
    const problem = checkRaw(method, path, response);
    if (status === 400) assert.equal(problem.code, 'BAD_REQUEST', what);
    if (field) assert.deepEqual(problem.errors?.map((e) => e.field), [field], `${what}: ${JSON.stringify(problem)}`);
    if (response.version === 'HTTP/1.1') {
      assert.match(response.headers.connection ?? '', /close/i, `${what}: the answer says the connection closes`);
    }
    assert.equal(await conn.waitClosed(5000), true, `${what}: the connection is closed`);
    assert.equal(conn.text, '', `${what}: one answer only, the smuggled request got none`);
  } finally {
    conn.close();
  }
}

// A POST whose header holds `fields` (CRLF-separated lines), then `body`, then a smuggled request.
const attack = (fields, body = '', version = 'HTTP/1.1') =>
  `POST /api/v1/auth/send-otp ${version}\r\nHost: x\r\nContent-Type: application/json\r\n${fields}\r\n${body}${smuggled}`;

function assertNeverRan() {
  assert.equal(server.findLog((j) => j.msg === 'request' && j.path === smuggledPath), undefined,
    'the smuggled request never ran');
}

test('Transfer-Encoding other than exactly chunked is refused and the connection closed', async () => {
  const codings = ['gzip', 'identity', 'chunked, identity', 'chunked, chunked', 'gzip, chunked', 'x-unknown', ''];
  for (const coding of codings) {
    await refused(`Transfer-Encoding: ${coding}`, attack(`Transfer-Encoding: ${coding}\r\n`, '0\r\n\r\n'),
      { field: 'Transfer-Encoding' });
  }
  await refused('a chunked with a parameter', attack('Transfer-Encoding: chunked;ext=1\r\n', '0\r\n\r\n'));
  await refused('Transfer-Encoding in two fields', attack('Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n',
    '0\r\n\r\n'), { field: 'Transfer-Encoding' });
  await refused('Transfer-Encoding on HTTP/1.0', attack('Transfer-Encoding: chunked\r\n', '0\r\n\r\n', 'HTTP/1.0'),
    { field: 'Transfer-Encoding' });
  assertNeverRan();
});

test('Transfer-Encoding with Content-Length is refused whichever comes first', async () => {
  await refused('TE then CL', attack('Transfer-Encoding: chunked\r\nContent-Length: 5\r\n', '0\r\n\r\n'));
  await refused('gzip then CL', attack('Transfer-Encoding: gzip\r\nContent-Length: 5\r\n', 'abcde'),
    { field: 'Transfer-Encoding' });
  await refused('CL then TE', attack('Content-Length: 5\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n'));
  assertNeverRan();
});

test('a Content-Length that is not one decimal number in one field is refused', async () => {
  for (const fields of ['Content-Length: 5, 5\r\n', 'Content-Length: 5\r\nContent-Length: 5\r\n',
    'Content-Length: 5\r\nContent-Length: 6\r\n', 'Content-Length: 1, 2\r\n', 'Content-Length: +5\r\n',
    'Content-Length: 5 5\r\n', 'Content-Length: 0x5\r\n']) {
    await refused(JSON.stringify(fields), attack(fields, 'abcde'));
  }
  assertNeverRan();
});

test('obs-fold, whitespace before a colon, bare CR or LF and control characters are refused', async () => {
  const cases = [
    ['obs-fold', 'X-Note: a\r\n b\r\n', 'header'],
    ['obs-fold hiding Transfer-Encoding', 'X-Note: a\r\n Transfer-Encoding: chunked\r\n', 'header'],
    ['whitespace before the colon', 'Transfer-Encoding : chunked\r\n'],
    ['a bare LF', 'X-Note: a\nContent-Length: 5\r\n'],
    ['a bare CR', 'X-Note: a\rContent-Length: 5\r\n'],
    ['a NUL', 'X-Note: a\0b\r\n'],
    ['an escape', 'X-Note: a\x1bb\r\n'],
    ['DEL', 'X-Note: a\x7fb\r\n'],
  ];
  for (const [what, fields, field] of cases) await refused(what, attack(fields), { field });
  assertNeverRan();
});

test('HTTP/1.1 without Host, with two, or with an invalid one is refused', async () => {
  const line = `GET /healthz HTTP/1.1\r\n`;
  await refused('no Host', `${line}\r\n${smuggled}`, { method: 'GET', path: '/healthz', field: 'Host' });
  await refused('two Hosts', `${line}Host: a\r\nHost: b\r\n\r\n${smuggled}`,
    { method: 'GET', path: '/healthz', field: 'Host' });
  for (const host of ['a b', 'user@x', 'x:80x', '[::1']) {
    await refused(`Host: ${host}`, `${line}Host: ${host}\r\n\r\n${smuggled}`,
      { method: 'GET', path: '/healthz', field: 'Host' });
  }
  assertNeverRan();
});

test('an HTTP/1.0 request without Host is still answered', async () => {
  const conn = await connect(server.port);
  try {
    await conn.write('GET /healthz HTTP/1.0\r\n\r\n');
    assert.equal((await conn.readResponse()).status, 200);
  } finally {
    conn.close();
  }
});

test('a chunk line or trailer that never ends, and a huge chunk size, are refused', async () => {
  const te = 'Transfer-Encoding: chunked\r\n';
  await refused('a 100 KB chunk extension', attack(te, `1;${'e'.repeat(100_000)}\r\nx\r\n0\r\n\r\n`));
  await refused('a 60 KB trailer field', attack(te, `0\r\nX-Trailer: ${'t'.repeat(60_000)}\r\n\r\n`));
  await refused('a chunk size over 64 bits', attack(te, 'fffffffffffffffffffff\r\n'));
  await refused('a chunk over the body limit', attack(te, 'ffffffff\r\n'), { status: 413 });
  assertNeverRan();
  const res = await fetch(`${server.url}/healthz`);
  assert.equal(res.status, 200, 'the server is still up');
});

test('uploads and Socket.IO are covered the same way', async () => {
  await refused('an upload route', 'POST /api/v1/videos HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n' +
    smuggled, { path: '/api/v1/videos', field: 'Transfer-Encoding' });
  const sio = '/socket.io/?EIO=4&transport=polling';
  const conn = await connect(server.port);
  try {
    await conn.write(`POST ${sio} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n${smuggled}`);
    const response = await conn.readResponse();
    assert.equal(response.status, 400);
    assert.equal(JSON.parse(response.text).code, 'BAD_REQUEST', 'the platform refused it, not Engine.IO');
    assert.equal(await conn.waitClosed(5000), true);
    assert.equal(conn.text, '');
  } finally {
    conn.close();
  }
  assertNeverRan();
});

test('a valid chunked body is read and the connection kept for the next request', async () => {
  const conn = await connect(server.port);
  try {
    const body = '{"phoneNumber": "12"}';
    await conn.write('POST /api/v1/auth/send-otp HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Transfer-Encoding: chunked\r\n\r\n5;note=1\r\n${body.slice(0, 5)}\r\n${(body.length - 5).toString(16)}\r\n` +
      `${body.slice(5)}\r\n0\r\nX-Trailer: ok\r\n\r\n` +
      'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    const first = await conn.readResponse();
    const problem = checkRaw('POST', '/api/v1/auth/send-otp', first);
    assert.equal(first.status, 422, first.text);
    assert.deepEqual(problem.errors.map((e) => e.field), ['phoneNumber'], 'the chunked body was read');
    const second = await conn.readResponse();
    assert.equal(second.status, 200, 'the next request on the kept connection is answered');
    assert.doesNotMatch(second.headers.connection ?? '', /close/i);
  } finally {
    conn.close();
  }
});

test('trailer fields after a chunked body are not read as header fields', async () => {
  const conn = await connect(server.port);
  try {
    await conn.write('POST /api/v1/auth/send-otp HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      'Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-Request-Id: from-the-trailer\r\n\r\n');
    const response = await conn.readResponse();
    checkRaw('POST', '/api/v1/auth/send-otp', response);
    assert.equal(response.status, 422, response.text);
    assert.notEqual(response.headers['x-request-id'], 'from-the-trailer', 'the trailer did not name the request');
  } finally {
    conn.close();
  }
});
