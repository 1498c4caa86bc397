// Shoppable videos: lists (filters, sorts, cursors), details, likes, shares, views, comments,
// creators' uploads (streamed to disk, sniffed, duration read) and the files served back with
// byte ranges. Every response is checked against docs/openapi.yaml. The database is shared with
// other test files: each test tags its videos with a tag of its own and filters on it.
import { execFile } from 'node:child_process';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { assertProblem, call, checkRaw } from './support/assert.js';
import { authEnv, jwtPayload, randomIp, signJwt } from './support/auth.js';
import { form } from './support/forms.js';
import { png } from './support/images.js';
import { connect } from './support/raw.js';
import { checkSocketEvent } from './support/openapi.js';
import { startServer } from './support/server.js';
import { openShop, unique } from './support/shop.js';
import { connectedSocket } from './support/sockets.js';

const run = promisify(execFile);
const maxVideoBytes = 200_000;
// The smallest bytes libmagic reads as MP4: a container with no stream in it.
const emptyMp4 = Buffer.from('000000186674797069736f6d0000020069736f6d69736f320000000866726565', 'hex');

let server;
let workDir;
let shop;
let mp4; // 2 s, generated with ffmpeg
let webm; // 3 s
let otherMerchant;
const fixtures = {};

const api = (method, p, token, body, headers) => call(server.url, method, `/api/v1${p}`, { token, body, headers });

function fieldErrors(res) {
  const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
  return Object.fromEntries(problem.errors.map((e) => [e.field, e.message]));
}

/** POST /videos as `token` with these form fields (a Buffer becomes a file). */
function upload(token, fields) {
  return api('POST', '/videos', token, form(fields));
}

/** A new published video of `token` (the merchant by default) tagged `tag`; resolves to it. */
async function newVideo(tag, { token = shop.merchant, category = 'waist', products = '', file = mp4 } = {}) {
  const fields = [['title', `Video ${unique()}`], ['category', category], ['tags', `${tag},demo`], ['file', file, 'v.mp4', 'video/mp4']];
  if (products) fields.push(['products', products]);
  const res = await upload(token, fields);
  assert.equal(res.status, 201, res.text);
  return res.body;
}

