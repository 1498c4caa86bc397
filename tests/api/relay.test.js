// The relay that carries real-time events between `serve` processes: through Redis when REDIS_URL is
// set, else through PostgreSQL LISTEN/NOTIFY. (The C++ tests in tests/unit/platform/realtime carry events
// between two relays; these check that `serve` starts the right one and reports it.)
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { call } from './support/assert.js';
import { startServer } from './support/server.js';

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
