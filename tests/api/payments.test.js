// Card payments through the sandbox gateway: orders wait for the signed webhook, and unpaid ones
// expire with their stock returned. Every response is checked against docs/openapi.yaml.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';

import { authEnv } from './support/auth.js';
import { assertProblem, call } from './support/assert.js';
import { startServer } from './support/server.js';
import { address, openShop, sql, unique, verifyWallets } from './support/shop.js';

const secret = 'payments-test-webhook-secret';
let server;
let shop;

const api = (method, p, token, body, headers) => call(server.url, method, `/api/v1${p}`, { token, body, headers });
const sign = (body) => crypto.createHmac('sha256', secret).update(body).digest('hex');

/** Sends a webhook: `event` is serialized once, signed (unless `signature` is given) and posted raw. */
function webhook(event, { signature } = {}) {
  const body = typeof event === 'string' ? event : JSON.stringify(event);
  return api('POST', '/payments/webhook', undefined, body, {
    'content-type': 'application/json', 'x-sandbox-signature': signature ?? sign(body),
  });
}
const paid = (order, { id = `evt_${unique()}`, amount = order.totals.total, type = 'payment.succeeded' } = {}) =>
  ({ id, type, data: { transactionId: order.payment.transactionId, amount } });

async function cardOrder(stock = 5) {
  const { token } = await shop.shopper();
  const store = await shop.store();
  const product = await shop.product(store, { price: 249.99, stock });
  const res = await api('POST', '/orders', token, {
    items: [{ product, quantity: 2 }], deliveryAddress: address, payment: { method: 'card' },
  }, { 'idempotency-key': crypto.randomUUID() });
  assert.equal(res.status, 201, res.text);
  return { token, product, order: res.body };
}

const orderOf = async (token, order) => (await api('GET', `/orders/${order._id}`, token)).body;

