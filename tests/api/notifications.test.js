// The signed-in user's notifications (/notifications) and admin broadcasts
// (/admin/notifications). Every response is checked against docs/openapi.yaml.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';

import { assertProblem, call } from './support/assert.js';
import { startServer } from './support/server.js';
import { signIn, signInEnv } from './support/users.js';

const phones = {
  admin: '+919999940001',
  alice: '+919999940002',
  bob: '+919999940003',
  quiet: '+919999940004', // preferences.notifications = false
  elsewhere: '+919999940005', // another city
  batch1: '+919999940011', // batchCity
  batch2: '+919999940012',
  batch3: '+919999940013',
  batch4: '+919999940014',
  batch5: '+919999940015',
};
const batchUsers = ['batch1', 'batch2', 'batch3', 'batch4', 'batch5'];
// Cities of this run only, so that the shared database's other users are not in the segment.
const city = `Nagpur ${crypto.randomBytes(4).toString('hex')}`;
const otherCity = `Indore ${crypto.randomBytes(4).toString('hex')}`;
const batchCity = `Bhopal ${crypto.randomBytes(4).toString('hex')}`;

let server;
const tokens = {};

const get = (who, path) => call(server.url, 'GET', path, { token: tokens[who] });
const put = (who, path, body) => call(server.url, 'PUT', path, { token: tokens[who], ...(body ? { body } : {}) });
const post = (who, path, body) => call(server.url, 'POST', path, { token: tokens[who], body });

async function broadcast(body, who = 'admin') {
  const res = await post(who, '/api/v1/admin/notifications', body);
  assert.equal(res.status, 200, res.text);
  return res.body.sent;
}

async function list(who, query = '') {
  const res = await get(who, `/api/v1/notifications${query}`);
  assert.equal(res.status, 200, res.text);
  return res.body;
}

function fieldErrors(res) {
  const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
  return Object.fromEntries(problem.errors.map((e) => [e.field, e.message]));
}

