// Orders: placing them in one transaction (prices, stock, totals, cart), the status machine and
// who may move it. Every response is checked against docs/openapi.yaml.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { authEnv } from './support/auth.js';
import { assertProblem, call } from './support/assert.js';
import { request } from './support/http.js';
import { checkSocketEvent } from './support/openapi.js';
import { startServer } from './support/server.js';
import { address, openShop, sql, verifyWallets } from './support/shop.js';
import { form } from './support/forms.js';
import { jpeg, png } from './support/images.js';
import { connectedSocket } from './support/sockets.js';

let server;
let shop;

// Every POST carries a new Idempotency-Key (POST /orders needs one) unless `key` is given.
const api = (method, p, token, body, key = crypto.randomUUID()) =>
  call(server.url, method, `/api/v1${p}`, { token, body, headers: method === 'POST' ? { 'idempotency-key': key } : {} });
const place = async (token, body, status = 201) => {
  const res = await api('POST', '/orders', token, { deliveryAddress: address, payment: { method: 'cod' }, ...body });
  assert.equal(res.status, status, res.text);
  return res.body;
};
const setStatus = (token, id, body) => api('PUT', `/orders/${id}/status`, token, body);

before(async () => {
  server = await startServer({ env: { ...authEnv(), WALLET_MIN_WITHDRAWAL: '5' } });
  shop = await openShop(server);
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

describe('placing an order', () => {
  test('a cod order from the cart is confirmed at once, takes the stock and empties the cart', async () => {
    const { token, id } = await shop.shopper();
    const store = await shop.store();
    const product = await shop.product(store, {
      price: 150, original: 200, stock: 10, variants: [{ type: 'size', value: 'L', price: 300, stock: 4 }],
    });
    await api('POST', '/cart/add', token, { productId: product, quantity: 2 });
    const cart = (await api('POST', '/cart/add', token, { productId: product, variant: { type: 'size', value: 'L' }, quantity: 1 })).body;
    // Read once before: the catalog keeps the reply, and the order's stock move must drop it.
    assert.deepEqual(await shop.stock(product), { stock: 10, variants: [4] });

    const order = await place(token, {});
    assert.match(order.orderNumber, /^SA\d{12}$/);
    assert.equal(order.user, id);
    assert.equal(order.status, 'confirmed');
    assert.deepEqual(order.payment, { method: 'cod', status: 'pending', transactionId: null, dueAt: null });
    assert.equal(order.delivery.status, 'confirmed');
    assert.ok(Date.parse(order.delivery.estimatedTime) > Date.now());
    assert.equal(order.delivery.address.phone, '+919845012345');
    assert.deepEqual(order.totals, cart.totals, 'the order costs what the cart said');
    assert.deepEqual(order.items.map((i) => [i.quantity, i.price, i.variant]),
      [[2, 150, null], [1, 300, { type: 'size', value: 'L' }]]);

    assert.deepEqual(await shop.stock(product), { stock: 7, variants: [3] });
    assert.deepEqual((await api('GET', '/cart', token)).body.items, []);
    const read = await api('GET', `/orders/${order._id}`, token);
    assert.deepEqual(read.body, order);
    const list = await api('GET', '/orders', token);
    assert.deepEqual(list.body.items.map((o) => o._id), [order._id]);
    const notes = await api('GET', '/notifications?category=order', token);
    assert.equal(notes.body.items[0].title, 'Order confirmed');
    assert.equal(notes.body.items[0].data.orderId, order._id);
  });

  test('an order of listed items leaves the cart alone', async () => {
    const { token } = await shop.shopper();
    const store = await shop.store();
    const inCart = await shop.product(store);
    const listed = await shop.product(store, { stock: 3 });
    await api('POST', '/cart/add', token, { productId: inCart, quantity: 1 });
    const order = await place(token, { items: [{ product: listed, quantity: 3 }] });
    assert.deepEqual(order.items.map((i) => i.product), [listed]);
    assert.equal((await api('GET', '/cart', token)).body.items.length, 1);
    assert.deepEqual(await shop.stock(listed), { stock: 0, variants: [] });
  });

  test('bad input names every bad field in one 422', async () => {
    const { token } = await shop.shopper();
    const product = 'a'.repeat(24);
    const bad = assertProblem(await api('POST', '/orders', token, {
      items: [{ product, quantity: 0 }, { product: 'x', quantity: 1 }, { product, quantity: 1 }],
      deliveryAddress: { name: '', phone: '123', address: 'Road 1', city: 'Pune', pincode: '012345', coordinates: [200, 0] },
      payment: { method: 'bitcoin' },
    }), 422, 'VALIDATION_FAILED');
    assert.deepEqual(bad.errors.map((e) => e.field).sort(), [
      'deliveryAddress.coordinates', 'deliveryAddress.name', 'deliveryAddress.phone', 'deliveryAddress.pincode',
      'items[0].quantity', 'items[1].product', 'items[2].product', 'payment.method',
    ]);
    const missing = assertProblem(await api('POST', '/orders', token, { items: [] }), 422, 'VALIDATION_FAILED');
    assert.deepEqual(missing.errors.map((e) => e.field).sort(), ['deliveryAddress', 'items', 'payment']);
  });

  test('an order that cannot be placed says which item or rule failed and changes nothing', async () => {
    const { token } = await shop.shopper();
    assertProblem(await api('POST', '/orders', token, { deliveryAddress: address, payment: { method: 'cod' } }), 409, 'CART_EMPTY');

    const store = await shop.store();
    const plenty = await shop.product(store, { stock: 10 });
    const scarce = await shop.product(store, { stock: 2, variants: [{ type: 'size', value: 'M', stock: 1 }] });
    const gone = await shop.product(store);
    await shop.api('DELETE', `/products/${gone}`, shop.merchant, undefined, 204);

    const stock = assertProblem(await api('POST', '/orders', token, {
      items: [{ product: plenty, quantity: 4 }, { product: scarce, variant: { type: 'size', value: 'M' }, quantity: 2 }],
      deliveryAddress: address, payment: { method: 'cod' },
    }), 409, 'OUT_OF_STOCK');
    assert.equal(stock.errors[0].field, 'items[1].quantity');
    assert.deepEqual(await shop.stock(plenty), { stock: 10, variants: [] }, 'the first item was not taken');
    assert.deepEqual(await shop.stock(scarce), { stock: 2, variants: [1] });

    const unavailable = assertProblem(await api('POST', '/orders', token, {
      items: [{ product: gone, quantity: 1 }, { product: plenty, quantity: 1 }, { product: scarce, variant: { type: 'size', value: 'XL' }, quantity: 1 }],
      deliveryAddress: address, payment: { method: 'cod' },
    }), 409, 'ITEM_UNAVAILABLE');
    assert.deepEqual(unavailable.errors.map((e) => e.field), ['items[0].product', 'items[2].variant']);

    const picky = await shop.store({ minimumOrder: 500 });
    const cheap = await shop.product(picky, { price: 100 });
    const minimum = assertProblem(await api('POST', '/orders', token, {
      items: [{ product: cheap, quantity: 2 }], deliveryAddress: address, payment: { method: 'cod' },
    }), 409, 'BELOW_MINIMUM_ORDER');
    assert.deepEqual(minimum.errors.map((e) => e.field), [`stores.${picky}`]);
    assert.deepEqual((await api('GET', '/orders', token)).body.items, []);
  });

  test('an order item keeps the product\'s name and first image as they were when it was ordered', async () => {
    const { token } = await shop.shopper();
    const store = await shop.store();
    const product = await shop.product(store, { stock: 10 });
    const upload = (fields) => call(server.url, 'POST', `/api/v1/products/${product}/images`,
      { token: shop.merchant, body: form(fields) });
    const withImages = await upload([['images', png, 'a.png'], ['images', jpeg, 'b.jpg']]);
    assert.equal(withImages.status, 200, withImages.text);
    const [first] = withImages.body.images;
    const bare = await shop.product(store, { stock: 10 });
    const order = await place(token, { items: [{ product, quantity: 1 }, { product: bare, quantity: 1 }] });
    assert.deepEqual(order.items.map((i) => i.image), [first, null]);
    const name = order.items[0].name;

    // The product changes its name and pictures; the order shows them as they were.
    await shop.api('PUT', `/products/${product}`, shop.merchant, { name: 'Renamed product' });
    const reordered = await call(server.url, 'PUT', `/api/v1/products/${product}/images`,
      { token: shop.merchant, body: { images: [...withImages.body.images].reverse() } });
    assert.equal(reordered.status, 200, reordered.text);
    const again = (await api('GET', `/orders/${order._id}`, token)).body;
    assert.deepEqual(again.items.map((i) => [i.name, i.image]), [[name, first], [order.items[1].name, null]]);
  });

  test('the address is sent as delivery.address, as the order has it; deliveryAddress still works', async () => {
    const { token } = await shop.shopper();
    const store = await shop.store();
    const product = await shop.product(store, { stock: 10 });
    const items = [{ product, quantity: 1 }];
    const placed = await api('POST', '/orders', token, { items, delivery: { address }, payment: { method: 'cod' } });
    assert.equal(placed.status, 201, placed.text);
    assert.equal(placed.body.delivery.address.city, address.city);
    const bad = await api('POST', '/orders', token, {
      items, delivery: { address: { ...address, pincode: '0123' } }, payment: { method: 'cod' },
    });
    assert.deepEqual(assertProblem(bad, 422, 'VALIDATION_FAILED').errors.map((e) => e.field), ['delivery.address.pincode']);
    const both = await api('POST', '/orders', token, {
      items, delivery: { address }, deliveryAddress: address, payment: { method: 'cod' },
    });
    assert.deepEqual(assertProblem(both, 422, 'VALIDATION_FAILED').errors.map((e) => e.field), ['deliveryAddress']);
  });

  test('orders list newest first, page by cursor and filter by status', async () => {
    const { token } = await shop.shopper();
    const store = await shop.store();
    const product = await shop.product(store, { stock: 10 });
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await place(token, { items: [{ product, quantity: 1 }] }))._id);
    await api('PUT', `/orders/${ids[0]}/cancel`, token);
    const first = (await api('GET', '/orders?limit=2', token)).body;
    assert.deepEqual(first.items.map((o) => o._id), [ids[2], ids[1]]);
    const second = (await api('GET', `/orders?limit=2&cursor=${first.nextCursor}`, token)).body;
    assert.deepEqual(second.items.map((o) => o._id), [ids[0]]);
    assert.equal(second.nextCursor, null);
    const cancelled = (await api('GET', '/orders?status=cancelled', token)).body;
    assert.deepEqual(cancelled.items.map((o) => o._id), [ids[0]]);
    const open = (await api('GET', '/orders?status=placed,confirmed', token)).body;
    assert.deepEqual(open.items.map((o) => o._id), [ids[2], ids[1]], 'several statuses, comma-separated');
    const both = (await api('GET', '/orders?status=confirmed,cancelled&limit=2', token)).body;
    assert.deepEqual(both.items.map((o) => o._id), [ids[2], ids[1]]);
    const rest = (await api('GET', `/orders?status=confirmed,cancelled&limit=2&cursor=${both.nextCursor}`, token)).body;
    assert.deepEqual(rest.items.map((o) => o._id), [ids[0]], 'the cursor pages the filtered list');
    for (const bad of ['confirmed,lost', 'confirmed,confirmed', 'a,b,c,d,e,f']) {
      const problem = assertProblem(await api('GET', `/orders?status=${bad}`, token), 422, 'VALIDATION_FAILED');
      assert.equal(problem.errors[0].field.split('[')[0], 'status', bad);
    }
    assert.equal(assertProblem(await api('GET', '/orders?cursor=nope&status=lost', token), 422, 'VALIDATION_FAILED')
      .errors.map((e) => e.field).sort().join(), 'status');
  });
});

