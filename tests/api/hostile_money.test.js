// Money that insiders cannot mint: a merchant's cashback is capped, nobody earns cashback on a sale to
// themselves, cashback is held (pending) until the return window closes and cannot be spent or withdrawn
// before, a return inside the hold reverses it, and the release job pays each hold exactly once even
// with several processes. `superapp wallet verify` agrees with every wallet after each attack.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { authEnv, login } from './support/auth.js';
import { assertProblem, call } from './support/assert.js';
import { startServer } from './support/server.js';
import { address, openShop, sql, verifyWallets } from './support/shop.js';

let server; // cashback held 7 days (the default)
let quick; // the same database, cashback held 0 days and released every 200 ms
let shop;

const api = (base, method, p, token, body) =>
  call(base.url, method, `/api/v1${p}`, {
    token, body, headers: method === 'POST' ? { 'idempotency-key': crypto.randomUUID() } : {},
  });
const ok = async (promise, status = 200) => {
  const res = await promise;
  assert.equal(res.status, status, res.text);
  return res.body;
};
const order = (base, token, product, method = 'wallet') => ok(api(base, 'POST', '/orders', token, {
  items: [{ product, quantity: 1 }], deliveryAddress: address, payment: { method },
}), 201);
const deliver = async (base, token, id) => {
  for (const status of ['shipped', 'delivered']) await ok(api(base, 'PUT', `/orders/${id}/status`, token, { status }));
};
const waitFor = async (what, check, timeoutMs = 10_000) => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

before(async () => {
  server = await startServer({ env: authEnv() });
  quick = await startServer({ env: { ...authEnv(), CASHBACK_HOLD_DAYS: '0', CASHBACK_RELEASE_MS: '200' } });
  shop = await openShop(server);
});
after(async () => {
  for (const s of [server, quick]) if (s) assert.equal(await s.stop(), 0);
});

describe('a merchant cannot mint cashback', () => {
  test('a merchant sets at most CASHBACK_MAX_PERCENT on their store; an admin may set more', async () => {
    const store = await shop.store();
    const refused = await api(server, 'PUT', `/stores/${store}`, shop.merchant, { offers: { cashback: 100 } });
    const problem = assertProblem(refused, 422, 'VALIDATION_FAILED');
    assert.deepEqual(problem.errors.map((e) => e.field), ['offers.cashback']);
    assert.match(problem.errors[0].message, /at most 10/);
    assertProblem(await api(server, 'POST', '/stores', shop.merchant, {
      name: 'Greedy store', category: shop.groceries, offers: { cashback: 10.5 },
      location: { address: '1 MG Road', city: 'Bengaluru', pincode: '560001', coordinates: [77.61, 12.97] },
    }), 422, 'VALIDATION_FAILED');
    assert.equal((await ok(api(server, 'PUT', `/stores/${store}`, shop.merchant, { offers: { cashback: 10 } }))).offers.cashback, 10);
    assert.equal((await ok(api(server, 'PUT', `/stores/${store}`, shop.admin, { offers: { cashback: 60 } }))).offers.cashback, 60);
    // A merchant's later edit of the same store cannot raise it further either.
    assertProblem(await api(server, 'PUT', `/stores/${store}`, shop.merchant, { offers: { cashback: 61 } }), 422, 'VALIDATION_FAILED');
  });

  test('the owner ordering from their own store earns no cashback, even at 100 % set by an admin', async () => {
    const merchantId = (await ok(api(server, 'GET', '/users/profile', shop.merchant)))._id;
    await shop.fund(merchantId, 5250);
    const before = await shop.wallet(shop.merchant); // the demo merchant has earned before
    const store = await shop.store({ cashback: 100 });
    const product = await shop.product(store, { price: 5000, stock: 5 });

    const cart = await ok(api(server, 'POST', '/cart/add', shop.merchant, { productId: product, quantity: 1 }));
    assert.equal(cart.cashback, 0, 'the cart shows no cashback on the owner\'s own goods');
    await ok(api(server, 'DELETE', '/cart/clear', shop.merchant));

    const placed = await order(server, shop.merchant, product);
    assert.equal(placed.cashback, 0);
    // Nor may they mark their own order delivered (their review would read as a verified purchase).
    assertProblem(await api(server, 'PUT', `/orders/${placed._id}/status`, shop.merchant, { status: 'shipped' }),
      403, 'FORBIDDEN');
    await deliver(server, shop.admin, placed._id);
    const wallet = await shop.wallet(shop.merchant);
    assert.equal(wallet.pending, before.pending, 'nothing was credited, not even as pending');
    assert.equal(wallet.totalEarned, before.totalEarned);
    const rows = await sql(`SELECT count(*) FROM wallet_transactions WHERE source_type = 'cashback' AND source_reference = '${placed._id}'`);
    assert.equal(rows, '0');
    assert.equal(wallet.balance, before.balance - 5250, 'the payment left; nothing came back');
    assert.equal(await verifyWallets(), 0);
  });

  test('an admin buying (they can manage every store) earns no cashback and cannot move their own order', async () => {
    const store = await shop.store({ cashback: 10 });
    const product = await shop.product(store, { price: 1000 });
    const placed = await order(server, shop.admin, product, 'card');
    assert.equal(placed.cashback, 0);
    assertProblem(await api(server, 'PUT', `/orders/${placed._id}/status`, shop.admin, { status: 'shipped' }),
      403, 'FORBIDDEN');
  });
});

