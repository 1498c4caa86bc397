// Socket.IO at /socket.io/ with the real socket.io-client: transports, authentication, acks,
// binary, rooms, events published by features, heartbeats, restarts and limits.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import { after, before, test } from 'node:test';

import { io } from 'socket.io-client';
import WebSocket from 'ws';

import { jwtPayload, signJwt, testJwtSecret } from './support/auth.js';
import { startServer } from './support/server.js';
import { signIn, signInEnv } from './support/users.js';
import { call } from './support/assert.js';
import { checkSocketAck, checkSocketEvent } from './support/openapi.js';
import { once } from './support/sockets.js';

// Numbers of this run only: a code was sent to a fixed number moments ago when the file runs again.
const phone = () => `+9199999${String(crypto.randomInt(0, 1e5)).padStart(5, '0')}`;
const phones = { admin: phone(), alice: phone(), bob: phone(), carol: phone() };
const city = `Surat ${crypto.randomBytes(4).toString('hex')}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let server;
const tokens = {};
const opened = new Set();

/** A socket.io-client socket that never reconnects unless asked; closed after each test file. */
function client(url, options = {}) {
  const socket = io(url, { forceNew: true, reconnection: false, timeout: 5000, ...options });
  opened.add(socket);
  return socket;
}

/** A connected socket for `who` over `transports`. */
async function connected(who, options = {}) {
  const socket = client(server.url, { auth: { token: tokens[who] }, ...options });
  await once(socket, 'connect');
  return socket;
}

/** Collects the `event`s a socket receives. */
function collect(socket, event) {
  const seen = [];
  socket.on(event, (payload) => seen.push(payload));
  return seen;
}

/** A raw Engine.IO WebSocket to `url` that records every message. */
async function rawWebSocket(url, path = '/socket.io/') {
  const ws = new WebSocket(`${url.replace('http', 'ws')}${path}?EIO=4&transport=websocket`);
  ws.messages = [];
  ws.on('message', (data, binary) => ws.messages.push(binary ? Buffer.from(data) : data.toString()));
  ws.closed = new Promise((resolve) => ws.on('close', resolve));
  await once(ws, 'open');
  await waitFor(() => ws.messages.length > 0);
  return ws;
}

async function waitFor(predicate, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

before(async () => {
  server = await startServer({
    env: { ...signInEnv(Object.values(phones)), ADMIN_PHONES: phones.admin, JWT_SECRET: testJwtSecret },
  });
  for (const [name, phone] of Object.entries(phones)) tokens[name] = await signIn(server.url, phone);
  const moved = await call(server.url, 'PUT', '/api/v1/users/profile', {
    token: tokens.alice,
    body: { profile: { location: { city } } },
  });
  assert.equal(moved.status, 200, moved.text);
});

after(async () => {
  for (const socket of opened) socket.disconnect();
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

test('connects over websocket only', async () => {
  const socket = await connected('alice', { transports: ['websocket'] });
  assert.equal(socket.io.engine.transport.name, 'websocket');
  assert.match(socket.id, /^[\w-]{20,}$/);
  socket.disconnect();
});

test('connects over long-polling only', async () => {
  const socket = await connected('alice', { transports: ['polling'] });
  assert.equal(socket.io.engine.transport.name, 'polling');
  const ack = await socket.timeout(3000).emitWithAck('subscribe', { video: crypto.randomBytes(12).toString('hex') });
  assert.deepEqual(ack, { ok: true });
  socket.disconnect();
});

test('upgrades from long-polling to websocket and keeps working', async () => {
  const socket = client(server.url, { auth: { token: tokens.alice } });
  const upgraded = once(socket.io, 'open').then(() => once(socket.io.engine, 'upgrade'));
  await once(socket, 'connect');
  const transport = await upgraded;
  assert.equal(transport.name, 'websocket');
  assert.equal(socket.io.engine.transport.name, 'websocket');
  const ack = await socket.timeout(3000).emitWithAck('unsubscribe', { video: crypto.randomBytes(12).toString('hex') });
  assert.deepEqual(ack, { ok: true });
  socket.disconnect();
});

for (const [name, auth] of [
  ['no token', {}],
  ['a malformed token', { token: 'not-a-jwt' }],
  ['a token signed with another secret', { token: forgedToken() }],
]) {
  test(`refuses ${name} with CONNECT_ERROR unauthorized and nothing else`, () => refusedWith(auth));
}

/** Connects with `auth` and expects CONNECT_ERROR unauthorized, then no event and no connection. */
async function refusedWith(auth) {
  const socket = client(server.url, { auth, transports: ['websocket'] });
  const events = [];
  socket.onAny((event) => events.push(event));
  const err = await once(socket, 'connect_error');
  assert.equal(err.message, 'unauthorized');
  await sleep(200);
  assert.equal(socket.connected, false);
  assert.deepEqual(events, []);
  // On the wire: the open packet, then the one CONNECT_ERROR; no CONNECT, no event.
  const ws = await rawWebSocket(server.url);
  ws.send(`40${JSON.stringify(auth)}`);
  await waitFor(() => ws.messages.length > 1);
  await sleep(300);
  assert.deepEqual(ws.messages.slice(1).filter((m) => m !== '2'), ['44{"message":"unauthorized"}']);
  ws.close();
}

test('refuses an expired access token with CONNECT_ERROR unauthorized and nothing else', async () => {
  const now = Math.floor(Date.now() / 1000);
  const claims = jwtPayload(tokens.alice);
  const expired = signJwt({ ...claims, jti: crypto.randomBytes(16).toString('hex'), iat: now - 1000, exp: now - 100 });
  const fresh = signJwt({ ...claims, jti: crypto.randomBytes(16).toString('hex'), iat: now, exp: now + 600 });
  const control = client(server.url, { auth: { token: fresh }, transports: ['websocket'] });
  await once(control, 'connect');  // the same claims, unexpired, are accepted
  control.disconnect();
  await refusedWith({ token: expired });
});

test('refuses an access token revoked by logout with CONNECT_ERROR unauthorized and nothing else', async () => {
  const token = tokens.carol; // used for nothing else
  const before = await connected('alice');  // a bystander
  const accepted = client(server.url, { auth: { token }, transports: ['websocket'] });
  await once(accepted, 'connect');
  accepted.disconnect();
  const res = await call(server.url, 'POST', '/api/v1/auth/logout', { token });
  assert.equal(res.status, 204, res.text);
  await refusedWith({ token });
  assert.ok(before.connected);
  before.disconnect();
});

function forgedToken() {
  const part = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: '65a1f0c2e4b0a1b2c3d4e5f6', exp: 4102444800 })}`;
  const sig = crypto.createHmac('sha256', 'someone-elses-secret').update(body).digest('base64url');
  return `${body}.${sig}`;
}

