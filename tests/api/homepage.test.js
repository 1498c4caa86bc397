// The home screen: /homepage/sections, /homepage/categories, /homepage/trending,
// /homepage/recommendations and the admin's banners. Every response is checked against
// docs/openapi.yaml. The database is shared with other test files: each test makes its own
// categories, stores, products, banners and videos, and looks for those.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { assertProblem, call } from './support/assert.js';
import { startServer } from './support/server.js';
import { authEnv } from './support/auth.js';
import { address, openShop, sql, unique } from './support/shop.js';

let server;
let shop;

const api = (method, p, token, body, headers = {}) => call(server.url, method, `/api/v1${p}`, { token, body, headers });
const ok = async (method, p, token, body, status = 200) => {
  const res = await api(method, p, token, body, method === 'POST' ? { 'idempotency-key': crypto.randomUUID() } : {});
  assert.equal(res.status, status, `${method} ${p}: ${res.text}`);
  return res.body;
};
const sectionsOf = (body) => Object.fromEntries(body.sections
  .map((s) => [s.type === 'categories' ? `categories:${s.categoryType}` : s.type, s]));
const ids = (items) => items.map((i) => i._id);
const hex24 = () => crypto.randomBytes(12).toString('hex');
const creatorId = '64b7f0a1c2d3e4f5a6b7c801'; // the seeded admin
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

function fieldErrors(res) {
  const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
  return problem.errors.map((e) => e.field);
}

async function category(type = 'home_delivery') {
  const slug = `hp-${unique()}`;
  return (await ok('POST', '/categories', shop.admin, { name: `Homepage ${slug}`, slug, type }, 201))._id;
}

async function product(store, cat, extra = {}) {
  const id = await shop.product(store, { category: cat, stock: 500, ...extra });
  return id;
}

/** Places a cod order of `quantity` of each product for `token`; returns its id. */
async function order(token, items) {
  const body = await ok('POST', '/orders', token, {
    items: items.map(([p, quantity]) => ({ product: p, quantity })),
    deliveryAddress: address,
    payment: { method: 'cod' },
  }, 201);
  return body._id;
}

async function videoCategory() {
  const slug = `hp_${unique()}`.slice(0, 40);
  await sql(`INSERT INTO video_categories (slug, name) VALUES ('${slug}', 'Homepage test')`);
  return slug;
}

async function video({ category: cat, score = 0, products = [] }) {
  const id = hex24();
  const list = `ARRAY[${products.map((p) => `'${p}'`).join(',')}]::text[]`;
  await sql(`INSERT INTO videos (id, title, creator_id, category, video_url, duration_seconds, trending_score, product_ids)
             VALUES ('${id}', 'Video ${id}', '${creatorId}', '${cat}', '/uploads/${id}.mp4', 12, ${score}, ${list})`);
  return id;
}