describe('four eyes: an admin pays nothing to themselves', () => {
  test('an admin cannot adjust their own wallet, nor settle their own withdrawal', async () => {
    // A second admin: a user given the role, whose refreshed token carries it.
    const second = await login(server);
    await sql(`UPDATE users SET role = 'admin' WHERE id = '${second.user._id}'`);
    const refreshed = await ok(api(server, 'POST', '/auth/refresh', undefined, { refreshToken: second.refreshToken }));
    const admin2 = refreshed.accessToken;

    assertProblem(await api(server, 'POST', '/admin/wallet/adjustments', admin2,
      { user: second.user._id, amount: 1000, reason: 'bonus' }), 403, 'FORBIDDEN');
    await shop.fund(second.user._id, 200); // by the first admin: allowed
    const withdrawal = await ok(api(server, 'POST', '/wallet/withdraw', admin2,
      { amount: 150, method: 'upi', upiId: 'second@upi' }), 201);
    assertProblem(await api(server, 'PUT', `/admin/wallet/withdrawals/${withdrawal._id}`, admin2,
      { status: 'completed' }), 403, 'FORBIDDEN');
    const settled = await ok(api(server, 'PUT', `/admin/wallet/withdrawals/${withdrawal._id}`, shop.admin,
      { status: 'completed' }));
    assert.equal(settled.status, 'completed');

    // Nor approve their own earn submission.
    const project = await ok(api(server, 'POST', '/admin/earn/projects', shop.admin, {
      title: 'Write a review', description: 'Tell us what you think of the app.', category: 'review', type: 'text',
      requirements: {}, reward: { amount: 50 },
      limits: { totalBudget: 5000, expiryDate: new Date(Date.now() + 86_400_000).toISOString() },
    }), 201);
    const mine = await ok(api(server, 'POST', `/earn/projects/${project._id}/complete`, admin2,
      { content: 'The app is quick and the offers are good.' }), 201);
    assertProblem(await api(server, 'PUT', `/admin/earn/completions/${mine._id}`, admin2, { status: 'approved' }),
      403, 'FORBIDDEN');
    const approved = await ok(api(server, 'PUT', `/admin/earn/completions/${mine._id}`, shop.admin, { status: 'approved' }));
    assert.equal(approved.status, 'approved');
    assert.equal(await verifyWallets(), 0);
  });
});

