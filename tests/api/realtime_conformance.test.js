// SOCKETIO_CONFORMANCE=1: a few of the protocol conformance suites' checks, with raw HTTP and
// WebSocket clients for Engine.IO and socket.io-client for Socket.IO.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';

import { io } from 'socket.io-client';
import WebSocket from 'ws';

import { startServer } from './support/server.js';

let server;
const sockets = new Set();

function once(emitter, event, ms = 5000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    emitter.once(event, (...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
}

function client(path = '/', options = {}) {
  const socket = io(`${server.url}${path}`, { forceNew: true, reconnection: false, ...options });
  sockets.add(socket);
  return socket;
}

async function handshake(path) {
  const res = await fetch(`${server.url}${path}?EIO=4&transport=polling`);
  assert.equal(res.status, 200);
  const body = await res.text();
  assert.equal(body[0], '0');
  return JSON.parse(body.slice(1));
}

before(async () => {
  server = await startServer({ env: { SOCKETIO_CONFORMANCE: 1 } });
});

after(async () => {
  for (const socket of sockets) socket.disconnect();
  if (server) assert.equal(await server.stop(), 0);
});

test('engine.io: the handshake names the session and the timers', async () => {
  const open = await handshake('/engine.io/');
  assert.match(open.sid, /^[\w-]{20,}$/);
  assert.deepEqual(open.upgrades, ['websocket']);
  assert.equal(open.pingInterval, 25000);
  assert.equal(open.pingTimeout, 20000);
  assert.equal(open.maxPayload, 1000000);
});

test('engine.io: polling echoes text and binary messages', async () => {
  const { sid } = await handshake('/engine.io/');
  const url = `${server.url}/engine.io/?EIO=4&transport=polling&sid=${sid}`;
  const posted = await fetch(url, { method: 'POST', body: '4hello\x1ebAQID\x1e4€ and more' });
  assert.equal(posted.status, 200);
  assert.equal(await posted.text(), 'ok');
  const polled = await fetch(url);
  assert.equal(await polled.text(), '4hello\x1ebAQID\x1e4€ and more');
});

test('engine.io: a bad sid, transport or version is refused as the Node server does', async () => {
  const cases = [
    ['/engine.io/?EIO=4&transport=polling&sid=unknown', 1],
    ['/engine.io/?EIO=4&transport=carrier-pigeon', 0],
    ['/engine.io/?EIO=3&transport=polling', 5],
  ];
  for (const [path, code] of cases) {
    const res = await fetch(`${server.url}${path}`);
    assert.equal(res.status, 400, path);
    assert.equal((await res.json()).code, code, path);
  }
  const post = await fetch(`${server.url}/engine.io/?EIO=4&transport=polling`, { method: 'POST', body: '4x' });
  assert.equal((await post.json()).code, 2);
});

test('engine.io: websocket echoes text as text and binary as binary', async () => {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/engine.io/?EIO=4&transport=websocket`);
  const messages = [];
  ws.on('message', (data, binary) => messages.push({ data: binary ? Buffer.from(data) : data.toString(), binary }));
  await once(ws, 'open');
  ws.send('4hello');
  ws.send(Buffer.from([1, 2, 3]));
  const deadline = Date.now() + 3000;
  while (messages.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  assert.equal(messages[0].data[0], '0');
  assert.deepEqual(messages[1], { data: '4hello', binary: false });
  assert.deepEqual(messages[2], { data: Buffer.from([1, 2, 3]), binary: true });
  ws.close();
});

test('engine.io: polling upgrades to websocket with the probe', async () => {
  const { sid } = await handshake('/engine.io/');
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/engine.io/?EIO=4&transport=websocket&sid=${sid}`);
  await once(ws, 'open');
  const pending = fetch(`${server.url}/engine.io/?EIO=4&transport=polling&sid=${sid}`);
  ws.send('2probe');
  const [probe] = await once(ws, 'message');
  assert.equal(probe.toString(), '3probe');
  assert.equal(await (await pending).text(), '6', 'the paused poll gets a noop');
  ws.send('5');
  ws.send('4after upgrade');
  const [echoed] = await once(ws, 'message');
  assert.equal(echoed.toString(), '4after upgrade');
  const late = await fetch(`${server.url}/engine.io/?EIO=4&transport=polling&sid=${sid}`);
  assert.equal(late.status, 400, 'polling is over once upgraded');
  ws.close();
});

test('socket.io: connects without a token, on / and /custom, and emits auth', async () => {
  for (const path of ['/', '/custom']) {
    const socket = client(path, { auth: { hello: 'world' } });
    const [auth] = await once(socket, 'auth');
    assert.deepEqual(auth, { hello: 'world' });
    assert.ok(socket.connected);
  }
  const bare = client('/', { transports: ['websocket'] });
  const [auth] = await once(bare, 'auth');
  assert.deepEqual(auth, {});
  const other = client('/other');
  const [err] = await once(other, 'connect_error');
  assert.equal(err.message, 'Invalid namespace');
});

for (const transports of [['polling'], ['websocket']]) {
  test(`socket.io over ${transports[0]}: message-back and message-with-ack keep binary arguments`, async () => {
    const socket = client('/', { transports });
    await once(socket, 'connect');
    const args = [1, '2', { 3: [4] }, Buffer.from([5, 6, 7])];
    const back = once(socket, 'message-back');
    socket.emit('message', ...args);
    const echoed = await back;
    assert.deepEqual(echoed.slice(0, 3), args.slice(0, 3));
    assert.deepEqual(Buffer.from(echoed[3]), args[3]);
    const acked = await new Promise((resolve) => socket.emit('message-with-ack', ...args, (...a) => resolve(a)));
    assert.deepEqual(acked.slice(0, 3), args.slice(0, 3));
    assert.deepEqual(Buffer.from(acked[3]), args[3]);
    socket.disconnect();
  });
}

for (const transports of [['polling'], ['websocket']]) {
  test(`socket.io over ${transports[0]}: request-ack makes the server ask for an ack and report what came back`, async () => {
    const socket = client('/', { transports });
    await once(socket, 'connect');
    const asked = [];
    socket.on('ack-request', (...args) => {
      const ack = args.pop();
      asked.push(args);
      ack('got', args.length, Buffer.from([9, 8, 7]), { nested: [Buffer.from([1])] });
    });
    for (let round = 0; round < 2; round++) {
      const response = once(socket, 'ack-response');
      socket.emit('request-ack', round, { two: 2 }, Buffer.from([5, 6]));
      const back = await response;
      assert.deepEqual(back.slice(0, 2), ['got', 3]);
      assert.deepEqual(Buffer.from(back[2]), Buffer.from([9, 8, 7]), 'binary in the ack reaches the server');
      assert.deepEqual(Buffer.from(back[3].nested[0]), Buffer.from([1]));
    }
    assert.equal(asked.length, 2);
    assert.deepEqual(asked[1].slice(0, 2), [1, { two: 2 }]);
    assert.deepEqual(Buffer.from(asked[1][2]), Buffer.from([5, 6]), 'the server emits binary with an ack id');
    socket.disconnect();
  });
}

test('socket.io: a client that never acknowledges gets ack-timeout after five seconds', async () => {
  const socket = client('/', { transports: ['websocket'] });
  await once(socket, 'connect');
  socket.on('ack-request', () => {}); // takes the callback and never calls it
  const timedOut = once(socket, 'ack-timeout', 8000);
  const started = Date.now();
  socket.emit('request-ack', 'anyone?');
  await timedOut;
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 4900 && elapsed < 7500, `after ${elapsed} ms`);
  socket.disconnect();
});

