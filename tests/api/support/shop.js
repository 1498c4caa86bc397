// A shop of the test's own for cart and order tests: a store of the seeded merchant, its
// products, and shoppers who sign in with new numbers. The server needs authEnv() (auth.js).
//
//   const shop = await openShop(server);                       // seeds the catalog
//   const store = await shop.store({ minimumOrder: 100 });
//   const rice = await shop.product(store, { price: 199.5, stock: 5 });
//   const shopper = await shop.shopper();                      // { token, id }
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';

import { jwtPayload, login, signJwt } from './auth.js';
import { request } from './http.js';
import { repoRoot } from './server.js';

const run = promisify(execFile);
const bin = process.env.SUPERAPP_BIN || path.join(repoRoot, 'build', 'superapp');
const psqlBin = path.join(process.env.PG_BIN_DIR || '/usr/lib/postgresql/15/bin', 'psql');

// The seeded admin and merchant (features/users/demo_data.hpp).
const adminId = '64b7f0a1c2d3e4f5a6b7c801';
const merchantId = '64b7f0a1c2d3e4f5a6b7c802';

/** Runs SQL against the tests' database; resolves to its unaligned output (one row a line). */
export async function sql(text) {
  const { stdout } = await run(psqlBin, [process.env.DATABASE_URL, '-v', 'ON_ERROR_STOP=1', '-XAtqc', text]);
  return stdout.trim();
}

export const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}`;

/** Seeds the demo catalog (idempotent) and signs access tokens for its admin and merchant (no
 *  login: tests running at once would trip each other's OTP limits on their numbers). */
export async function openShop(server) {
  await run(bin, ['seed'], { env: process.env });
  const claims = jwtPayload((await login(server)).accessToken);
  const tokenOf = (sub, role) => signJwt({ ...claims, sub, role, jti: crypto.randomBytes(16).toString('hex') });
  const admin = tokenOf(adminId, 'admin');
  const merchant = tokenOf(merchantId, 'merchant');
  const category = async (slug) => (await request(server.url, 'GET', `/api/v1/categories/${slug}`)).body._id;
  const groceries = await category('groceries');
  const electronics = await category('electronics');
  const api = async (method, p, token, body, expect = 200) => {
    const res = await request(server.url, method, `/api/v1${p}`, { token, body });
    assert.equal(res.status, expect, `${method} ${p}: ${res.text}`);
    return res.body;
  };
  return {
    admin,
    merchant,
    groceries,
    electronics,
    api,
    /** A new active store of the merchant (or, `byAdmin`, of nobody); cashback (%) is set by the admin. */
    async store({ minimumOrder = 0, cashback = 0, byAdmin = false } = {}) {
      const store = await api('POST', '/stores', byAdmin ? admin : merchant, {
        name: `Test store ${unique()}`,
        category: groceries,
        location: { address: '1 MG Road', city: 'Bengaluru', pincode: '560001', coordinates: [77.61, 12.97] },
        operationalInfo: { minimumOrder },
      }, 201);
      if (cashback > 0) await api('PUT', `/stores/${store._id}`, admin, { offers: { cashback } });
      return store._id;
    },
    /** A new product of the store (`byAdmin` for a store of nobody); `variants` as POST /products takes them. */
    async product(store, { price = 100, original = price, stock = 10, variants = [], category = groceries, byAdmin = false } = {}) {
      const product = await api('POST', '/products', byAdmin ? admin : merchant, {
        name: `Test product ${unique()}`,
        store,
        category,
        price: { original, selling: price },
        inventory: { stock, variants },
      }, 201);
      return product._id;
    },
    /** The product's stock and its variants', as the catalog shows them. */
    async stock(product) {
      const p = await api('GET', `/products/${product}`);
      return { stock: p.inventory.stock, variants: p.inventory.variants.map((v) => v.stock) };
    },
    /** Credits rupees to the user's wallet (an admin adjustment). */
    async fund(userId, amount) {
      const res = await request(server.url, 'POST', '/api/v1/admin/wallet/adjustments', {
        token: admin, body: { user: userId, amount, reason: 'test funds' }, headers: { 'idempotency-key': crypto.randomUUID() },
      });
      assert.equal(res.status, 201, res.text);
    },
    /** The user's wallet figures: { balance, totalEarned, totalSpent, ... }. */
    async wallet(token) {
      return api('GET', '/wallet/balance', token);
    },
    /** The user's ledger rows, newest first. */
    async ledger(token) {
      return (await api('GET', '/wallet/transactions?limit=100', token)).items;
    },
    /** A new user signed in with a new number: { token, id }. */
    async shopper() {
      const { accessToken, user } = await login(server);
      return { token: accessToken, id: user._id };
    },
  };
}

/** `superapp wallet verify` against the tests' database: resolves to its exit code. */
export async function verifyWallets() {
  try {
    await run(bin, ['wallet', 'verify'], { env: process.env, cwd: process.env.TMPDIR || '/tmp' });
    return 0;
  } catch (err) {
    return err.code;
  }
}

/** A valid delivery address for POST /orders. */
export const address = {
  name: 'Asha Rao', phone: '9845012345', address: '12 MG Road, Ashok Nagar', city: 'Bengaluru',
  pincode: '560001', coordinates: [77.61, 12.97],
};