describe('cashback is held until the return window closes', () => {
  test('delivery holds the cashback as pending: it cannot be spent or withdrawn', async () => {
    const { token, id } = await shop.shopper();
    await shop.fund(id, 1050);
    const store = await shop.store({ cashback: 10 });
    const product = await shop.product(store, { price: 1000, stock: 5 });
    const placed = await order(server, token, product);
    assert.equal(placed.cashback, 105, '10 % of 1000 + 50 GST');
    await deliver(server, shop.merchant, placed._id);

    const wallet = await shop.wallet(token);
    assert.equal(wallet.balance, 0);
    assert.equal(wallet.pending, 105);
    assert.equal(wallet.totalEarned, 0, 'held cashback is not earned yet');
    const [hold] = await shop.ledger(token);
    assert.equal(hold.type, 'cashback');
    assert.equal(hold.status, 'pending');
    assert.equal(hold.account, 'pending');
    assert.equal(hold.amount, 105);
    assert.equal(hold.balanceBefore, 0);
    assert.equal(hold.balanceAfter, 105);
    const days = (Date.parse(hold.releaseAt) - Date.parse(hold.createdAt)) / 86_400_000;
    assert.ok(Math.abs(days - 7) < 0.01, `released after 7 days, not ${days}`);

    assertProblem(await api(server, 'POST', '/wallet/withdraw', token, { amount: 105, method: 'upi', upiId: 'asha@upi' }),
      409, 'INSUFFICIENT_BALANCE');
    const cheap = await shop.product(store, { price: 20 });
    assertProblem(await api(server, 'POST', '/orders', token, {
      items: [{ product: cheap, quantity: 1 }], deliveryAddress: address, payment: { method: 'wallet' },
    }), 409, 'INSUFFICIENT_BALANCE');
    // Nor does the release job touch a hold that is not due.
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal((await shop.wallet(token)).pending, 105);
    const rows = await sql(`SELECT count(*) FROM wallet_transactions WHERE user_id = '${id}'`);
    assert.equal(rows, '3', 'the funds, the payment and the hold: nothing more');
    assert.equal(await verifyWallets(), 0);
  });

  test('a return inside the hold reverses the pending cashback and refunds what was paid', async () => {
    const { token, id } = await shop.shopper();
    await shop.fund(id, 1050);
    const store = await shop.store({ cashback: 10 });
    const product = await shop.product(store, { price: 1000, stock: 5 });
    const placed = await order(server, token, product);
    await deliver(server, shop.merchant, placed._id);

    assertProblem(await api(server, 'PUT', `/orders/${placed._id}/status`, shop.merchant, { status: 'cancelled' }),
      409, 'INVALID_TRANSITION');
    assertProblem(await api(server, 'PUT', `/orders/${placed._id}/cancel`, token), 409, 'INVALID_TRANSITION');
    const returned = await ok(api(server, 'PUT', `/orders/${placed._id}/status`, shop.admin, { status: 'cancelled' }));
    assert.equal(returned.status, 'cancelled');
    assert.equal(returned.payment.status, 'refunded', 'the wallet payment comes back');

    const wallet = await shop.wallet(token);
    assert.equal(wallet.pending, 0);
    assert.equal(wallet.balance, 1050);
    assert.equal(wallet.totalEarned, 0);
    const rows = await shop.ledger(token);
    const hold = rows.find((r) => r.account === 'pending' && r.balanceAfter > r.balanceBefore);
    assert.equal(hold.status, 'failed', 'the hold is marked failed');
    const reversal = rows.find((r) => r.account === 'pending' && r.balanceAfter < r.balanceBefore);
    assert.equal(reversal.amount, 105, 'a new row takes the held cashback back (the ledger is append-only)');
    assert.equal(reversal.source.reference, placed._id);
    assert.equal(await verifyWallets(), 0);

    // Returned twice? Nothing more happens.
    assertProblem(await api(server, 'PUT', `/orders/${placed._id}/status`, shop.admin, { status: 'cancelled' }),
      409, 'INVALID_TRANSITION');
    assert.equal(await sql(`SELECT count(*) FROM wallet_transactions WHERE user_id = '${id}'`), String(rows.length));
  });

  test('cash on delivery earns no cashback, and a returned cod order refunds nothing to the wallet', async () => {
    // Its delivery is only the merchant's word: a merchant ordering through a second account could
    // otherwise turn a delivery that never happened into cashback, and a return into a refund.
    const { token } = await shop.shopper();
    const store = await shop.store({ cashback: 10 });
    const placed = await order(server, token, await shop.product(store, { price: 1000 }), 'cod');
    assert.equal(placed.cashback, 0);
    await deliver(server, shop.merchant, placed._id);
    const returned = await ok(api(server, 'PUT', `/orders/${placed._id}/status`, shop.admin, { status: 'cancelled' }));
    assert.equal(returned.status, 'cancelled');
    assert.equal(returned.payment.status, 'paid', 'the store refunds the cash by hand');
    assert.deepEqual(await shop.ledger(token), []);
    assert.equal(await verifyWallets(), 0);
  });

  test('a cod order cancelled before delivery was never paid: nothing is refunded', async () => {
    const { token } = await shop.shopper();
    const store = await shop.store({ cashback: 10 });
    const placed = await order(server, token, await shop.product(store, { price: 700 }), 'cod');
    const cancelled = await ok(api(server, 'PUT', `/orders/${placed._id}/cancel`, token));
    assert.equal(cancelled.payment.status, 'failed');
    assert.deepEqual(await shop.ledger(token), []);
  });
});

