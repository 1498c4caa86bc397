// The relay that carries real-time events between `serve` processes: through Redis when REDIS_URL is
// set, else through PostgreSQL LISTEN/NOTIFY. `serve` starts the right one and reports it in /metrics;
// an event produced on one process (a wallet adjustment's wallet_update) reaches a socket.io-client
// connected to the other, once. (The C++ tests in tests/unit/platform/realtime check each process gets
// each event exactly once.)
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

import { call } from './support/assert.js';
import { createCluster } from './support/postgres.js';
import { startServer } from './support/server.js';
import { connectedSocket } from './support/sockets.js';
import { signIn, signInEnv } from './support/users.js';


async function relaySamples(server) {
  const res = await call(server.url, 'GET', '/metrics');
  assert.equal(res.status, 200);
  const out = {};
  for (const match of res.text.matchAll(/^(realtime_relay_[a-z_]+) (\d+)$/gm)) out[match[1]] = Number(match[2]);
  return out;
}

async function subscribed(server) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const s = await relaySamples(server);
    if (s.realtime_relay_subscriptions_total === 1) return s;
    assert.ok(Date.now() < deadline, `the relay never subscribed: ${JSON.stringify(s)}\n${server.logText()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('without REDIS_URL, serve relays events through PostgreSQL LISTEN/NOTIFY', async () => {
  const server = await startServer({ env: { REDIS_URL: undefined } });
  try {
    assert.ok(server.findLog((j) => j.msg === 'real-time events relayed through PostgreSQL LISTEN/NOTIFY'));
    assert.deepEqual(await subscribed(server), {
      realtime_relay_sent_total: 0,
      realtime_relay_received_total: 0,
      realtime_relay_dropped_total: 0,
      realtime_relay_subscriptions_total: 1,
    });
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

test('with REDIS_URL, serve relays events through Redis pub/sub', { skip: !process.env.REDIS_URL && 'REDIS_URL is not set' }, async () => {
  const server = await startServer();
  try {
    assert.ok(server.findLog((j) => j.msg === 'real-time events relayed through Redis'));
    const s = await subscribed(server);
    assert.equal(s.realtime_relay_dropped_total, 0);
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

test('with Redis unreachable, serve starts and serves all the same', async () => {
  const server = await startServer({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
  try {
    const res = await call(server.url, 'GET', '/healthz');
    assert.equal(res.status, 200);
    await server.waitForLog((j) => j.msg === 'relay cannot reach Redis; retrying', 10_000);
    assert.equal((await relaySamples(server)).realtime_relay_subscriptions_total, 0);
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

// A socket of `token`'s user on `server`, connected over websocket.
function websocketOf(server, token) {
  return connectedSocket(server.url, { transports: ['websocket'], auth: { token } });
}

// Polls `done` every 20 ms until it holds, failing with `what` after `ms`.
async function until(done, what, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    assert.ok(Date.now() < deadline, what());
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Two processes on the same database (and Redis, unless `redisUrl` is undefined), the user with a
// socket on each. An admin's wallet adjustment on the first publishes wallet_update there, one on
// the second publishes it there: each socket gets both, once each, whichever process it is on.
async function eventCrossesProcesses(redisUrl) {
  // One pair of numbers per transport: a number gets one code a minute.
  const [admin, user] = redisUrl ? ['+919999961000', '+919999961001'] : ['+919999960000', '+919999960001'];
  const env = { ...signInEnv([admin, user]), ADMIN_PHONES: admin, REDIS_URL: redisUrl };
  const first = await startServer({ env });
  const second = await startServer({ env });
  const sockets = [];
  try {
    const before = [await subscribed(first), await subscribed(second)];
    const adminToken = await signIn(first.url, admin);
    const userToken = await signIn(first.url, user);
    const profile = await call(first.url, 'GET', '/api/v1/users/profile', { token: userToken });
    assert.equal(profile.status, 200, profile.text);
    const updates = [[], []]; // what the socket on the first, and on the second, got
    for (const [i, server] of [first, second].entries()) {
      const socket = await websocketOf(server, userToken);
      socket.on('wallet_update', (payload) => updates[i].push(payload.balance));
      sockets.push(socket);
    }
    const start = profile.body.wallet.balance;
    for (const [i, server] of [first, second].entries()) {
      const res = await call(server.url, 'POST', '/api/v1/admin/wallet/adjustments', {
        token: adminToken,
        body: { user: profile.body._id, amount: 10 + i, reason: `relay test via process ${i + 1}` },
        headers: { 'idempotency-key': crypto.randomUUID() },
      });
      assert.equal(res.status, 201, res.text);
      await until(() => updates[0].length > i && updates[1].length > i,
        () => `adjustment ${i + 1}: the sockets got ${JSON.stringify(updates)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const expected = [start + 10, start + 21];
    assert.deepEqual(updates[0], expected, 'the socket on the first process: its own event, then the relayed one');
    assert.deepEqual(updates[1], expected, 'the socket on the second process: the relayed event, then its own');
    for (const [i, server] of [first, second].entries()) {
      const s = await relaySamples(server);
      assert.equal(s.realtime_relay_sent_total - before[i].realtime_relay_sent_total, 1, `process ${i + 1} sent one`);
      assert.equal(s.realtime_relay_received_total - before[i].realtime_relay_received_total, 1,
        `process ${i + 1} received one`);
      assert.equal(s.realtime_relay_dropped_total, 0);
    }
  } finally {
    for (const socket of sockets) socket.close();
    assert.equal(await first.stop(), 0);
    assert.equal(await second.stop(), 0);
  }
}

