// The wallet: balance, ledger, withdrawals (/wallet/...), the admin's withdrawal queue and
// adjustments (/admin/wallet/...), Idempotency-Key, and `superapp wallet verify`. Every
// response is checked against docs/openapi.yaml.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { assertProblem, call } from './support/assert.js';
import { repoRoot, startServer } from './support/server.js';
import { signIn, signInEnv } from './support/users.js';

const run = promisify(execFile);
const bin = process.env.SUPERAPP_BIN || path.join(repoRoot, 'build', 'superapp');
const psqlBin = path.join(process.env.PG_BIN_DIR || '/usr/lib/postgresql/15/bin', 'psql');

const names = ['admin', 'alice', 'bob', 'carol', 'dave', 'erin', 'storm', 'pages'];
const phones = Object.fromEntries(names.map((name, i) => [name, `+91999997${String(i).padStart(4, '0')}`]));
// The races below send 100 withdrawals of one user at once: far past a person's rate limit
// (RATE_LIMIT_WITHDRAWALS_PER_MINUTE, tested in hostile_flood.test.js), which would hide the race.
const env = {
  ...signInEnv(Object.values(phones)), ADMIN_PHONES: phones.admin, WALLET_MIN_WITHDRAWAL: '5', IDEMPOTENCY_PURGE_MS: 300,
  RATE_LIMIT_WITHDRAWALS_PER_MINUTE: 10000,
};

let server;
const tokens = {};
const ids = {};

const get = (who, p) => call(server.url, 'GET', p, { token: tokens[who] });
const put = (who, p, body) => call(server.url, 'PUT', p, { token: tokens[who], body });
const post = (who, p, body, key = crypto.randomUUID()) =>
  call(server.url, 'POST', p, { token: tokens[who], body, headers: key === null ? {} : { 'idempotency-key': key } });
const withdraw = (who, body, key) => post(who, '/api/v1/wallet/withdraw', body, key);
const upi = (amount) => ({ amount, method: 'upi', upiId: 'test.user@okaxis' });

async function sql(text, url = process.env.DATABASE_URL) {
  const { stdout } = await run(psqlBin, [url, '-XAtqc', text]);
  return stdout.trim();
}