describe('the status machine', () => {
  test('the customer\'s sockets hear of each status change and its notification; other users\' do not', async () => {
    const { token, id } = await shop.shopper();
    const other = await shop.shopper();
    const [socket, bystander] = await Promise.all([
      connectedSocket(server.url, { auth: { token } }),
      connectedSocket(server.url, { auth: { token: other.token } }),
    ]);
    try {
      const updates = [];
      const notes = [];
      const overheard = [];
      socket.on('order_status_update', (u) => updates.push(u));
      socket.on('new_notification', (n) => notes.push(n));
      for (const event of ['order_status_update', 'new_notification']) {
        bystander.on(event, (payload) => overheard.push([event, payload]));
      }
      const store = await shop.store();
      const order = await place(token, { items: [{ product: await shop.product(store), quantity: 1 }] });
      assert.equal((await setStatus(shop.merchant, order._id, { status: 'shipped' })).status, 200);
      const deadline = Date.now() + 5000;
      while (updates.length < 2 || notes.length < 2) {
        assert.ok(Date.now() < deadline, `events so far: ${JSON.stringify({ updates, notes })}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const u of updates) checkSocketEvent('order_status_update', u);
      for (const n of notes) checkSocketEvent('new_notification', n);
      assert.deepEqual(updates.map((u) => [u._id, u.previousStatus, u.status]),
        [[order._id, null, 'confirmed'], [order._id, 'confirmed', 'shipped']]);
      assert.equal(updates[1].delivery.trackingId, `TRK${order.orderNumber}`);
      assert.deepEqual(notes.map((n) => [n.user, n.title, n.data.orderId]),
        [[id, 'Order confirmed', order._id], [id, 'Order shipped', order._id]]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(overheard, [], 'another user\'s socket hears nothing of this order');
    } finally {
      socket.close();
      bystander.close();
    }
  });

  test('the store\'s merchant ships and delivers; delivery pays a cod order', async () => {
    const { token } = await shop.shopper();
    const store = await shop.store();
    const order = await place(token, { items: [{ product: await shop.product(store), quantity: 1 }] });

    const shipped = await setStatus(shop.merchant, order._id, { status: 'shipped', trackingId: 'BLR-123' });
    assert.equal(shipped.status, 200, shipped.text);
    assert.equal(shipped.body.delivery.status, 'shipped');
    assert.equal(shipped.body.delivery.trackingId, 'BLR-123');
    const delivered = await setStatus(shop.merchant, order._id, { status: 'delivered' });
    assert.equal(delivered.status, 200, delivered.text);
    assert.equal(delivered.body.status, 'delivered');
    assert.equal(delivered.body.payment.status, 'paid');
    assert.ok(Date.parse(delivered.body.delivery.actualTime) <= Date.now());
    const notes = (await api('GET', '/notifications?category=order', token)).body.items.map((n) => n.title);
    assert.deepEqual(notes.slice(0, 3), ['Order delivered', 'Order shipped', 'Order confirmed']);
  });

  test('every transition outside the machine is refused', async () => {
    const { token } = await shop.shopper();
    const store = await shop.store();
    const product = await shop.product(store, { stock: 10 });
    const order = await place(token, { items: [{ product, quantity: 1 }] });
    const refused = async (to) => {
      const problem = assertProblem(await setStatus(shop.admin, order._id, { status: to }), 409, 'INVALID_TRANSITION');
      assert.equal(problem.errors[0].field, 'status');
    };
    await refused('confirmed');   // already
    await refused('delivered');   // confirmed -> delivered skips shipping
    assert.equal((await setStatus(shop.admin, order._id, { status: 'shipped' })).status, 200);
    await refused('confirmed');
    await refused('cancelled');   // shipped orders are not cancelled
    assertProblem(await api('PUT', `/orders/${order._id}/cancel`, token), 409, 'INVALID_TRANSITION');
    assert.equal((await setStatus(shop.admin, order._id, { status: 'delivered' })).status, 200);
    for (const to of ['confirmed', 'shipped', 'delivered']) await refused(to);
    // A delivered order is cancelled (returned) by an admin only: tests/api/hostile_money.test.js.
    assertProblem(await setStatus(shop.merchant, order._id, { status: 'cancelled' }), 409, 'INVALID_TRANSITION');
    assert.equal(assertProblem(await setStatus(shop.admin, order._id, { status: 'placed' }), 422, 'VALIDATION_FAILED')
      .errors[0].field, 'status');
    const tracking = await setStatus(shop.admin, order._id, { status: 'cancelled', trackingId: 'X' });
    assert.equal(assertProblem(tracking, 422, 'VALIDATION_FAILED').errors[0].field, 'trackingId');
  });

  test('the customer cancels while confirmed: stock returns, once', async () => {
    const { token } = await shop.shopper();
    const store = await shop.store();
    const product = await shop.product(store, { stock: 5, variants: [{ type: 'size', value: 'S', stock: 2 }] });
    const order = await place(token, { items: [{ product, variant: { type: 'size', value: 'S' }, quantity: 2 }] });
    assert.deepEqual(await shop.stock(product), { stock: 3, variants: [0] });
    const cancelled = await api('PUT', `/orders/${order._id}/cancel`, token);
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.equal(cancelled.body.status, 'cancelled');
    assert.equal(cancelled.body.delivery.status, 'cancelled');
    assert.equal(cancelled.body.payment.status, 'failed');
    assert.deepEqual(await shop.stock(product), { stock: 5, variants: [2] });
    assertProblem(await api('PUT', `/orders/${order._id}/cancel`, token), 409, 'INVALID_TRANSITION');
    assert.deepEqual(await shop.stock(product), { stock: 5, variants: [2] }, 'a second cancel returns nothing');
  });

  test('who may see and move an order', async () => {
    const { token } = await shop.shopper();
    const stranger = await shop.shopper();
    const nobodys = await shop.store({ byAdmin: true });
    const theirs = await shop.store();
    const order = await place(token, { items: [{ product: await shop.product(nobodys, { byAdmin: true }), quantity: 1 }] });
    const mixed = await place(token, { items: [
      { product: await shop.product(nobodys, { byAdmin: true }), quantity: 1 },
      { product: await shop.product(theirs), quantity: 1 },
    ] });

    assertProblem(await api('GET', `/orders/${order._id}`, stranger.token), 404, 'NOT_FOUND');
    assertProblem(await api('PUT', `/orders/${order._id}/cancel`, stranger.token), 404, 'NOT_FOUND');
    assertProblem(await api('GET', '/orders/not-an-id', token), 404, 'NOT_FOUND');
    assertProblem(await setStatus(token, order._id, { status: 'shipped' }), 403, 'FORBIDDEN');
    assertProblem(await api('GET', `/orders/${order._id}`, shop.merchant), 404, 'NOT_FOUND');
    assertProblem(await setStatus(shop.merchant, order._id, { status: 'shipped' }), 404, 'NOT_FOUND');
    assert.equal((await api('GET', `/orders/${mixed._id}`, shop.merchant)).status, 200, 'a merchant of one of its stores sees it');
    assertProblem(await setStatus(shop.merchant, mixed._id, { status: 'shipped' }), 403, 'FORBIDDEN');
    assert.equal((await api('GET', `/orders/${order._id}`, shop.admin)).status, 200);
    assert.equal((await setStatus(shop.admin, order._id, { status: 'shipped' })).status, 200);
    assertProblem(await api('PUT', `/orders/${mixed._id}/cancel`, shop.admin), 404, 'NOT_FOUND');
    assertProblem(await api('GET', '/orders'), 401, 'UNAUTHORIZED');
  });
});

test('200 parallel orders for 50 units: exactly 50 succeed and the stock ends at 0', async () => {
  const store = await shop.store();
  const product = await shop.product(store, { stock: 50, variants: [{ type: 'size', value: 'M', stock: 500 }] });
  const shoppers = [];
  while (shoppers.length < 200) shoppers.push(...await Promise.all(Array.from({ length: 25 }, () => shop.shopper())));
  // Real parallel clients: every request is in flight at once, each on its own connection.
  const results = await Promise.all(shoppers.map(({ token }, i) => request(server.url, 'POST', '/api/v1/orders', {
    token, timeoutMs: 120_000, headers: { 'idempotency-key': crypto.randomUUID() },
    body: {
      items: [{ product, ...(i % 2 ? { variant: { type: 'size', value: 'M' } } : {}), quantity: 1 }],
      deliveryAddress: address, payment: { method: 'cod' },
    },
  })));
  const statuses = results.map((r) => (r.status === 201 ? 'created' : `${r.status} ${r.body?.code}`));
  assert.equal(statuses.filter((s) => s === 'created').length, 50, JSON.stringify(statuses.filter((s) => s !== 'created').slice(0, 3)));
  assert.equal(statuses.filter((s) => s === '409 OUT_OF_STOCK').length, 150);
  const taken = results.filter((r) => r.status === 201).filter((r) => r.body.items[0].variant).length;
  assert.deepEqual(await shop.stock(product), { stock: 0, variants: [500 - taken] });
  assert.equal(await sql(`SELECT count(*) FROM order_items WHERE product_id = '${product}'`), '50');
  assert.equal(new Set(results.filter((r) => r.status === 201).map((r) => r.body.orderNumber)).size, 50);
  assert.equal(await verifyWallets(), 0, 'superapp wallet verify passes');
});

describe('paying from the wallet', () => {
  test('a wallet order is paid at once; cancelling refunds it with a ledger row each', async () => {
    const { token, id } = await shop.shopper();
    await shop.fund(id, 1000);
    const store = await shop.store();
    const product = await shop.product(store, { price: 200, stock: 5 });
    const order = await place(token, { items: [{ product, quantity: 2 }], payment: { method: 'wallet' } });
    // 400 of goods, 5% GST 20, delivery 40.
    assert.equal(order.totals.total, 460);
    assert.equal(order.status, 'confirmed');
    assert.equal(order.payment.status, 'paid');
    assert.equal((await shop.wallet(token)).balance, 540);
    const [spending] = await shop.ledger(token);
    assert.equal(spending.type, 'spending');
    assert.equal(spending.amount, 460);
    assert.deepEqual(spending.source, { type: 'order', reference: order._id });

    const cancelled = (await api('PUT', `/orders/${order._id}/cancel`, token)).body;
    assert.equal(cancelled.payment.status, 'refunded');
    assert.equal((await shop.wallet(token)).balance, 1000);
    const [refund] = await shop.ledger(token);
    assert.equal(refund.type, 'refund');
    assert.equal(refund.amount, 460);
    assert.deepEqual(refund.source, { type: 'order', reference: order._id });
    assert.deepEqual(await shop.stock(product), { stock: 5, variants: [] });
    const notes = (await api('GET', '/notifications?category=order', token)).body.items;
    assert.match(notes[0].message, /₹460\.00 is refunded to your wallet/);
  });

  test('a wallet holding less than the total places nothing', async () => {
    const { token, id } = await shop.shopper();
    await shop.fund(id, 100);
    const store = await shop.store();
    const product = await shop.product(store, { price: 100, stock: 5 });
    const res = await api('POST', '/orders', token, {
      items: [{ product, quantity: 1 }], deliveryAddress: address, payment: { method: 'wallet' },
    });
    assertProblem(res, 409, 'INSUFFICIENT_BALANCE');
    assert.deepEqual(await shop.stock(product), { stock: 5, variants: [] }, 'the stock taken is put back');
    assert.equal((await shop.wallet(token)).balance, 100);
    assert.deepEqual((await api('GET', '/orders', token)).body.items, []);
  });

  test('delivery holds the store\'s cashback in the wallet as pending', async () => {
    const { token, id } = await shop.shopper();
    await shop.fund(id, 630);
    const store = await shop.store({ cashback: 5 });
    const order = await place(token, {
      items: [{ product: await shop.product(store, { price: 600 }), quantity: 1 }], payment: { method: 'wallet' },
    });
    // 600 + 30 GST, free delivery: 5% of 630 = 31.50.
    assert.equal(order.cashback, 31.5);
    for (const status of ['shipped', 'delivered']) {
      assert.equal((await setStatus(shop.merchant, order._id, { status })).status, 200);
    }
    const [cashback] = await shop.ledger(token);
    assert.equal(cashback.type, 'cashback');
    assert.equal(cashback.amount, 31.5);
    assert.equal(cashback.account, 'pending');
    assert.equal(cashback.status, 'pending');
    assert.deepEqual(cashback.source, { type: 'cashback', reference: order._id });
    const wallet = await shop.wallet(token);
    assert.equal(wallet.pending, 31.5);
    assert.equal(wallet.balance, 0);
    assert.equal(wallet.totalEarned, 0, 'earned once released (tests/api/hostile_money.test.js)');
  });

  test('Idempotency-Key: the same key and body replay the first order; another body is refused', async () => {
    const { token } = await shop.shopper();
    const store = await shop.store();
    const product = await shop.product(store, { stock: 10 });
    const body = { items: [{ product, quantity: 1 }], deliveryAddress: address, payment: { method: 'cod' } };
    const key = crypto.randomUUID();
    const first = await api('POST', '/orders', token, body, key);
    assert.equal(first.status, 201, first.text);
    const again = await api('POST', '/orders', token, body, key);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(again.body, first.body);
    assertProblem(await api('POST', '/orders', token, { ...body, items: [{ product, quantity: 2 }] }, key),
      422, 'IDEMPOTENCY_KEY_REUSED');
    const missing = await call(server.url, 'POST', '/api/v1/orders', { token, body });
    const required = assertProblem(missing, 400, 'IDEMPOTENCY_KEY_REQUIRED');
    assert.deepEqual(required.errors, [{ field: 'Idempotency-Key', message: 'is required' }]);

    // The same key twice at once: one order, the other request waits its turn or is told the key is in use.
    const racing = crypto.randomUUID();
    const both = await Promise.all([0, 1].map(() => api('POST', '/orders', token, body, racing)));
    const created = both.filter((r) => r.status === 201);
    assert.ok(created.length >= 1, both.map((r) => r.text).join());
    assert.equal(new Set(created.map((r) => r.body._id)).size, 1);
    for (const r of both.filter((x) => x.status !== 201)) assertProblem(r, 409, 'IDEMPOTENCY_KEY_IN_USE');
    assert.equal((await api('GET', '/orders', token)).body.items.length, 2);
    assert.deepEqual(await shop.stock(product), { stock: 8, variants: [] });
  });

  test('wallet orders racing withdrawals never take a balance below zero', async () => {
    const store = await shop.store();
    const product = await shop.product(store, { price: 20, stock: 10_000 });  // 20 + 1 GST + 40 delivery = 61
    const racers = await Promise.all(Array.from({ length: 10 }, () => shop.shopper()));
    await Promise.all(racers.map(({ id }) => shop.fund(id, 200)));
    const requests = racers.flatMap(({ token }) => [
      ...Array.from({ length: 5 }, () => request(server.url, 'POST', '/api/v1/orders', {
        token, timeoutMs: 120_000, headers: { 'idempotency-key': crypto.randomUUID() },
        body: { items: [{ product, quantity: 1 }], deliveryAddress: address, payment: { method: 'wallet' } },
      })),
      ...Array.from({ length: 5 }, () => request(server.url, 'POST', '/api/v1/wallet/withdraw', {
        token, timeoutMs: 120_000, headers: { 'idempotency-key': crypto.randomUUID() },
        body: { amount: 50, method: 'upi', upiId: 'racer@okaxis' },
      })),
    ]);
    const results = await Promise.all(requests);
    for (const r of results) {
      assert.ok(r.status === 201 || (r.status === 409 && r.body.code === 'INSUFFICIENT_BALANCE'), `${r.status} ${r.text}`);
    }
    for (const [i, { token }] of racers.entries()) {
      const mine = results.slice(i * 10, i * 10 + 10);
      const orders = mine.slice(0, 5).filter((r) => r.status === 201).length;
      const withdrawals = mine.slice(5).filter((r) => r.status === 201).length;
      const { balance } = await shop.wallet(token);
      assert.ok(balance >= 0);
      assert.equal(Math.round(balance * 100), 20000 - orders * 6100 - withdrawals * 5000);
      assert.ok(balance < 50, 'a refused request means the money had run out');
    }
    assert.equal(await verifyWallets(), 0, 'superapp wallet verify passes');
  });
});

describe('reviews of what was bought', () => {
  test('a delivered order makes its customer\'s reviews verified purchases, before and after', async () => {
    const { token } = await shop.shopper();
    const store = await shop.store();
    const [early, late, never] = [await shop.product(store), await shop.product(store), await shop.product(store)];
    const review = async (product) => {
      const res = await api('POST', `/products/${product}/reviews`, token, { rating: 4, text: 'Good' });
      assert.ok(res.status === 201 || res.status === 200, res.text);
      return res.body;
    };
    assert.equal((await review(early)).verifiedPurchase, false, 'not bought yet');
    const order = await place(token, { items: [{ product: early, quantity: 1 }, { product: late, quantity: 2 }] });
    assert.equal((await setStatus(shop.merchant, order._id, { status: 'shipped' })).status, 200);
    assert.equal((await review(late)).verifiedPurchase, false, 'shipped is not received');
    const delivered = await setStatus(shop.merchant, order._id, { status: 'delivered' });
    assert.equal(delivered.status, 200, delivered.text);

    const reviews = async (product) => (await api('GET', `/products/${product}/reviews`)).body.items;
    assert.equal((await reviews(early))[0].verifiedPurchase, true, 'an earlier review becomes verified');
    assert.equal((await reviews(late))[0].verifiedPurchase, true);
    assert.equal((await review(late)).verifiedPurchase, true, 'and stays verified when rewritten');
    assert.equal((await review(never)).verifiedPurchase, false, 'a product not in the order');
  });
});