test('an unknown namespace gets CONNECT_ERROR', async () => {
  const socket = client(`${server.url}/admin`, { auth: { token: tokens.alice }, transports: ['websocket'] });
  const err = await once(socket, 'connect_error');
  assert.equal(err.message, 'Invalid namespace');
});

test('acknowledges subscribe and unsubscribe, and refuses a bad payload in the ack', async () => {
  const socket = await connected('alice', { transports: ['websocket'] });
  const video = crypto.randomBytes(12).toString('hex');
  assert.deepEqual(await socket.timeout(3000).emitWithAck('subscribe', { video }), { ok: true });
  assert.deepEqual(await socket.timeout(3000).emitWithAck('unsubscribe', { video }), { ok: true });
  const bad = await socket.timeout(3000).emitWithAck('subscribe', { video: 'nope' });
  checkSocketAck('subscribe', bad);
  assert.equal(bad.ok, false);
  assert.equal(bad.error.field, 'video');
  const notObject = await socket.timeout(3000).emitWithAck('subscribe', 42);
  assert.equal(notObject.ok, false);
  socket.disconnect();
});

test('a connection follows at most 50 videos; the 51st subscribe is refused in its ack', async () => {
  const socket = await connected('alice', { transports: ['websocket'] });
  const videos = Array.from({ length: 51 }, () => crypto.randomBytes(12).toString('hex'));
  const acks = await Promise.all(videos.slice(0, 50).map((video) =>
    socket.timeout(5000).emitWithAck('subscribe', { video })));
  assert.ok(acks.every((a) => a.ok === true), JSON.stringify(acks.find((a) => !a.ok)));
  const refused = await socket.timeout(3000).emitWithAck('subscribe', { video: videos[50] });
  checkSocketAck('subscribe', acks[0]);
  checkSocketAck('subscribe', refused);
  assert.deepEqual(refused, { ok: false, error: { field: 'video',
    message: 'a connection follows at most 50 videos at once; unsubscribe from one first' } });
  assert.deepEqual(await socket.timeout(3000).emitWithAck('subscribe', { video: videos[3] }), { ok: true },
    'a video it follows already');
  assert.deepEqual(await socket.timeout(3000).emitWithAck('unsubscribe', { video: videos[3] }), { ok: true });
  assert.deepEqual(await socket.timeout(3000).emitWithAck('subscribe', { video: videos[50] }), { ok: true });
  const other = await connected('alice', { transports: ['websocket'] });
  assert.deepEqual(await other.timeout(3000).emitWithAck('subscribe', { video: videos[0] }), { ok: true },
    'the limit is per connection');
  socket.disconnect();
  other.disconnect();
});

