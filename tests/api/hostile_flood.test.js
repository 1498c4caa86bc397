// Engagement and writes cannot be inflated or flooded: shares and views count once per user (or
// anonymous address) per hour whatever device id is sent, every write a person makes has a
// per-user and per-address rate limit (429 with Retry-After and RateLimit-*) that holds across
// server processes sharing Redis, and a Socket.IO connection cannot flood the server with events.
// Every response read with `call` is checked against docs/openapi.yaml.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { assertProblem, call } from './support/assert.js';
import { authEnv, randomIp } from './support/auth.js';
import { form } from './support/forms.js';
import { request } from './support/http.js';
import { png } from './support/images.js';
import { checkSocketAck } from './support/openapi.js';
import { startRedis } from './support/redis.js';
import { startServer } from './support/server.js';
import { openShop } from './support/shop.js';
import { connectedSocket } from './support/sockets.js';

const corpus = new URL('../fuzz/corpus/video_probe/', import.meta.url);
const mp4 = fs.readFileSync(new URL('valid.mp4', corpus));

let server;
let workDir;
let shop;
const servers = [];

const api = (srv, method, p, { token, body, ip, headers = {} } = {}) =>
  call(srv.url, method, `/api/v1${p}`, { token, body, headers: { 'x-forwarded-for': ip ?? randomIp(), ...headers } });

/** A new published video of the seeded merchant; resolves to its id. */
async function newVideo(srv = server) {
  const res = await api(srv, 'POST', '/videos', {
    token: shop.merchant,
    body: form([['title', `Flood ${crypto.randomUUID()}`], ['category', 'waist'], ['file', mp4, 'v.mp4', 'video/mp4']]),
  });
  assert.equal(res.status, 201, res.text);
  return res.body._id;
}

async function start(env = {}) {
  const srv = await startServer({ env: authEnv({ UPLOAD_DIR: path.join(workDir, 'uploads'), ...env }) });
  servers.push(srv);
  return srv;
}

before(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'superapp-flood-test-'));
  server = await start();
  shop = await openShop(server);
});

