// Response compression (gzip when the client accepts it) and conditional GETs (ETag, 304).
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import zlib from 'node:zlib';

import { call } from './support/assert.js';
import { checkResponse, documentText } from './support/openapi.js';
import { startServer } from './support/server.js';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

// GET with node:http, which (unlike fetch) hands over the bytes as sent: no decompression.
function rawGet(path, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}${path}`, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

const varyOf = (headers) => (headers.vary ?? '').split(',').map((v) => v.trim().toLowerCase());

// --- gzip ---------------------------------------------------------------------------------

test('a large YAML body is gzipped when the client accepts gzip', async () => {
  const res = await rawGet('/api/v1/openapi.yaml', { 'accept-encoding': 'gzip' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-encoding'], 'gzip');
  assert.ok(varyOf(res.headers).includes('accept-encoding'), 'Vary: Accept-Encoding');
  assert.equal(Number(res.headers['content-length']), res.bytes.length);
  assert.ok(res.bytes.length < Buffer.byteLength(documentText), 'the compressed body is smaller');
  const text = zlib.gunzipSync(res.bytes).toString('utf8');
  assert.equal(text, documentText);
  checkResponse('GET', '/api/v1/openapi.yaml', res.status, text, { contentType: res.headers['content-type'] });
});

test('the metrics text is gzipped when accepted among several codings', async () => {
  const res = await rawGet('/metrics', { 'accept-encoding': 'br;q=1.0, gzip;q=0.8, *;q=0.1' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-encoding'], 'gzip');
  const text = zlib.gunzipSync(res.bytes).toString('utf8');
  assert.match(text, /^# HELP /m);
  checkResponse('GET', '/metrics', res.status, text, { contentType: res.headers['content-type'] });
});

test('nothing is gzipped when the client does not accept it', async () => {
  for (const acceptEncoding of [undefined, 'identity', 'gzip;q=0', 'br, deflate']) {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
    const res = await rawGet('/api/v1/openapi.yaml', headers);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], undefined, `Accept-Encoding: ${acceptEncoding}`);
    assert.equal(res.bytes.toString('utf8'), documentText, `Accept-Encoding: ${acceptEncoding}`);
    assert.ok(varyOf(res.headers).includes('accept-encoding'), 'Vary: Accept-Encoding either way');
  }
});

test('a small JSON body is not gzipped even when gzip is accepted', async () => {
  const res = await rawGet('/healthz', { 'accept-encoding': 'gzip' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-encoding'], undefined);
  const body = JSON.parse(res.bytes.toString('utf8'));
  checkResponse('GET', '/healthz', res.status, body, { contentType: res.headers['content-type'] });
  assert.deepEqual(body, { status: 'ok' });
});

test('a PNG is never gzipped', async () => {
  const res = await rawGet('/docs/favicon-32x32.png', { 'accept-encoding': 'gzip' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-encoding'], undefined);
  assert.equal(res.bytes[0], 0x89);
});

test('HEAD with gzip accepted announces the compressed length without a body', async () => {
  const get = await rawGet('/api/v1/openapi.yaml', { 'accept-encoding': 'gzip' });
  const head = await rawGet('/api/v1/openapi.yaml', { 'accept-encoding': 'gzip' }, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.bytes.length, 0);
  assert.equal(head.headers['content-encoding'], 'gzip');
  assert.equal(head.headers['content-length'], String(get.bytes.length));
});

// --- ETag / 304 ------------------------------------------------------------------------------

test('a successful GET carries a weak ETag that is stable while the body is', async () => {
  const a = await call(server.url, 'GET', '/api/v1/openapi.yaml');
  const b = await call(server.url, 'GET', '/api/v1/openapi.yaml', { headers: { 'accept-encoding': 'identity' } });
  assert.match(a.headers.get('etag'), /^W\/"[0-9a-f]{16}"$/);
  assert.equal(b.headers.get('etag'), a.headers.get('etag'), 'the same with or without gzip');
  const health = await call(server.url, 'GET', '/healthz');
  assert.match(health.headers.get('etag'), /^W\/"[0-9a-f]{16}"$/);
  assert.notEqual(health.headers.get('etag'), a.headers.get('etag'), 'a different body, a different tag');
});

test('If-None-Match with the current ETag gets 304 without a body', async () => {
  const first = await call(server.url, 'GET', '/api/v1/openapi.yaml');
  const etag = first.headers.get('etag');
  for (const ifNoneMatch of [etag, etag.slice(2), `W/"0000000000000000", ${etag}`, '*']) {
    const res = await rawGet('/api/v1/openapi.yaml', { 'if-none-match': ifNoneMatch, 'accept-encoding': 'gzip' });
    assert.equal(res.status, 304, `If-None-Match: ${ifNoneMatch}`);
    assert.equal(res.bytes.length, 0);
    assert.equal(res.headers.etag, etag);
    assert.ok(res.headers['x-request-id']);
    checkResponse('GET', '/api/v1/openapi.yaml', 304, '', {});
  }
});

test('If-None-Match with another ETag gets the full 200', async () => {
  const res = await call(server.url, 'GET', '/healthz', { headers: { 'if-none-match': 'W/"0123456789abcdef"' } });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { status: 'ok' });
});

test('HEAD with a matching If-None-Match gets 304', async () => {
  const get = await call(server.url, 'GET', '/healthz');
  const res = await call(server.url, 'HEAD', '/healthz', { headers: { 'if-none-match': get.headers.get('etag') } });
  assert.equal(res.status, 304);
  assert.equal(res.text, '');
});

test('errors carry no ETag and ignore If-None-Match', async () => {
  const res = await call(server.url, 'GET', '/nope', { headers: { 'if-none-match': '*' } });
  assert.equal(res.status, 404);
  assert.equal(res.headers.get('etag'), null);
});