test('new_notification reaches the recipient on every transport and nobody else', async () => {
  const aliceWs = await connected('alice', { transports: ['websocket'] });
  const alicePolling = await connected('alice', { transports: ['polling'] });
  const bob = await connected('bob', { transports: ['websocket'] });
  const bobSeen = collect(bob, 'new_notification');
  const title = `Sale ${crypto.randomBytes(3).toString('hex')}`;
  const arrivals = [once(aliceWs, 'new_notification'), once(alicePolling, 'new_notification')];
  const res = await call(server.url, 'POST', '/api/v1/admin/notifications', {
    token: tokens.admin,
    body: { title, message: 'Half price today', segment: { city } },
  });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.sent, 1);
  for (const payload of await Promise.all(arrivals)) {
    checkSocketEvent('new_notification', payload);
    assert.equal(payload.title, title);
    assert.equal(payload.category, 'promotional');
    assert.equal(payload.isRead, false);
    assert.match(payload._id, /^[0-9a-f]{24}$/);
  }
  await sleep(300);
  assert.deepEqual(bobSeen, []);
  for (const s of [aliceWs, alicePolling, bob]) s.disconnect();
});

test('wallet_update reaches the wallet owner after an adjustment commits, and nobody else', async () => {
  const alice = await connected('alice', { transports: ['websocket'] });
  const bob = await connected('bob', { transports: ['polling'] });
  const bobSeen = collect(bob, 'wallet_update');
  const profile = await call(server.url, 'GET', '/api/v1/users/profile', { token: tokens.alice });
  const arrival = once(alice, 'wallet_update');
  const res = await call(server.url, 'POST', '/api/v1/admin/wallet/adjustments', {
    token: tokens.admin,
    body: { user: profile.body._id, amount: 12.5, reason: 'socket test' },
    headers: { 'idempotency-key': crypto.randomUUID() },
  });
  assert.equal(res.status, 201, res.text);
  const payload = await arrival;
  checkSocketEvent('wallet_update', payload);
  assert.equal(payload.balance, 12.5);
  await sleep(300);
  assert.deepEqual(bobSeen, []);
  alice.disconnect();
  bob.disconnect();
});

test('a socket that sends a packet that does not parse is closed, and only that one', async () => {
  const bystander = await connected('bob', { transports: ['websocket'] });
  const ws = await rawWebSocket(server.url);
  ws.send('40{"token":"x"');
  await once(ws, 'close');
  const ack = await bystander.timeout(3000).emitWithAck('subscribe', { video: crypto.randomBytes(12).toString('hex') });
  assert.deepEqual(ack, { ok: true });
  bystander.disconnect();
});

