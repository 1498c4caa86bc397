// The cart: one per user, priced by the server from the catalog's current prices. Every response
// is checked against docs/openapi.yaml.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { authEnv } from './support/auth.js';
import { assertProblem, call } from './support/assert.js';
import { startServer } from './support/server.js';
import { openShop, sql } from './support/shop.js';

let server;
let shop;

const api = (method, p, token, body) => call(server.url, method, `/api/v1${p}`, { token, body });
const cartOf = async (token) => {
  const res = await api('GET', '/cart', token);
  assert.equal(res.status, 200, res.text);
  return res.body;
};
const add = async (token, body) => {
  const res = await api('POST', '/cart/add', token, body);
  assert.equal(res.status, 200, res.text);
  return res.body;
};

before(async () => {
  server = await startServer({
    env: {
      ...authEnv(),
      CART_GST_BY_CATEGORY: 'electronics:18', CART_DELIVERY_FEE: '40', CART_FREE_DELIVERY_ABOVE: '499',
      CART_SWEEP_MS: '1000',
    },
  });
  shop = await openShop(server);
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

describe('adding and changing items', () => {
  test('a new user has an empty cart that expires in 30 days', async () => {
    const { token, id } = await shop.shopper();
    const cart = await cartOf(token);
    assert.equal(cart.user, id);
    assert.deepEqual(cart.items, []);
    assert.deepEqual(cart.stores, []);
    assert.deepEqual(cart.totals, { subtotal: 0, tax: 0, delivery: 0, discount: 0, total: 0 });
    const days = (Date.parse(cart.expiresAt) - Date.now()) / 86_400_000;
    assert.ok(days > 29.9 && days <= 30, `expires in ${days} days`);
    assert.equal((await cartOf(token))._id, cart._id, 'one cart per user');
  });

  test('the same product and variant merges; another variant is another item', async () => {
    const { token } = await shop.shopper();
    const store = await shop.store();
    const product = await shop.product(store, {
      price: 100, stock: 20, variants: [{ type: 'size', value: 'L', price: 120, stock: 5 }],
    });
    await add(token, { productId: product, quantity: 2 });
    await add(token, { productId: product, quantity: 3 });
    const cart = await add(token, { productId: product, variant: { type: 'size', value: 'L' }, quantity: 1 });
    assert.equal(cart.items.length, 2);
    assert.equal(cart.items[0].quantity, 5);
    assert.equal(cart.items[0].variant, null);
    assert.equal(cart.items[0].price, 100);
    assert.equal(cart.items[0].store, store);
    assert.deepEqual(cart.items[1].variant, { type: 'size', value: 'L' });
    assert.equal(cart.items[1].price, 120);
    assert.equal(cart.items[1].available, true);
  });

  test('bad input names every bad field in one 422', async () => {
    const { token } = await shop.shopper();
    const bad = assertProblem(await api('POST', '/cart/add', token, {
      productId: 'nope', quantity: 100, variant: { type: '' },
    }), 422, 'VALIDATION_FAILED');
    assert.deepEqual(bad.errors.map((e) => e.field).sort(), ['productId', 'quantity', 'variant.type', 'variant.value']);
    const zero = assertProblem(await api('POST', '/cart/add', token, { productId: 'a'.repeat(24), quantity: 0 }),
      422, 'VALIDATION_FAILED');
    assert.deepEqual(zero.errors.map((e) => e.field), ['quantity']);
  });

  test('only active products of active stores, with a variant they have, can be added', async () => {
    const { token } = await shop.shopper();
    const store = await shop.store();
    const product = await shop.product(store, { variants: [{ type: 'size', value: 'M', stock: 3 }] });
    const unknown = await api('POST', '/cart/add', token, { productId: 'b'.repeat(24), quantity: 1 });
    assert.equal(assertProblem(unknown, 422, 'VALIDATION_FAILED').errors[0].field, 'productId');
    const variant = await api('POST', '/cart/add', token, { productId: product, variant: { type: 'size', value: 'XL' }, quantity: 1 });
    assert.equal(assertProblem(variant, 422, 'VALIDATION_FAILED').errors[0].field, 'variant');

    const closed = await shop.store();
    const elsewhere = await shop.product(closed);
    await shop.api('DELETE', `/stores/${closed}`, shop.merchant, undefined, 204);
    const inactive = await api('POST', '/cart/add', token, { productId: elsewhere, quantity: 1 });
    assert.equal(assertProblem(inactive, 422, 'VALIDATION_FAILED').errors[0].field, 'productId');
  });

  test('the product is sent as `product`, as cart items name it; `productId` still works', async () => {
    const { token } = await shop.shopper();
    const store = await shop.store();
    const product = await shop.product(store, { stock: 5 });
    const added = await api('POST', '/cart/add', token, { product, quantity: 2 });
    assert.equal(added.status, 200, added.text);
    assert.deepEqual(added.body.items.map((i) => [i.product, i.quantity]), [[product, 2]]);
    const unknown = await api('POST', '/cart/add', token, { product: 'b'.repeat(24), quantity: 1 });
    assert.equal(assertProblem(unknown, 422, 'VALIDATION_FAILED').errors[0].field, 'product', 'errors name what was sent');
    assert.deepEqual(assertProblem(await api('POST', '/cart/add', token, { quantity: 1 }), 422, 'VALIDATION_FAILED')
      .errors.map((e) => e.field), ['product']);
    const twice = await api('POST', '/cart/add', token, { product, productId: product, quantity: 1 });
    assert.deepEqual(assertProblem(twice, 422, 'VALIDATION_FAILED').errors.map((e) => e.field), ['productId']);
  });

  test('units must be in stock now, and a merged item holds at most 99', async () => {
    const { token } = await shop.shopper();
    const store = await shop.store();
    const product = await shop.product(store, { stock: 3, variants: [{ type: 'size', value: 'S', stock: 1 }] });
    const tooMany = assertProblem(await api('POST', '/cart/add', token, { productId: product, quantity: 4 }), 409, 'OUT_OF_STOCK');
    assert.deepEqual(tooMany.errors, [{ field: 'quantity', message: 'only 3 in stock' }]);
    await add(token, { productId: product, quantity: 3 });
    assertProblem(await api('POST', '/cart/add', token, { productId: product, quantity: 1 }), 409, 'OUT_OF_STOCK');
    assertProblem(await api('POST', '/cart/add', token, { productId: product, variant: { type: 'size', value: 'S' }, quantity: 2 }),
      409, 'OUT_OF_STOCK');

    const plenty = await shop.product(store, { stock: 500 });
    await add(token, { productId: plenty, quantity: 60 });
    const over = assertProblem(await api('POST', '/cart/add', token, { productId: plenty, quantity: 40 }), 422, 'VALIDATION_FAILED');
    assert.equal(over.errors[0].field, 'quantity');
  });

  test('update sets a quantity within stock; remove and clear take items out', async () => {
    const { token } = await shop.shopper();
    const store = await shop.store();
    const a = await shop.product(store, { stock: 5 });
    const b = await shop.product(store, { stock: 5 });
    await add(token, { productId: a, quantity: 1 });
    const cart = await add(token, { productId: b, quantity: 1 });
    const [itemA, itemB] = cart.items.map((i) => i._id);

    const updated = await api('PUT', `/cart/update/${itemA}`, token, { quantity: 4 });
    assert.equal(updated.status, 200, updated.text);
    assert.equal(updated.body.items[0].quantity, 4);
    assertProblem(await api('PUT', `/cart/update/${itemA}`, token, { quantity: 6 }), 409, 'OUT_OF_STOCK');
    assert.equal(assertProblem(await api('PUT', `/cart/update/${itemA}`, token, { quantity: 'x' }), 422, 'VALIDATION_FAILED')
      .errors[0].field, 'quantity');
    assertProblem(await api('PUT', `/cart/update/${'c'.repeat(24)}`, token, { quantity: 1 }), 404, 'NOT_FOUND');
    assertProblem(await api('PUT', '/cart/update/not-an-id', token, { quantity: 1 }), 404, 'NOT_FOUND');

    const other = await shop.shopper();
    assertProblem(await api('DELETE', `/cart/remove/${itemA}`, other.token), 404, 'NOT_FOUND');
    const removed = await api('DELETE', `/cart/remove/${itemA}`, token);
    assert.equal(removed.status, 200, removed.text);
    assert.deepEqual(removed.body.items.map((i) => i._id), [itemB]);
    assertProblem(await api('DELETE', `/cart/remove/${itemA}`, token), 404, 'NOT_FOUND');

    const cleared = await api('DELETE', '/cart/clear', token);
    assert.equal(cleared.status, 200, cleared.text);
    assert.deepEqual(cleared.body.items, []);
    assert.equal(cleared.body.totals.total, 0);
  });

  test('the cart needs a signed-in user', async () => {
    assertProblem(await api('GET', '/cart'), 401, 'UNAUTHORIZED');
    assertProblem(await api('POST', '/cart/add', undefined, { productId: 'a'.repeat(24), quantity: 1 }), 401, 'UNAUTHORIZED');
  });
});

describe('prices and totals', () => {
  test('a price changed since adding is flagged and the totals use the new one', async () => {
    const { token } = await shop.shopper();
    const store = await shop.store();
    const product = await shop.product(store, { price: 200, original: 250 });
    await add(token, { productId: product, quantity: 2 });
    await shop.api('PUT', `/products/${product}`, shop.merchant, { price: { original: 250, selling: 180 } });
    const cart = await cartOf(token);
    assert.equal(cart.items[0].price, 200);
    assert.equal(cart.items[0].currentPrice, 180);
    assert.equal(cart.items[0].priceChanged, true);
    // subtotal 2 x 250 MRP, discount 2 x 70, tax 5% of 360 = 18, delivery 40 (below 499).
    assert.deepEqual(cart.totals, { subtotal: 500, discount: 140, tax: 18, delivery: 40, total: 418 });
  });

  test('totals over several stores: GST by category, delivery and minimum order per store', async () => {
    const { token } = await shop.shopper();
    const big = await shop.store();
    const small = await shop.store({ minimumOrder: 150 });
    const phone = await shop.product(big, { price: 333.33, stock: 10, category: shop.electronics });
    const rice = await shop.product(big, { price: 99.99, original: 120, stock: 10 });
    const dal = await shop.product(small, { price: 45.5, stock: 10 });
    await add(token, { productId: phone, quantity: 1 });
    await add(token, { productId: rice, quantity: 3 });
    const cart = await add(token, { productId: dal, quantity: 2 });

    // big: 333.33 (18% = 59.9994 -> 60.00) + 3 x 99.99 = 299.97 (5% = 14.9985 -> 15.00); 633.30 of goods: free delivery.
    // small: 2 x 45.50 = 91.00 (5% = 4.55), delivery 40, below its minimum order of 150.
    assert.deepEqual(cart.stores.map(({ store, subtotal, tax, delivery, minimumOrder, belowMinimum }) =>
      ({ store, subtotal, tax, delivery, minimumOrder, belowMinimum })), [
      { store: big, subtotal: 633.3, tax: 75, delivery: 0, minimumOrder: 0, belowMinimum: false },
      { store: small, subtotal: 91, tax: 4.55, delivery: 40, minimumOrder: 150, belowMinimum: true },
    ]);
    // MRP: 333.33 + 3 x 120 + 91 = 784.33; discount 3 x 20.01 = 60.03.
    assert.deepEqual(cart.totals, { subtotal: 784.33, discount: 60.03, tax: 79.55, delivery: 40, total: 843.85 });
  });

  test('an item that can no longer be bought stays, flagged, out of the totals', async () => {
    const { token } = await shop.shopper();
    const store = await shop.store();
    const kept = await shop.product(store, { price: 500, stock: 5 });
    const gone = await shop.product(store, { price: 10, stock: 5 });
    await add(token, { productId: kept, quantity: 1 });
    await add(token, { productId: gone, quantity: 2 });
    await shop.api('DELETE', `/products/${gone}`, shop.merchant, undefined, 204);
    const cart = await cartOf(token);
    assert.deepEqual(cart.items.map((i) => i.available), [true, false]);
    assert.equal(cart.totals.subtotal, 500);
    const update = await api('PUT', `/cart/update/${cart.items[1]._id}`, token, { quantity: 1 });
    assertProblem(update, 409, 'PRODUCT_UNAVAILABLE');
  });
});

test('carts untouched for 30 days are removed by the sweep', async () => {
  const { token, id } = await shop.shopper();
  const store = await shop.store();
  const cart = await add(token, { productId: await shop.product(store), quantity: 1 });
  await sql(`UPDATE carts SET expires_at = now() - interval '1 second' WHERE id = '${cart._id}'`);
  const deadline = Date.now() + 10_000;
  while (await sql(`SELECT count(*) FROM carts WHERE id = '${cart._id}'`) !== '0') {
    assert.ok(Date.now() < deadline, 'the expired cart is still there after 10 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const fresh = await cartOf(token);
  assert.notEqual(fresh._id, cart._id);
  assert.equal(fresh.user, id);
  assert.deepEqual(fresh.items, []);
});
