// The homepage's public parts shared through Redis: two `serve` processes on one database and one
// Redis (a redis-server of this file's own, so that stopping it touches no other test file). What one
// process builds the other serves from Redis; a change through one is seen through the other at
// once; with Redis stopped the homepage answers all the same.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { call } from './support/assert.js';
import { authEnv } from './support/auth.js';
import { startRedis } from './support/redis.js';
import { startServer } from './support/server.js';
import { openShop } from './support/shop.js';

const skip = !process.env.REDIS_URL && 'REDIS_URL is not set';
const partsKey = 'homepage:v1:parts';
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

let redis;
let a;
let b;
let shop;
let featured; // a featured product of this file's own

const start = () => startServer({ env: { ...authEnv(), REDIS_URL: redis.url } });

async function featuredIds(server) {
  const res = await call(server.url, 'GET', '/api/v1/homepage/sections');
  assert.equal(res.status, 200, res.text);
  return res.body.sections.find((s) => s.type === 'featured_products').items.map((p) => p._id);
}

async function eventually(what, check, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    assert.ok(Date.now() < deadline, what);
    await sleep(20);
  }
}

/** A product made featured through `server`'s API (the newest featured product). */
async function newFeatured(server) {
  const store = await shop.store();
  const p = await shop.product(store);
  const res = await call(server.url, 'PUT', `/api/v1/products/${p}`, { token: shop.admin, body: { isFeatured: true } });
  assert.equal(res.status, 200, res.text);
  return p;
}

before(async () => {
  if (skip) return;
  redis = await startRedis();
  a = await start();
  shop = await openShop(a);
  featured = await newFeatured(a);
});
after(async () => {
  for (const server of [a, b]) if (server) assert.equal(await server.stop(), 0);
  if (redis) await redis.stop();
});

test('sections built by one process are served by another from Redis', { skip }, async () => {
  assert.ok((await featuredIds(a)).includes(featured));
  const copy = JSON.parse(await eventually('A stores its copy in Redis', () => redis.command('GET', partsKey)));
  assert.ok(await redis.command('PTTL', partsKey) <= 30_000, 'kept for the sections ttl');
  // Mark the copy so that only a read of it can show the mark, then start B (which has heard of no
  // change and has nothing in memory).
  const mark = `From Redis ${Date.now()}`;
  const item = copy.featuredProducts.find((p) => p._id === featured);
  item.name = mark;
  const ttl = await redis.command('PTTL', partsKey);
  await redis.command('SET', partsKey, JSON.stringify(copy), 'PX', ttl);
  b = await start();
  const res = await call(b.url, 'GET', '/api/v1/homepage/sections');
  assert.equal(res.status, 200, res.text);
  const shown = res.body.sections.find((s) => s.type === 'featured_products').items.find((p) => p._id === featured);
  assert.equal(shown.name, mark, 'B served the Redis copy');
});

test('a featured product changed through one process is seen through the other at once', { skip }, async () => {
  b ??= await start();
  await featuredIds(b); // B has the sections in memory now
  const p = await newFeatured(a);
  // The change reaches B over the relay, which drops B's memory copy and the Redis copy.
  await eventually('B shows the new featured product', async () => (await featuredIds(b)).includes(p), 2000);
  for (let i = 0; i < 5; i++) assert.ok((await featuredIds(b)).includes(p), 'and keeps showing it');
  const res = await call(a.url, 'PUT', `/api/v1/products/${p}`, { token: shop.admin, body: { isFeatured: false } });
  assert.equal(res.status, 200, res.text);
  await eventually('B drops it', async () => !(await featuredIds(b)).includes(p), 2000);
  assert.ok(!(await featuredIds(a)).includes(p));
});

test('with Redis stopped, the homepage still answers, and the outage is logged once', { skip }, async () => {
  await redis.stop();
  try {
    const p = await newFeatured(a); // a change A's caches hear of (the relay is down too)
    const started = Date.now();
    assert.ok((await featuredIds(a)).includes(p), 'built from the database');
    for (const limit of [3, 4, 5]) {
      const res = await call(a.url, 'GET', `/api/v1/homepage/trending?limit=${limit}`);
      assert.equal(res.status, 200, res.text);
    }
    const res = await call(a.url, 'GET', '/api/v1/homepage/categories');
    assert.equal(res.status, 200, res.text);
    assert.ok(Date.now() - started < 3000, 'without waiting on Redis for long');
    const outages = a.logs.filter((e) => e.json?.msg === 'Redis is unavailable; carrying on without it');
    assert.equal(outages.length, 1, a.logText());
  } finally {
    await redis.start();
  }
  // Back: a later miss (each limit of /homepage/trending is one) stores its copy again.
  let limit = 5;
  await eventually('A stores copies again', async () => {
    limit += 1;
    const res = await call(a.url, 'GET', `/api/v1/homepage/trending?limit=${limit}`);
    assert.equal(res.status, 200, res.text);
    await sleep(50); // the copy is stored without the request waiting for it
    return redis.command('GET', `homepage:v1:trending:${limit}`);
  }, 5000);
  await eventually('the comeback is logged', () => a.findLog((j) => j.msg === 'Redis is available again'));
});