test('a client that stops answering pings is closed after pingInterval + pingTimeout', async () => {
  const quick = await startServer({ env: { SIO_PING_INTERVAL_MS: 200, SIO_PING_TIMEOUT_MS: 200 } });
  try {
    const ws = await rawWebSocket(quick.url);
    const open = JSON.parse(ws.messages[0].slice(1));
    assert.equal(open.pingInterval, 200);
    assert.equal(open.pingTimeout, 200);
    assert.deepEqual(open.upgrades, []);
    const started = Date.now();
    await once(ws, 'close', 3000);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 350 && elapsed < 2000, `closed after ${elapsed} ms`);
    assert.ok(ws.messages.includes('2'), 'the server pinged');

    // A client that answers stays connected well past that.
    const answering = await rawWebSocket(quick.url);
    answering.on('message', (data) => data.toString() === '2' && answering.send('3'));
    await sleep(1200);
    assert.equal(answering.readyState, WebSocket.OPEN);
    answering.close();
  } finally {
    assert.equal(await quick.stop(), 0);
  }
});

test('a session that connects no namespace within SIO_CONNECT_TIMEOUT_MS is closed', async () => {
  const quick = await startServer({ env: { SIO_CONNECT_TIMEOUT_MS: 300 } });
  try {
    const ws = await rawWebSocket(quick.url);
    await once(ws, 'close', 3000);
  } finally {
    assert.equal(await quick.stop(), 0);
  }
});

test('connections per address are capped, and a frame over maxPayload closes its socket', async () => {
  const who = phone();
  const limited = await startServer({
    env: { ...signInEnv([who]), SIO_MAX_CONNECTIONS_PER_IP: 2, SIO_MAX_PAYLOAD: 1000 },
  });
  try {
    const token = await signIn(limited.url, who);
    const connect = async () => {
      const socket = client(limited.url, { auth: { token }, transports: ['websocket'] });
      await once(socket, 'connect');
      return socket;
    };
    const first = await connect();
    const second = await connect();
    const handshake = await fetch(`${limited.url}/socket.io/?EIO=4&transport=polling`);
    assert.equal(handshake.status, 429);
    assert.equal((await handshake.json()).code, 4);
    const third = client(limited.url, { auth: { token }, transports: ['websocket'] });
    await once(third, 'connect_error');

    const closed = once(first, 'disconnect');
    first.emit('subscribe', { video: 'x'.repeat(2000) });
    assert.equal(await closed, 'transport close');
    const ack = await second.timeout(3000).emitWithAck('subscribe', { video: crypto.randomBytes(12).toString('hex') });
    assert.deepEqual(ack, { ok: true }, 'the other socket goes on');

    const oversizePost = await fetch(`${limited.url}/socket.io/?EIO=4&transport=polling&sid=${'0'.repeat(22)}`, {
      method: 'POST',
      body: `4${'x'.repeat(2000)}`,
    });
    assert.equal(oversizePost.status, 413);
    second.disconnect();
  } finally {
    assert.equal(await limited.stop(), 0);
  }
});

test('open websockets count toward MAX_CONNECTIONS', async () => {
  // A short idle timeout drops the harness's own kept-alive /healthz connection first.
  const capped = await startServer({ env: { MAX_CONNECTIONS: 2, IDLE_TIMEOUT_MS: 200 } });
  const healthz = () => new Promise((resolve, reject) => {
    http.get(`${capped.url}/healthz`, { agent: false, headers: { connection: 'close' } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    }).on('error', reject);
  });
  try {
    await sleep(400);
    const first = await rawWebSocket(capped.url);
    const second = await rawWebSocket(capped.url);
    assert.equal(await healthz(), 503);
    first.close();
    await first.closed;
    await sleep(100);
    assert.equal(await healthz(), 200);
    second.close();
  } finally {
    assert.equal(await capped.stop(), 0);
  }
});

test('a client reconnects by itself after the server restarts', async () => {
  const who = phone();
  let current = await startServer({ env: signInEnv([who]) });
  const port = current.port;
  try {
    const token = await signIn(current.url, who);
    const socket = io(current.url, { forceNew: true, auth: { token }, transports: ['websocket'],
      reconnectionDelay: 100, reconnectionDelayMax: 200 });
    opened.add(socket);
    await once(socket, 'connect');
    const firstId = socket.id;
    const dropped = once(socket, 'disconnect');
    assert.equal(await current.stop(), 0);
    await dropped;
    const back = once(socket, 'connect', 15000);
    current = await startServer({ env: { ...signInEnv([who]), PORT: port } });
    await back;
    assert.notEqual(socket.id, firstId);
    const ack = await socket.timeout(3000).emitWithAck('subscribe', { video: crypto.randomBytes(12).toString('hex') });
    assert.deepEqual(ack, { ok: true });
    socket.disconnect();
  } finally {
    assert.equal(await current.stop(), 0);
  }
});

