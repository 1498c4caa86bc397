// A session lives no longer than its login. A client that keeps its Socket.IO connection (or its
// access token) after the login ended must stop getting anything: logout and refresh-token reuse
// end the login's sockets on every process, a socket whose token expires is ended unless it hands
// over a fresh token, a role change or a deleted account takes effect at once on REST and sockets,
// and a spent refresh token racing itself gets one successor, never two.
//
// Three processes share the database: `a` and `b` share Redis (the event relay carries
// revocations), `c` has no REDIS_URL (its relay is PostgreSQL's, which `a` does not publish to, so
// only its poll of session_revocations tells it) and gives 5 s access tokens.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';

import { io } from 'socket.io-client';
import WebSocket from 'ws';

import { assertProblem, call } from './support/assert.js';
import { authEnv, jwtPayload, login, signJwt } from './support/auth.js';
import { checkSocketAck, checkSocketEvent } from './support/openapi.js';
import { startServer } from './support/server.js';
import { openShop, sql, unique } from './support/shop.js';
import { once } from './support/sockets.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const adminPhone = `+9197${String(crypto.randomInt(0, 1e8)).padStart(8, '0')}`;
const shortTtl = 5;
const connectTimeoutMs = 3000;

let a;
let b;
let c;
let admin; // a's admin login
const opened = new Set();

function env(extra = {}) {
  return authEnv({ OTP_RESEND_SECONDS: 0, OTP_PER_PHONE_PER_HOUR: 1000, ADMIN_PHONES: adminPhone,
    REFRESH_GRACE_SECONDS: 1, SIO_CONNECT_TIMEOUT_MS: connectTimeoutMs, ...extra });
}

before(async () => {
  [a, b, c] = await Promise.all([
    startServer({ env: env() }),
    startServer({ env: env() }),
    startServer({ env: env({ REDIS_URL: undefined, ACCESS_TOKEN_TTL_SECONDS: shortTtl }) }),
  ]);
  admin = await login(a, { phone: adminPhone });
  assert.equal(admin.user.role, 'admin');
});

after(async () => {
  for (const socket of opened) socket.disconnect();
  for (const server of [a, b, c]) if (server) assert.equal(await server.stop(), 0);
});

/** A connected socket.io-client socket with `token`, recording every event it gets. */
async function socketOf(server, token, transports = ['websocket']) {
  const socket = io(server.url, { forceNew: true, reconnection: false, timeout: 5000, transports, auth: { token } });
  opened.add(socket);
  socket.seen = [];
  socket.onAny((event, payload) => socket.seen.push({ event, payload }));
  socket.on('disconnect', (reason) => { socket.disconnectReason = reason; });
  await once(socket, 'connect');
  return socket;
}

/** Resolves to the session_ended payload and the disconnect reason of `socket` (whenever they came). */
async function ended(socket, ms = 5000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const event = socket.seen.find((e) => e.event === 'session_ended');
    if (event && socket.disconnectReason) {
      checkSocketEvent('session_ended', event.payload);
      return { payload: event.payload, reason: socket.disconnectReason };
    }
    assert.ok(Date.now() < deadline, `no session_ended and disconnect within ${ms} ms: ${JSON.stringify(socket.seen)}`);
    await sleep(20);
  }
}

async function refresh(server, refreshToken) {
  return call(server.url, 'POST', '/api/v1/auth/refresh', { body: { refreshToken } });
}

/** Credits the user's wallet through `a`, so that their sockets get wallet_update. */
async function credit(userId) {
  const res = await call(a.url, 'POST', '/api/v1/admin/wallet/adjustments', {
    token: admin.accessToken,
    body: { user: userId, amount: 1, reason: 'session test' },
    headers: { 'idempotency-key': crypto.randomUUID() },
  });
  assert.equal(res.status, 201, res.text);
}

const eventsNamed = (socket, name) => socket.seen.filter((e) => e.event === name);