before(async () => {
  server = await startServer({
    env: { ...authEnv(), PAYMENTS_WEBHOOK_SECRET: secret, ORDER_SWEEP_MS: '300' },
  });
  shop = await openShop(server);
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

test('a card order waits for its payment, then the signed webhook confirms it once', async () => {
  const { token, product, order } = await cardOrder();
  assert.equal(order.status, 'placed');
  assert.equal(order.payment.status, 'pending');
  assert.match(order.payment.transactionId, /^sbx_[0-9a-f]{24}$/);
  const wait = (Date.parse(order.payment.dueAt) - Date.now()) / 60_000;
  assert.ok(wait > 29 && wait <= 30, `due in ${wait} minutes`);
  assert.equal(order.delivery.status, 'pending');
  assert.deepEqual(await shop.stock(product), { stock: 3, variants: [] }, 'the stock is held while it waits');
  const early = await api('PUT', `/orders/${order._id}/status`, shop.merchant, { status: 'confirmed' });
  assertProblem(early, 409, 'INVALID_TRANSITION');

  const event = paid(order);
  const applied = await webhook(event);
  assert.equal(applied.status, 200, applied.text);
  assert.deepEqual(applied.body, { received: true, replayed: false });
  const confirmed = await orderOf(token, order);
  assert.equal(confirmed.status, 'confirmed');
  assert.equal(confirmed.payment.status, 'paid');
  assert.equal(confirmed.delivery.status, 'confirmed');

  const replay = await webhook(event);
  assert.equal(replay.status, 200, replay.text);
  assert.deepEqual(replay.body, { received: true, replayed: true });
  assert.deepEqual(await orderOf(token, order), confirmed, 'a replayed event changes nothing');
  assertProblem(await webhook(paid(order)), 409, 'PAYMENT_NOT_PENDING');
  const titles = (await api('GET', '/notifications?category=order', token)).body.items.map((n) => n.title);
  assert.deepEqual(titles, ['Order confirmed', 'Order placed']);
});

test('a bad signature is 401 and changes nothing', async () => {
  const { token, order } = await cardOrder();
  const body = JSON.stringify(paid(order));
  assertProblem(await webhook(body, { signature: sign(`${body} `) }), 401, 'BAD_SIGNATURE');
  assertProblem(await webhook(body, { signature: '' }), 401, 'BAD_SIGNATURE');
  assertProblem(await webhook(body, { signature: crypto.createHmac('sha256', 'another-secret-entirely').update(body).digest('hex') }),
    401, 'BAD_SIGNATURE');
  assert.equal((await orderOf(token, order)).payment.status, 'pending');
  assertProblem(await webhook('{"id":"evt_x","type":"payment.refunded"}'), 400, 'BAD_EVENT');
});

test('a wrong amount is refused and not recorded; the right one may follow under the same id', async () => {
  const { token, order } = await cardOrder();
  const id = `evt_${unique()}`;
  const wrong = assertProblem(await webhook(paid(order, { id, amount: order.totals.total - 0.01 })), 422, 'AMOUNT_MISMATCH');
  assert.equal(wrong.errors[0].field, 'data.amount');
  assert.equal((await orderOf(token, order)).payment.status, 'pending');
  const right = await webhook(paid(order, { id }));
  assert.deepEqual(right.body, { received: true, replayed: false });
  assert.equal((await orderOf(token, order)).payment.status, 'paid');
  assertProblem(await webhook({ id: `evt_${unique()}`, type: 'payment.succeeded', data: { transactionId: 'sbx_none', amount: 1 } }),
    404, 'NOT_FOUND');
});

test('a failed payment cancels the order and returns its stock', async () => {
  const { token, product, order } = await cardOrder();
  const res = await webhook(paid(order, { type: 'payment.failed' }));
  assert.equal(res.status, 200, res.text);
  const cancelled = await orderOf(token, order);
  assert.equal(cancelled.status, 'cancelled');
  assert.equal(cancelled.payment.status, 'failed');
  assert.deepEqual(await shop.stock(product), { stock: 5, variants: [] });
});

test('an unpaid card order expires after its due time and its stock returns', async () => {
  const { token, product, order } = await cardOrder();
  const { order: onTime } = await cardOrder();
  await sql(`UPDATE orders SET payment_due_at = now() - interval '1 second' WHERE id = '${order._id}'`);
  const deadline = Date.now() + 10_000;
  while ((await orderOf(token, order)).status !== 'cancelled') {
    assert.ok(Date.now() < deadline, 'the unpaid order is still placed after 10 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const expired = await orderOf(token, order);
  assert.equal(expired.payment.status, 'failed');
  assert.deepEqual(await shop.stock(product), { stock: 5, variants: [] });
  assert.equal(await sql(`SELECT status FROM orders WHERE id = '${onTime._id}'`), 'placed', 'an order still in time stays');

  // Its payment arrives late: the money goes to the wallet, once.
  const late = await webhook(paid(order));
  assert.equal(late.status, 200, late.text);
  const refunded = await orderOf(token, order);
  assert.equal(refunded.status, 'cancelled');
  assert.equal(refunded.payment.status, 'refunded');
  assert.equal((await shop.wallet(token)).balance, order.totals.total);
  assertProblem(await webhook(paid(order)), 409, 'PAYMENT_NOT_PENDING');
  assert.equal(await verifyWallets(), 0);
});

test('cancelling a paid card order refunds it to the wallet', async () => {
  const { token, order } = await cardOrder();
  await webhook(paid(order));
  const cancelled = await api('PUT', `/orders/${order._id}/cancel`, token);
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.equal(cancelled.body.payment.status, 'refunded');
  assert.equal((await shop.wallet(token)).balance, order.totals.total);
  const [refund] = await shop.ledger(token);
  assert.equal(refund.type, 'refund');
  assert.deepEqual(refund.source, { type: 'order', reference: order._id });
  assert.equal(await verifyWallets(), 0);
});
