// The catalog's writes: categories (admin), stores and products (merchants on their own, admins
// on any), against the demo catalog. Every response is checked against docs/openapi.yaml.
import { execFile } from 'node:child_process';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

import { assertProblem, call, getJson } from './support/assert.js';
import { jpeg, png, pngOfSize, script, webp } from './support/images.js';
import { repoRoot, startServer } from './support/server.js';
import { request } from './support/http.js';
import { signIn, signInEnv, testCode } from './support/users.js';

const run = promisify(execFile);
const bin = process.env.SUPERAPP_BIN || path.join(repoRoot, 'build', 'superapp');

const adminPhone = '+919999900001';
const merchantPhone = '+919999900002';
const userPhone = '+919999900003';
const otherMerchantPhone = '+919999948001';

let server;
let workDir;
let admin;
let merchant;
let otherMerchant;
let user;
let groceries;

const api = (method, p, token, body) => call(server.url, method, `/api/v1${p}`, { token, body });
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

async function userId(token) {
  return (await getJson(server.url, '/api/v1/users/profile', { token }))._id;
}

before(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'superapp-catalog-write-test-'));
  server = await startServer({
    env: { ...signInEnv([adminPhone, merchantPhone, userPhone, otherMerchantPhone]), UPLOAD_DIR: path.join(workDir, 'uploads') },
  });
  await run(bin, ['seed'], { env: process.env });
  admin = await signIn(server.url, adminPhone);
  merchant = await signIn(server.url, merchantPhone);
  user = await signIn(server.url, userPhone);
  // A second merchant: a new user made one by the admin, whose next token carries the role.
  await request(server.url, 'POST', '/api/v1/auth/send-otp', { body: { phoneNumber: otherMerchantPhone } });
  const other = (await request(server.url, 'POST', '/api/v1/auth/verify-otp',
    { body: { phoneNumber: otherMerchantPhone, otp: testCode } })).body;
  const role = await api('PUT', `/admin/users/${other.user._id}/role`, admin, { role: 'merchant' });
  assert.equal(role.status, 200, role.text);
  const refreshed = await request(server.url, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: other.refreshToken } });
  assert.equal(refreshed.status, 200, refreshed.text);
  otherMerchant = refreshed.body.accessToken;
  groceries = await getJson(server.url, '/api/v1/categories/groceries');
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('categories', () => {
  test('an admin creates, changes and deactivates a category', async () => {
    const slug = `fresh-${unique()}`;
    const created = await api('POST', '/categories', admin, {
      name: 'Fresh things', slug, type: 'home_delivery', parentCategory: groceries._id, sortOrder: 3,
      description: 'Picked today', metadata: { color: '#00aa00' },
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.slug, slug);
    assert.equal(created.body.parentCategory, groceries._id);
    assert.equal(created.body.isActive, true);
    assert.equal(created.headers.get('cache-control'), 'no-store');
    const id = created.body._id;

    const read = await getJson(server.url, `/api/v1/categories/${slug}`);
    assert.equal(read.name, 'Fresh things');
    // The cached categories reply is dropped by the write: the list shows the new one at once.
    const listed = async () => (await getJson(server.url, '/api/v1/categories?flat=true&type=home_delivery')).items
      .find((c) => c.slug === slug);
    assert.equal((await listed()).name, 'Fresh things');

    const changed = await api('PUT', `/categories/${id}`, admin, { name: 'Very fresh', description: null });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.body.name, 'Very fresh');
    assert.equal((await listed()).name, 'Very fresh');
    assert.equal(changed.body.description, null);
    assert.equal(changed.body.slug, slug);

    const root = await api('PUT', `/categories/${id}`, admin, { parentCategory: null });
    assert.equal(root.body.parentCategory, null);

    const gone = await api('DELETE', `/categories/${id}`, admin);
    assert.equal(gone.status, 204);
    assertProblem(await call(server.url, 'GET', `/api/v1/categories/${slug}`), 404, 'NOT_FOUND');
    assert.equal(await listed(), undefined);
    const back = await api('PUT', `/categories/${id}`, admin, { isActive: true });
    assert.equal(back.body.isActive, true);
  });

  test('only an admin writes categories', async () => {
    const body = { name: 'X', slug: `x-${unique()}`, type: 'play' };
    assertProblem(await api('POST', '/categories', null, body), 401, 'UNAUTHORIZED');
    assertProblem(await api('POST', '/categories', user, body), 403, 'FORBIDDEN');
    assertProblem(await api('POST', '/categories', merchant, body), 403, 'FORBIDDEN');
    assertProblem(await api('DELETE', `/categories/${groceries._id}`, merchant), 403, 'FORBIDDEN');
  });

  test('every bad field in one 422; a taken slug is 409; the parent must exist', async () => {
    const bad = assertProblem(await api('POST', '/categories', admin,
      { name: '', slug: 'Not A Slug', type: 'shopping', sortOrder: 'first' }), 422, 'VALIDATION_FAILED');
    const fields = bad.errors.map((e) => e.field).sort();
    assert.deepEqual(fields, ['name', 'slug', 'sortOrder', 'type']);

    const missing = assertProblem(await api('POST', '/categories', admin, {}), 422, 'VALIDATION_FAILED');
    assert.deepEqual(missing.errors.map((e) => e.field).sort(), ['name', 'slug', 'type']);

    const taken = await api('POST', '/categories', admin, { name: 'Groceries again', slug: 'groceries', type: 'home_delivery' });
    assertProblem(taken, 409, 'SLUG_TAKEN');

    const orphan = assertProblem(await api('POST', '/categories', admin,
      { name: 'Orphan', slug: `orphan-${unique()}`, type: 'play', parentCategory: 'aaaaaaaaaaaaaaaaaaaaaaaa' }),
    422, 'VALIDATION_FAILED');
    assert.equal(orphan.errors[0].field, 'parentCategory');

    const parent = await api('PUT', `/categories/${groceries.parentCategory}`, admin, { parentCategory: groceries._id });
    assert.equal(assertProblem(parent, 422, 'VALIDATION_FAILED').errors[0].field, 'parentCategory');

    const rename = await api('PUT', `/categories/${groceries._id}`, admin, { slug: 'home-delivery' });
    assertProblem(rename, 409, 'SLUG_TAKEN');
    assertProblem(await api('PUT', '/categories/bbbbbbbbbbbbbbbbbbbbbbbb', admin, { name: 'Nothing' }), 404, 'NOT_FOUND');
  });
});

