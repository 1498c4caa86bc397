// Headers every response carries (request id, security headers), CORS, HEAD and OPTIONS.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { assertProblem, call } from './support/assert.js';
import { startServer } from './support/server.js';

const allowedOrigin = 'https://app.example.com';
const otherOrigin = 'https://evil.example.net';

let server;
before(async () => {
  server = await startServer({ env: { CORS_ORIGINS: `${allowedOrigin},https://admin.example.com` } });
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

const varyOf = (res) => (res.headers.get('vary') ?? '').split(',').map((v) => v.trim().toLowerCase());

// --- request id ------------------------------------------------------------------------

test('a sane incoming X-Request-Id is echoed on the response, in the problem and in the access log', async () => {
  const id = 'client-42.retry:3_A';
  const ok = await call(server.url, 'GET', '/healthz', { headers: { 'x-request-id': id } });
  assert.equal(ok.headers.get('x-request-id'), id);
  const line = await server.waitForLog((l) => l.msg === 'request' && l.requestId === id);
  assert.equal(line.method, 'GET');
  assert.equal(line.path, '/healthz');
  assert.equal(line.status, 200);
  assert.equal(typeof line.us, 'number');
  assert.equal(typeof line.bytes, 'number');

  const notFound = await call(server.url, 'GET', '/nope', { headers: { 'x-request-id': 'trace-404' } });
  assert.equal(assertProblem(notFound, 404, 'NOT_FOUND').requestId, 'trace-404');
});

test('a request without X-Request-Id gets a new 24-hex id, different each time', async () => {
  const ids = new Set();
  for (let i = 0; i < 5; i++) {
    const res = await call(server.url, 'GET', '/healthz');
    const id = res.headers.get('x-request-id');
    assert.match(id, /^[0-9a-f]{24}$/);
    ids.add(id);
  }
  assert.equal(ids.size, 5);
});

test('an unsafe or oversized X-Request-Id is replaced with a new one', async () => {
  for (const bad of ['has space', 'semi;colon', '<script>', 'a'.repeat(129), 'slash/inside', 'quote"d']) {
    const res = await call(server.url, 'GET', '/healthz', { headers: { 'x-request-id': bad } });
    const id = res.headers.get('x-request-id');
    assert.notEqual(id, bad);
    assert.match(id, /^[0-9a-f]{24}$/, `replacement for ${JSON.stringify(bad)}`);
  }
  const longest = 'b'.repeat(128);
  const res = await call(server.url, 'GET', '/healthz', { headers: { 'x-request-id': longest } });
  assert.equal(res.headers.get('x-request-id'), longest, '128 characters is still sane');
});

// --- security headers --------------------------------------------------------------------

function assertSecurityHeaders(res, label) {
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', label);
  assert.equal(res.headers.get('x-frame-options'), 'DENY', label);
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer', label);
  assert.ok(res.headers.get('content-security-policy'), `${label}: has a Content-Security-Policy`);
}

test('security headers are on every response, successes and errors alike', async () => {
  const cases = [['GET', '/healthz'], ['GET', '/readyz'], ['GET', '/metrics'], ['GET', '/nope'],
    ['POST', '/healthz'], ['GET', '/api/v1/openapi.yaml'], ['BREW', '/healthz']];
  for (const [method, path] of cases) {
    const res = await call(server.url, method, path);
    assertSecurityHeaders(res, `${method} ${path}`);
    assert.match(res.headers.get('x-request-id') ?? '', /^[A-Za-z0-9._:-]{1,128}$/, `${method} ${path}`);
  }
});

test('API responses carry the restrictive Content-Security-Policy', async () => {
  for (const path of ['/healthz', '/nope', '/api/v1/openapi.yaml']) {
    const res = await call(server.url, 'GET', path);
    assert.equal(res.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'", path);
  }
});

test('Strict-Transport-Security is sent only when the request came over https', async () => {
  const plain = await call(server.url, 'GET', '/healthz');
  assert.equal(plain.headers.get('strict-transport-security'), null);
  const proxied = await call(server.url, 'GET', '/healthz', { headers: { 'x-forwarded-proto': 'https' } });
  assert.match(proxied.headers.get('strict-transport-security') ?? '', /^max-age=\d{7,}/);
  const http = await call(server.url, 'GET', '/healthz', { headers: { 'x-forwarded-proto': 'http' } });
  assert.equal(http.headers.get('strict-transport-security'), null);
});

// --- CORS ---------------------------------------------------------------------------------

test('a preflight from an allowed origin gets 204 with the CORS grants', async () => {
  const res = await call(server.url, 'OPTIONS', '/healthz', {
    headers: {
      origin: allowedOrigin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });
  assert.equal(res.status, 204);
  assert.equal(res.text, '');
  assert.equal(res.headers.get('access-control-allow-origin'), allowedOrigin);
  const methods = res.headers.get('access-control-allow-methods').split(',').map((m) => m.trim());
  for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) assert.ok(methods.includes(m), `allows ${m}`);
  const allowedHeaders = res.headers.get('access-control-allow-headers').toLowerCase();
  assert.match(allowedHeaders, /authorization/);
  assert.match(allowedHeaders, /content-type/);
  assert.ok(Number(res.headers.get('access-control-max-age')) > 0, 'a positive Max-Age');
  const vary = varyOf(res);
  assert.ok(vary.includes('origin'), 'Vary: Origin');
  assert.deepEqual(vary, [...new Set(vary)], 'each Vary field is named once');
  assertSecurityHeaders(res, 'preflight');
});

test('a preflight from the second listed origin is allowed too', async () => {
  const res = await call(server.url, 'OPTIONS', '/api/v1/openapi.yaml', {
    headers: { origin: 'https://admin.example.com', 'access-control-request-method': 'GET' },
  });
  assert.equal(res.status, 204);
  assert.equal(res.headers.get('access-control-allow-origin'), 'https://admin.example.com');
});

test('a refused origin gets 403 CORS_ORIGIN_REFUSED on preflight and no CORS grants', async () => {
  for (const origin of [otherOrigin, 'https://app.example.com.evil.net', 'http://app.example.com', 'null']) {
    const res = await call(server.url, 'OPTIONS', '/healthz', {
      headers: { origin, 'access-control-request-method': 'GET' },
    });
    assertProblem(res, 403, 'CORS_ORIGIN_REFUSED');
    assert.equal(res.headers.get('access-control-allow-origin'), null, origin);
    assert.equal(res.headers.get('access-control-allow-methods'), null, origin);
  }
});

test('a preflight to a path that does not exist is 404, not a CORS grant', async () => {
  const res = await call(server.url, 'OPTIONS', '/no/such/path', {
    headers: { origin: allowedOrigin, 'access-control-request-method': 'GET' },
  });
  assertProblem(res, 404, 'NOT_FOUND');
  assert.equal(res.headers.get('access-control-allow-methods'), null);
});

test('a simple request from the allowed origin gets Access-Control-Allow-Origin and Vary: Origin', async () => {
  const res = await call(server.url, 'GET', '/healthz', { headers: { origin: allowedOrigin } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), allowedOrigin);
  assert.deepEqual(varyOf(res), ['origin']);
  const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase();
  assert.match(exposed, /x-request-id/, 'the app can read X-Request-Id');

  const problem = await call(server.url, 'GET', '/nope', { headers: { origin: allowedOrigin } });
  assert.equal(problem.headers.get('access-control-allow-origin'), allowedOrigin, 'errors are readable too');
});

test('a simple request from another origin gets no CORS headers', async () => {
  const res = await call(server.url, 'GET', '/healthz', { headers: { origin: otherOrigin } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
  assert.equal(res.headers.get('access-control-expose-headers'), null);
});

// --- HEAD and OPTIONS ------------------------------------------------------------------------

test('HEAD answers with the GET headers, Content-Length included, and no body', async () => {
  for (const path of ['/healthz', '/api/v1/openapi.yaml', '/docs/init.js']) {
    const headers = { 'accept-encoding': 'identity' };
    const get = await call(server.url, 'GET', path, { headers });
    const head = await call(server.url, 'HEAD', path, { headers });
    assert.equal(head.status, 200, path);
    assert.equal(head.text, '', `${path}: no body`);
    assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(get.text)), `${path}: Content-Length`);
    assert.equal(head.headers.get('content-type'), get.headers.get('content-type'), path);
    assert.equal(head.headers.get('etag'), get.headers.get('etag'), path);
    assertSecurityHeaders(head, `HEAD ${path}`);
  }
});

test('HEAD on an unknown path is 404 without a body', async () => {
  const res = await call(server.url, 'HEAD', '/nope');
  assert.equal(res.status, 404);
  assert.equal(res.text, '');
  assert.ok(res.headers.get('x-request-id'));
});

test('OPTIONS on a known path answers 204 with Allow', async () => {
  for (const path of ['/healthz', '/docs/init.js', '/api/openapi.yaml']) {
    const res = await call(server.url, 'OPTIONS', path);
    assert.equal(res.status, 204, path);
    assert.equal(res.text, '');
    assert.equal(res.headers.get('allow'), 'GET, HEAD, OPTIONS', path);
    assertSecurityHeaders(res, `OPTIONS ${path}`);
  }
});

test('OPTIONS on an unknown path is 404', async () => {
  assertProblem(await call(server.url, 'OPTIONS', '/nope'), 404, 'NOT_FOUND');
});
