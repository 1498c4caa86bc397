// CORS on the Socket.IO long-polling transport: a browser app on another origin polls /socket.io/
// under the same CORS_ORIGINS as the HTTP API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from './support/server.js';

const allowedOrigin = 'https://app.example.com';
const otherOrigin = 'https://evil.example.com';
let server;

before(async () => {
  server = await startServer({ env: { CORS_ORIGINS: `${allowedOrigin},https://admin.example.com` } });
});

after(async () => {
  if (server) assert.equal(await server.stop(), 0);
});

const polling = (sid) => `${server.url}/socket.io/?EIO=4&transport=polling${sid ? `&sid=${sid}` : ''}`;

function preflight(origin, method = 'POST') {
  return fetch(polling(), {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' },
  });
}

test('a preflight from an allowed origin is answered with what polling needs', async () => {
  const res = await preflight(allowedOrigin);
  assert.equal(res.status, 204);
  assert.equal(res.headers.get('access-control-allow-origin'), allowedOrigin);
  assert.match(res.headers.get('access-control-allow-methods'), /\bGET\b/);
  assert.match(res.headers.get('access-control-allow-methods'), /\bPOST\b/);
  assert.equal(res.headers.get('access-control-allow-headers'), 'content-type');
  assert.match(res.headers.get('vary'), /Origin/);
});

test('a preflight from another origin is refused', async () => {
  const res = await preflight(otherOrigin);
  assert.equal(res.status, 403);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
});

test('polling from an allowed origin carries the origin on every answer, errors included', async () => {
  const headers = { origin: allowedOrigin };
  const handshake = await fetch(polling(), { headers });
  assert.equal(handshake.status, 200);
  assert.equal(handshake.headers.get('access-control-allow-origin'), allowedOrigin);
  assert.match(handshake.headers.get('vary'), /Origin/);
  const { sid } = JSON.parse((await handshake.text()).slice(1));

  const posted = await fetch(polling(sid), { method: 'POST', headers: { ...headers, 'content-type': 'text/plain' }, body: '40' });
  assert.equal(posted.status, 200);
  assert.equal(posted.headers.get('access-control-allow-origin'), allowedOrigin);
  const answer = await fetch(polling(sid), { headers });
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get('access-control-allow-origin'), allowedOrigin);
  assert.match(await answer.text(), /^44\{"message":"unauthorized"\}/, 'a CONNECT without a token is refused');

  const unknown = await fetch(polling('0'.repeat(22)), { headers });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.headers.get('access-control-allow-origin'), allowedOrigin);
});

test('polling from another origin, or with no origin, gets no CORS header', async () => {
  const other = await fetch(polling(), { headers: { origin: otherOrigin } });
  assert.equal(other.status, 200, 'the server answers; the browser keeps the answer from the page');
  assert.equal(other.headers.get('access-control-allow-origin'), null);
  const none = await fetch(polling());
  assert.equal(none.headers.get('access-control-allow-origin'), null);
});