after(async () => {
  for (const srv of servers) assert.equal(await srv.stop(), 0);
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

test('60 anonymous shares from one address count once; another address counts', async () => {
  const video = await newVideo();
  const ip = randomIp();
  const shares = await Promise.all(Array.from({ length: 60 }, (_, i) =>
    api(server, 'POST', `/videos/${video}/share`, { ip, body: { channel: 'whatsapp' }, headers: { 'x-device-id': `device-${i}-${crypto.randomUUID()}` } })));
  for (const res of shares) assert.equal(res.status, 200, res.text);
  assert.equal(shares.filter((r) => r.body.counted).length, 1);
  assert.ok(shares.every((r) => r.body.engagement.shares <= 1));
  assert.equal((await api(server, 'GET', `/videos/${video}`)).body.engagement.shares, 1);
  const other = await api(server, 'POST', `/videos/${video}/share`, { body: { channel: 'sms' } });
  assert.deepEqual([other.body.counted, other.body.engagement.shares], [true, 2]);
});

test('fresh device ids from one address count one view', async () => {
  const video = await newVideo();
  const ip = randomIp();
  const views = [];
  for (let i = 0; i < 20; i++) {
    views.push(await api(server, 'POST', `/videos/${video}/view`, { ip, headers: { 'x-device-id': `fresh-device-${crypto.randomUUID()}` } }));
  }
  assert.equal(views.filter((r) => r.body.counted).length, 1);
  assert.equal((await api(server, 'GET', `/videos/${video}`)).body.engagement.views, 1);
  // Racing fresh devices from another address: one counts.
  const ip2 = randomIp();
  const raced = await Promise.all(Array.from({ length: 10 }, () =>
    api(server, 'POST', `/videos/${video}/view`, { ip: ip2, headers: { 'x-device-id': `race-${crypto.randomUUID()}` } })));
  assert.equal(raced.filter((r) => r.body.counted).length, 1);
  assert.equal((await api(server, 'GET', `/videos/${video}`)).body.engagement.views, 2);
});

test("a signed-in user's repeated shares count once per window, from any address", async () => {
  const video = await newVideo();
  const user = await shop.shopper();
  const shares = [];
  for (let i = 0; i < 10; i++) {
    shares.push(await api(server, 'POST', `/videos/${video}/share`, { token: user.token, body: { channel: 'copy_link' } }));
  }
  assert.deepEqual(shares.map((r) => r.body.counted), [true, ...Array(9).fill(false)]);
  assert.equal((await api(server, 'GET', `/videos/${video}`)).body.engagement.shares, 1);
  const other = await shop.shopper();
  const counted = await api(server, 'POST', `/videos/${video}/share`, { token: other.token, body: { channel: 'sms' } });
  assert.deepEqual([counted.body.counted, counted.body.engagement.shares], [true, 2]);
});

/** Asserts a 429 RATE_LIMITED with Retry-After and RateLimit-* of `limit`. */
function assertLimited(res, limit, what) {
  assertProblem(res, 429, 'RATE_LIMITED');
  const retryAfter = Number(res.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `${what}: Retry-After ${res.headers.get('retry-after')}`);
  assert.equal(res.headers.get('ratelimit-limit'), String(limit), what);
  assert.equal(res.headers.get('ratelimit-remaining'), '0', what);
  assert.ok(Number(res.headers.get('ratelimit-reset')) >= 1, what);
}

test('each write class answers 429 with Retry-After and RateLimit-* past its limit, per user and per address', async () => {
  const limit = 2;
  const limited = await start({
    RATE_LIMIT_REVIEWS_PER_MINUTE: limit, RATE_LIMIT_COMMENTS_PER_MINUTE: limit, RATE_LIMIT_SHARES_PER_MINUTE: limit,
    RATE_LIMIT_VIEWS_PER_MINUTE: limit, RATE_LIMIT_CART_PER_MINUTE: limit, RATE_LIMIT_WITHDRAWALS_PER_MINUTE: limit,
    RATE_LIMIT_EARN_PER_MINUTE: limit, RATE_LIMIT_UPLOADS_PER_MINUTE: limit, RATE_LIMIT_ADDRESS_MULTIPLIER: 1,
    VIDEO_COMMENTS_PER_MINUTE: 100,
  });
  const video = await newVideo();
  const product = await shop.product(await shop.store());
  const project = crypto.randomBytes(12).toString('hex');
  const item = crypto.randomBytes(12).toString('hex');
  // Each class: the requests that count against it, in turn (any answer but 429 until the limit).
  const classes = {
    reviews: (o) => api(limited, 'POST', `/products/${product}/reviews`, { ...o, body: { rating: 9 } }),
    comments: (o) => api(limited, 'POST', `/videos/${video}/comments`, { ...o, body: { text: 'hello' } }),
    shares: (o) => api(limited, 'POST', `/videos/${video}/share`, { ...o, body: { channel: 'sms' } }),
    views: (o) => api(limited, 'POST', `/videos/${video}/view`, { ...o, headers: { 'x-device-id': `dev-${crypto.randomUUID()}` } }),
    cart: (o, i) => [
      () => api(limited, 'POST', '/cart/add', { ...o, body: { product, quantity: 1 } }),
      () => api(limited, 'PUT', `/cart/update/${item}`, { ...o, body: { quantity: 2 } }),
      () => api(limited, 'DELETE', `/cart/remove/${item}`, o),
      () => api(limited, 'DELETE', '/cart/clear', o),
    ][i % 4](),
    withdrawals: (o) => api(limited, 'POST', '/wallet/withdraw', {
      ...o, body: { amount: 100000, method: 'upi', upiId: 'x@upi' }, headers: { 'idempotency-key': crypto.randomUUID() },
    }),
    earn: (o) => api(limited, 'POST', `/earn/projects/${project}/complete`, { ...o, body: form([['note', 'x']]) }),
    uploads: (o) => api(limited, 'POST', '/users/upload-avatar', { ...o, body: form([['avatar', png, 'a.png', 'image/png']]) }),
  };
  for (const [name, send] of Object.entries(classes)) {
    const user = await shop.shopper();
    const ip = randomIp();
    const who = { token: user.token, ip };
    for (let i = 0; i < limit; i++) {
      const res = await send(who, i);
      assert.notEqual(res.status, 429, `${name} #${i + 1}: ${res.text}`);
      if (res.status < 300) assert.equal(res.headers.get('ratelimit-limit') !== null, true, `${name}: RateLimit-* on success`);
    }
    assertLimited(await send(who, limit), limit, `${name}: the user past the limit`);
    // The address is limited too: another user from it is refused; the user from elsewhere is not
    // (for anonymous classes the address is all there is).
    const neighbour = await shop.shopper();
    assertLimited(await send({ token: neighbour.token, ip }, 0), limit, `${name}: another user from the same address`);
    const elsewhere = await send({ token: neighbour.token, ip: randomIp() }, 0);
    assert.notEqual(elsewhere.status, 429, `${name}: another user elsewhere: ${elsewhere.text}`);
  }
  // Anonymous shares and views are limited by their address alone.
  const ip = randomIp();
  for (let i = 0; i < limit; i++) assert.equal((await classes.shares({ ip })).status, 200);
  assertLimited(await classes.shares({ ip }), limit, 'anonymous shares');
});

test('the limit holds across two server processes sharing Redis, and each counts alone while Redis is down', async () => {
  const redis = await startRedis();
  try {
    const env = { REDIS_URL: redis.url, RATE_LIMIT_SHARES_PER_MINUTE: 3, RATE_LIMIT_ADDRESS_MULTIPLIER: 1 };
    const a = await start(env);
    const b = await start(env);
    const video = await newVideo(a);
    const ip = randomIp();
    const statuses = [];
    for (let i = 0; i < 8; i++) {
      const res = await api(i % 2 ? b : a, 'POST', `/videos/${video}/share`, { ip, body: { channel: 'sms' } });
      statuses.push(res.status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 429, 429, 429, 429, 429], 'three in all, whichever process answers');
    assert.ok((await redis.command('KEYS', 'superapp:rl:shares:*')).length >= 1);

    await redis.stop();
    const alone = randomIp();
    const down = [];
    for (let i = 0; i < 4; i++) down.push((await api(a, 'POST', `/videos/${video}/share`, { ip: alone, body: { channel: 'sms' } })).status);
    assert.deepEqual(down, [200, 200, 200, 429], 'without Redis the process still limits on its own');
  } finally {
    await redis.stop().catch(() => {});
  }
});

test('a Socket.IO client emitting 1,000 events is refused and closed; one within the rate is not', async () => {
  const video = crypto.randomBytes(12).toString('hex');
  const flooder = await connectedSocket(server.url, { auth: { token: (await shop.shopper()).token }, transports: ['websocket'] });
  const acks = [];
  const closed = new Promise((resolve) => { flooder.once('disconnect', resolve); });
  const started = Date.now();
  for (let i = 0; i < 1000; i++) flooder.emit('subscribe', { video }, (ack) => acks.push(ack));
  const reason = await closed;
  assert.equal(reason, 'transport close');
  // A burst of 60 (twice SIO_EVENTS_PER_SECOND) and what the rate refilled while the flood was read.
  const handled = acks.filter((a) => a.ok).length;
  const allowed = 60 + Math.ceil((30 * (Date.now() - started)) / 1000);
  assert.ok(handled <= allowed, `at most a burst and its refill handled: ${handled} of ${allowed}`);
  assert.ok(handled < 1000 / 4, `most of the flood was refused: ${handled} handled`);

  // A burst past the rate but short of flooding: the excess is refused in its acks, the socket stays.
  const bursty = await connectedSocket(server.url, { auth: { token: (await shop.shopper()).token }, transports: ['websocket'] });
  const burstStarted = Date.now();
  const burst = await Promise.all(Array.from({ length: 100 }, () => bursty.timeout(5000).emitWithAck('subscribe', { video })));
  const refused = burst.filter((a) => !a.ok);
  // 100 against a burst of 60, less what the rate refilled meanwhile.
  const refill = Math.ceil((30 * (Date.now() - burstStarted)) / 1000);
  assert.ok(refused.length >= 40 - refill && refused.length <= 45 && refused.length > 0, `refused ${refused.length}`);
  for (const ack of refused) {
    checkSocketAck('subscribe', ack);
    assert.deepEqual(ack, { ok: false, error: { code: 'RATE_LIMITED', message: 'rate limited' } });
  }
  assert.equal(bursty.connected, true);
  bursty.disconnect();

  // A normal client: a few events, all handled, still connected.
  const normal = await connectedSocket(server.url, { auth: { token: (await shop.shopper()).token }, transports: ['websocket'] });
  for (let i = 0; i < 10; i++) assert.deepEqual(await normal.timeout(3000).emitWithAck('subscribe', { video }), { ok: true });
  assert.equal(normal.connected, true);
  normal.disconnect();
});