describe('the release job', () => {
  test('after the hold the cashback becomes spendable, once; a return is then refused', async () => {
    const { token, id } = await shop.shopper();
    await shop.fund(id, 1050);
    const store = await shop.store({ cashback: 10 });
    const product = await shop.product(store, { price: 1000, stock: 5 });
    const placed = await order(quick, token, product);
    await deliver(quick, shop.merchant, placed._id);

    const wallet = await waitFor('the release', async () => {
      const w = await shop.wallet(token);
      return w.balance === 105 ? w : null;
    });
    assert.equal(wallet.pending, 0);
    assert.equal(wallet.totalEarned, 105);
    const rows = await shop.ledger(token);
    assert.equal(rows.length, 5, 'funds, payment, the hold, its release out of pending, the credit to the balance');
    assert.equal(rows.find((r) => r.account === 'pending' && r.releaseAt).status, 'completed');
    assert.equal(rows.filter((r) => r.account === 'balance' && r.type === 'cashback').length, 1);

    assertProblem(await api(quick, 'PUT', `/orders/${placed._id}/status`, shop.admin, { status: 'cancelled' }),
      409, 'INVALID_TRANSITION');
    const withdrawn = await ok(api(quick, 'POST', '/wallet/withdraw', token, { amount: 105, method: 'upi', upiId: 'asha@upi' }), 201);
    assert.equal(withdrawn.amount, 105);
    assert.equal(await verifyWallets(), 0);
  });

  test('with several processes every hold is released exactly once', async () => {
    const second = await startServer({ env: { ...authEnv(), CASHBACK_HOLD_DAYS: '0', CASHBACK_RELEASE_MS: '100' } });
    try {
      const store = await shop.store({ cashback: 10 });
      const product = await shop.product(store, { price: 100, stock: 100 });
      const shoppers = await Promise.all([1, 2, 3, 4].map(() => shop.shopper()));
      for (const { id } of shoppers) await shop.fund(id, 435); // 3 orders of 145
      const orders = [];
      for (const { token } of shoppers) {
        for (let i = 0; i < 3; i++) orders.push(await order(i % 2 ? quick : second, token, product));
      }
      await Promise.all(orders.map((o, i) => deliver(i % 2 ? second : quick, shop.merchant, o._id)));
      for (const { token } of shoppers) {
        // 3 orders of 100 + 5 GST + 40 delivery: 10 % = 14.50 each.
        const w = await waitFor('every release', async () => {
          const figures = await shop.wallet(token);
          return figures.pending === 0 && figures.balance > 0 ? figures : null;
        });
        await new Promise((resolve) => setTimeout(resolve, 300)); // a second release would show by now
        assert.equal((await shop.wallet(token)).balance, 43.5);
        assert.equal(w.totalEarned, 43.5);
      }
      assert.equal(await verifyWallets(), 0);
    } finally {
      assert.equal(await second.stop(), 0);
    }
  });
});