before(async () => {
  server = await startServer({ env: { ...authEnv(), TRENDING_CACHE_SECONDS: '1' } });
  shop = await openShop(server);
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

describe('sections', () => {
  test('an anonymous caller gets the public sections in order, cacheable with an ETag', async () => {
    const res = await api('GET', '/homepage/sections');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.sections.map((s) => s.categoryType ?? s.type), [
      'banners', 'going_out', 'home_delivery', 'earn', 'play', 'featured_products', 'trending_videos',
    ]);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=30');
    assert.match(res.headers.get('vary'), /Authorization/);
    const etag = res.headers.get('etag');
    assert.ok(etag);
    const again = await api('GET', '/homepage/sections', undefined, undefined, { 'if-none-match': etag });
    assert.equal(again.status, 304);
    const sections = sectionsOf(res.body);
    assert.ok(sections['categories:home_delivery'].items.every((c) => c.type === 'home_delivery'));
    assert.ok(sections.featured_products.items.every((p) => p.isFeatured));
  });

  test('a product made featured appears at once, and leaves when it stops being featured', async () => {
    const store = await shop.store();
    const cat = await category();
    const p = await product(store, cat);
    const sectionsNow = async () => ids(sectionsOf(await ok('GET', '/homepage/sections')).featured_products.items);
    assert.ok(!(await sectionsNow()).includes(p), 'not featured yet (and the sections are now cached)');
    await ok('PUT', `/products/${p}`, shop.admin, { isFeatured: true });
    assert.ok((await sectionsNow()).includes(p), 'featured: in the sections at once');
    await ok('PUT', `/products/${p}`, shop.admin, { isFeatured: false });
    assert.ok(!(await sectionsNow()).includes(p));
  });

  test('a new category shows in its rail at once, in the sections and in /homepage/categories', async () => {
    const before = await ok('GET', '/homepage/categories');
    assert.deepEqual(before.rails.map((r) => r.type), ['going_out', 'home_delivery', 'earn', 'play']);
    const cat = await category('play');
    const rails = (await ok('GET', '/homepage/categories')).rails;
    assert.ok(ids(rails.find((r) => r.type === 'play').items).includes(cat));
    assert.ok(!ids(rails.find((r) => r.type === 'going_out').items).includes(cat));
    const sections = sectionsOf(await ok('GET', '/homepage/sections'));
    assert.ok(ids(sections['categories:play'].items).includes(cat));
  });

  test('nearby stores only when lat and lng are sent; bad coordinates are a 422 naming them', async () => {
    const store = await shop.store(); // in Bengaluru, at 12.97, 77.61
    const near = await ok('GET', '/homepage/sections?lat=12.97&lng=77.61');
    const nearby = sectionsOf(near).nearby_stores;
    assert.ok(nearby, 'a nearby section');
    assert.ok(nearby.items.length >= 1 && nearby.items.length <= 10);
    assert.ok(nearby.items.every((s) => s.distance <= 5), 'within 5 km');
    const distances = nearby.items.map((s) => s.distance);
    assert.deepEqual(distances, [...distances].sort((x, y) => x - y), 'nearest first');
    assert.equal(typeof store, 'string');
    assert.equal(sectionsOf(await ok('GET', '/homepage/sections')).nearby_stores, undefined);
    assert.deepEqual(fieldErrors(await api('GET', '/homepage/sections?lat=91&lng=181')), ['lat', 'lng']);
    assert.deepEqual(fieldErrors(await api('GET', '/homepage/sections?lat=12.9')), ['lng']);
    assert.deepEqual(fieldErrors(await api('GET', '/homepage/sections?lng=77&lat=north')), ['lat']);
  });

  test('earn projects only for a signed-in caller, and only those they can do', async () => {
    const shopper = await shop.shopper();
    const city = `Hp ${unique()}`;
    await ok('PUT', '/users/profile', shopper.token, { profile: { location: { city } } });
    const project = async (location) => (await ok('POST', '/admin/earn/projects', shop.admin, {
      title: 'Homepage task', description: 'Something to do.', category: 'review', type: 'text',
      requirements: { location }, reward: { amount: 10 },
      limits: { totalBudget: 1000, expiryDate: new Date(Date.now() + 86_400_000).toISOString() },
    }, 201))._id;
    const elsewhere = await project(`Elsewhere ${unique()}`);
    const here = await project(city);

    const res = await api('GET', '/homepage/sections', shopper.token);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const earn = sectionsOf(res.body).earn_projects;
    assert.ok(earn, 'an earn section for a signed-in caller');
    assert.equal(res.body.sections.at(-1).type, 'earn_projects');
    assert.ok(ids(earn.items).includes(here));
    assert.ok(!ids(earn.items).includes(elsewhere), 'not a project for another city');
    assert.equal(sectionsOf(await ok('GET', '/homepage/sections')).earn_projects, undefined);

    const both = await ok('GET', '/homepage/sections?lat=12.97&lng=77.61', shopper.token);
    assert.deepEqual(both.sections.slice(-2).map((s) => s.type), ['nearby_stores', 'earn_projects']);
    assertProblem(await api('GET', '/homepage/sections', 'not-a-token'), 401, 'TOKEN_INVALID');
  });

  test('earn writes show in the signed-in earn section at once and leave the cached public parts alone', async () => {
    const shopper = await shop.shopper();
    const earnIds = async () => ids(sectionsOf(await ok('GET', '/homepage/sections', shopper.token)).earn_projects.items);
    // The public parts are cached now; a video written with SQL publishes nothing, so it shows only
    // once something drops them.
    await ok('GET', '/homepage/sections');
    const cat = await videoCategory();
    const unseen = await video({ category: cat, score: 9e9 });
    const trendingIds = async () => ids(sectionsOf(await ok('GET', '/homepage/sections')).trending_videos.items);

    const created = await ok('POST', '/admin/earn/projects', shop.admin, {
      title: 'Fresh task', description: 'Something new.', category: 'review', type: 'text', reward: { amount: 5 },
      limits: { totalBudget: 500, expiryDate: new Date(Date.now() + 86_400_000).toISOString() },
    }, 201);
    assert.ok((await earnIds()).includes(created._id), 'a new project is in the section at once');
    await ok('PUT', `/admin/earn/projects/${created._id}`, shop.admin, { status: 'paused' });
    assert.ok(!(await earnIds()).includes(created._id), 'a paused one leaves it at once');
    await ok('PUT', `/admin/earn/projects/${created._id}`, shop.admin, { status: 'active' });
    assert.ok((await earnIds()).includes(created._id), 'and comes back when reopened');
    assert.ok(!(await trendingIds()).includes(unseen), 'the earn writes dropped no cached public part');

    await category(); // a catalog write drops them
    assert.ok((await trendingIds()).includes(unseen));
  });

  test('trending videos come by trending score', async () => {
    const cat = await videoCategory();
    const first = await video({ category: cat, score: 9e8 + 2 });
    const second = await video({ category: cat, score: 9e8 + 1 });
    const hidden = await video({ category: cat, score: 9e8 + 3 });
    await sql(`UPDATE videos SET is_published = false WHERE id = '${hidden}'`);
    // Rows written with SQL publish nothing; any data_changed (here a catalog write) rebuilds the sections.
    await category();
    const videos = sectionsOf(await ok('GET', '/homepage/sections')).trending_videos.items;
    const positions = [first, second, hidden].map((id) => ids(videos).indexOf(id));
    assert.ok(positions[0] >= 0 && positions[1] === positions[0] + 1, `${positions}`);
    assert.equal(positions[2], -1, 'unpublished videos are not shown');
  });
});

describe('banners', () => {
  const body = (extra = {}) => ({
    title: `Sale ${unique()}`, image: 'https://cdn.example/b.jpg', link: 'superapp://earn', position: 0, ...extra,
  });

  test('a banner created appears in the sections at once; replaced and deleted, it changes and goes', async () => {
    const created = await ok('POST', '/admin/homepage/banners', shop.admin, body({ subtitle: 'Today only' }), 201);
    assert.equal(created.subtitle, 'Today only');
    assert.equal(created.isActive, true);
    const banners = async () => sectionsOf(await ok('GET', '/homepage/sections')).banners.items;
    assert.ok(ids(await banners()).includes(created._id));
    assert.deepEqual(await ok('GET', `/admin/homepage/banners/${created._id}`, shop.admin), created);

    const replaced = await ok('PUT', `/admin/homepage/banners/${created._id}`, shop.admin, body({ title: 'Renamed' }));
    assert.equal(replaced.title, 'Renamed');
    assert.equal(replaced.subtitle, null, 'PUT replaces the whole banner');
    assert.equal((await banners()).find((b) => b._id === created._id).title, 'Renamed');

    await ok('PUT', `/admin/homepage/banners/${created._id}`, shop.admin, body({ isActive: false }));
    assert.ok(!ids(await banners()).includes(created._id), 'inactive: not shown');

    assert.equal((await api('DELETE', `/admin/homepage/banners/${created._id}`, shop.admin)).status, 204);
    assertProblem(await api('GET', `/admin/homepage/banners/${created._id}`, shop.admin), 404, 'NOT_FOUND');
    assertProblem(await api('DELETE', `/admin/homepage/banners/${created._id}`, shop.admin), 404, 'NOT_FOUND');
  });

  test('a banner shows only inside its window, by position', async () => {
    const day = 86_400_000;
    const later = await ok('POST', '/admin/homepage/banners', shop.admin,
      body({ startsAt: new Date(Date.now() + day).toISOString() }), 201);
    const over = await ok('POST', '/admin/homepage/banners', shop.admin,
      body({ startsAt: new Date(Date.now() - 2 * day).toISOString(), endsAt: new Date(Date.now() - day).toISOString() }), 201);
    const now = await ok('POST', '/admin/homepage/banners', shop.admin,
      body({ position: 0, endsAt: new Date(Date.now() + day).toISOString() }), 201);
    const shown = sectionsOf(await ok('GET', '/homepage/sections')).banners.items;
    assert.ok(ids(shown).includes(now._id));
    assert.ok(!ids(shown).includes(later._id) && !ids(shown).includes(over._id));
    const positions = shown.map((b) => b.position);
    assert.deepEqual(positions, [...positions].sort((a, b) => a - b));
    for (const b of [later, over, now]) await api('DELETE', `/admin/homepage/banners/${b._id}`, shop.admin);
  });

  test('bad banners get one 422 naming every field; unknown ids 404; only admins', async () => {
    const bad = await api('POST', '/admin/homepage/banners', shop.admin, {
      title: '', image: 'ftp://x', link: 'javascript:alert(1)', position: 1001,
      startsAt: '2030-01-02T00:00:00Z', endsAt: '2030-01-01T00:00:00Z', isActive: 'yes',
    });
    assert.deepEqual(fieldErrors(bad), ['title', 'image', 'link', 'position', 'endsAt', 'isActive']);
    assert.deepEqual(fieldErrors(await api('PUT', `/admin/homepage/banners/${hex24()}`, shop.admin, {})), ['title', 'image']);
    assertProblem(await api('PUT', `/admin/homepage/banners/${hex24()}`, shop.admin, body()), 404, 'NOT_FOUND');
    assertProblem(await api('GET', '/admin/homepage/banners/not-an-id', shop.admin), 404, 'NOT_FOUND');
    assertProblem(await api('GET', '/admin/homepage/banners'), 401, 'UNAUTHORIZED');
    const shopper = await shop.shopper();
    assertProblem(await api('POST', '/admin/homepage/banners', shopper.token, body()), 403, 'FORBIDDEN');
    assertProblem(await api('POST', '/admin/homepage/banners', shop.merchant, body()), 403, 'FORBIDDEN');
  });

  test('the admin list pages newest first with a cursor', async () => {
    const made = [];
    for (let i = 0; i < 3; i += 1) made.push((await ok('POST', '/admin/homepage/banners', shop.admin, body(), 201))._id);
    const first = await ok('GET', '/admin/homepage/banners?limit=2', shop.admin);
    assert.deepEqual(ids(first.items), [made[2], made[1]]);
    assert.equal(typeof first.nextCursor, 'string');
    const second = await ok('GET', `/admin/homepage/banners?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`, shop.admin);
    assert.equal(second.items[0]._id, made[0]);
    assert.deepEqual(fieldErrors(await api('GET', '/admin/homepage/banners?limit=0', shop.admin)), ['limit']);
    assert.deepEqual(fieldErrors(await api('GET', '/admin/homepage/banners?cursor=nope', shop.admin)), ['cursor']);
    for (const id of made) await api('DELETE', `/admin/homepage/banners/${id}`, shop.admin);
  });
});

describe('trending', () => {
  test('products and stores rank by decayed units sold and reviews, as the formula says', async () => {
    const storeA = await shop.store();
    const storeB = await shop.store();
    const cat = await category();
    const [p1, p2, p3] = [await product(storeA, cat), await product(storeA, cat), await product(storeA, cat)];
    const q1 = await product(storeB, cat);
    const buyer = await shop.shopper();
    await order(buyer.token, [[p1, 40]]); // today: 40
    const twoDaysAgo = await order(buyer.token, [[p2, 90]]); // 90 x 0.5 = 45
    const fourDaysAgo = await order(buyer.token, [[p3, 60]]); // 60 x 0.25 = 15, + 2 reviews today x 2 = 19
    const eightDaysAgo = await order(buyer.token, [[q1, 99]]); // outside the window
    await order(buyer.token, [[q1, 30]]); // today: 30
    await sql(`UPDATE orders SET created_at = now() - interval '2 days' WHERE id = '${twoDaysAgo}';
               UPDATE orders SET created_at = now() - interval '4 days' WHERE id = '${fourDaysAgo}';
               UPDATE orders SET created_at = now() - interval '8 days' WHERE id = '${eightDaysAgo}'`);
    for (const reviewer of [buyer, await shop.shopper()]) {
      await ok('POST', `/products/${p3}/reviews`, reviewer.token, { rating: 4 }, 201);
    }
    await sleep(1100); // TRENDING_CACHE_SECONDS=1: orders do not empty the cache, its age does

    const trending = await ok('GET', '/homepage/trending?limit=50');
    assert.equal(trending.windowDays, 7);
    const score = (list, key, id) => list.find((e) => e[key]._id === id)?.score;
    const near = (actual, expected) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} != ${expected}`);
    near(score(trending.products, 'product', p1), 40);
    near(score(trending.products, 'product', p2), 45);
    near(score(trending.products, 'product', p3), 19);
    near(score(trending.products, 'product', q1), 30);
    const order2 = [p2, p1, q1, p3].map((id) => trending.products.findIndex((e) => e.product._id === id));
    assert.deepEqual(order2, [...order2].sort((a, b) => a - b), 'highest score first');
    near(score(trending.stores, 'store', storeA), 104);
    near(score(trending.stores, 'store', storeB), 30);
    assert.ok(trending.stores.findIndex((e) => e.store._id === storeA) < trending.stores.findIndex((e) => e.store._id === storeB));

    const scores = trending.products.map((e) => e.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    assert.ok((await ok('GET', '/homepage/trending?limit=1')).products.length <= 1);
  });

  test('a product\'s published shoppable videos lift it by 0.1 a point of their engagement', async () => {
    const store = await shop.store();
    const cat = await category();
    const lifted = await product(store, cat);
    const vcat = await videoCategory();
    const shown = await video({ category: vcat, products: [lifted] });
    const hidden = await video({ category: vcat, products: [lifted] });
    const today = "(now() AT TIME ZONE 'UTC')::date";
    await sql(`UPDATE videos SET is_published = false WHERE id = '${hidden}';
               INSERT INTO video_engagement_daily (video_id, day, views, likes, shares, comments) VALUES
                 ('${shown}', ${today}, 10, 2, 0, 0),
                 ('${shown}', ${today} - 2, 0, 0, 4, 0),
                 ('${shown}', ${today} - 9, 500, 0, 0, 0),
                 ('${hidden}', ${today}, 100, 0, 0, 0)`);
    await sleep(1100);
    const trending = await ok('GET', '/homepage/trending?limit=50');
    const entry = trending.products.find((e) => e.product._id === lifted);
    assert.ok(entry, 'listed');
    // today 10 views + 3 x 2 likes = 16 points; two days ago 5 x 4 shares = 20 points, halved;
    // nine days ago is outside the window, and the unpublished video counts nothing.
    assert.ok(Math.abs(entry.score - (0.1 * 16 + 0.1 * 20 * 0.5)) < 1e-9, `${entry.score}`);
  });

  test('videos rank by trending score; bad limits are a 422', async () => {
    const cat = await videoCategory();
    const low = await video({ category: cat, score: 8e8 });
    const high = await video({ category: cat, score: 8e8 + 5 });
    await sleep(1100);
    const videos = (await ok('GET', '/homepage/trending?limit=50')).videos;
    const at = (id) => videos.findIndex((e) => e.video._id === id);
    assert.ok(at(high) >= 0 && at(low) === at(high) + 1);
    assert.equal(videos[at(high)].score, 8e8 + 5);
    for (const limit of ['0', '51', 'x']) {
      assert.deepEqual(fieldErrors(await api('GET', `/homepage/trending?limit=${limit}`)), ['limit']);
    }
  });
});

describe('recommendations', () => {
  test('differ for users with different histories and leave out what they bought', async () => {
    const store = await shop.store();
    const [catA, catB, catC] = [await category(), await category(), await category()];
    const a = [await product(store, catA), await product(store, catA), await product(store, catA)];
    const b = [await product(store, catB), await product(store, catB), await product(store, catB)];
    const c = [await product(store, catC), await product(store, catC)];
    const alice = await shop.shopper();
    const bob = await shop.shopper();
    const carol = await shop.shopper();
    await order(alice.token, [[a[0], 1]]);
    await ok('PUT', '/users/preferences', alice.token, { categories: [catA] });
    await order(bob.token, [[b[0], 1]]);
    const vcat = await videoCategory();
    const liked = await video({ category: vcat, products: [c[0]] });
    await sql(`INSERT INTO video_likes (video_id, user_id) VALUES ('${liked}', '${carol.id}')`);

    const forAlice = await ok('GET', '/homepage/recommendations', alice.token);
    const forBob = await ok('GET', '/homepage/recommendations', bob.token);
    const forCarol = await ok('GET', '/homepage/recommendations?limit=5', carol.token);
    assert.equal(forAlice.basis, 'personal');
    assert.deepEqual(new Set(forAlice.items.slice(0, 2).map((i) => i.product._id)), new Set([a[1], a[2]]));
    assert.equal(forAlice.items[0].reason, 'preferred_category');
    assert.deepEqual(new Set(forBob.items.slice(0, 2).map((i) => i.product._id)), new Set([b[1], b[2]]));
    assert.equal(forBob.items[0].reason, 'past_orders');
    assert.deepEqual(new Set(forCarol.items.slice(0, 2).map((i) => i.product._id)), new Set(c));
    assert.equal(forCarol.items[0].reason, 'liked_videos');
    assert.equal(forCarol.items.length, 5);
    assert.ok(!forAlice.items.some((i) => i.product._id === a[0]), 'bought: left out');
    assert.ok(!forBob.items.some((i) => i.product._id === b[0]), 'bought: left out');
    assert.notDeepEqual(forAlice.items.map((i) => i.product._id), forBob.items.map((i) => i.product._id));
    for (const r of [forAlice, forBob, forCarol]) {
      const own = r.items.filter((i) => i.reason !== 'popular');
      assert.deepEqual(r.items.slice(0, own.length), own, 'the user\'s own candidates before the best sellers');
      for (const part of [own, r.items.slice(own.length)]) {
        const scores = part.map((i) => i.score);
        assert.deepEqual(scores, [...scores].sort((x, y) => y - x), 'best first');
      }
    }
  });

  test('a new user gets the best sellers; anonymous callers and bad limits are refused', async () => {
    const fresh = await shop.shopper();
    const res = await api('GET', '/homepage/recommendations?limit=10', fresh.token);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.body.basis, 'popular');
    assert.equal(res.body.items.length, 10);
    assert.ok(res.body.items.every((i) => i.reason === 'popular'));
    const scores = res.body.items.map((i) => i.score);
    assert.deepEqual(scores, [...scores].sort((x, y) => y - x));
    assertProblem(await api('GET', '/homepage/recommendations'), 401, 'UNAUTHORIZED');
    assert.deepEqual(fieldErrors(await api('GET', '/homepage/recommendations?limit=51', fresh.token)), ['limit']);
  });
});