before(async () => {
  server = await startServer({
    env: { ...signInEnv(Object.values(phones)), ADMIN_PHONES: phones.admin, NOTIFICATION_SWEEP_MS: 300 },
  });
  for (const [name, phone] of Object.entries(phones)) tokens[name] = await signIn(server.url, phone);
  for (const name of ['alice', 'bob', 'quiet', 'elsewhere', ...batchUsers]) {
    const where = { elsewhere: otherCity }[name] ?? (batchUsers.includes(name) ? batchCity : city);
    const res = await put(name, '/api/v1/users/profile', { profile: { firstName: name, location: { city: where } } });
    assert.equal(res.status, 200, res.text);
  }
  const off = await put('quiet', '/api/v1/users/preferences', { notifications: false });
  assert.equal(off.status, 200, off.text);
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

test('the notification routes need a bearer token, and broadcasts need an admin', async () => {
  for (const [method, path] of [['GET', '/api/v1/notifications'], ['PUT', '/api/v1/notifications/read-all'],
    ['PUT', '/api/v1/notifications/65a1f0c2e4b0a1b2c3d4e5f6/read']]) {
    const anonymous = await call(server.url, method, path);
    assert.equal(anonymous.status, 401, `${method} ${path}`);
  }
  const anonymous = await call(server.url, 'POST', '/api/v1/admin/notifications', { body: { title: 't', message: 'm' } });
  assert.equal(anonymous.status, 401);
  assertProblem(await post('alice', '/api/v1/admin/notifications', { title: 't', message: 'm' }), 403, 'FORBIDDEN');
});

test('a broadcast is checked', async () => {
  const errors = fieldErrors(await post('admin', '/api/v1/admin/notifications', {
    message: '', type: 'loud', data: [1], expiresAt: '2001-01-01T00:00:00Z', segment: { categories: ['nope'] },
  }));
  assert.deepEqual(Object.keys(errors).sort(),
    ['data', 'expiresAt', 'message', 'segment.categories[0]', 'title', 'type']);
});

test('a broadcast to a city reaches its users who accept notifications, newest first', async () => {
  for (let i = 1; i <= 5; i += 1) {
    const sent = await broadcast({ title: `Offer ${i}`, message: `Deal number ${i}`, data: { offer: i },
      segment: { city: city.toUpperCase() } });
    assert.equal(sent, 2, 'alice and bob; not the user who turned notifications off, nor another city');
  }
  const page = await list('alice');
  assert.deepEqual(page.items.map((n) => n.title), ['Offer 5', 'Offer 4', 'Offer 3', 'Offer 2', 'Offer 1']);
  assert.equal(page.unreadCount, 5);
  assert.equal(page.nextCursor, null);
  const first = page.items[0];
  assert.equal(first.category, 'promotional');
  assert.equal(first.type, 'info');
  assert.deepEqual(first.data, { offer: 5 });
  assert.equal(first.isRead, false);
  assert.equal(first.readAt, null);
  assert.equal(first.expiresAt, null);
  assert.equal(page.items.every((n) => n.user === page.items[0].user), true);
  assert.equal((await list('bob')).items.length, 5);
  assert.equal((await list('quiet')).items.length, 0);
  assert.equal((await list('elsewhere')).items.length, 0);
});

test('the list pages through its cursor without repeats', async () => {
  const seen = [];
  let cursor = null;
  let pages = 0;
  do {
    const page = await list('bob', `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.ok(page.items.length <= 2);
    seen.push(...page.items.map((n) => n._id));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor);
  assert.equal(pages, 3);
  assert.equal(seen.length, 5);
  assert.equal(new Set(seen).size, 5);
  assert.deepEqual(seen, (await list('bob')).items.map((n) => n._id));
  assert.deepEqual(Object.keys(fieldErrors(await get('bob', '/api/v1/notifications?cursor=bogus'))), ['cursor']);
  assert.deepEqual(Object.keys(fieldErrors(await get('bob', '/api/v1/notifications?isRead=maybe&category=spam'))).sort(),
    ['category', 'isRead']);
});

test('a user marks their own notification read, once; another user gets 404', async () => {
  const [newest] = (await list('alice')).items;
  const read = await put('alice', `/api/v1/notifications/${newest._id}/read`);
  assert.equal(read.status, 200, read.text);
  assert.equal(read.body._id, newest._id);
  assert.equal(read.body.isRead, true);
  assert.ok(Date.parse(read.body.readAt) > 0);
  const again = await put('alice', `/api/v1/notifications/${newest._id}/read`);
  assert.equal(again.status, 200);
  assert.equal(again.body.readAt, read.body.readAt, 'marking again keeps the first time');

  assertProblem(await put('bob', `/api/v1/notifications/${newest._id}/read`), 404, 'NOT_FOUND');
  assertProblem(await put('alice', '/api/v1/notifications/not-an-id/read'), 404, 'NOT_FOUND');
  assertProblem(await put('alice', '/api/v1/notifications/65a1f0c2e4b0a1b2c3d4e5f6/read'), 404, 'NOT_FOUND');

  const unread = await list('alice', '?isRead=false');
  assert.equal(unread.items.length, 4);
  assert.equal(unread.unreadCount, 4);
  const readOnes = await list('alice', '?isRead=true&category=promotional');
  assert.deepEqual(readOnes.items.map((n) => n._id), [newest._id]);
  assert.equal((await list('alice', '?category=order')).items.length, 0);
  assert.equal((await list('bob')).unreadCount, 5, "bob's are untouched");
});

test('read-all marks every unread notification and says how many', async () => {
  const res = await put('alice', '/api/v1/notifications/read-all');
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.body, { updated: 4, unreadCount: 0 });
  const page = await list('alice');
  assert.equal(page.unreadCount, 0);
  assert.ok(page.items.every((n) => n.isRead));
  assert.deepEqual((await put('alice', '/api/v1/notifications/read-all')).body, { updated: 0, unreadCount: 0 });
  assert.equal((await list('bob')).unreadCount, 5);
});

test('an expired notification is hidden, then removed by the sweep', async () => {
  const expiresAt = new Date(Date.now() + 1500).toISOString();
  assert.equal(await broadcast({ title: 'Flash sale', message: 'Soon over', type: 'warning', expiresAt, segment: { city } }), 2);
  const fresh = await list('bob');
  assert.equal(fresh.items[0].title, 'Flash sale');
  assert.equal(fresh.items[0].type, 'warning');
  assert.equal(fresh.items[0].expiresAt, expiresAt);
  assert.equal(fresh.unreadCount, 6);
  const id = fresh.items[0]._id;
  await new Promise((resolve) => { setTimeout(resolve, 2000); });
  const later = await list('bob');
  assert.ok(!later.items.some((n) => n._id === id));
  assert.equal(later.unreadCount, 5);
  assertProblem(await put('bob', `/api/v1/notifications/${id}/read`), 404, 'NOT_FOUND');
  const removed = await server.waitForLog((j) => j.msg === 'expired notifications removed', 5000);
  assert.ok(removed.count >= 1, 'the sweep removed them');
});

test('a broadcast to everyone skips users who turned notifications off', async () => {
  const sent = await broadcast({ title: 'Hello all', message: 'News for everyone' });
  assert.ok(sent >= 3, `sent ${sent}`);
  assert.equal((await list('alice')).items[0].title, 'Hello all');
  assert.equal((await list('elsewhere')).items[0].title, 'Hello all');
  assert.equal((await list('quiet')).items.length, 0);
});

// "क" (U+0915): one character, three bytes of UTF-8.
const ka = (n) => '\u0915'.repeat(n);

test('title and message limits count characters, so Hindi text up to the limit is accepted', async () => {
  const title = `${ka(190)} सेल आज ही`; // 200 characters, 594 bytes
  assert.equal([...title].length, 200);
  const message = ka(2000);
  assert.equal(await broadcast({ title, message, segment: { city: otherCity } }), 1);
  const [newest] = (await list('elsewhere')).items;
  assert.equal(newest.title, title);
  assert.equal(newest.message, message);

  const errors = fieldErrors(await post('admin', '/api/v1/admin/notifications',
    { title: ka(201), message: ka(2001), segment: { city: otherCity } }));
  assert.deepEqual(errors, { title: 'must be at most 200 characters', message: 'must be at most 2000 characters' });
  assert.equal((await list('elsewhere')).items[0].title, title, 'nothing was sent');
});

test('a broadcast to a segment of preferred categories reaches the users who prefer any of them', async () => {
  const category = async (name) => {
    const res = await post('admin', '/api/v1/categories',
      { name, slug: `notify-${crypto.randomBytes(4).toString('hex')}`, type: 'home_delivery' });
    assert.equal(res.status, 201, res.text);
    return res.body._id;
  };
  const [sweets, toys] = [await category('Sweets'), await category('Toys')];
  const prefer = async (who, categories) => {
    const res = await put(who, '/api/v1/users/preferences', { categories });
    assert.equal(res.status, 200, res.text);
  };
  await prefer('alice', [sweets]);
  await prefer('bob', [toys, sweets]);
  await prefer('elsewhere', [toys]);
  await prefer('quiet', [sweets]); // but notifications off

  assert.equal(await broadcast({ title: 'Sweets offer', message: 'Laddoo', segment: { categories: [sweets] } }), 2,
    'alice and bob, in the whole database; not the user who turned notifications off');
  assert.equal((await list('alice')).items[0].title, 'Sweets offer');
  assert.equal((await list('bob')).items[0].title, 'Sweets offer');
  assert.notEqual((await list('elsewhere')).items[0].title, 'Sweets offer');
  assert.equal((await list('quiet')).items.length, 0);

  assert.equal(await broadcast({ title: 'Toys offer', message: 'Kites', segment: { categories: [toys] } }), 2);
  assert.equal((await list('elsewhere')).items[0].title, 'Toys offer');
  assert.equal((await list('alice')).items[0].title, 'Sweets offer');
  assert.equal(await broadcast({ title: 'Toys here', message: 'Kites', segment: { city: otherCity, categories: [sweets] } }),
    0, 'city and categories both apply');
  for (const who of ['alice', 'bob', 'elsewhere', 'quiet']) await prefer(who, []);
});

test('a broadcast larger than one batch (NOTIFICATION_BATCH_SIZE) reaches every user once', async () => {
  const batched = await startServer({
    env: { ...signInEnv(Object.values(phones)), ADMIN_PHONES: phones.admin, NOTIFICATION_BATCH_SIZE: 2 },
  });
  try {
    const send = async (title) => {
      const res = await call(batched.url, 'POST', '/api/v1/admin/notifications',
        { token: tokens.admin, body: { title, message: 'In batches of two', segment: { city: batchCity } } });
      assert.equal(res.status, 200, res.text);
      return res.body.sent;
    };
    assert.equal(await send('Five users'), 5, 'batches of 2, 2 and 1');
    const off = await put('batch5', '/api/v1/users/preferences', { notifications: false });
    assert.equal(off.status, 200, off.text);
    assert.equal(await send('Four users'), 4, 'two full batches, then an empty one');
    for (const who of batchUsers) {
      const titles = (await list(who)).items.map((n) => n.title).filter((t) => t.endsWith(' users'));
      assert.deepEqual(titles, who === 'batch5' ? ['Five users'] : ['Four users', 'Five users'], who);
    }
  } finally {
    assert.equal(await batched.stop(), 0);
  }
});

test('NOTIFICATION_BATCH_SIZE outside 1 to 10000 is refused at start-up', async () => {
  for (const value of ['0', '10001', 'lots']) {
    await assert.rejects(startServer({ env: { NOTIFICATION_BATCH_SIZE: value } }), /NOTIFICATION_BATCH_SIZE/, value);
  }
});
