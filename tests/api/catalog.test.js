// The catalog's public reads and reviews: /categories, /stores, /products, against the demo
// catalog `superapp seed` loads. Every response is checked against docs/openapi.yaml.
import { execFile } from 'node:child_process';
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { assertProblem, call, getJson } from './support/assert.js';
import { repoRoot, startServer } from './support/server.js';
import { signIn, signInEnv } from './support/users.js';

const run = promisify(execFile);
const bin = process.env.SUPERAPP_BIN || path.join(repoRoot, 'build', 'superapp');
const psqlBin = path.join(process.env.PG_BIN_DIR || '/usr/lib/postgresql/15/bin', 'psql');

const reviewers = Array.from({ length: 50 }, (_, i) => `+9199999470${String(i).padStart(2, '0')}`);

let server;
before(async () => {
  server = await startServer({ env: signInEnv(reviewers) });
  await run(bin, ['seed'], { env: process.env });
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

const get = (p) => getJson(server.url, p);
async function sql(text) {
  const { stdout } = await run(psqlBin, [process.env.DATABASE_URL, '-XAtqc', text]);
  return stdout.trim();
}

// Every page of a list, following nextCursor.
async function allPages(p, limit) {
  const items = [];
  let cursor = null;
  for (let pages = 0; pages < 200; pages++) {
    const sep = p.includes('?') ? '&' : '?';
    const page = await get(`${p}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    if (!page.nextCursor) return items;
    cursor = page.nextCursor;
  }
  assert.fail('too many pages');
}

function haversineKm(lat1, lng1, lat2, lng2) {
  const rad = (d) => (d * Math.PI) / 180;
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

test('categories come as a tree of the four types, flat on request, by slug or id', async () => {
  const tree = await get('/api/v1/categories');
  assert.deepEqual(new Set(tree.items.map((c) => c.type)), new Set(['going_out', 'home_delivery', 'earn', 'play']));
  const delivery = tree.items.find((c) => c.slug === 'home-delivery');
  assert.ok(delivery.subcategories.some((c) => c.slug === 'groceries'));
  assert.equal(tree.nextCursor, null);

  const flat = await get('/api/v1/categories?flat=true&type=play');
  assert.ok(flat.items.length >= 5);
  assert.ok(flat.items.every((c) => c.type === 'play' && !('subcategories' in c)));

  const bySlug = await get('/api/v1/categories/groceries');
  const byId = await get(`/api/v1/categories/${bySlug._id}`);
  assert.equal(byId.slug, 'groceries');
  assert.equal(bySlug.parentCategory, delivery._id);
  const expanded = await get('/api/v1/categories/groceries?expand=parentCategory&fields=name,parentCategory');
  assert.equal(expanded.parentCategory.slug, 'home-delivery');
  assert.equal(expanded.slug, undefined);

  assertProblem(await call(server.url, 'GET', '/api/v1/categories/no-such-thing'), 404, 'NOT_FOUND');
  assertProblem(await call(server.url, 'GET', '/api/v1/categories?type=shopping'), 422, 'VALIDATION_FAILED');
  const res = await call(server.url, 'GET', '/api/v1/categories');
  assert.match(res.headers.get('cache-control'), /^public, max-age=\d+$/);
  assert.ok(res.headers.get('etag'));
  // The reply comes from memory with its ETag; a client that has it gets 304.
  const again = await call(server.url, 'GET', '/api/v1/categories', { headers: { 'If-None-Match': res.headers.get('etag') } });
  assert.equal(again.status, 304);
  assert.equal(again.text, '');
});

const productSorts = {
  price_asc: (a, b) => a.price.selling <= b.price.selling,
  price_desc: (a, b) => a.price.selling >= b.price.selling,
  rating: (a, b) => a.ratings.average >= b.ratings.average,
  newest: (a, b) => a.createdAt >= b.createdAt,
  popularity: (a, b, sold) => sold.get(a._id) >= sold.get(b._id),
};

// Units sold of each product (not shown by the API, but what the popularity sort orders by).
async function soldCounts(products) {
  const ids = products.map((p) => `'${p._id}'`).join(',');
  const rows = await sql(`SELECT id, sold_count FROM products WHERE id IN (${ids})`);
  return new Map(rows.split('\n').map((line) => line.split('|')).map(([id, n]) => [id, Number(n)]));
}

test('every product sort pages through a category with no duplicates and no gaps', async () => {
  for (const [sort, ordered] of Object.entries(productSorts)) {
    const whole = await get(`/api/v1/products?category=groceries&sort=${sort}&limit=100`);
    const paged = await allPages(`/api/v1/products?category=groceries&sort=${sort}`, 7);
    assert.ok(whole.items.length > 7, 'more than one page');
    assert.deepEqual(paged.map((p) => p._id), whole.items.map((p) => p._id), `sort ${sort}`);
    assert.equal(new Set(paged.map((p) => p._id)).size, paged.length);
    const sold = await soldCounts(paged);
    for (let i = 1; i < paged.length; i++) assert.ok(ordered(paged[i - 1], paged[i], sold), `${sort} at ${i}`);
  }
  const other = await get('/api/v1/products?sort=price_asc&limit=2');
  assertProblem(await call(server.url, 'GET', `/api/v1/products?sort=rating&cursor=${other.nextCursor}`), 422,
    'VALIDATION_FAILED');
  assertProblem(await call(server.url, 'GET', '/api/v1/products?cursor=nonsense'), 422, 'VALIDATION_FAILED');
});

test('a cursor that does not fit its list is a 422 naming cursor, never a server error', async () => {
  const id = '64c300000000000000000007';
  const cursor = (...parts) => Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p))))
    .toString('base64url');
  const newestFirst = await get('/api/v1/products?sort=relevance&limit=2');  // no q: newest first
  assert.ok(newestFirst.nextCursor);
  const product = (await get('/api/v1/products?limit=1')).items[0]._id;
  const lists = [
    `/api/v1/products?q=rice&sort=relevance&cursor=${newestFirst.nextCursor}`,
    `/api/v1/products?sort=rating&cursor=${cursor(`rating\nabc\n${id}`)}`,
    `/api/v1/products?sort=price_asc&cursor=${cursor(`price_asc\n99999999999999999999\n${id}`)}`,
    `/api/v1/products?sort=newest&cursor=${cursor(`newest\n99999-01-01 00:00:00+00\n${id}`)}`,
    `/api/v1/stores?sort=name&cursor=${cursor('name\n', Buffer.from([0xff]), `\n${id}`)}`,
    `/api/v1/stores/nearby?lat=19.07&lng=72.87&radius=20&cursor=${cursor(`distance\n1e400\n${id}`)}`,
    `/api/v1/products/${product}/reviews?sort=highest&cursor=${cursor(`highest\n40000\n${id}`)}`,
  ];
  for (const p of lists) {
    const problem = assertProblem(await call(server.url, 'GET', p), 422, 'VALIDATION_FAILED');
    assert.deepEqual(problem.errors.map((e) => e.field), ['cursor'], p);
  }
});

test('a parent category includes its subcategories; the category routes match the filters', async () => {
  const groceries = await get('/api/v1/categories/groceries');
  const parent = await allPages('/api/v1/categories/home-delivery/products?sort=price_asc', 100);
  const child = await allPages(`/api/v1/categories/${groceries._id}/products?sort=price_asc`, 100);
  assert.ok(child.length > 0 && parent.length > child.length);
  const ids = new Set(parent.map((p) => p._id));
  assert.ok(child.every((p) => ids.has(p._id)));
  const stores = await get('/api/v1/categories/groceries/stores?limit=100');
  assert.ok(stores.items.length > 0 && stores.items.every((s) => s.category === groceries._id));
  assertProblem(await call(server.url, 'GET', '/api/v1/categories/nope/products'), 404, 'NOT_FOUND');
});

test('product filters: price range, stock, featured, tags, store, rating', async () => {
  const ranged = await get('/api/v1/products?minPrice=500&maxPrice=1500&limit=100');
  assert.ok(ranged.items.length > 0);
  assert.ok(ranged.items.every((p) => p.price.selling >= 500 && p.price.selling <= 1500));
  assert.ok((await get('/api/v1/products?inStock=true&limit=100')).items.every((p) => p.inventory.stock > 0));
  assert.ok((await get('/api/v1/products?featured=true&limit=100')).items.every((p) => p.isFeatured));
  assert.ok((await get('/api/v1/products?tags=veg&limit=100')).items.every((p) => p.tags.includes('veg')));
  assert.ok((await get('/api/v1/products?minRating=4&limit=100')).items.every((p) => p.ratings.average >= 4));
  const one = (await get('/api/v1/products?limit=1')).items[0];
  const ofStore = await get(`/api/v1/products?store=${one.store}&limit=100`);
  assert.ok(ofStore.items.every((p) => p.store === one.store));
  const viaStore = await get(`/api/v1/stores/${one.store}/products?limit=100`);
  assert.deepEqual(viaStore.items.map((p) => p._id).sort(), ofStore.items.map((p) => p._id).sort());
  for (const p of ranged.items) {
    assert.ok(p.price.selling <= p.price.original);
    assert.equal(p.price.discount, Math.round(((p.price.original - p.price.selling) * 100) / p.price.original));
  }
  const bad = assertProblem(await call(server.url, 'GET', '/api/v1/products?minPrice=-1&limit=0&sort=cheap'), 422,
    'VALIDATION_FAILED');
  assert.deepEqual(bad.errors.map((e) => e.field).sort(), ['limit', 'minPrice', 'sort']);
});

test('search ranks an exact name first and still finds a misspelt word', async () => {
  const some = (await get('/api/v1/products?category=groceries&limit=1')).items[0];
  const found = await get(`/api/v1/products?q=${encodeURIComponent(some.name)}&limit=5`);
  assert.equal(found.items[0].name, some.name);
  const typo = await get('/api/v1/products?q=basmti&limit=20');
  assert.ok(typo.items.length > 0 && typo.items.every((p) => /basmati/i.test(p.name)));
  const prefix = await get('/api/v1/products?q=biry&limit=5');
  assert.ok(prefix.items.length > 0 && prefix.items.every((p) => /biryani/i.test(p.name)));
  const paged = await allPages('/api/v1/products?q=rice', 3);
  assert.equal(new Set(paged.map((p) => p._id)).size, paged.length);
  const whole = await get('/api/v1/products?q=rice&limit=100');
  assert.ok(whole.items.length > 3 && !whole.nextCursor);
  assert.deepEqual(paged.map((p) => p._id), whole.items.map((p) => p._id), 'relevance pages: no gaps');
});

test('stores: filters and sorts page without duplicates', async () => {
  for (const sort of ['rating', 'name']) {
    const whole = await get(`/api/v1/stores?sort=${sort}&limit=100`);
    const paged = await allPages(`/api/v1/stores?sort=${sort}`, 6);
    assert.deepEqual(paged.map((s) => s._id), whole.items.map((s) => s._id));
  }
  const mumbai = await get('/api/v1/stores?city=Mumbai&limit=100');
  assert.ok(mumbai.items.length > 0 && mumbai.items.every((s) => s.location.city === 'Mumbai'));
  assert.ok((await get('/api/v1/stores?isPartner=true&limit=100')).items.every((s) => s.offers.isPartner));
  assert.ok((await get('/api/v1/stores?minRating=3&limit=100')).items.every((s) => s.ratings.average >= 3));
  await get('/api/v1/stores?open=now&limit=100');
  const store = mumbai.items[0];
  const one = await get(`/api/v1/stores/${store._id}?expand=category&fields=name,category`);
  assert.equal(typeof one.category.slug, 'string');
  assertProblem(await call(server.url, 'GET', '/api/v1/stores/000000000000000000000000'), 404, 'NOT_FOUND');
  assertProblem(await call(server.url, 'GET', '/api/v1/stores?sort=distance'), 422, 'VALIDATION_FAILED');
});

test('nearby stores: within the radius, nearest first, distances right for known city pairs', async () => {
  const mumbai = { lat: 19.076, lng: 72.8777 };
  const near = await allPages(`/api/v1/stores/nearby?lat=${mumbai.lat}&lng=${mumbai.lng}&radius=20`, 5);
  assert.ok(near.length > 0);
  for (let i = 0; i < near.length; i++) {
    const s = near[i];
    assert.equal(s.location.city, 'Mumbai');
    assert.ok(s.distance <= 20);
    if (i > 0) assert.ok(near[i - 1].distance <= s.distance);
    assert.equal(s.deliversHere, s.distance <= s.location.deliveryRadius);
    const [lng, lat] = s.location.coordinates;
    assert.ok(Math.abs(haversineKm(mumbai.lat, mumbai.lng, lat, lng) - s.distance) < 0.05 + s.distance * 0.01);
  }
  // Mumbai to Pune is about 120 km, Delhi to Jaipur about 240 km.
  for (const [from, city, km] of [[mumbai, 'Pune', 120], [{ lat: 28.6139, lng: 77.209 }, 'Jaipur', 240]]) {
    const stores = await get(`/api/v1/stores?city=${city}&lat=${from.lat}&lng=${from.lng}&limit=100`);
    for (const s of stores.items) {
      const [lng, lat] = s.location.coordinates;
      const expected = haversineKm(from.lat, from.lng, lat, lng);
      assert.ok(Math.abs(expected - s.distance) / expected < 0.01, `${s.distance} vs ${expected}`);
      assert.ok(Math.abs(s.distance - km) < 30);
      assert.equal(s.deliversHere, false);
    }
  }
  assertProblem(await call(server.url, 'GET', '/api/v1/stores/nearby?lat=100'), 422, 'VALIDATION_FAILED');
});

test('fields and expand shape products', async () => {
  const page = await get('/api/v1/products?limit=3&fields=name,price.selling&expand=store,category');
  for (const p of page.items) {
    assert.deepEqual(Object.keys(p).sort(), ['_id', 'name', 'price']);
    assert.deepEqual(Object.keys(p.price), ['selling']);
  }
  const full = await get(`/api/v1/products/${page.items[0]._id}?expand=store,category`);
  assert.equal(typeof full.store.name, 'string');
  assert.equal(typeof full.category.slug, 'string');
  assertProblem(await call(server.url, 'GET', '/api/v1/products?expand=owner'), 422, 'VALIDATION_FAILED');
});

// The server keeps public replies for 2 s (5 s a search); a write by another process (psql here) shows
// once they expire. Its own writes drop them at once (catalog_write.test.js).
const keptRepliesExpire = () => new Promise((resolve) => setTimeout(resolve, 2100));

test('inactive stores and products are never shown', async () => {
  const [a, b] = (await get('/api/v1/products?category=electronics&limit=2')).items;
  await sql(`UPDATE products SET is_active = false WHERE id = '${a._id}'`);
  await keptRepliesExpire();
  try {
    assertProblem(await call(server.url, 'GET', `/api/v1/products/${a._id}`), 404, 'NOT_FOUND');
    const all = await allPages('/api/v1/products?category=electronics', 100);
    assert.ok(!all.some((p) => p._id === a._id));
  } finally {
    await sql(`UPDATE products SET is_active = true WHERE id = '${a._id}'`);
  }
  await sql(`UPDATE stores SET is_active = false WHERE id = '${b.store}'`);
  await keptRepliesExpire();
  try {
    assertProblem(await call(server.url, 'GET', `/api/v1/stores/${b.store}`), 404, 'NOT_FOUND');
    assertProblem(await call(server.url, 'GET', `/api/v1/products/${b._id}`), 404, 'NOT_FOUND');
    const stores = await allPages('/api/v1/stores', 100);
    assert.ok(!stores.some((s) => s._id === b.store));
  } finally {
    await sql(`UPDATE stores SET is_active = true WHERE id = '${b.store}'`);
  }
});

test('reviews: one per user, upserted, with aggregates right under 50 concurrent reviewers', async () => {
  const products = (await get('/api/v1/products?category=fashion&sort=price_desc&limit=100')).items;
  const product = products.find((p) => p.ratings.count === 0);
  assert.ok(product, 'a product with no reviews');
  const storeBefore = await get(`/api/v1/stores/${product.store}`);
  const tokens = [];
  for (const phone of reviewers) tokens.push(await signIn(server.url, phone));
  const p = `/api/v1/products/${product._id}/reviews`;

  assertProblem(await call(server.url, 'POST', p, { body: { rating: 5 } }), 401, 'UNAUTHORIZED');
  const bad = assertProblem(await call(server.url, 'POST', p, { token: tokens[0], body: { rating: 6, text: 'x'.repeat(2001) } }),
    422, 'VALIDATION_FAILED');
  assert.deepEqual(bad.errors.map((e) => e.field).sort(), ['rating', 'text']);

  const first = await call(server.url, 'POST', p, { token: tokens[0], body: { rating: 1, text: 'Too small' } });
  assert.equal(first.status, 201, first.text);
  const again = await call(server.url, 'POST', p, { token: tokens[0], body: { rating: 2, text: 'Fine after all' } });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body._id, first.body._id);

  const ratings = tokens.map((_, i) => (i % 5) + 1);
  const results = await Promise.all(tokens.map((token, i) =>
    call(server.url, 'POST', p, { token, body: { rating: ratings[i] } })));
  assert.deepEqual(results.map((r) => r.status), tokens.map((_, i) => (i === 0 ? 200 : 201)));

  const after = await get(`/api/v1/products/${product._id}`);
  const sum = ratings.reduce((a, b) => a + b, 0);
  assert.equal(after.ratings.count, 50);
  assert.equal(after.ratings.average, Math.round((sum * 100) / 50) / 100);
  const storeAfter = await get(`/api/v1/stores/${product.store}`);
  assert.equal(storeAfter.ratings.count, storeBefore.ratings.count + 50);

  const list = await get(`${p}?limit=100`);
  assert.deepEqual(list.histogram, { 1: 10, 2: 10, 3: 10, 4: 10, 5: 10 });
  assert.equal(list.items.length, 50);
  for (const sort of ['newest', 'highest', 'lowest']) {
    const paged = await allPages(`${p}?sort=${sort}`, 7);
    assert.equal(new Set(paged.map((r) => r._id)).size, 50, sort);
    if (sort !== 'newest') {
      for (let i = 1; i < paged.length; i++) {
        assert.ok(sort === 'highest' ? paged[i - 1].rating >= paged[i].rating : paged[i - 1].rating <= paged[i].rating);
      }
    }
  }
  assertProblem(await call(server.url, 'GET', '/api/v1/products/000000000000000000000000/reviews'), 404, 'NOT_FOUND');
});

test('the main list queries are served by indexes', async () => {
  // The demo set is small enough for a sort in memory to win; with that and whole-table scans
  // ruled out, the plans show which index serves each query.
  // (VACUUM also moves the GIN indexes' pending entries into the index proper.)
  await sql('ANALYZE categories, stores, reviews');
  await sql('VACUUM ANALYZE products');
  const category = await sql("SELECT id FROM categories WHERE slug = 'groceries'");
  const plan = await sql(`SET enable_seqscan = off; SET enable_sort = off; EXPLAIN SELECT p.id FROM products p
    JOIN stores s ON s.id = p.store_id AND s.is_active JOIN categories c ON c.id = p.category_id AND c.is_active
    WHERE p.is_active AND p.category_id = '${category}' ORDER BY p.selling_paise, p.id LIMIT 21`);
  assert.match(plan, /products_category_price_idx/);
  const nearby = await sql(`SET enable_seqscan = off; SET enable_sort = off; EXPLAIN SELECT s.id FROM stores s WHERE s.is_active AND
    earth_box(ll_to_earth(19.07, 72.87), 5000) @> s.location`);
  assert.match(nearby, /stores_location_idx/);
  const words = await sql(`SET enable_seqscan = off; EXPLAIN SELECT p.id FROM products p WHERE p.is_active AND
    p.search @@ to_tsquery('english', 'basmati:*')`);
  assert.match(words, /products_search_idx/);
  const typos = await sql(`SET enable_seqscan = off; EXPLAIN SELECT p.id FROM products p WHERE p.is_active AND
    'basmti' <% p.name`);
  assert.match(typos, /products_name_trgm_idx/);
});
