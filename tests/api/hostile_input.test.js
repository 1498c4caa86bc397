// Hostile input: what a request costs is bounded and linear in its size, and bytes PostgreSQL
// cannot store (NUL, invalid UTF-8) are refused where they enter, naming where they were, never
// answered with a 500. Every response is checked against docs/openapi.yaml.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertProblem, call } from './support/assert.js';
import { authEnv } from './support/auth.js';
import { operations } from './support/openapi.js';
import { startServer } from './support/server.js';
import { openShop, sql, unique } from './support/shop.js';

let server;
let shop;
let user;

const api = (method, p, token, body, headers = {}) => call(server.url, method, `/api/v1${p}`, { token, body, headers });
const location = { address: '1 MG Road', city: 'Bengaluru', pincode: '560001', coordinates: [77.61, 12.97] };

/** An object of `n` members named `${prefix}0`, `${prefix}1`, ... */
function members(n, prefix = 'unknown') {
  const out = {};
  for (let i = 0; i < n; i += 1) out[`${prefix}${i}`] = i;
  return out;
}

/** JSON text of `levels` nested arrays around 1. */
const nestedArrays = (levels) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

before(async () => {
  server = await startServer({ env: { ...authEnv() } });
  shop = await openShop(server);
  user = (await shop.shopper()).token;
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

describe('bounded costs', () => {
  test('40,000 unknown keys in a profile update are refused at once by the member limit', async () => {
    const res = await api('PUT', '/users/profile', user, members(40_000));
    const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
    assert.ok(problem.errors.length <= 50);
    assert.deepEqual(problem.errors.map((e) => e.field), ['']);
    assert.match(problem.errors[0].message, /more than 1000 members/);
    assert.match(problem.detail, /1000 members/);
    assert.ok(res.text.length < 2_000, `a small answer, got ${res.text.length} bytes`);
  });

  test('thousands of bad fields are answered with 50 errors and the count of the rest', async () => {
    const body = { ...members(999, 'top'), profile: { ...members(998, 'inner'), location: members(999, 'deep') } };
    const res = await api('PUT', '/users/profile', user, body);
    const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
    assert.equal(problem.errors.length, 50);
    assert.equal(problem.omittedErrors, 999 + 998 + 999 - 50);
    assert.equal(problem.detail, `${999 + 998 + 999} fields are invalid`);
    assert.deepEqual(problem.errors.slice(0, 2).map((e) => e.field), ['top0', 'top1']);
    assert.equal(new Set(problem.errors.map((e) => e.field)).size, 50, 'each field once');
    assert.ok(res.text.length < 10_000, `a bounded answer, got ${res.text.length} bytes`);

    const few = assertProblem(await api('PUT', '/users/profile', user, members(3)), 422, 'VALIDATION_FAILED');
    assert.equal(few.errors.length, 3);
    assert.equal(few.omittedErrors, undefined);
  });

  test('a JSON body may nest 32 levels; the 33rd is refused naming the limit and the path', async () => {
    const ok = await call(server.url, 'POST', '/api/v1/cart/add', {
      token: user, body: `{"productId":"x","junk":${nestedArrays(30)}}`, headers: { 'content-type': 'application/json' },
    });
    assert.notEqual(ok.status, 400);
    assert.ok(!/levels/.test(ok.text), ok.text);

    const deep = await call(server.url, 'POST', '/api/v1/cart/add', {
      token: user, body: `{"productId":"x","junk":${nestedArrays(32)}}`, headers: { 'content-type': 'application/json' },
    });
    const problem = assertProblem(deep, 422, 'VALIDATION_FAILED');
    assert.equal(problem.errors[0].field, `junk${'[0]'.repeat(31)}`);
    assert.match(problem.errors[0].message, /deeper than 32 levels/);

    // Far deeper than any parser stack: the same answer, at once.
    const abyss = await call(server.url, 'POST', '/api/v1/cart/add', {
      token: user, body: nestedArrays(200_000), headers: { 'content-type': 'application/json' },
    });
    assert.match(assertProblem(abyss, 422, 'VALIDATION_FAILED').detail, /32 levels/);
  });

  test('an object of 1,001 members is refused naming the limit and its path', async () => {
    const res = await api('POST', '/cart/add', user, { productId: 'x', options: { list: [{}, members(1001)] } });
    const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
    assert.equal(problem.errors[0].field, 'options.list[1]');
    assert.match(problem.errors[0].message, /more than 1000 members/);

    const thousand = await api('POST', '/cart/add', user, { productId: 'x', options: members(999) });
    assert.ok(!/members/.test(thousand.text), thousand.text);
  });

  test('long query lists are cut at their limit, never walked to the end', async () => {
    const fields = Array.from({ length: 1_500 }, (_, i) => `f${i}`).join(',');
    const res = await call(server.url, 'GET', `/api/v1/products?fields=${fields}`);
    const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
    assert.deepEqual(problem.errors, [{ field: 'fields', message: 'must have at most 40 items' }]);
  });
});

describe('raw bytes in paths, queries and bodies', () => {
  test('a path with NUL or invalid UTF-8 is not found', async () => {
    for (const bad of ['%00', '%ff', 'fresh%00', '%c0%af', '%ed%a0%80', '%e0%a4']) {
      assertProblem(await call(server.url, 'GET', `/api/v1/categories/${bad}`), 404, 'NOT_FOUND');
      assertProblem(await call(server.url, 'GET', `/api/v1/categories/${bad}/products`), 404, 'NOT_FOUND');
      assertProblem(await call(server.url, 'GET', `/api/v1/products/${bad}`), 404, 'NOT_FOUND');
      assertProblem(await call(server.url, 'GET', `/api/v1/stores/${bad}`), 404, 'NOT_FOUND');
    }
    // Text in another script is a slug like any other.
    assertProblem(await call(server.url, 'GET', '/api/v1/categories/%E0%A4%95%E0%A4%BF'), 404, 'NOT_FOUND');
  });

  test('a query parameter with NUL or invalid UTF-8 is refused naming it', async () => {
    for (const [query, field] of [['category=%00', 'category'], ['category=ok%ff', 'category'], ['q=%00', 'q'],
      ['limit=5&sort=%ed%a0%80', 'sort'], ['%ff=1', '%FF'], ['a%00b=1', 'a%00b']]) {
      const problem = assertProblem(await call(server.url, 'GET', `/api/v1/products?${query}`), 422, 'VALIDATION_FAILED');
      assert.deepEqual(problem.errors.map((e) => e.field), [field], query);
    }
    const stores = assertProblem(await call(server.url, 'GET', '/api/v1/stores?category=%00'), 422, 'VALIDATION_FAILED');
    assert.equal(stores.errors[0].field, 'category');
    const search = assertProblem(await call(server.url, 'GET', '/api/v1/products/search?q=%ff'), 422, 'VALIDATION_FAILED');
    assert.equal(search.errors[0].field, 'q');
  });

  test('NUL in category metadata or product specifications is refused naming its JSON path', async () => {
    const category = await api('POST', '/categories', shop.admin,
      { name: 'Nul test', slug: `nul-${unique()}`, type: 'home_delivery', metadata: { note: 'a\u0000b' } });
    assert.deepEqual(assertProblem(category, 422, 'VALIDATION_FAILED').errors, [
      { field: 'metadata.note', message: 'must not contain NUL (\\u0000)' },
    ]);
    const update = await api('PUT', '/categories/groceries', shop.admin, { metadata: { tags: ['x', '\u0000'] } });
    assert.equal(assertProblem(update, 422, 'VALIDATION_FAILED').errors[0].field, 'metadata.tags[1]');

    const store = await shop.store();
    const product = await api('POST', '/products', shop.merchant, {
      name: 'Nul product', store, category: shop.groceries, price: { original: 10, selling: 10 },
      inventory: { stock: 1 }, specifications: { weight: '1 kg\u0000' },
    });
    assert.equal(assertProblem(product, 422, 'VALIDATION_FAILED').errors[0].field, 'specifications.weight');
    const key = await api('POST', '/products', shop.merchant, {
      name: 'Nul product', store, category: shop.groceries, price: { original: 10, selling: 10 },
      inventory: { stock: 1 }, specifications: { 'we\u0000ight': '1 kg' },
    });
    assert.equal(assertProblem(key, 422, 'VALIDATION_FAILED').errors[0].field, 'specifications');
  });

  test('invalid UTF-8 and lone surrogates in JSON are malformed bodies', async () => {
    for (const body of [Buffer.from('{"name":"\xff"}', 'latin1'), Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
      '{"name":"\\ud800"}', '{"name":"\\udc00x"}', '{"\\ud800":1}']) {
      const res = await call(server.url, 'POST', '/api/v1/categories', {
        token: shop.admin, body, headers: { 'content-type': 'application/json' },
      });
      assertProblem(res, 400, 'MALFORMED_JSON');
    }
  });

  test('multipart text fields with NUL or invalid UTF-8 are refused naming the field', async () => {
    const boundary = 'XyZ';
    const formBody = (value) => Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\nfine\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n`), value,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    for (const value of [Buffer.from('a\0b'), Buffer.from([0x63, 0x61, 0x66, 0xe9])]) {
      const res = await call(server.url, 'POST', '/api/v1/videos', {
        token: shop.merchant, body: formBody(value), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      assert.deepEqual(assertProblem(res, 422, 'VALIDATION_FAILED').errors.map((e) => e.field), ['title']);
    }
  });
});

describe('category slugs and references', () => {
  test('a slug of 24 hex digits is refused: it would read as an id', async () => {
    const hex = 'abcdef0123456789abcdef01';
    const created = await api('POST', '/categories', shop.admin, { name: 'Hex', slug: hex, type: 'home_delivery' });
    assert.deepEqual(assertProblem(created, 422, 'VALIDATION_FAILED').errors.map((e) => e.field), ['slug']);
    const changed = await api('PUT', '/categories/groceries', shop.admin, { slug: hex });
    assert.deepEqual(assertProblem(changed, 422, 'VALIDATION_FAILED').errors.map((e) => e.field), ['slug']);
    // 23 or 25 hex digits are ordinary slugs.
    const slug = `${hex.slice(0, 23)}`;
    await sql(`DELETE FROM categories WHERE slug = '${slug}'`);
    const ordinary = await api('POST', '/categories', shop.admin, { name: 'Almost hex', slug, type: 'home_delivery' });
    assert.equal(ordinary.status, 201, ordinary.text);
  });

  test('stores and products take a category id or slug and store its id', async () => {
    const created = await api('POST', '/stores', shop.merchant,
      { name: `Slug store ${unique()}`, category: 'groceries', location });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.category, shop.groceries);
    const moved = await api('PUT', `/stores/${created.body._id}`, shop.merchant, { category: 'electronics' });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.body.category, shop.electronics);

    const product = await api('POST', '/products', shop.merchant, {
      name: 'Slug product', store: created.body._id, category: 'electronics', price: { original: 10, selling: 10 },
      inventory: { stock: 1 },
    });
    assert.equal(product.status, 201, product.text);
    assert.equal(product.body.category, shop.electronics);
    const recategorised = await api('PUT', `/products/${product.body._id}`, shop.merchant, { category: 'groceries' });
    assert.equal(recategorised.status, 200, recategorised.text);
    assert.equal(recategorised.body.category, shop.groceries);
  });

  test('an unknown or inactive category is a 422 naming category, never a 500', async () => {
    const inactive = await api('POST', '/categories', shop.admin,
      { name: 'Gone soon', slug: `gone-${unique()}`, type: 'home_delivery' });
    assert.equal(inactive.status, 201, inactive.text);
    assert.equal((await api('DELETE', `/categories/${inactive.body._id}`, shop.admin)).status, 204);
    const store = await shop.store();
    for (const category of ['no-such-category', '0123456789abcdef01234567', inactive.body._id, inactive.body.slug]) {
      const s = await api('POST', '/stores', shop.merchant, { name: 'Nowhere', category, location });
      assert.deepEqual(assertProblem(s, 422, 'VALIDATION_FAILED').errors.map((e) => e.field), ['category'], category);
      const u = await api('PUT', `/stores/${store}`, shop.merchant, { category });
      assert.deepEqual(assertProblem(u, 422, 'VALIDATION_FAILED').errors.map((e) => e.field), ['category'], category);
      const p = await api('POST', '/products', shop.merchant,
        { name: 'Nowhere', store, category, price: { original: 10, selling: 10 }, inventory: { stock: 1 } });
      assert.deepEqual(assertProblem(p, 422, 'VALIDATION_FAILED').errors.map((e) => e.field), ['category'], category);
    }
  });

  test('an older category whose slug is 24 hex digits is written by its id', async () => {
    const made = await api('POST', '/categories', shop.admin,
      { name: 'Legacy', slug: `legacy-${unique()}`, type: 'home_delivery' });
    assert.equal(made.status, 201, made.text);
    const hexSlug = 'fedcba9876543210fedcba98';
    await sql(`UPDATE categories SET slug = NULL WHERE slug = '${hexSlug}'`).catch(() => {});
    await sql(`DELETE FROM categories WHERE slug = '${hexSlug}' AND id <> '${made.body._id}'`).catch(() => {});
    await sql(`UPDATE categories SET slug = '${hexSlug}' WHERE id = '${made.body._id}'`);

    const store = await api('POST', '/stores', shop.merchant, { name: 'Legacy store', category: hexSlug, location });
    assert.equal(store.status, 201, store.text);
    assert.equal(store.body.category, made.body._id);

    // A slug equal to another category's id never shadows that id.
    const other = await api('POST', '/categories', shop.admin,
      { name: 'Shadow', slug: `shadow-${unique()}`, type: 'home_delivery' });
    await sql(`UPDATE categories SET slug = '${shop.groceries}' WHERE id = '${other.body._id}'`);
    const byId = await api('POST', '/stores', shop.merchant, { name: 'By id', category: shop.groceries, location });
    assert.equal(byId.status, 201, byId.text);
    assert.equal(byId.body.category, shop.groceries);
    await sql(`UPDATE categories SET slug = 'shadow-${unique()}' WHERE id = '${other.body._id}'`);

    const listed = await call(server.url, 'GET', `/api/v1/products?category=${hexSlug}`);
    assert.equal(listed.status, 200, listed.text);
  });
});

describe('sweep: hostile bytes on every documented route', () => {
  const routes = operations().filter(({ path }) => path.startsWith('/api/'));
  const concrete = (path, value) => path.replace(/\{[^}]+\}/g, value);

  test('every path parameter with NUL or invalid UTF-8 is a 404', async () => {
    for (const { method, path } of routes.filter((r) => /\{/.test(r.path))) {
      for (const bad of ['%00', '%ff', 'a%00', '%ed%a0%80']) {
        const res = await call(server.url, method, concrete(path, bad), { token: shop.admin });
        assertProblem(res, 404, 'NOT_FOUND');
      }
    }
  });

  test('every query string with NUL or invalid UTF-8 is a 422 naming the parameter', async () => {
    for (const { method, path } of routes.filter((r) => r.method === 'GET')) {
      const target = concrete(path, '0123456789abcdef01234567');
      for (const [query, field] of [['limit=%00', 'limit'], ['category=%ff', 'category'], ['%00=1', '%00'],
        ['cursor=%ed%b0%80', 'cursor']]) {
        const res = await call(server.url, method, `${target}?${query}`, { token: user });
        assert.deepEqual(assertProblem(res, 422, 'VALIDATION_FAILED').errors.map((e) => e.field), [field],
          `${method} ${path}?${query}`);
      }
    }
  });

  test('every JSON body with NUL at any depth is a 422 naming its path; lone surrogates a 400', async () => {
    // The payment webhook reads its raw body itself, after checking the provider's signature.
    const jsonRoutes = routes.filter(({ method, path, operation }) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) &&
      operation.requestBody?.content?.['application/json'] && path !== '/api/v1/payments/webhook');
    assert.ok(jsonRoutes.length > 20, `found ${jsonRoutes.length} JSON routes`);
    for (const { method, path } of jsonRoutes) {
      const target = concrete(path, '0123456789abcdef01234567');
      const headers = { 'content-type': 'application/json', 'idempotency-key': `sweep-${unique()}` };
      for (const [body, field] of [['{"name":"\\u0000"}', 'name'], ['{"a":{"b":[1,{"c":"x\\u0000y"}]}}', 'a.b[1].c'],
        ['{"metadata":{"\\u0000":1}}', 'metadata'], ['{"items":[{"product":"\\u0000"}]}', 'items[0].product']]) {
        const res = await call(server.url, method, target, { token: user, body, headers });
        assert.deepEqual(assertProblem(res, 422, 'VALIDATION_FAILED').errors.map((e) => e.field), [field],
          `${method} ${path} ${body}`);
      }
      for (const body of ['{"name":"\\ud800"}', '{"a":["\\udfff"]}']) {
        const res = await call(server.url, method, target, { token: user, body, headers });
        assertProblem(res, 400, 'MALFORMED_JSON');
      }
    }
  });

  test('the server is healthy after the sweep', async () => {
    const res = await call(server.url, 'GET', '/healthz');
    assert.equal(res.status, 200);
  });
});