const storeBody = (extra = {}) => ({
  name: `Corner shop ${unique()}`,
  category: groceries._id,
  location: { address: '12 MG Road', city: 'Bengaluru', pincode: '560001', coordinates: [77.6101, 12.9756], deliveryRadius: 4 },
  contact: { phone: '+91 98450 12345', email: 'shop@example.com' },
  operationalInfo: { hours: { open: '08:00', close: '22:30', days: ['monday', 'tuesday'] }, minimumOrder: 99.5 },
  ...extra,
});

describe('stores', () => {
  test('a merchant creates their own store, changes and deactivates it', async () => {
    const created = await api('POST', '/stores', merchant, storeBody());
    assert.equal(created.status, 201, created.text);
    const store = created.body;
    assert.equal(store.owner, await userId(merchant));
    assert.deepEqual(store.location.coordinates, [77.6101, 12.9756]);
    assert.equal(store.operationalInfo.hours.open, '08:00');
    assert.equal(store.operationalInfo.minimumOrder, 99.5);
    assert.equal(store.offers.isPartner, false);

    const changed = await api('PUT', `/stores/${store._id}`, merchant, { name: 'Renamed', contact: { email: null } });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.body.name, 'Renamed');
    assert.equal(changed.body.contact.email, null);
    assert.equal(changed.body.location.city, 'Bengaluru');
    assert.equal((await getJson(server.url, `/api/v1/stores/${store._id}`)).name, 'Renamed');

    assert.equal((await api('DELETE', `/stores/${store._id}`, merchant)).status, 204);
    assertProblem(await call(server.url, 'GET', `/api/v1/stores/${store._id}`), 404, 'NOT_FOUND');
    assertProblem(await api('DELETE', `/stores/${store._id}`, merchant), 404, 'NOT_FOUND');
  });

  test('a merchant re-activates their own store and product; the product shows once its store does', async () => {
    const store = (await api('POST', '/stores', merchant, storeBody())).body;
    const product = (await api('POST', '/products', merchant, productBody(store._id))).body;
    assert.equal((await api('DELETE', `/products/${product._id}`, merchant)).status, 204);
    assert.equal((await api('DELETE', `/stores/${store._id}`, merchant)).status, 204);

    assertProblem(await api('PUT', `/stores/${store._id}`, otherMerchant, { isActive: true }), 403, 'FORBIDDEN');
    assertProblem(await api('PUT', `/products/${product._id}`, otherMerchant, { isActive: true }), 403, 'FORBIDDEN');
    assert.equal(assertProblem(await api('PUT', `/stores/${store._id}`, merchant, { isActive: 'yes' }), 422,
      'VALIDATION_FAILED').errors[0].field, 'isActive');

    const productBack = await api('PUT', `/products/${product._id}`, merchant, { isActive: true });
    assert.equal(productBack.status, 200, productBack.text);
    assert.equal(productBack.body.isActive, true);
    // Hidden while its store is inactive.
    assertProblem(await call(server.url, 'GET', `/api/v1/products/${product._id}`), 404, 'NOT_FOUND');

    const storeBack = await api('PUT', `/stores/${store._id}`, merchant, { isActive: true, name: 'Back again' });
    assert.equal(storeBack.status, 200, storeBack.text);
    assert.equal(storeBack.body.isActive, true);
    assert.equal((await getJson(server.url, `/api/v1/stores/${store._id}`)).name, 'Back again');
    assert.equal((await getJson(server.url, `/api/v1/products/${product._id}`)).isActive, true);

    const again = await api('PUT', `/stores/${store._id}`, merchant, { isActive: true });
    assert.equal(again.status, 200, 'already active: nothing to do');
    assert.equal(again.body.isActive, true);
  });

  test('a merchant cannot touch another merchant\'s store; an admin can', async () => {
    const store = (await api('POST', '/stores', merchant, storeBody())).body;
    assertProblem(await api('PUT', `/stores/${store._id}`, otherMerchant, { name: 'Mine now' }), 403, 'FORBIDDEN');
    assertProblem(await api('DELETE', `/stores/${store._id}`, otherMerchant), 403, 'FORBIDDEN');
    assertProblem(await api('PUT', `/stores/${store._id}`, user, { name: 'Mine now' }), 403, 'FORBIDDEN');
    assertProblem(await api('POST', '/stores', otherMerchant, storeBody({ owner: await userId(merchant) })), 403, 'FORBIDDEN');
    const byAdmin = await api('PUT', `/stores/${store._id}`, admin, { offers: { isPartner: true, cashback: 5 } });
    assert.equal(byAdmin.status, 200, byAdmin.text);
    assert.equal(byAdmin.body.offers.isPartner, true);
    const partner = assertProblem(await api('PUT', `/stores/${store._id}`, merchant, { offers: { isPartner: false } }),
      422, 'VALIDATION_FAILED');
    assert.equal(partner.errors[0].field, 'offers.isPartner');
  });

  test('an admin creates a store without an owner and gives it to a merchant', async () => {
    const created = await api('POST', '/stores', admin, storeBody());
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.owner, null);
    const id = created.body._id;
    assertProblem(await api('PUT', `/stores/${id}`, otherMerchant, { name: 'Not yet' }), 403, 'FORBIDDEN');

    const otherId = await userId(otherMerchant);
    assertProblem(await api('PUT', `/admin/stores/${id}/owner`, merchant, { owner: otherId }), 403, 'FORBIDDEN');
    const notMerchant = await api('PUT', `/admin/stores/${id}/owner`, admin, { owner: await userId(user) });
    assert.equal(assertProblem(notMerchant, 422, 'VALIDATION_FAILED').errors[0].field, 'owner');
    const given = await api('PUT', `/admin/stores/${id}/owner`, admin, { owner: otherId });
    assert.equal(given.status, 200, given.text);
    assert.equal(given.body.owner, otherId);
    const own = await api('PUT', `/stores/${id}`, otherMerchant, { name: 'Now mine' });
    assert.equal(own.status, 200, own.text);
    assertProblem(await api('PUT', '/admin/stores/cccccccccccccccccccccccc/owner', admin, { owner: otherId }), 404, 'NOT_FOUND');
  });

  test('nearby pages stay exact when stores are equally far: ties go by id across page ends', async () => {
    // A point of this run's own (no demo city is near), five stores on it and two more on one point
    // 300 m away: a page of two ends inside each tie.
    const here = { lat: 24 + Math.random() / 2, lng: 70 + Math.random() / 2 };
    const coordinates = (lat) => ({
      location: { address: 'Salt flats', city: 'Bhuj', pincode: '370001', coordinates: [here.lng, lat], deliveryRadius: 1 },
    });
    const made = [];
    for (const lat of [here.lat, here.lat, here.lat, here.lat, here.lat, here.lat + 0.0027, here.lat + 0.0027]) {
      const created = await api('POST', '/stores', merchant, storeBody(coordinates(lat)));
      assert.equal(created.status, 201, created.text);
      made.push(created.body._id);
    }
    const byId = (ids) => [...ids].sort();
    const expected = [...byId(made.slice(0, 5)), ...byId(made.slice(5))];

    const nearby = `/api/v1/stores/nearby?lat=${here.lat}&lng=${here.lng}&radius=1`;
    const whole = await getJson(server.url, `${nearby}&limit=100`);
    assert.deepEqual(whole.items.map((s) => s._id), expected);
    assert.deepEqual(whole.items.map((s) => s.distance), [0, 0, 0, 0, 0, 0.3, 0.3]);
    const paged = [];
    let cursor = null;
    do {
      const page = await getJson(server.url, `${nearby}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(page.items.length === 2 || !page.nextCursor);
      paged.push(...page.items.map((s) => s._id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(paged, expected);
  });

  test('store validation names every bad field', async () => {
    const bad = assertProblem(await api('POST', '/stores', merchant, {
      name: '', category: '',
      location: { city: 'Pune', pincode: '012345', coordinates: [200, 10], deliveryRadius: -1 },
      operationalInfo: { hours: { open: '25:00', days: ['someday'] } },
    }), 422, 'VALIDATION_FAILED');
    assert.deepEqual(bad.errors.map((e) => e.field).sort(), [
      'category', 'location.coordinates', 'location.deliveryRadius', 'location.pincode', 'name',
      'operationalInfo.hours.days', 'operationalInfo.hours.open',
    ]);
    const noCategory = await api('POST', '/stores', merchant, storeBody({ category: 'dddddddddddddddddddddddd' }));
    assert.equal(assertProblem(noCategory, 422, 'VALIDATION_FAILED').errors[0].field, 'category');
  });
});

const productBody = (store, extra = {}) => ({
  name: `Basmati rice ${unique()}`,
  description: 'Aged two years',
  store,
  category: groceries._id,
  price: { original: 250, selling: 199.5, discount: 99 },
  inventory: { stock: 40, variants: [{ type: 'weight', value: '1kg', stock: 10 }, { type: 'weight', value: '5kg', price: 899, stock: 3 }] },
  tags: ['rice', 'basmati'],
  specifications: [{ key: 'origin', value: 'Punjab' }],
  ...extra,
});

describe('products', () => {
  let store;
  before(async () => {
    store = (await api('POST', '/stores', merchant, storeBody())).body;
  });

  test('a merchant adds a product to their store, changes it and deactivates it', async () => {
    const created = await api('POST', '/products', merchant, productBody(store._id));
    assert.equal(created.status, 201, created.text);
    const product = created.body;
    assert.equal(product.store, store._id);
    assert.deepEqual(product.price, { original: 250, selling: 199.5, discount: 20 });
    assert.equal(product.inventory.stock, 40);
    assert.deepEqual(product.inventory.variants, [
      { type: 'weight', value: '1kg', price: 199.5, stock: 10 },
      { type: 'weight', value: '5kg', price: 899, stock: 3 },
    ]);
    assert.deepEqual(product.specifications, [{ key: 'origin', value: 'Punjab' }]);
    assert.equal((await getJson(server.url, `/api/v1/products/${product._id}`)).name, product.name);

    const cheaper = await api('PUT', `/products/${product._id}`, merchant, { price: { selling: 125 }, tags: ['rice'] });
    assert.equal(cheaper.status, 200, cheaper.text);
    assert.deepEqual(cheaper.body.price, { original: 250, selling: 125, discount: 50 });
    assert.deepEqual(cheaper.body.tags, ['rice']);
    assert.equal(cheaper.body.inventory.variants.length, 2, 'variants stay when not sent');

    const variants = await api('PUT', `/products/${product._id}`, merchant,
      { inventory: { variants: [{ type: 'pack', value: 'family', stock: 2 }] } });
    assert.deepEqual(variants.body.inventory.variants, [{ type: 'pack', value: 'family', price: 125, stock: 2 }]);

    assert.equal((await api('DELETE', `/products/${product._id}`, merchant)).status, 204);
    assertProblem(await call(server.url, 'GET', `/api/v1/products/${product._id}`), 404, 'NOT_FOUND');
  });

  test('a search shows a product as changed at once (its cached pages are dropped by the write)', async () => {
    const word = `zebrafruit${unique()}`;
    const product = (await api('POST', '/products', merchant, { ...productBody(store._id), name: `Fresh ${word}` })).body;
    const search = async (q) => (await getJson(server.url, `/api/v1/products?q=${q}`)).items.map((p) => p.name);
    assert.deepEqual(await search(word), [`Fresh ${word}`]);
    assert.deepEqual(await search(word), [`Fresh ${word}`], 'the same page again, from the cache');
    await api('PUT', `/products/${product._id}`, merchant, { name: `Ripe ${word}` });
    assert.deepEqual(await search(word), [`Ripe ${word}`]);
    await api('DELETE', `/products/${product._id}`, merchant);
    assert.deepEqual(await search(word), []);
  });

  test('a search ranks a product holding the word above one whose name is only spelt like it', async () => {
    const word = `zorblat${unique()}`;
    const lookalike = (await api('POST', '/products', merchant,
      { ...productBody(store._id), name: `${word.replace('zorblat', 'zorblta')} Coffee`, tags: [] })).body;
    const holder = (await api('POST', '/products', merchant,
      { ...productBody(store._id), name: `Morning tea ${unique()}`, description: `Brewed with ${word} leaves`, tags: [] })).body;
    const found = await getJson(server.url, `/api/v1/products?q=${word}`);
    assert.deepEqual(found.items.map((p) => p._id), [holder._id, lookalike._id]);
    for (const p of [lookalike, holder]) await api('DELETE', `/products/${p._id}`, merchant);
  });

  test('stock is set for the product and per variant, all or nothing', async () => {
    const product = (await api('POST', '/products', merchant, productBody(store._id))).body;
    const own = await api('PUT', `/products/${product._id}/stock`, merchant, { stock: 0 });
    assert.equal(own.status, 200, own.text);
    assert.equal(own.body.inventory.stock, 0);
    assert.equal(own.body.inventory.isAvailable, false);

    const perVariant = await api('PUT', `/products/${product._id}/stock`, merchant,
      { variants: [{ type: 'weight', value: '5kg', stock: 12 }] });
    assert.equal(perVariant.status, 200, perVariant.text);
    assert.deepEqual(perVariant.body.inventory.variants.map((v) => v.stock), [10, 12]);

    const unknown = await api('PUT', `/products/${product._id}/stock`, merchant,
      { stock: 7, variants: [{ type: 'weight', value: '1kg', stock: 1 }, { type: 'weight', value: '2kg', stock: 1 }] });
    assert.equal(assertProblem(unknown, 422, 'VALIDATION_FAILED').errors[0].field, 'variants[1]');
    const after = await getJson(server.url, `/api/v1/products/${product._id}`);
    assert.equal(after.inventory.stock, 0, 'nothing changed');
    assert.deepEqual(after.inventory.variants.map((v) => v.stock), [10, 12]);

    const bad = assertProblem(await api('PUT', `/products/${product._id}/stock`, merchant,
      { stock: -1, variants: [{ type: 'weight' }] }), 422, 'VALIDATION_FAILED');
    assert.deepEqual(bad.errors.map((e) => e.field).sort(), ['stock', 'variants[0].stock', 'variants[0].value']);
    assertProblem(await api('PUT', `/products/${product._id}/stock`, merchant, {}), 422, 'VALIDATION_FAILED');
  });

  test('merchant A cannot edit merchant B\'s product; an admin can', async () => {
    const product = (await api('POST', '/products', merchant, productBody(store._id))).body;
    assertProblem(await api('PUT', `/products/${product._id}`, otherMerchant, { name: 'Mine' }), 403, 'FORBIDDEN');
    assertProblem(await api('PUT', `/products/${product._id}/stock`, otherMerchant, { stock: 1 }), 403, 'FORBIDDEN');
    assertProblem(await api('DELETE', `/products/${product._id}`, otherMerchant), 403, 'FORBIDDEN');
    assertProblem(await api('POST', '/products', otherMerchant, productBody(store._id)), 403, 'FORBIDDEN');
    assertProblem(await api('POST', '/products', user, productBody(store._id)), 403, 'FORBIDDEN');
    const byAdmin = await api('PUT', `/products/${product._id}`, admin, { isFeatured: true });
    assert.equal(byAdmin.status, 200, byAdmin.text);
    assert.equal(byAdmin.body.isFeatured, true);
    const featured = await api('PUT', `/products/${product._id}`, merchant, { isFeatured: false });
    assert.equal(assertProblem(featured, 422, 'VALIDATION_FAILED').errors[0].field, 'isFeatured');
  });

  test('the selling price may not exceed the original; every bad field in one 422', async () => {
    const dear = await api('POST', '/products', merchant, productBody(store._id, { price: { original: 100, selling: 150 } }));
    assert.deepEqual(assertProblem(dear, 422, 'VALIDATION_FAILED').errors.map((e) => e.field), ['price.selling']);

    const bad = assertProblem(await api('POST', '/products', merchant, {
      name: '', store: 'x', price: { original: -5, selling: 'free' },
      inventory: { stock: -1, variants: [{ type: 'size', value: 'M' }, { type: 'size', value: 'M' }] },
      specifications: 'none',
    }), 422, 'VALIDATION_FAILED');
    assert.deepEqual(bad.errors.map((e) => e.field).sort(), [
      'category', 'inventory.stock', 'inventory.variants[1]', 'name', 'price.original', 'price.selling',
      'specifications', 'store',
    ]);

    const product = (await api('POST', '/products', merchant, productBody(store._id))).body;
    const above = await api('PUT', `/products/${product._id}`, merchant, { price: { selling: 300 } });
    assert.equal(assertProblem(above, 422, 'VALIDATION_FAILED').errors[0].field, 'price.selling');
    const below = await api('PUT', `/products/${product._id}`, merchant, { price: { original: 150 } });
    assert.equal(assertProblem(below, 422, 'VALIDATION_FAILED').errors[0].field, 'price.selling');
    const move = await api('PUT', `/products/${product._id}`, merchant, { store: store._id });
    assert.equal(assertProblem(move, 422, 'VALIDATION_FAILED').errors[0].field, 'store');
    assertProblem(await api('PUT', '/products/eeeeeeeeeeeeeeeeeeeeeeee', merchant, { name: 'None' }), 404, 'NOT_FOUND');
  });
});

function form(fields) {
  const body = new FormData();
  for (const [name, bytes, filename] of fields) body.append(name, new Blob([bytes], { type: 'image/jpeg' }), filename);
  return body;
}
const upload = (p, token, fields) => call(server.url, 'POST', `/api/v1${p}`, { token, body: form(fields) });

describe('images', () => {
  test('a store\'s logo and banner are uploaded by its merchant, sniffed, and replaced', async () => {
    const store = (await api('POST', '/stores', merchant, storeBody())).body;
    const logo = await upload(`/stores/${store._id}/logo`, merchant, [['logo', png, 'logo.png']]);
    assert.equal(logo.status, 200, logo.text);
    assert.match(logo.body.logo, /^\/uploads\/[0-9a-f]{32}\.png$/);
    const served = await fetch(`${server.url}${logo.body.logo}`);
    assert.equal(served.status, 200);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), png);

    const again = await upload(`/stores/${store._id}/logo`, merchant, [['logo', jpeg, 'logo.jpg']]);
    assert.match(again.body.logo, /\.jpg$/);
    assert.equal((await fetch(`${server.url}${logo.body.logo}`)).status, 404, 'the replaced logo is gone');

    const banner = await upload(`/stores/${store._id}/banner`, merchant, [['banner', webp, 'b.webp']]);
    assert.equal(banner.status, 200, banner.text);
    assert.match(banner.body.banner, /\.webp$/);
    assert.equal(banner.body.logo, again.body.logo);

    assertProblem(await upload(`/stores/${store._id}/logo`, merchant, [['logo', script, 'x.jpg']]), 415, 'UNSUPPORTED_MEDIA_TYPE');
    assertProblem(await upload(`/stores/${store._id}/logo`, merchant, [['banner', png, 'x.png']]), 422, 'VALIDATION_FAILED');
    assertProblem(await upload(`/stores/${store._id}/logo`, otherMerchant, [['logo', png, 'x.png']]), 403, 'FORBIDDEN');
    assertProblem(await upload(`/stores/${store._id}/logo`, user, [['logo', png, 'x.png']]), 403, 'FORBIDDEN');
  });

  test('product images are added, at most ten', async () => {
    const store = (await api('POST', '/stores', merchant, storeBody())).body;
    const product = (await api('POST', '/products', merchant, productBody(store._id))).body;
    const added = await upload(`/products/${product._id}/images`, merchant, [['images', png, 'a.png'], ['images', jpeg, 'b.jpg']]);
    assert.equal(added.status, 200, added.text);
    assert.equal(added.body.images.length, 2);
    assert.match(added.body.images[1], /^\/uploads\/[0-9a-f]{32}\.jpg$/);
    assert.deepEqual((await getJson(server.url, `/api/v1/products/${product._id}`)).images, added.body.images);

    const five = Array.from({ length: 5 }, (_, i) => ['images', webp, `${i}.webp`]);
    assert.equal((await upload(`/products/${product._id}/images`, merchant, five)).body.images.length, 7);
    const tooMany = await upload(`/products/${product._id}/images`, merchant, five);
    assert.equal(assertProblem(tooMany, 422, 'VALIDATION_FAILED').errors[0].field, 'images');
    assertProblem(await upload(`/products/${product._id}/images`, otherMerchant, [['images', png, 'a.png']]), 403, 'FORBIDDEN');
    assertProblem(await upload(`/products/${product._id}/images`, merchant, [['images', script, 'a.png']]),
      415, 'UNSUPPORTED_MEDIA_TYPE');
    assert.equal((await getJson(server.url, `/api/v1/products/${product._id}`)).images.length, 7);
  });

  test('an image over 5 MiB is refused with 413, a store\'s logo or a product\'s, and nothing is kept', async () => {
    const store = (await api('POST', '/stores', merchant, storeBody())).body;
    const product = (await api('POST', '/products', merchant, productBody(store._id))).body;
    const big = pngOfSize(5 * 1024 * 1024 + 1);
    const uploads = path.join(workDir, 'uploads');
    const kept = () => (fs.existsSync(uploads) ? fs.readdirSync(uploads).filter((n) => !n.startsWith('.')).length : 0);
    const before = kept();
    assertProblem(await upload(`/stores/${store._id}/logo`, merchant, [['logo', big, 'big.png']]), 413,
      'PAYLOAD_TOO_LARGE');
    assertProblem(await upload(`/products/${product._id}/images`, merchant, [['images', png, 'a.png'], ['images', big, 'b.png']]),
      413, 'PAYLOAD_TOO_LARGE');
    assert.equal((await getJson(server.url, `/api/v1/stores/${store._id}`)).logo, null);
    assert.deepEqual((await getJson(server.url, `/api/v1/products/${product._id}`)).images, []);
    assert.equal(kept(), before, 'no file kept for a refused upload');
  });

  test('product images are reordered and removed, with their files', async () => {
    const store = (await api('POST', '/stores', merchant, storeBody())).body;
    const product = (await api('POST', '/products', merchant, productBody(store._id))).body;
    const added = await upload(`/products/${product._id}/images`, merchant,
      [['images', png, 'a.png'], ['images', jpeg, 'b.jpg'], ['images', webp, 'c.webp']]);
    const [a, b, c] = added.body.images;
    const name = (url) => url.split('/').pop();

    const reordered = await api('PUT', `/products/${product._id}/images`, merchant, { images: [c, name(a), b] });
    assert.equal(reordered.status, 200, reordered.text);
    assert.deepEqual(reordered.body.images, [c, a, b]);
    assert.deepEqual((await getJson(server.url, `/api/v1/products/${product._id}`)).images, [c, a, b]);
    for (const images of [[c, a], [c, a, b, b], [c, a, '/uploads/nope.png'], [c, a, '0']]) {
      const bad = await api('PUT', `/products/${product._id}/images`, merchant, { images });
      assert.equal(assertProblem(bad, 422, 'VALIDATION_FAILED').errors[0].field, 'images', JSON.stringify(images));
    }
    assertProblem(await api('PUT', `/products/${product._id}/images`, otherMerchant, { images: [a, b, c] }), 403, 'FORBIDDEN');

    const first = await api('DELETE', `/products/${product._id}/images/0`, merchant);
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(first.body.images, [a, b]);
    assert.equal((await fetch(`${server.url}${c}`)).status, 404, 'the removed image\'s file is gone');
    assert.equal((await fetch(`${server.url}${a}`)).status, 200);
    const byName = await api('DELETE', `/products/${product._id}/images/${name(b)}`, merchant);
    assert.deepEqual(byName.body.images, [a]);
    assertProblem(await api('DELETE', `/products/${product._id}/images/5`, merchant), 404, 'NOT_FOUND');
    assertProblem(await api('DELETE', `/products/${product._id}/images/${name(b)}`, merchant), 404, 'NOT_FOUND');
    assertProblem(await api('DELETE', `/products/${product._id}/images/0`, otherMerchant), 403, 'FORBIDDEN');
    assert.deepEqual((await getJson(server.url, `/api/v1/products/${product._id}`)).images, [a]);
  });
});

describe('the category tree stays whole', () => {
  test('no loop through an inactive category; a subcategory has its parent\'s type; by id or slug', async () => {
    const a = (await api('POST', '/categories', admin, { name: 'Loop A', slug: `loop-a-${unique()}`, type: 'play' })).body;
    const c = (await api('POST', '/categories', admin,
      { name: 'Loop C', slug: `loop-c-${unique()}`, type: 'play', parentCategory: a._id })).body;
    assert.equal(c.parentCategory, a._id);
    assert.equal((await api('DELETE', `/categories/${a.slug}`, admin)).status, 204, 'deactivated by its slug');

    // A is inactive, so the public tree no longer shows C under it; the move is refused all the same.
    const loop = assertProblem(await api('PUT', `/categories/${a._id}`, admin, { parentCategory: c._id }), 422,
      'VALIDATION_FAILED');
    assert.deepEqual(loop.errors.map((e) => e.field), ['parentCategory']);
    assertProblem(await api('PUT', `/categories/${c._id}`, admin, { parentCategory: c._id }), 422, 'VALIDATION_FAILED');

    const wrongType = assertProblem(await api('POST', '/categories', admin,
      { name: 'Wrong', slug: `wrong-${unique()}`, type: 'play', parentCategory: groceries._id }), 422, 'VALIDATION_FAILED');
    assert.deepEqual(wrongType.errors.map((e) => e.field), ['type']);
    const retype = assertProblem(await api('PUT', `/categories/${a.slug}`, admin, { type: 'earn' }), 422,
      'VALIDATION_FAILED');
    assert.deepEqual(retype.errors.map((e) => e.field), ['type'], 'its subcategory C is of type play');
    const move = assertProblem(await api('PUT', `/categories/${c.slug}`, admin, { parentCategory: groceries._id }), 422,
      'VALIDATION_FAILED');
    assert.deepEqual(move.errors.map((e) => e.field), ['parentCategory']);

    const both = await api('PUT', `/categories/${c.slug}`, admin, { parentCategory: null, type: 'earn', name: 'Loop C' });
    assert.equal(both.status, 200, both.text);
    assert.equal(both.body.type, 'earn');
    assert.equal(both.body.parentCategory, null);
    assert.equal((await api('PUT', `/categories/${a._id}`, admin, { type: 'earn', isActive: true })).status, 200);
    assertProblem(await api('PUT', '/categories/no-such-slug', admin, { name: 'Nothing' }), 404, 'NOT_FOUND');
    assertProblem(await api('DELETE', '/categories/no-such-slug', admin), 404, 'NOT_FOUND');
  });

  test('two categories moved under each other at once: one move wins, the other is refused', async () => {
    const make = async (name) => (await api('POST', '/categories', admin,
      { name, slug: `${name.toLowerCase().replace(' ', '-')}-${unique()}`, type: 'going_out' })).body;
    for (let round = 0; round < 5; round++) {
      const [x, y] = [await make('Race X'), await make('Race Y')];
      const results = await Promise.all([
        api('PUT', `/categories/${x._id}`, admin, { parentCategory: y._id }),
        api('PUT', `/categories/${y._id}`, admin, { parentCategory: x._id }),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 422], results.map((r) => r.text).join(' | '));
    }
  });
});

describe('what the public sees', () => {
  test('a new product naming an inactive store and an unknown category hears of both at once', async () => {
    const store = (await api('POST', '/stores', merchant, storeBody())).body;
    assert.equal((await api('DELETE', `/stores/${store._id}`, merchant)).status, 204);
    const bad = assertProblem(await api('POST', '/products', merchant,
      { ...productBody(store._id), category: 'aaaaaaaaaaaaaaaaaaaaaaaa' }), 422, 'VALIDATION_FAILED');
    assert.deepEqual(bad.errors.map((e) => e.field).sort(), ['category', 'store']);
  });

  test('deactivating a category hides its products', async () => {
    const category = (await api('POST', '/categories', admin,
      { name: 'Short-lived', slug: `short-${unique()}`, type: 'home_delivery', parentCategory: groceries._id })).body;
    const store = (await api('POST', '/stores', merchant, storeBody())).body;
    const product = (await api('POST', '/products', merchant, { ...productBody(store._id), category: category._id })).body;
    assert.equal((await getJson(server.url, `/api/v1/products/${product._id}`)).category, category._id);
    assert.equal((await api('DELETE', `/categories/${category._id}`, admin)).status, 204);
    assertProblem(await call(server.url, 'GET', `/api/v1/products/${product._id}`), 404, 'NOT_FOUND');
    const listed = await getJson(server.url, `/api/v1/products?store=${store._id}&limit=100`);
    assert.equal(listed.items.length, 0);
  });

  test('open=now lists a store open at this hour in India and not one closed', async () => {
    const india = new Date(Date.now() + 5.5 * 3600 * 1000);
    const at = (hours) => {
      const minutes = (((india.getUTCHours() + hours) * 60 + india.getUTCMinutes()) % 1440 + 1440) % 1440;
      return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    };
    const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
    const city = `Hosur ${unique()}`;
    const body = (open, close) => {
      const b = storeBody();
      b.location = { ...b.location, city };
      b.operationalInfo = { hours: { open, close, days } };
      return b;
    };
    const open = (await api('POST', '/stores', merchant, body(at(-2), at(2)))).body;
    const closed = (await api('POST', '/stores', merchant, body(at(2), at(3)))).body;
    const listed = await getJson(server.url, `/api/v1/stores?open=now&city=${encodeURIComponent(city)}&limit=100`);
    assert.deepEqual(listed.items.map((s) => s._id), [open._id], `${at(0)} in India`);
    const all = await getJson(server.url, `/api/v1/stores?city=${encodeURIComponent(city)}&sort=name&limit=100`);
    assert.deepEqual(all.items.map((s) => s._id).sort(), [open._id, closed._id].sort());
  });

  test('pages stay whole while products are added between them', async () => {
    const store = (await api('POST', '/stores', merchant, storeBody())).body;
    const add = async (price) => (await api('POST', '/products', merchant,
      { ...productBody(store._id), price: { original: price, selling: price } })).body._id;
    const first = [];
    for (let i = 1; i <= 12; i++) first.push(await add(i * 10));
    const page = (sort, cursor) => getJson(server.url,
      `/api/v1/products?store=${store._id}&sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);

    // By price: a product added before the cursor is not shown again, one added after it is.
    let p = await page('price_asc');
    const seen = p.items.map((x) => x._id);
    const behind = await add(15);
    const ahead = await add(95);
    while (p.nextCursor) {
      p = await page('price_asc', p.nextCursor);
      seen.push(...p.items.map((x) => x._id));
    }
    const expected = [...first.slice(0, 9), ahead, ...first.slice(9)];
    assert.deepEqual(seen, expected);
    assert.ok(!seen.includes(behind));

    // Newest first: products added after the first page came are newer than its cursor.
    p = await page('newest');
    const newest = p.items.map((x) => x._id);
    await add(500);
    while (p.nextCursor) {
      p = await page('newest', p.nextCursor);
      newest.push(...p.items.map((x) => x._id));
    }
    assert.deepEqual(newest, [ahead, behind, ...first.slice().reverse()]);
  });
});