test('events produced on each of two processes reach the client on the other through PostgreSQL LISTEN/NOTIFY', () =>
  eventCrossesProcesses(undefined));

test('events produced on each of two processes reach the client on the other through Redis', {
  skip: !process.env.REDIS_URL && 'REDIS_URL is not set',
}, () => eventCrossesProcesses(process.env.REDIS_URL));

// A broadcast stores one notification per user and publishes one new_notification each; with no Redis
// they reach the other processes through LISTEN/NOTIFY, whose queue holds a bounded number of messages.
// RELAY_BROADCAST_USERS (20,000) users of a database of the test's own get it; a socket on the other
// process, for some of them, gets theirs once, and nothing is dropped.
test('an admin broadcast to many users reaches every one on another process through LISTEN/NOTIFY', async (t) => {
  const users = Number(process.env.RELAY_BROADCAST_USERS ?? 20_000);
  const pg = await createCluster();
  const admin = '+919999962000';
  const watched = ['+919999962001', '+919999962002', '+919999962003'];
  const env = { ...signInEnv([admin, ...watched]), ADMIN_PHONES: admin, REDIS_URL: undefined, DATABASE_URL: pg.url };
  let first;
  let second;
  const sockets = [];
  try {
    first = await startServer({ env }); // migrates the new database
    second = await startServer({ env });
    await subscribed(first);
    await subscribed(second);
    const psql = path.join(process.env.PG_BIN_DIR || '/usr/lib/postgresql/15/bin', 'psql');
    await promisify(execFile)(psql, [pg.url, '-v', 'ON_ERROR_STOP=1', '-Xqc',
      'INSERT INTO users (id, phone_number) SELECT lpad(to_hex(g), 24, \'0\'), \'+9188\' || lpad(g::text, 8, \'0\')' +
      ` FROM generate_series(1, ${users}) AS g`]);
    const adminToken = await signIn(first.url, admin);
    const got = [];
    for (const phone of watched) {
      const socket = await websocketOf(second, await signIn(first.url, phone));
      const mine = [];
      socket.on('new_notification', (n) => mine.push(n.title));
      got.push(mine);
      sockets.push(socket);
    }
    const title = `Festival sale ${crypto.randomBytes(3).toString('hex')}`;
    await new Promise((resolve) => setTimeout(resolve, 300)); // whatever signing in published has gone by
    const before = [await relaySamples(first), await relaySamples(second)];
    const started = Date.now();
    const res = await call(first.url, 'POST', '/api/v1/admin/notifications', {
      token: adminToken, body: { title, message: 'Everything half price today' }, timeoutMs: 120_000,
    });
    assert.equal(res.status, 200, res.text);
    const answered = Date.now() - started;
    const total = res.body.sent;
    assert.equal(total, users + 1 + watched.length, 'every user accepts notifications');
    const handled = async () => {
      const s = await relaySamples(first);
      return s.realtime_relay_sent_total + s.realtime_relay_dropped_total -
        before[0].realtime_relay_sent_total - before[0].realtime_relay_dropped_total >= total;
    };
    await until(handled, () => 'the first process never handed every event to the relay', 120_000);
    const received = async () => (await relaySamples(second)).realtime_relay_received_total -
      before[1].realtime_relay_received_total;
    await until(async () => (await received()) >= total, () => 'the second process received fewer events', 30_000)
      .catch(() => {}); // asserted below, with the figures
    const relayed = Date.now() - started;
    const sent = await relaySamples(first);
    t.diagnostic(`broadcast to ${total} users: answered in ${answered} ms, relayed to the other process in ` +
      `${relayed} ms; sent ${sent.realtime_relay_sent_total - before[0].realtime_relay_sent_total}, dropped ` +
      `${sent.realtime_relay_dropped_total}, received there ${await received()}`);
    assert.equal(sent.realtime_relay_dropped_total, 0, 'no event dropped');
    assert.equal(await received(), total, 'the other process received every event');
    await until(() => got.every((mine) => mine.length > 0), () => `the watched sockets got ${JSON.stringify(got)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(got, watched.map(() => [title]), 'each watched user got their notification once');
  } finally {
    for (const socket of sockets) socket.close();
    if (first) assert.equal(await first.stop(), 0);
    if (second) assert.equal(await second.stop(), 0);
    await pg.destroy();
  }
});