test('logout ends the login\'s sockets (session_ended, then DISCONNECT) and they get nothing more', async () => {
  const first = await login(a);
  const second = await login(a, { phone: first.user.phoneNumber }); // another device of the same user
  const ws = await socketOf(a, first.accessToken, ['websocket']);
  const polling = await socketOf(a, first.accessToken, ['polling']);
  const other = await socketOf(a, second.accessToken);

  const res = await call(a.url, 'POST', '/api/v1/auth/logout', { token: first.accessToken });
  assert.equal(res.status, 204, res.text);
  for (const socket of [ws, polling]) {
    const { payload, reason } = await ended(socket);
    assert.deepEqual(payload, { reason: 'logged_out', code: 'TOKEN_REVOKED' });
    assert.equal(reason, 'io server disconnect');
  }

  // The other login of the same user is untouched and still gets the user's events; the ended
  // sockets get none, even if the client were to keep its connection.
  const arrival = once(other, 'wallet_update');
  await credit(first.user._id);
  await arrival;
  assert.ok(other.connected);
  assert.deepEqual(eventsNamed(ws, 'wallet_update'), []);
  assert.deepEqual(eventsNamed(polling, 'wallet_update'), []);
  assertProblem(await call(a.url, 'GET', '/api/v1/users/profile', { token: first.accessToken }), 401, 'TOKEN_REVOKED');
  assert.equal((await call(a.url, 'GET', '/api/v1/users/profile', { token: second.accessToken })).status, 200);
});