test('engine.io on the wire: the server\'s ack request carries an id and a binary ack is routed to it', async () => {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
  const messages = [];
  ws.on('message', (data, binary) => messages.push(binary ? Buffer.from(data) : data.toString()));
  await once(ws, 'open');
  const next = async (count) => {
    const deadline = Date.now() + 3000;
    while (messages.filter((m) => m !== '2').length < count && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    return messages.filter((m) => m !== '2');
  };
  await next(1); // open
  ws.send('40');
  await next(3); // CONNECT, auth
  ws.send('42["request-ack","hi"]');
  const [, , , request] = await next(4);
  assert.equal(request, '420["ack-request","hi"]');
  ws.send('461-0[{"_placeholder":true,"num":0}]');
  ws.send(Buffer.from([4, 2]));
  const got = await next(6);
  assert.equal(got[4], '451-["ack-response",{"_placeholder":true,"num":0}]');
  assert.deepEqual(got[5], Buffer.from([4, 2]));
  ws.close();
});

// One request on a connection of its own: with several io threads, consecutive requests of a session
// reach different shards, and each must be served by the shard that owns the session.
function freshRequest(url, method = 'GET', body = undefined) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: false, headers: { connection: 'close' } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('a session is served by its own shard whichever io thread a request reaches', async () => {
  const sharded = await startServer({ env: { SOCKETIO_CONFORMANCE: 1, IO_THREADS: 4 } });
  try {
    const open = await freshRequest(`${sharded.url}/engine.io/?EIO=4&transport=polling`);
    const { sid } = JSON.parse(open.text.slice(1));
    const url = `${sharded.url}/engine.io/?EIO=4&transport=polling&sid=${sid}`;
    for (let i = 0; i < 8; i++) {
      const waiting = freshRequest(url); // waits on the owner shard for the echo
      const posted = await freshRequest(url, 'POST', `4message ${i}`);
      assert.equal(posted.text, 'ok');
      assert.equal((await waiting).text, `4message ${i}`);
    }
    for (let i = 0; i < 4; i++) {
      const socket = io(sharded.url, { forceNew: true, reconnection: false, transports: ['polling', 'websocket'] });
      sockets.add(socket);
      await once(socket, 'connect');
      const acked = await new Promise((resolve) => socket.emit('message-with-ack', i, (n) => resolve(n)));
      assert.equal(acked, i);
      socket.disconnect();
    }
  } finally {
    assert.equal(await sharded.stop(), 0);
  }
});

test('conformance mode is refused with APP_ENV=production', async () => {
  await assert.rejects(
    startServer({ env: { SOCKETIO_CONFORMANCE: 1, APP_ENV: 'production', JWT_SECRET: 'a-production-secret-0123456789-abcdefghijkl',
      METRICS_TOKEN: 'a-metrics-token-0123456789' } }),
    /SOCKETIO_CONFORMANCE/,
  );
});