test('handshakes past SIO_HANDSHAKE_RATE from one address get 429 until the bucket refills', async () => {
  const limited = await startServer({ env: { SIO_HANDSHAKE_RATE: 1 } }); // bursts of 2, then 1 a second
  try {
    const handshake = () => fetch(`${limited.url}/socket.io/?EIO=4&transport=polling`);
    const answers = await Promise.all([handshake(), handshake(), handshake()]);
    assert.deepEqual(answers.map((r) => r.status).sort(), [200, 200, 429], 'a burst of two, then refused');
    const refused = answers.find((r) => r.status === 429);
    assert.deepEqual(await refused.json(), { code: 4, message: 'Too many handshakes from this address' });
    const ws = new WebSocket(`${limited.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const [, response] = await new Promise((resolve) => ws.once('unexpected-response', (...a) => resolve(a)));
    assert.equal(response.statusCode, 429, 'a WebSocket handshake is counted the same');
    response.resume();
    await sleep(1100);
    assert.equal((await handshake()).status, 200, 'one more a second later');
  } finally {
    assert.equal(await limited.stop(), 0);
  }
});

test('a WebSocket client that stops reading is closed once SIO_SEND_QUEUE_BYTES pile up; others go on', async () => {
  // The conformance mode echoes every `message` back: a client that sends and never reads makes the
  // server's queue for it grow past the kernel's buffers, then past the limit.
  const echo = await startServer({
    env: { SOCKETIO_CONFORMANCE: 1, SIO_SEND_QUEUE_BYTES: 65536, LOG_LEVEL: 'debug' },
  });
  try {
    const bystander = io(echo.url, { forceNew: true, reconnection: false, transports: ['websocket'] });
    opened.add(bystander);
    await once(bystander, 'connect');

    const slow = await rawWebSocket(echo.url);
    slow.on('error', () => {}); // its writes fail once the server has closed it
    slow.send('40');
    await waitFor(() => slow.messages.some((m) => typeof m === 'string' && m.startsWith('40')));
    const sid = JSON.parse(slow.messages[0].slice(1)).sid;
    slow._socket.pause(); // reads nothing more from the kernel
    const chunk = `42${JSON.stringify(['message', 'x'.repeat(100_000)])}`;
    let sent = 0;
    const closed = echo.waitForLog((j) => j.msg === 'socket.io session closed' && j.sid === sid, 30_000);
    let done = false;
    closed.then(() => { done = true; }, () => {});
    while (!done && sent < 400) { // 40 MB at most
      slow.send(chunk);
      sent += 1;
      if (sent % 10 === 0) await sleep(20);
    }
    const line = await closed;
    assert.equal(line.reason, 'send queue full');

    // The other client is served all along.
    const back = once(bystander, 'message-back');
    bystander.emit('message', 'still here');
    assert.equal(await back, 'still here');
    slow._socket.resume();
    await slow.closed;
    bystander.disconnect();
  } finally {
    assert.equal(await echo.stop(), 0);
  }
});

test('invalid SIO_* settings are refused at start-up, each named', async () => {
  const bad = {
    SIO_PING_INTERVAL_MS: 'soon',
    SIO_PING_TIMEOUT_MS: '5',
    SIO_CONNECT_TIMEOUT_MS: '-1',
    SIO_MAX_PAYLOAD: '12',
    SIO_MAX_CONNECTIONS_PER_IP: '0',
    SIO_HANDSHAKE_RATE: '1.5',
    SIO_SEND_QUEUE_BYTES: '10',
    SOCKETIO_CONFORMANCE: 'maybe',
  };
  let message = '';
  await assert.rejects(startServer({ env: bad }), (err) => {
    message = err.message;
    return true;
  });
  for (const name of Object.keys(bad)) assert.match(message, new RegExp(`\\b${name}\\b`), `${name} is named`);
  for (const [name, value] of Object.entries(bad)) {
    await assert.rejects(startServer({ env: { [name]: value } }), new RegExp(`\\b${name}\\b`), `${name}=${value} alone`);
  }
});