test('a client that ignores the DISCONNECT cannot keep its Engine.IO session', async () => {
  const session = await login(a);
  // A raw Engine.IO client that answers pings and otherwise does what it likes.
  const ws = new WebSocket(`${a.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
  const messages = [];
  ws.on('message', (data) => {
    const text = data.toString();
    messages.push(text);
    if (text === '2') ws.send('3');
  });
  const closed = new Promise((resolve) => ws.on('close', resolve));
  await once(ws, 'open');
  const waitFor = async (predicate) => {
    const deadline = Date.now() + 5000;
    while (!predicate()) {
      assert.ok(Date.now() < deadline, `not seen: ${JSON.stringify(messages)}`);
      await sleep(20);
    }
  };
  ws.send(`40${JSON.stringify({ token: session.accessToken })}`);
  await waitFor(() => messages.some((m) => m.startsWith('40{"sid"')));
  assert.equal((await call(a.url, 'POST', '/api/v1/auth/logout', { token: session.accessToken })).status, 204);
  await waitFor(() => messages.includes('41'));
  const endedAt = messages.findIndex((m) => m.startsWith('42["session_ended"'));
  assert.ok(endedAt >= 0 && endedAt < messages.indexOf('41'), 'session_ended comes before the DISCONNECT');
  // Connecting the namespace again with the revoked token is refused, and the bare session is
  // closed by the server after the connect timeout, however well the client answers pings.
  ws.send(`40${JSON.stringify({ token: session.accessToken })}`);
  await waitFor(() => messages.includes('44{"message":"unauthorized"}'));
  await Promise.race([closed, sleep(connectTimeoutMs + 10_000).then(() => assert.fail('the session was kept'))]);
  assert.equal(messages.filter((m) => m.startsWith('42')).length, 1, 'nothing but session_ended was sent');
});

test('refresh-token reuse ends the login\'s sockets with reason revoked', async () => {
  const session = await login(a);
  const socket = await socketOf(a, session.accessToken);
  const rotated = await refresh(a, session.refreshToken);
  assert.equal(rotated.status, 200, rotated.text);
  const rotatedSocket = await socketOf(a, rotated.body.accessToken);
  await sleep(1300); // past a's 1 s grace window: the old token is now a stolen one
  assertProblem(await refresh(a, session.refreshToken), 401, 'REFRESH_TOKEN_REUSED');
  for (const s of [socket, rotatedSocket]) {
    const { payload, reason } = await ended(s);
    assert.deepEqual(payload, { reason: 'revoked', code: 'TOKEN_REVOKED' });
    assert.equal(reason, 'io server disconnect');
  }
  await credit(session.user._id);
  await sleep(300);
  assert.deepEqual(eventsNamed(socket, 'wallet_update'), []);
  assert.deepEqual(eventsNamed(rotatedSocket, 'wallet_update'), []);
});

test('logout through one process ends the sockets held by the others (relay and poll)', async () => {
  const session = await login(a);
  const onB = await socketOf(b, session.accessToken); // b hears it through the relay (Redis)
  const onC = await socketOf(c, session.accessToken); // c only through its poll of the table
  assert.equal((await call(a.url, 'POST', '/api/v1/auth/logout', { token: session.accessToken })).status, 204);
  for (const s of [onB, onC]) {
    const { payload, reason } = await ended(s);
    assert.deepEqual(payload, { reason: 'logged_out', code: 'TOKEN_REVOKED' });
    assert.equal(reason, 'io server disconnect');
  }
  for (const server of [b, c]) {
    assertProblem(await call(server.url, 'GET', '/api/v1/users/profile', { token: session.accessToken }), 401,
      'TOKEN_REVOKED');
  }
});

test('a socket whose token expires is ended with token_expired; `authenticate` with a fresh token keeps it', async () => {
  const other = await login(c);
  const session = await login(c);
  const expiring = await socketOf(c, session.accessToken);
  const kept = await socketOf(c, session.accessToken, ['polling']);
  const exp = jwtPayload(session.accessToken).exp;

  await sleep(2000); // so that the fresh token expires (whole seconds) at least 2 s after the first
  const fresh = await refresh(c, session.refreshToken);
  assert.equal(fresh.status, 200, fresh.text);
  const ack = await kept.timeout(3000).emitWithAck('authenticate', { token: fresh.body.accessToken });
  checkSocketAck('authenticate', ack);
  assert.equal(ack.ok, true, JSON.stringify(ack));
  assert.equal(Date.parse(ack.expiresAt) / 1000, jwtPayload(fresh.body.accessToken).exp);
  assert.ok(jwtPayload(fresh.body.accessToken).exp >= exp + 2);

  // Hostile hand-overs are refused in the ack and change nothing.
  for (const token of ['not-a-jwt', other.accessToken, undefined]) {
    const refused = await kept.timeout(3000).emitWithAck('authenticate', { token });
    checkSocketAck('authenticate', refused);
    assert.equal(refused.ok, false);
    assert.equal(refused.error.code, 'TOKEN_INVALID');
  }

  const { payload, reason } = await ended(expiring, (shortTtl + 5) * 1000);
  assert.deepEqual(payload, { reason: 'token_expired', code: 'TOKEN_EXPIRED' });
  assert.equal(reason, 'io server disconnect');
  while (Date.now() / 1000 < exp + 1) await sleep(100);
  assert.ok(kept.connected, 'the socket that handed over a fresh token outlives the first one');
  assert.deepEqual(eventsNamed(kept, 'session_ended'), []);
  // ...until its new token expires in turn.
  const last = await ended(kept, (shortTtl + 5) * 1000);
  assert.equal(last.payload.reason, 'token_expired');
});

test('a merchant demoted by an admin can no longer write their store with the token they hold', async () => {
  const shop = await openShop(a);
  const merchant = await login(a);
  const promoted = await call(a.url, 'PUT', `/api/v1/admin/users/${merchant.user._id}/role`,
    { token: admin.accessToken, body: { role: 'merchant' } });
  assert.equal(promoted.status, 200, promoted.text);
  // The token from before the promotion is stale; its refresh carries the new role.
  assertProblem(await call(a.url, 'GET', '/api/v1/users/profile', { token: merchant.accessToken }), 401, 'TOKEN_STALE');
  const asMerchant = await refresh(a, merchant.refreshToken);
  assert.equal(asMerchant.status, 200, asMerchant.text);
  assert.equal(jwtPayload(asMerchant.body.accessToken).role, 'merchant');
  const token = asMerchant.body.accessToken;
  const created = await call(a.url, 'POST', '/api/v1/stores', {
    token,
    body: {
      name: `Demoted store ${unique()}`,
      category: shop.groceries,
      location: { address: '1 MG Road', city: 'Bengaluru', pincode: '560001', coordinates: [77.61, 12.97] },
    },
  });
  assert.equal(created.status, 201, created.text);
  const store = created.body._id;
  assert.equal((await call(a.url, 'PUT', `/api/v1/stores/${store}`, { token, body: { description: 'open' } })).status,
    200);
  const onB = await socketOf(b, token);

  const demoted = await call(a.url, 'PUT', `/api/v1/admin/users/${merchant.user._id}/role`,
    { token: admin.accessToken, body: { role: 'user' } });
  assert.equal(demoted.status, 200, demoted.text);
  assertProblem(await call(a.url, 'PUT', `/api/v1/stores/${store}`, { token, body: { description: 'still mine' } }),
    401, 'TOKEN_STALE');
  assertProblem(await call(b.url, 'PUT', `/api/v1/stores/${store}`, { token, body: { description: 'still mine' } }),
    401, 'TOKEN_STALE');
  const { payload } = await ended(onB);
  assert.deepEqual(payload, { reason: 'role_changed', code: 'TOKEN_REVOKED' });

  const asUser = await refresh(a, asMerchant.body.refreshToken);
  assert.equal(asUser.status, 200, asUser.text);
  assert.equal(jwtPayload(asUser.body.accessToken).role, 'user');
  assertProblem(await call(a.url, 'PUT', `/api/v1/stores/${store}`,
    { token: asUser.body.accessToken, body: { description: 'still mine' } }), 403, 'FORBIDDEN');
});

test('a role changed outside the API (superapp admin grant, SQL) takes effect on every process too', async () => {
  const session = await login(a);
  const onA = await socketOf(a, session.accessToken);
  await sql(`UPDATE users SET role = 'merchant' WHERE id = '${session.user._id}'`);
  const { payload } = await ended(onA);
  assert.equal(payload.reason, 'role_changed');
  assertProblem(await call(a.url, 'GET', '/api/v1/users/profile', { token: session.accessToken }), 401, 'TOKEN_STALE');
});

test('a deleted account\'s tokens and sockets stop at once', async () => {
  const session = await login(a);
  const onB = await socketOf(b, session.accessToken);
  await sql(`DELETE FROM wallets WHERE user_id = '${session.user._id}'; DELETE FROM users WHERE id = '${session.user._id}'`);
  const { payload } = await ended(onB);
  assert.deepEqual(payload, { reason: 'account_deleted', code: 'TOKEN_REVOKED' });
  // b learnt it from the table (nothing published it); so does every process, within its poll.
  assertProblem(await call(b.url, 'GET', '/api/v1/wallet/balance', { token: session.accessToken }), 401, 'TOKEN_STALE');
  assertProblem(await refresh(a, session.refreshToken), 401, 'REFRESH_TOKEN_INVALID');
});

test('access tokens without the login\'s family and session version are refused', async () => {
  const session = await login(a);
  const { fid, ver, ...claims } = jwtPayload(session.accessToken);
  assert.equal(typeof fid, 'string');
  assert.equal(ver, 0);
  for (const forged of [signJwt(claims), signJwt({ ...claims, fid }), signJwt({ ...claims, ver })]) {
    assertProblem(await call(a.url, 'GET', '/api/v1/users/profile', { token: forged }), 401, 'TOKEN_INVALID');
  }
});

test('a spent refresh token racing itself gets the same successor, never a second live one', async () => {
  const session = await login(a);
  const [first, second, third] = await Promise.all([refresh(a, session.refreshToken),
    refresh(a, session.refreshToken), refresh(a, session.refreshToken)]);
  for (const r of [first, second, third]) assert.equal(r.status, 200, r.text);
  assert.equal(second.body.refreshToken, first.body.refreshToken);
  assert.equal(third.body.refreshToken, first.body.refreshToken);
  const fid = jwtPayload(first.body.accessToken).fid;
  assert.equal(jwtPayload(second.body.accessToken).fid, fid);
  assert.equal(await sql(`SELECT count(*) FROM refresh_tokens WHERE family_id = '${fid}'`), '2');
  assert.equal((await refresh(a, first.body.refreshToken)).status, 200);
});