/** Every page of GET /videos?query, followed by nextCursor with `limit`; resolves to the ids. */
async function allPages(query, limit = 2) {
  const ids = [];
  let cursor = null;
  do {
    const res = await api('GET', `/videos?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(res.status, 200, res.text);
    assert.ok(res.body.items.length <= limit);
    ids.push(...res.body.items.map((v) => v._id));
    cursor = res.body.nextCursor;
  } while (cursor);
  return ids;
}

async function ffmpeg(args, out) {
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', ...args, '-y', out]);
  return fs.readFileSync(out);
}

before(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'superapp-videos-test-'));
  mp4 = await ffmpeg(['-i', 'testsrc=duration=2:size=64x48:rate=10', '-c:v', 'mpeg4', '-pix_fmt', 'yuv420p'], path.join(workDir, 'a.mp4'));
  webm = await ffmpeg(['-i', 'testsrc=duration=3:size=64x48:rate=10', '-c:v', 'libvpx'], path.join(workDir, 'a.webm'));
  server = await startServer({
    env: authEnv({
      UPLOAD_DIR: path.join(workDir, 'uploads'),
      VIDEO_MAX_BYTES: maxVideoBytes,
      VIDEO_COMMENTS_PER_MINUTE: 5,
      TRENDING_REFRESH_SECONDS: 1,
    }),
  });
  shop = await openShop(server);
  // A second merchant: a new user the admin makes one, with a token that carries the role.
  const other = await shop.shopper();
  await shop.api('PUT', `/admin/users/${other.id}/role`, shop.admin, { role: 'merchant' });
  // The role change raised the user's session version: the token carries the new one.
  const claims = jwtPayload(other.token);
  otherMerchant = signJwt({ ...claims, role: 'merchant', ver: claims.ver + 1, jti: crypto.randomBytes(16).toString('hex') });
  fixtures.user = await shop.shopper();
  fixtures.store = await shop.store();
  fixtures.product = await shop.product(fixtures.store);
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

test('categories are data, each with its count of published videos', async () => {
  const earlier = (await api('GET', '/videos/categories')).body.items;
  for (const slug of ['trending_me', 'trending_her', 'waist']) assert.ok(earlier.some((c) => c.slug === slug), slug);
  await newVideo(`cat${unique()}`, { category: 'trending_her' });
  const now = (await api('GET', '/videos/categories')).body.items;
  const count = (items) => items.find((c) => c.slug === 'trending_her').videoCount;
  assert.equal(count(now), count(earlier) + 1);
});

test('uploads need a merchant or an admin', async () => {
  const fields = [['title', 't'], ['category', 'waist'], ['file', mp4, 'v.mp4', 'video/mp4']];
  assertProblem(await upload(undefined, fields), 401, 'UNAUTHORIZED');
  assertProblem(await upload(fixtures.user.token, fields), 403, 'FORBIDDEN');
  const byAdmin = await upload(shop.admin, fields);
  assert.equal(byAdmin.status, 201, byAdmin.text);

  // Refused from the header alone: the answer comes before any byte of the body is sent.
  for (const [auth, status] of [['', 401], [`Authorization: Bearer ${fixtures.user.token}\r\n`, 403]]) {
    const conn = await connect(server.port);
    try {
      await conn.write('POST /api/v1/videos HTTP/1.1\r\nHost: x\r\n' + auth +
        `Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: ${maxVideoBytes}\r\n\r\n`);
      const response = await conn.readResponse();
      assert.equal(response.status, status);
      assert.equal(response.headers.connection, 'close');
      checkRaw('POST', '/api/v1/videos', response);
    } finally {
      conn.close();
    }
  }
});

test('an upload keeps the video with the duration read from it, and a thumbnail', async () => {
  const tag = `up${unique()}`;
  const res = await upload(shop.merchant, [
    ['title', 'Morning stretch'], ['description', 'Ten minutes.'], ['category', 'waist'], ['tags', `${tag},yoga`],
    ['products', fixtures.product], ['file', webm, 'clip.webm', 'video/webm'], ['thumbnail', png, 't.png', 'image/png'],
  ]);
  assert.equal(res.status, 201, res.text);
  const v = res.body;
  assert.equal(v.duration, 3);
  assert.deepEqual(v.tags, [tag, 'yoga']);
  assert.deepEqual(v.products, [fixtures.product]);
  assert.match(v.videoUrl, /^\/uploads\/[0-9a-f]{32}\.webm$/);
  assert.match(v.thumbnail, /^\/uploads\/[0-9a-f]{32}\.png$/);
  assert.deepEqual(v.engagement, { views: 0, likes: 0, shares: 0, comments: 0 });
  const served = await fetch(`${server.url}${v.videoUrl}`);
  assert.equal(served.headers.get('content-type'), 'video/webm');
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), webm);
  // Nothing is left behind in the directory the body and its parts were streamed to.
  assert.deepEqual(fs.readdirSync(path.join(workDir, 'uploads', '.incoming')), []);
});

test('upload errors: every bad field at once, references, types, sizes', async () => {
  const missing = fieldErrors(await upload(shop.merchant, [['description', 'x']]));
  assert.deepEqual(Object.keys(missing).sort(), ['category', 'file', 'title']);

  const refs = fieldErrors(await upload(shop.merchant, [
    ['title', 't'], ['category', 'no_such_category'], ['products', `${fixtures.product},65a1f0c2e4b0a1b2c3d4e5f6`],
    ['file', mp4, 'v.mp4'],
  ]));
  assert.deepEqual(Object.keys(refs).sort(), ['category', 'products[1]']);
  assert.ok(fieldErrors(await upload(shop.merchant, [['title', 't'], ['category', 'waist'], ['products', 'nope'], ['file', mp4, 'v.mp4']]))['products[0]']);

  const base = [['title', 't'], ['category', 'waist']];
  const notVideo = assertProblem(await upload(shop.merchant, [...base, ['file', png, 'v.mp4', 'video/mp4']]), 415, 'UNSUPPORTED_MEDIA_TYPE');
  assert.match(notVideo.detail, /file must be an MP4 or WebM video/);
  assert.ok(fieldErrors(await upload(shop.merchant, [...base, ['file', emptyMp4, 'v.mp4']])).file);
  assertProblem(await upload(shop.merchant, [...base, ['file', mp4, 'v.mp4'], ['thumbnail', mp4, 't.png']]), 415, 'UNSUPPORTED_MEDIA_TYPE');

  const tooBig = Buffer.concat([mp4, Buffer.alloc(maxVideoBytes)]);
  const big = assertProblem(await upload(shop.merchant, [...base, ['file', tooBig, 'v.mp4']]), 413, 'PAYLOAD_TOO_LARGE');
  assert.match(big.detail, /^file must be at most/);
  // Past the whole request's limit the body is refused: from its announced length, or while it
  // is streamed to disk.
  const requestLimit = maxVideoBytes + 5 * 1024 * 1024 + 256 * 1024;
  const head = `POST /api/v1/videos HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${shop.merchant}\r\n` +
    'Content-Type: multipart/form-data; boundary=XyZ\r\n';
  for (const chunked of [false, true]) {
    const conn = await connect(server.port);
    try {
      await conn.write(head + (chunked ? 'Transfer-Encoding: chunked\r\n\r\n' : `Content-Length: ${requestLimit + 1}\r\n\r\n`));
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      const framed = chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
      for (let sent = 0; sent <= requestLimit && conn.buffer.length === 0 && !conn.closed; sent += chunk.length) {
        await conn.write(framed).catch(() => {});
      }
      const response = await conn.readResponse();
      assert.equal(response.status, 413, `chunked: ${chunked}`);
      assert.equal(checkRaw('POST', '/api/v1/videos', response).code, 'PAYLOAD_TOO_LARGE');
    } finally {
      conn.close();
    }
  }
  assertProblem(await api('POST', '/videos', shop.merchant, { title: 't' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  let left;
  for (let attempt = 0; attempt < 50; attempt++) { // a refused body's file goes once its connection is done
    left = fs.readdirSync(path.join(workDir, 'uploads', '.incoming'));
    if (left.length === 0) break;
    await new Promise((resolve) => { setTimeout(resolve, 50); });
  }
  assert.deepEqual(left, []);
});

test('malformed videos (the probe fuzzer\'s seeds) are refused naming file, and the server stays up', async () => {
  const dir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fuzz', 'corpus', 'video_probe');
  const malformed = fs.readdirSync(dir).filter((name) => !name.startsWith('valid.'));
  assert.ok(malformed.length >= 5, malformed.join(','));
  const base = [['title', 't'], ['category', 'waist']];
  for (const name of malformed) {
    const type = name.endsWith('.webm') ? 'video/webm' : 'video/mp4';
    const res = await upload(shop.merchant, [...base, ['file', fs.readFileSync(path.join(dir, name)), name, type]]);
    if (res.status === 415) {
      // Not even sniffed as a video: refused before the probe.
      assert.match(assertProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE').detail, /^file /, name);
    } else {
      assert.ok(fieldErrors(res).file, `${name}: ${res.status} ${res.text.slice(0, 200)}`);
    }
  }
  // Each seed that is a video is accepted.
  for (const name of ['valid.mp4', 'valid.webm']) {
    const type = name.endsWith('.webm') ? 'video/webm' : 'video/mp4';
    const res = await upload(shop.merchant, [...base, ['file', fs.readFileSync(path.join(dir, name)), name, type]]);
    assert.equal(res.status, 201, `${name}: ${res.text.slice(0, 200)}`);
  }
  assert.equal((await call(server.url, 'GET', '/healthz')).status, 200);
});

test('video files are served with byte ranges: first bytes, middle, suffix, 416', async () => {
  const v = await newVideo(`range${unique()}`);
  const url = `${server.url}${v.videoUrl}`;
  const size = mp4.length;
  const get = (range) => fetch(url, { headers: { range } });

  const first = await get('bytes=0-99');
  assert.equal(first.status, 206);
  assert.equal(first.headers.get('accept-ranges'), 'bytes');
  assert.equal(first.headers.get('content-range'), `bytes 0-99/${size}`);
  assert.deepEqual(Buffer.from(await first.arrayBuffer()), mp4.subarray(0, 100));

  const middle = await get('bytes=1000-1999');
  assert.equal(middle.status, 206);
  assert.equal(middle.headers.get('content-range'), `bytes 1000-1999/${size}`);
  assert.deepEqual(Buffer.from(await middle.arrayBuffer()), mp4.subarray(1000, 2000));

  const suffix = await get('bytes=-500');
  assert.equal(suffix.status, 206);
  assert.equal(suffix.headers.get('content-range'), `bytes ${size - 500}-${size - 1}/${size}`);
  assert.deepEqual(Buffer.from(await suffix.arrayBuffer()), mp4.subarray(size - 500));

  const past = await get(`bytes=${size}-`);
  assert.equal(past.status, 416);
  assert.equal(past.headers.get('content-range'), `bytes */${size}`);

  const whole = await fetch(url);
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('accept-ranges'), 'bytes');
  assert.deepEqual(Buffer.from(await whole.arrayBuffer()), mp4);
});

test('lists filter by tag, category, creator, featured and product, each sort paged by cursor', async () => {
  const tag = `list${unique()}`;
  const made = [];
  for (let i = 0; i < 5; i++) made.push(await newVideo(tag, { category: i % 2 ? 'waist' : 'fashion' }));
  const byOther = await newVideo(tag, { token: otherMerchant, products: fixtures.product });
  const all = [...made, byOther];

  // newest: creation order reversed, no page repeats or skips a video.
  assert.deepEqual(await allPages(`tag=${tag}`), all.map((v) => v._id).reverse());
  assert.deepEqual((await allPages(`tag=${tag}&category=fashion`)).sort(), made.filter((_, i) => i % 2 === 0).map((v) => v._id).sort());
  assert.deepEqual(await allPages(`tag=${tag}&product=${fixtures.product}`), [byOther._id]);
  const creator = (await api('GET', `/videos/${byOther._id}`)).body.creator;
  assert.deepEqual(await allPages(`tag=${tag}&creator=${creator}`), [byOther._id]);

  // popular: by views, then newest id; made[i] gets 4 - i views (the opposite of the id order).
  const viewers = await Promise.all([1, 2, 3, 4].map(() => shop.shopper()));
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4 - i; j++) await api('POST', `/videos/${made[i]._id}/view`, viewers[j].token);
  }
  const expected = [made[0], made[1], made[2], made[3], byOther, made[4]].map((v) => v._id);
  assert.deepEqual(await allPages(`tag=${tag}&sort=popular`), expected);
  // trending: the job (every second here) turns the views into scores.
  let trending;
  for (let attempt = 0; attempt < 50; attempt++) {
    trending = await allPages(`tag=${tag}&sort=trending`);
    // A run of the job that began before the last view counted shows only some of them: wait for all.
    if (trending.join() === expected.join()) break;
    await new Promise((resolve) => { setTimeout(resolve, 100); });
  }
  assert.deepEqual(trending, expected);
  const scored = (await api('GET', `/videos/${made[0]._id}`)).body.trendingScore;
  assert.equal(scored, 4, 'four views today: score 4');

  // featured: set by an admin only.
  assertProblem(await api('PUT', `/videos/${made[0]._id}`, shop.merchant, { isFeatured: true }), 403, 'FORBIDDEN');
  assert.equal((await api('PUT', `/videos/${made[0]._id}`, shop.admin, { isFeatured: true })).status, 200);
  assert.deepEqual(await allPages(`tag=${tag}&featured=true`), [made[0]._id]);

  // A cursor of another sort, or none of ours, is refused.
  const page = (await api('GET', `/videos?tag=${tag}&limit=1`)).body;
  assert.ok(fieldErrors(await api('GET', `/videos?tag=${tag}&sort=popular&cursor=${page.nextCursor}`)).cursor);
  assert.ok(fieldErrors(await api('GET', '/videos?cursor=bm9wZQ')).cursor);
  const bad = fieldErrors(await api('GET', '/videos?sort=best&limit=0&creator=x&featured=maybe'));
  assert.deepEqual(Object.keys(bad).sort(), ['creator', 'featured', 'limit', 'sort']);
});

test('details expand products, show isLiked to a signed-in caller, hide unpublished videos', async () => {
  const v = await newVideo(`detail${unique()}`, { products: fixtures.product });
  const anonymous = await api('GET', `/videos/${v._id}`);
  assert.equal(anonymous.status, 200);
  assert.equal(anonymous.body.products[0]._id, fixtures.product);
  assert.equal(typeof anonymous.body.products[0].name, 'string');
  assert.equal('isLiked' in anonymous.body, false);
  const { token } = fixtures.user;
  assert.equal((await api('GET', `/videos/${v._id}`, token)).body.isLiked, false);
  await api('POST', `/videos/${v._id}/like`, token);
  const liked = await api('GET', `/videos/${v._id}`, token);
  assert.equal(liked.body.isLiked, true);
  assert.match(liked.headers.get('cache-control'), /no-store/);

  assert.equal((await api('PUT', `/videos/${v._id}`, shop.merchant, { isPublished: false })).status, 200);
  assertProblem(await api('GET', `/videos/${v._id}`, token), 404, 'NOT_FOUND');
  assertProblem(await api('POST', `/videos/${v._id}/like`, token), 404, 'NOT_FOUND');
  assert.equal((await api('GET', `/videos/${v._id}`, shop.merchant)).status, 200, 'its creator still sees it');
  assertProblem(await api('GET', '/videos/65a1f0c2e4b0a1b2c3d4e5f6'), 404, 'NOT_FOUND');
  assertProblem(await api('GET', '/videos/not-an-id'), 404, 'NOT_FOUND');
});

test('a like toggles, and 50 users liking at once leave exactly 50 likes', async () => {
  const v = await newVideo(`like${unique()}`);
  const { token } = fixtures.user;
  assertProblem(await api('POST', `/videos/${v._id}/like`), 401, 'UNAUTHORIZED');
  const on = await api('POST', `/videos/${v._id}/like`, token);
  assert.deepEqual([on.status, on.body.liked, on.body.engagement.likes], [200, true, 1]);
  const off = await api('POST', `/videos/${v._id}/like`, token);
  assert.deepEqual([off.body.liked, off.body.engagement.likes], [false, 0]);

  const users = await Promise.all(Array.from({ length: 50 }, () => shop.shopper()));
  const liked = await Promise.all(users.map((u) => api('POST', `/videos/${v._id}/like`, u.token)));
  assert.ok(liked.every((r) => r.status === 200 && r.body.liked));
  assert.equal((await api('GET', `/videos/${v._id}`)).body.engagement.likes, 50);
  // All 50 take it back at once.
  await Promise.all(users.map((u) => api('POST', `/videos/${v._id}/like`, u.token)));
  assert.equal((await api('GET', `/videos/${v._id}`)).body.engagement.likes, 0);
});

test('shares are counted with their channel', async () => {
  const v = await newVideo(`share${unique()}`);
  const res = await api('POST', `/videos/${v._id}/share`, undefined, { channel: 'whatsapp' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.engagement.shares, 1);
  const again = await api('POST', `/videos/${v._id}/share`, fixtures.user.token, { channel: 'copy_link' });
  assert.equal(again.body.engagement.shares, 2);
  assert.ok(fieldErrors(await api('POST', `/videos/${v._id}/share`, undefined, { channel: 'carrier pigeon' })).channel);
  assert.ok(fieldErrors(await api('POST', `/videos/${v._id}/share`, undefined, {})).channel);
  assertProblem(await api('POST', '/videos/65a1f0c2e4b0a1b2c3d4e5f6/share', undefined, { channel: 'sms' }), 404, 'NOT_FOUND');
});

test('a view counts once per user, or device and address, per hour', async () => {
  const v = await newVideo(`view${unique()}`);
  const { token } = fixtures.user;
  const first = await api('POST', `/videos/${v._id}/view`, token);
  assert.deepEqual(first.body, { counted: true, views: 1 });
  assert.deepEqual((await api('POST', `/videos/${v._id}/view`, token)).body, { counted: false, views: 1 });
  const device = { 'x-device-id': `device-${unique()}`, 'x-forwarded-for': randomIp() };
  assert.deepEqual((await api('POST', `/videos/${v._id}/view`, undefined, undefined, device)).body, { counted: true, views: 2 });
  const twice = await Promise.all([1, 2, 3].map(() => api('POST', `/videos/${v._id}/view`, undefined, undefined, device)));
  assert.ok(twice.every((r) => r.body.counted === false));
  const racing = { 'x-device-id': `device-${unique()}`, 'x-forwarded-for': randomIp() };
  const raced = await Promise.all([1, 2, 3, 4].map(() => api('POST', `/videos/${v._id}/view`, undefined, undefined, racing)));
  assert.equal(raced.filter((r) => r.body.counted).length, 1, 'concurrent views of one device count once');
  assert.equal((await api('GET', `/videos/${v._id}`)).body.engagement.views, 3);
  assert.ok(fieldErrors(await api('POST', `/videos/${v._id}/view`))['X-Device-Id']);
  assert.ok(fieldErrors(await api('POST', `/videos/${v._id}/view`, undefined, undefined, { 'x-device-id': 'short' }))['X-Device-Id']);
});

test('comments: 1-500 characters, newest first by cursor, deleted by their author or an admin, rate-limited', async () => {
  const v = await newVideo(`comment${unique()}`);
  const author = await shop.shopper();
  const other = await shop.shopper();
  assertProblem(await api('POST', `/videos/${v._id}/comments`, undefined, { text: 'hi' }), 401, 'UNAUTHORIZED');
  assert.ok(fieldErrors(await api('POST', `/videos/${v._id}/comments`, author.token, { text: '  ' })).text);
  assert.ok(fieldErrors(await api('POST', `/videos/${v._id}/comments`, author.token, { text: 'x'.repeat(501) })).text);
  const made = [];
  for (const text of ['first', 'second', 'x'.repeat(500)]) {
    const res = await api('POST', `/videos/${v._id}/comments`, author.token, { text });
    assert.equal(res.status, 201, res.text);
    made.push(res.body);
  }
  const page1 = (await api('GET', `/videos/${v._id}/comments?limit=2`)).body;
  assert.deepEqual(page1.items.map((c) => c._id), [made[2]._id, made[1]._id]);
  const page2 = (await api('GET', `/videos/${v._id}/comments?limit=2&cursor=${page1.nextCursor}`)).body;
  assert.deepEqual(page2.items.map((c) => c._id), [made[0]._id]);
  assert.equal(page2.nextCursor, null);
  assert.equal((await api('GET', `/videos/${v._id}`)).body.engagement.comments, 3);

  assertProblem(await api('DELETE', `/videos/${v._id}/comments/${made[0]._id}`, other.token), 403, 'FORBIDDEN');
  assert.equal((await api('DELETE', `/videos/${v._id}/comments/${made[0]._id}`, author.token)).status, 204);
  assertProblem(await api('DELETE', `/videos/${v._id}/comments/${made[0]._id}`, author.token), 404, 'NOT_FOUND');
  assert.equal((await api('DELETE', `/videos/${v._id}/comments/${made[1]._id}`, shop.admin)).status, 204);
  assert.equal((await api('GET', `/videos/${v._id}`)).body.engagement.comments, 1);

  // Five a minute: a new commenter's sixth is refused.
  const chatty = await shop.shopper();
  for (let i = 1; i <= 5; i++) {
    assert.equal((await api('POST', `/videos/${v._id}/comments`, chatty.token, { text: `comment ${i}` })).status, 201);
  }
  const sixth = await api('POST', `/videos/${v._id}/comments`, chatty.token, { text: 'six' });
  const limited = assertProblem(sixth, 429, 'RATE_LIMITED');
  assert.match(limited.detail, /5 comments a minute/);
  const retryAfter = Number(sixth.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  assert.equal(sixth.headers.get('ratelimit-limit'), '5');
  assert.equal(sixth.headers.get('ratelimit-remaining'), '0');
  assertProblem(await api('GET', '/videos/65a1f0c2e4b0a1b2c3d4e5f6/comments'), 404, 'NOT_FOUND');
});

test('comments sent at once by one user pass the rate limit exactly as many times as it allows', async () => {
  const v = await newVideo(`burst${unique()}`);
  const burst = await shop.shopper();
  const sent = await Promise.all(Array.from({ length: 20 }, (_, i) =>
    api('POST', `/videos/${v._id}/comments`, burst.token, { text: `burst ${i}` })));
  const created = sent.filter((r) => r.status === 201);
  const refused = sent.filter((r) => r.status === 429);
  assert.equal(created.length, 5, `statuses: ${sent.map((r) => r.status).join(',')}`);
  assert.equal(refused.length, 15);
  for (const res of refused) {
    assert.equal(res.body.code, 'RATE_LIMITED');
    const retryAfter = Number(res.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal(res.headers.get('ratelimit-limit'), '5');
    assert.equal(res.headers.get('ratelimit-remaining'), '0');
    assert.equal(res.headers.get('ratelimit-reset'), String(retryAfter));
  }
  // Each accepted comment says how many are left after it: 4, 3, 2, 1, 0 in some order.
  assert.deepEqual(created.map((r) => Number(r.headers.get('ratelimit-remaining'))).sort(), [0, 1, 2, 3, 4]);
  for (const res of created) assert.equal(res.headers.get('ratelimit-limit'), '5');
  const stored = (await api('GET', `/videos/${v._id}/comments?limit=100`)).body.items;
  assert.deepEqual(stored.map((c) => c._id).sort(), created.map((r) => r.body._id).sort());
  assert.equal((await api('GET', `/videos/${v._id}`)).body.engagement.comments, 5);
  // Another user is not held back by this one's limit.
  const other = await shop.shopper();
  assert.equal((await api('POST', `/videos/${v._id}/comments`, other.token, { text: 'me too' })).status, 201);
});

test('likes, shares and comments publish video_engagement to the video and its creator', async () => {
  const v = await newVideo(`event${unique()}`);
  const socket = await connectedSocket(server.url, { auth: { token: shop.merchant } });
  const seen = [];
  socket.on('video_engagement', (payload) => seen.push(payload));
  try {
    await api('POST', `/videos/${v._id}/like`, fixtures.user.token);
    await api('POST', `/videos/${v._id}/share`, undefined, { channel: 'sms' });
    await api('POST', `/videos/${v._id}/comments`, fixtures.user.token, { text: 'nice' });
    const deadline = Date.now() + 5000;
    while (seen.length < 3 && Date.now() < deadline) await new Promise((resolve) => { setTimeout(resolve, 20); });
    assert.equal(seen.length, 3);
    for (const payload of seen) checkSocketEvent('video_engagement', payload);
    assert.deepEqual(seen[2], { video: v._id, views: 0, likes: 1, shares: 1, comments: 1 });
  } finally {
    socket.close();
  }
});

/** A connected socket of `token` that records its video_engagement events in `socket.seen`. */
async function engagementSocket(token) {
  const socket = await connectedSocket(server.url, { auth: { token } });
  socket.seen = [];
  socket.on('video_engagement', (payload) => socket.seen.push(payload));
  return socket;
}

async function until(predicate, what, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => { setTimeout(resolve, 20); });
  }
}

test('a viewer subscribed to video:<id> gets its engagement; others do not, and unsubscribing stops it', async () => {
  const v = await newVideo(`room${unique()}`);
  const [watcher, steady, bystander] = await Promise.all(
    [await shop.shopper(), await shop.shopper(), await shop.shopper()].map((u) => engagementSocket(u.token)));
  try {
    for (const socket of [watcher, steady]) {
      assert.deepEqual(await socket.timeout(3000).emitWithAck('subscribe', { video: v._id }), { ok: true });
    }
    const liker = await shop.shopper();
    const like = await api('POST', `/videos/${v._id}/like`, liker.token);
    assert.equal(like.status, 200, like.text);
    await until(() => watcher.seen.length === 1, 'the like');
    assert.deepEqual(watcher.seen[0], { video: v._id, views: 0, likes: 1, shares: 0, comments: 0 });
    assert.equal((await api('POST', `/videos/${v._id}/share`, undefined, { channel: 'whatsapp' })).status, 200);
    await until(() => watcher.seen.length === 2, 'the share');
    assert.deepEqual(watcher.seen[1], { video: v._id, views: 0, likes: 1, shares: 1, comments: 0 });
    assert.equal((await api('POST', `/videos/${v._id}/comments`, liker.token, { text: 'so good' })).status, 201);
    await until(() => watcher.seen.length === 3 && steady.seen.length === 3, 'the comment');
    assert.deepEqual(watcher.seen[2], { video: v._id, views: 0, likes: 1, shares: 1, comments: 1 });
    for (const payload of watcher.seen) checkSocketEvent('video_engagement', payload);
    assert.deepEqual(steady.seen, watcher.seen);
    assert.deepEqual(bystander.seen, [], 'a socket that did not subscribe hears nothing of the video');

    assert.deepEqual(await watcher.timeout(3000).emitWithAck('unsubscribe', { video: v._id }), { ok: true });
    await api('POST', `/videos/${v._id}/like`, liker.token);
    await api('POST', `/videos/${v._id}/comments`, liker.token, { text: 'changed my mind' });
    // The socket still subscribed hears both; by then the one that left would have heard them too.
    await until(() => steady.seen.length === 5, 'the events after unsubscribe');
    assert.deepEqual(steady.seen[4], { video: v._id, views: 0, likes: 0, shares: 1, comments: 2 });
    assert.equal(watcher.seen.length, 3, 'nothing reaches a socket after it unsubscribed');
    assert.deepEqual(bystander.seen, []);
  } finally {
    for (const socket of [watcher, steady, bystander]) socket.close();
  }
});

test('creators edit and delete their own videos; admins any', async () => {
  const v = await newVideo(`edit${unique()}`);
  const edit = await api('PUT', `/videos/${v._id}`, shop.merchant, { title: 'New title', description: null, tags: ['a', 'b'] });
  assert.equal(edit.status, 200, edit.text);
  assert.deepEqual([edit.body.title, edit.body.description, edit.body.tags], ['New title', null, ['a', 'b']]);
  const bad = fieldErrors(await api('PUT', `/videos/${v._id}`, shop.merchant, { title: '', category: 'nope', products: ['x'] }));
  assert.deepEqual(Object.keys(bad).sort(), ['products[0]', 'title']);
  assert.ok(fieldErrors(await api('PUT', `/videos/${v._id}`, shop.merchant, { category: 'no_such_category' })).category);
  assertProblem(await api('PUT', `/videos/${v._id}`, otherMerchant, { title: 'x' }), 403, 'FORBIDDEN');
  assertProblem(await api('DELETE', `/videos/${v._id}`, otherMerchant), 403, 'FORBIDDEN');
  assertProblem(await api('DELETE', `/videos/${v._id}`, fixtures.user.token), 403, 'FORBIDDEN');
  assert.equal((await api('DELETE', `/videos/${v._id}`, shop.admin)).status, 204);
  assertProblem(await api('GET', `/videos/${v._id}`), 404, 'NOT_FOUND');
  assert.equal((await fetch(`${server.url}${v.videoUrl}`)).status, 404, 'its file is removed');
  const mine = await newVideo(`edit${unique()}`);
  assert.equal((await api('DELETE', `/videos/${mine._id}`, shop.merchant)).status, 204);
});