// `superapp wallet verify` against a database: its exit code and output.
async function verify(url = process.env.DATABASE_URL) {
  try {
    const { stdout } = await run(bin, ['wallet', 'verify'], { env: { ...process.env, DATABASE_URL: url }, cwd: os.tmpdir() });
    return { code: 0, stdout };
  } catch (err) {
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function balance(who) {
  const res = await get(who, '/api/v1/wallet/balance');
  assert.equal(res.status, 200, res.text);
  return res.body;
}

async function fund(who, amount, reason = 'test funds') {
  const res = await post('admin', '/api/v1/admin/wallet/adjustments', { user: ids[who], amount, reason });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

async function transactions(who, query = '') {
  const res = await get(who, `/api/v1/wallet/transactions${query}`);
  assert.equal(res.status, 200, res.text);
  return res.body;
}

function fieldErrors(res) {
  const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
  return Object.fromEntries(problem.errors.map((e) => [e.field, e.message]));
}

before(async () => {
  server = await startServer({ env });
  for (const name of names) {
    tokens[name] = await signIn(server.url, phones[name]);
    const profile = await get(name, '/api/v1/users/profile');
    ids[name] = profile.body._id;
  }
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

test('the wallet routes need a bearer token, and the admin ones an admin', async () => {
  for (const [method, p] of [['GET', '/api/v1/wallet/balance'], ['GET', '/api/v1/wallet/transactions'],
    ['POST', '/api/v1/wallet/withdraw'], ['GET', '/api/v1/admin/wallet/withdrawals']]) {
    assert.equal((await call(server.url, method, p)).status, 401, `${method} ${p}`);
  }
  assertProblem(await get('alice', '/api/v1/admin/wallet/withdrawals'), 403, 'FORBIDDEN');
  assertProblem(await put('alice', '/api/v1/admin/wallet/withdrawals/65a1f0c2e4b0a1b2c3d4e5f6', { status: 'completed' }),
    403, 'FORBIDDEN');
  assertProblem(await post('alice', '/api/v1/admin/wallet/adjustments', { user: ids.alice, amount: 1000, reason: 'x' }),
    403, 'FORBIDDEN');
});

test('a new wallet is empty, and the profile shows the same figures', async () => {
  const res = await get('carol', '/api/v1/wallet/balance');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.deepEqual(res.body, { balance: 0, pending: 0, totalEarned: 0, totalSpent: 0, pendingWithdrawals: 0, currency: 'INR' });
  assert.deepEqual(await transactions('carol'), { items: [], nextCursor: null });
});

test('adjustments credit and debit with a ledger row each, and are checked', async () => {
  const credit = await fund('alice', 250.75, 'goodwill credit');
  assert.equal(credit.type, 'adjustment');
  assert.equal(credit.amount, 250.75);
  assert.equal(credit.balanceBefore, 0);
  assert.equal(credit.balanceAfter, 250.75);
  assert.equal(credit.status, 'completed');
  assert.equal(credit.source.type, 'adjustment');
  assert.equal(credit.description, 'goodwill credit');
  assert.equal(credit.metadata.by, (await get('admin', '/api/v1/users/profile')).body._id);
  assert.ok(Date.parse(credit.processedAt) > 0);

  const debit = await post('admin', '/api/v1/admin/wallet/adjustments', { user: ids.alice, amount: -0.75, reason: 'rounding' });
  assert.equal(debit.status, 201, debit.text);
  assert.equal(debit.body.amount, 0.75);
  assert.equal(debit.body.balanceBefore, 250.75);
  assert.equal(debit.body.balanceAfter, 250);

  assertProblem(await post('admin', '/api/v1/admin/wallet/adjustments', { user: ids.alice, amount: -250.01, reason: 'too much' }),
    409, 'INSUFFICIENT_BALANCE');
  const figures = await balance('alice');
  assert.deepEqual(figures, { balance: 250, pending: 0, totalEarned: 0, totalSpent: 0, pendingWithdrawals: 0, currency: 'INR' });
  const profile = await get('alice', '/api/v1/users/profile');
  assert.deepEqual(profile.body.wallet, { balance: 250, totalEarned: 0, totalSpent: 0 });

  assert.deepEqual(Object.keys(fieldErrors(await post('admin', '/api/v1/admin/wallet/adjustments',
    { user: 'nobody', amount: 0, reason: '' }))).sort(), ['amount', 'reason', 'user']);
  assert.deepEqual(Object.keys(fieldErrors(await post('admin', '/api/v1/admin/wallet/adjustments',
    { user: '65a1f0c2e4b0a1b2c3d4e5f6', amount: 10, reason: 'ghost' }))), ['user']);
  assert.deepEqual(Object.keys(fieldErrors(await post('admin', '/api/v1/admin/wallet/adjustments',
    { user: ids.alice, amount: 1.234, reason: 'x' }))), ['amount']);
});

test('a withdrawal is checked: every bad field at once, and an amount above the balance is 409', async () => {
  await fund('bob', 100);
  assert.deepEqual(Object.keys(fieldErrors(await withdraw('bob', { amount: 4.99, method: 'upi', upiId: 'no-at-sign' }))).sort(),
    ['amount', 'upiId']);
  assert.deepEqual(Object.keys(fieldErrors(await withdraw('bob', {
    amount: 'ten', method: 'bank', accountNumber: '12345', ifsc: 'SBIN1234567',
  }))).sort(), ['accountHolder', 'accountNumber', 'amount', 'ifsc']);
  assert.deepEqual(Object.keys(fieldErrors(await withdraw('bob', { amount: 10, method: 'cash' }))), ['method']);
  assert.deepEqual(Object.keys(fieldErrors(await withdraw('bob', [1, 2]))), ['']);
  assertProblem(await withdraw('bob', upi(100.01)), 409, 'INSUFFICIENT_BALANCE');
  assert.equal((await balance('bob')).balance, 100, 'a refused withdrawal changes nothing');
});

test('Idempotency-Key is required, replays the first answer, and refuses another body', async () => {
  await fund('dave', 100);
  const missing = assertProblem(await withdraw('dave', upi(10), null), 400, 'IDEMPOTENCY_KEY_REQUIRED');
  assert.equal(missing.errors[0].field, 'Idempotency-Key');
  assert.match(missing.detail, /needs an Idempotency-Key header/);
  assert.deepEqual(Object.keys(fieldErrors(await withdraw('dave', upi(10), 'has space'))), ['Idempotency-Key']);
  assert.deepEqual(Object.keys(fieldErrors(await withdraw('dave', upi(10), 'k'.repeat(256)))), ['Idempotency-Key']);

  const key = crypto.randomUUID();
  const first = await withdraw('dave', upi(10), key);
  assert.equal(first.status, 201, first.text);
  assert.equal(first.headers.get('idempotent-replayed'), null);
  const again = await withdraw('dave', upi(10), key);
  assert.equal(again.status, 201);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(again.body, first.body);
  const viaAlias = await call(server.url, 'POST', '/api/wallet/withdraw',
    { token: tokens.dave, body: upi(10), headers: { 'idempotency-key': key } });
  assert.equal(viaAlias.headers.get('idempotent-replayed'), 'true', '/api and /api/v1 share keys');
  assert.equal((await balance('dave')).balance, 90, 'the money moved once');

  const reused = assertProblem(await withdraw('dave', upi(11), key), 422, 'IDEMPOTENCY_KEY_REUSED');
  assert.equal(reused.errors[0].field, 'Idempotency-Key');

  // A refused request is an answer too: the same key gets the same 409, even once money arrives.
  const refusedKey = crypto.randomUUID();
  assertProblem(await withdraw('dave', upi(500), refusedKey), 409, 'INSUFFICIENT_BALANCE');
  await fund('dave', 1000);
  const replayed = await withdraw('dave', upi(500), refusedKey);
  assertProblem(replayed, 409, 'INSUFFICIENT_BALANCE');
  assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
  assert.equal((await balance('dave')).balance, 1090);

  // Keys are the user's own: another user's same key is a new request.
  await fund('erin', 20);
  const erin = await withdraw('erin', upi(10), key);
  assert.equal(erin.status, 201);
  assert.equal(erin.headers.get('idempotent-replayed'), null);
});

test('keys are kept 24 hours: an older one is purged, and its key runs again', async () => {
  await fund('bob', 10);
  const key = crypto.randomUUID();
  const first = await withdraw('bob', upi(5), key);
  assert.equal(first.status, 201, first.text);
  const where = `user_id = '${ids.bob}' AND key = '${key}'`;
  assert.equal(await sql(`SELECT status FROM idempotency_keys WHERE ${where}`), '201');
  await sql(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE ${where}`);
  for (let i = 0; i < 50 && await sql(`SELECT count(*) FROM idempotency_keys WHERE ${where}`) !== '0'; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(await sql(`SELECT count(*) FROM idempotency_keys WHERE ${where}`), '0', 'the purge job removed it');
  const again = await withdraw('bob', upi(5), key);
  assert.equal(again.status, 201);
  assert.equal(again.headers.get('idempotent-replayed'), null);
  assert.notEqual(again.body._id, first.body._id);
});

test('the same key while the first request still runs is 409 IDEMPOTENCY_KEY_IN_USE', async () => {
  await fund('carol', 50);
  // Hold carol's wallet row so that the first withdrawal waits inside its transaction.
  const holder = spawn(psqlBin, [process.env.DATABASE_URL, '-Xqc',
    `BEGIN; SELECT 1 FROM wallets WHERE user_id = '${ids.carol}' FOR UPDATE; SELECT pg_sleep(1.5); COMMIT;`],
  { stdio: 'ignore' });
  const holderDone = new Promise((resolve) => holder.once('exit', resolve));
  await new Promise((resolve) => setTimeout(resolve, 400));
  const key = crypto.randomUUID();
  const first = withdraw('carol', upi(20), key);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assertProblem(await withdraw('carol', upi(20), key), 409, 'IDEMPOTENCY_KEY_IN_USE');
  assert.equal((await first).status, 201);
  await holderDone;
  assert.equal((await withdraw('carol', upi(20), key)).headers.get('idempotent-replayed'), 'true');
  assert.equal((await balance('carol')).balance, 30);
});

test('a withdrawal holds the money at once; completing it settles its ledger row', async () => {
  await fund('alice', 0.5);
  const res = await withdraw('alice', { amount: 100, method: 'bank', accountNumber: '001234567890', ifsc: 'hdfc0abc123',
    accountHolder: 'Alice Rao' });
  assert.equal(res.status, 201, res.text);
  const w = res.body;
  assert.equal(w.status, 'pending');
  assert.equal(w.method, 'bank');
  assert.equal(w.ifsc, 'HDFC0ABC123');
  assert.equal(w.upiId, null);
  assert.deepEqual(await balance('alice'),
    { balance: 150.5, pending: 0, totalEarned: 0, totalSpent: 0, pendingWithdrawals: 100, currency: 'INR' });
  const [row] = (await transactions('alice', '?type=withdrawal')).items;
  assert.equal(row._id, w.transaction);
  assert.equal(row.status, 'pending');
  assert.equal(row.processedAt, null);
  assert.deepEqual(row.source, { type: 'withdrawal', reference: w._id });
  assert.equal(row.description, 'Withdrawal to bank account ending 7890');

  const queue = await get('admin', '/api/v1/admin/wallet/withdrawals?status=pending&limit=100');
  assert.equal(queue.status, 200, queue.text);
  assert.ok(queue.body.items.some((item) => item._id === w._id));

  const done = await put('admin', `/api/v1/admin/wallet/withdrawals/${w._id}`, { status: 'completed' });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.status, 'completed');
  assert.ok(Date.parse(done.body.processedAt) > 0);
  const [settled] = (await transactions('alice', '?type=withdrawal')).items;
  assert.equal(settled.status, 'completed');
  assert.ok(Date.parse(settled.processedAt) > 0);
  assert.equal(settled.balanceAfter, 150.5, 'only the status changed');
  assert.equal((await balance('alice')).pendingWithdrawals, 0);
  assertProblem(await put('admin', `/api/v1/admin/wallet/withdrawals/${w._id}`, { status: 'failed', reason: 'late' }),
    409, 'WITHDRAWAL_DECIDED');
});

test('a failed withdrawal returns the money with a refund row', async () => {
  await fund('erin', 40);
  const before = (await balance('erin')).balance;
  const w = (await withdraw('erin', upi(25))).body;
  assert.equal((await balance('erin')).balance, before - 25);

  assert.deepEqual(Object.keys(fieldErrors(await put('admin', `/api/v1/admin/wallet/withdrawals/${w._id}`,
    { status: 'failed' }))), ['reason']);
  assert.deepEqual(Object.keys(fieldErrors(await put('admin', `/api/v1/admin/wallet/withdrawals/${w._id}`,
    { status: 'pending' }))), ['status']);
  const failed = await put('admin', `/api/v1/admin/wallet/withdrawals/${w._id}`, { status: 'failed', reason: 'UPI id closed' });
  assert.equal(failed.status, 200, failed.text);
  assert.equal(failed.body.status, 'failed');
  assert.equal(failed.body.reason, 'UPI id closed');
  assert.equal((await balance('erin')).balance, before);

  const [refund, original] = (await transactions('erin', '?limit=2')).items;
  assert.equal(refund.type, 'refund');
  assert.equal(refund.amount, 25);
  assert.deepEqual(refund.source, { type: 'withdrawal', reference: w._id });
  assert.equal(refund.balanceAfter, before);
  assert.equal(original._id, w.transaction);
  assert.equal(original.status, 'failed');

  assertProblem(await put('admin', `/api/v1/admin/wallet/withdrawals/${w._id}`, { status: 'completed' }),
    409, 'WITHDRAWAL_DECIDED');
  assertProblem(await put('admin', '/api/v1/admin/wallet/withdrawals/65a1f0c2e4b0a1b2c3d4e5f6', { status: 'completed' }),
    404, 'NOT_FOUND');
  assertProblem(await put('admin', '/api/v1/admin/wallet/withdrawals/nope', { status: 'completed' }), 404, 'NOT_FOUND');
  const failedOnes = await get('admin', '/api/v1/admin/wallet/withdrawals?status=failed');
  assert.ok(failedOnes.body.items.every((item) => item.status === 'failed'));
  assert.deepEqual(Object.keys(fieldErrors(await get('admin', '/api/v1/admin/wallet/withdrawals?status=lost&cursor=bad')))
    .sort(), ['cursor', 'status']);
  assert.deepEqual(Object.keys(fieldErrors(await get('admin', '/api/v1/admin/wallet/withdrawals?cursor=bad'))), ['cursor']);
});

test('the ledger pages newest first without repeats, and filters by type, status and dates', async () => {
  for (let i = 1; i <= 5; i += 1) await fund('pages', i, `credit ${i}`);
  await withdraw('pages', upi(6));
  const all = await transactions('pages');
  assert.equal(all.items.length, 6);
  assert.deepEqual(all.items.slice(1).map((t) => t.description), ['credit 5', 'credit 4', 'credit 3', 'credit 2', 'credit 1']);
  for (let i = 0; i + 1 < all.items.length; i += 1) {
    assert.equal(all.items[i].balanceBefore, all.items[i + 1].balanceAfter, 'each row starts where the one before ended');
  }

  const seen = [];
  let cursor = null;
  let pages = 0;
  do {
    const page = await transactions('pages', `?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    seen.push(...page.items.map((t) => t._id));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor);
  assert.equal(pages, 2);
  assert.deepEqual(seen, all.items.map((t) => t._id));

  assert.equal((await transactions('pages', '?type=adjustment')).items.length, 5);
  assert.deepEqual((await transactions('pages', '?status=pending')).items.map((t) => t.type), ['withdrawal']);
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  assert.equal((await transactions('pages', `?from=${yesterday}&to=${tomorrow}`)).items.length, 6);
  assert.equal((await transactions('pages', `?from=${tomorrow}`)).items.length, 0);
  assert.equal((await transactions('pages', `?to=${yesterday}`)).items.length, 0);
  assert.equal((await transactions('pages', `?to=${today}`)).items.length, 6, 'a date includes that whole day');
  assert.deepEqual(Object.keys(fieldErrors(await get('pages',
    '/api/v1/wallet/transactions?type=bonus&status=done&from=someday&limit=0&cursor=x'))).sort(),
  ['cursor', 'from', 'limit', 'status', 'type']);
  assert.deepEqual(Object.keys(fieldErrors(await get('pages', `/api/v1/wallet/transactions?from=${today}&to=${yesterday}`))),
    ['to']);
});

test('ledger rows change only their status, and are never deleted', async () => {
  const [row] = (await transactions('alice', '?type=adjustment&limit=1')).items;
  await assert.rejects(sql(`UPDATE wallet_transactions SET amount = amount + 1 WHERE id = '${row._id}'`),
    /change only their status/);
  await assert.rejects(sql(`UPDATE wallet_transactions SET status = 'failed' WHERE id = '${row._id}'`),
    /keeps its status/);
  await assert.rejects(sql(`DELETE FROM wallet_transactions WHERE id = '${row._id}'`), /never deleted/);
});

test('100 parallel withdrawals of 10 from 100: exactly 10 succeed, and the wallet verifies', async () => {
  await fund('storm', 100);
  const results = await Promise.all(Array.from({ length: 100 }, () =>
    withdraw('storm', upi(10)).then((res) => ({ status: res.status, code: res.body?.code }))));
  assert.equal(results.filter((r) => r.status === 201).length, 10);
  const refused = results.filter((r) => r.status !== 201);
  assert.equal(refused.length, 90);
  assert.ok(refused.every((r) => r.status === 409 && r.code === 'INSUFFICIENT_BALANCE'), JSON.stringify(refused[0]));
  assert.deepEqual(await balance('storm'),
    { balance: 0, pending: 0, totalEarned: 0, totalSpent: 0, pendingWithdrawals: 100, currency: 'INR' });
  assert.equal((await transactions('storm', '?type=withdrawal&limit=100')).items.length, 10);

  const checked = await verify();
  assert.equal(checked.code, 0, checked.stdout);
  assert.match(checked.stdout, /wallets checked, \d+ agree with the ledger, 0 do not/);
});

test('superapp wallet verify fails on a wallet or ledger row changed behind the ledger', async () => {
  // Its own database, so that the corruption is seen by no other test.
  const database = `wallet_verify_${crypto.randomBytes(4).toString('hex')}`;
  await sql(`CREATE DATABASE ${database}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${database}`;
  const own = await startServer({ env: { ...env, DATABASE_URL: url.toString() } });
  try {
    const admin = await signIn(own.url, phones.admin);
    const user = await signIn(own.url, phones.alice);
    const userId = (await call(own.url, 'GET', '/api/v1/users/profile', { token: user })).body._id;
    for (const amount of [100, 50]) {
      const res = await call(own.url, 'POST', '/api/v1/admin/wallet/adjustments', { token: admin,
        body: { user: userId, amount, reason: 'funds' }, headers: { 'idempotency-key': crypto.randomUUID() } });
      assert.equal(res.status, 201, res.text);
    }
    const w = await call(own.url, 'POST', '/api/v1/wallet/withdraw', { token: user, body: upi(30),
      headers: { 'idempotency-key': crypto.randomUUID() } });
    assert.equal(w.status, 201, w.text);

    const clean = await verify(url.toString());
    assert.equal(clean.code, 0, clean.stdout);
    assert.match(clean.stdout, /^1 wallets checked, 1 agree with the ledger, 0 do not$/m);

    await sql(`UPDATE wallets SET balance = balance + 100 WHERE user_id = '${userId}'`, url.toString());
    const wrongBalance = await verify(url.toString());
    assert.equal(wrongBalance.code, 1);
    assert.match(wrongBalance.stdout, new RegExp(`user ${userId}: balance is 121.00 but the ledger says 120.00`));
    assert.match(wrongBalance.stdout, /1 wallets checked, 0 agree with the ledger, 1 do not/);
    await sql(`UPDATE wallets SET balance = balance - 100 WHERE user_id = '${userId}'`, url.toString());
    assert.equal((await verify(url.toString())).code, 0);

    // A row whose own figures add up but that does not start where the previous one ended.
    const second = await sql(`SELECT id FROM wallet_transactions WHERE user_id = '${userId}' AND seq = 2`, url.toString());
    await sql(`ALTER TABLE wallet_transactions DISABLE TRIGGER wallet_transactions_guard;
      UPDATE wallet_transactions SET balance_before = balance_before + 100, balance_after = balance_after + 100
      WHERE id = '${second}';`, url.toString());
    const broken = await verify(url.toString());
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, new RegExp(`ledger row ${second} does not start where the row before it ended`));
  } finally {
    await own.stop();
    await sql(`DROP DATABASE ${database} WITH (FORCE)`);
  }
});
