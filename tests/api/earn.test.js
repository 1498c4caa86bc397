// The earn programme: projects (/admin/earn/projects), what users can do (/earn/projects),
// completions, the admin's review (/admin/earn/completions), history and stats. Every response
// is checked against docs/openapi.yaml. The database is shared with other test files: each test
// makes its projects in a category of its own and filters on it.
import { execFile } from 'node:child_process';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { assertProblem, call } from './support/assert.js';
import { form } from './support/forms.js';
import { gif, png, pngOfSize } from './support/images.js';
import { checkSocketEvent } from './support/openapi.js';
import { repoRoot, startServer } from './support/server.js';
import { sql } from './support/shop.js';
import { connectedSocket } from './support/sockets.js';
import { signIn, signInEnv } from './support/users.js';

const phones = {
  admin: '+919999950001',
  alice: '+919999950002', // lives in this run's city
  bob: '+919999950003', // lives elsewhere
  carol: '+919999950004', // no city
  dave: '+919999950005',
  erin: '+919999950006', // history and stats only
  frank: '+919999950007', // stats across months only
};
// 30 users whose approvals race for a budget of 10 rewards.
const racers = Array.from({ length: 30 }, (_, i) => `racer${i}`);
racers.forEach((name, i) => { phones[name] = `+9199999511${String(i).padStart(2, '0')}`; });
const city = `Pune ${crypto.randomBytes(4).toString('hex')}`;
const maxImageBytes = 4096;
// The smallest file libmagic reads as MP4 (no stream in it: its duration cannot be read).
const mp4 = Buffer.from('000000186674797069736f6d0000020069736f6d69736f320000000866726565', 'hex');

const run = promisify(execFile);

/** A real MP4 of `seconds` (a tiny test pattern) made with ffmpeg. */
async function generatedMp4(seconds) {
  const out = path.join(workDir, `clip-${seconds}.mp4`);
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc=duration=${seconds}:size=32x24:rate=2`,
    '-c:v', 'mpeg4', '-pix_fmt', 'yuv420p', '-y', out]);
  return fs.readFileSync(out);
}
const sockets = [];

/** A connected Socket.IO client of `who` that records every event it gets. */
async function socketOf(who) {
  const socket = await connectedSocket(server.url, { auth: { token: tokens[who] } });
  sockets.push(socket);
  socket.seen = [];
  socket.onAny((name, payload) => socket.seen.push({ name, payload }));
  return socket;
}

/** Waits until `socket` got an event `name` whose payload passes `match`; returns the payload. */
async function received(socket, name, match = () => true, ms = 5000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = socket.seen.find((e) => e.name === name && match(e.payload));
    if (found) return found.payload;
    if (Date.now() > deadline) throw new Error(`no ${name} within ${ms} ms`);
    await new Promise((resolve) => { setTimeout(resolve, 10); });
  }
}

let server;
let workDir;
const tokens = {};

const category = () => `t_${crypto.randomBytes(6).toString('hex')}`;
const inDays = (days) => new Date(Date.now() + days * 86_400_000).toISOString();
const get = (who, p) => call(server.url, 'GET', p, { token: tokens[who] });
const post = (who, p, body) => call(server.url, 'POST', p, { token: tokens[who], body });
const put = (who, p, body) => call(server.url, 'PUT', p, { token: tokens[who], body });

function fieldErrors(res) {
  const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
  return Object.fromEntries(problem.errors.map((e) => [e.field, e.message]));
}

function projectBody(overrides = {}) {
  const { requirements, reward, limits, ...rest } = overrides;
  return {
    title: 'Write a review',
    description: 'Tell us what you think of the app.',
    category: 'review',
    type: 'text',
    ...rest,
    requirements: { ...requirements },
    reward: { amount: 50, ...reward },
    limits: { totalBudget: 5000, expiryDate: inDays(30), ...limits },
  };
}

async function createProject(overrides = {}) {
  const res = await post('admin', '/api/v1/admin/earn/projects', projectBody(overrides));
  assert.equal(res.status, 201, res.text);
  return res.body;
}

async function available(who, query) {
  const res = await get(who, `/api/v1/earn/projects?${query}`);
  assert.equal(res.status, 200, res.text);
  return res.body;
}
const visibleIds = async (who, cat) => (await available(who, `category=${cat}&limit=100`)).items.map((p) => p._id);

const complete = (who, id, body) => post(who, `/api/v1/earn/projects/${id}/complete`, body);

async function submitted(who, id, body) {
  const res = await complete(who, id, body);
  assert.equal(res.status, 201, res.text);
  return res.body;
}

before(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'superapp-earn-test-'));
  server = await startServer({
    env: {
      ...signInEnv(Object.values(phones)),
      ADMIN_PHONES: phones.admin,
      UPLOAD_DIR: path.join(workDir, 'uploads'),
      EARN_MAX_IMAGE_BYTES: maxImageBytes,
      EARN_EXPIRY_SWEEP_MS: 300,
      // One user submits far more than a person would a minute here (RATE_LIMIT_EARN_PER_MINUTE is
      // tested in hostile_flood.test.js).
      RATE_LIMIT_EARN_PER_MINUTE: 10000,
    },
  });
  for (const [name, phone] of Object.entries(phones)) tokens[name] = await signIn(server.url, phone);
  for (const [name, where] of [['alice', city.toLowerCase()], ['bob', 'Chennai']]) {
    const res = await put(name, '/api/v1/users/profile', { profile: { firstName: name, location: { city: where } } });
    assert.equal(res.status, 200, res.text);
  }
});
after(async () => {
  for (const socket of sockets) socket.close();
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

test('the earn routes need a bearer token, and the admin routes an admin', async () => {
  const id = '65a1f0c2e4b0a1b2c3d4e5f6';
  for (const [method, p] of [['GET', '/api/v1/earn/projects'], ['GET', `/api/v1/earn/projects/${id}`],
    ['POST', `/api/v1/earn/projects/${id}/complete`], ['GET', '/api/v1/earn/history'], ['GET', '/api/v1/earn/stats'],
    ['POST', '/api/v1/admin/earn/projects'], ['PUT', `/api/v1/admin/earn/projects/${id}`],
    ['GET', '/api/v1/admin/earn/completions'], ['GET', '/api/v1/admin/earn/projects'],
    ['GET', `/api/v1/admin/earn/projects/${id}`]]) {
    assertProblem(await call(server.url, method, p, method === 'GET' ? {} : { body: {} }), 401, 'UNAUTHORIZED');
  }
  assertProblem(await post('alice', '/api/v1/admin/earn/projects', projectBody()), 403, 'FORBIDDEN');
  assertProblem(await put('alice', `/api/v1/admin/earn/projects/${id}`, {}), 403, 'FORBIDDEN');
  assertProblem(await get('alice', '/api/v1/admin/earn/completions'), 403, 'FORBIDDEN');
  assertProblem(await get('alice', '/api/v1/admin/earn/projects'), 403, 'FORBIDDEN');
  assertProblem(await get('alice', `/api/v1/admin/earn/projects/${id}`), 403, 'FORBIDDEN');
});

test('a new project is checked field by field, every bad field in one answer', async () => {
  const errors = fieldErrors(await post('admin', '/api/v1/admin/earn/projects', {
    title: '', category: 'Bad Category', type: 'quiz',
    requirements: { minWords: 0, products: ['nope'] },
    reward: { amount: -1, currency: 'USD', bonusMultiplier: 11 },
    limits: { maxCompletions: 0, expiryDate: 'soon' },
    status: 'done',
  }));
  assert.deepEqual(Object.keys(errors).sort(), ['category', 'description', 'limits.expiryDate',
    'limits.maxCompletions', 'limits.totalBudget', 'requirements.minWords', 'requirements.products[0]',
    'reward.amount', 'reward.bonusMultiplier', 'reward.currency', 'status', 'title', 'type']);
  assert.deepEqual(Object.keys(fieldErrors(await post('admin', '/api/v1/admin/earn/projects',
    projectBody({ reward: { bonusMultiplier: 1.00001 } })))), ['reward.bonusMultiplier']);
  assert.deepEqual(fieldErrors(await post('admin', '/api/v1/admin/earn/projects',
    projectBody({ reward: { amount: 0.01, bonusMultiplier: 0.4 } }))),
  { 'reward.bonusMultiplier': 'makes one reward round down to 0.00' });
});

test('rules across fields: one reward fits the budget, minWords is for text, minDuration for video', async () => {
  assert.deepEqual(fieldErrors(await post('admin', '/api/v1/admin/earn/projects',
    projectBody({ limits: { expiryDate: inDays(-1) } }))), { 'limits.expiryDate': 'must be in the future' });
  const errors = fieldErrors(await post('admin', '/api/v1/admin/earn/projects', projectBody({
    type: 'rating', requirements: { minWords: 10, minDuration: 30 },
    reward: { amount: 40, bonusMultiplier: 1.5 }, limits: { totalBudget: 59.99 },
  })));
  assert.deepEqual(Object.keys(errors).sort(), ['limits.totalBudget', 'requirements.minDuration', 'requirements.minWords']);
  assert.match(errors['limits.totalBudget'], /60\.00/);
  const unknown = fieldErrors(await post('admin', '/api/v1/admin/earn/projects',
    projectBody({ requirements: { products: ['65a1f0c2e4b0a1b2c3d4e5f6'] } })));
  assert.deepEqual(unknown, { 'requirements.products[0]': 'names no product' });
});

test('a project shows its reward with the bonus, rounded half up to the paisa', async () => {
  const cat = category();
  const expiryDate = inDays(10);
  const p = await createProject({
    category: cat, title: 'Rate us', type: 'rating',
    reward: { amount: 33.33, bonusMultiplier: 1.5 }, limits: { totalBudget: 500, maxCompletions: 3, expiryDate },
  });
  assert.equal(p.reward.amount, 33.33);
  assert.equal(p.reward.currency, 'INR');
  assert.equal(p.reward.bonusMultiplier, 1.5);
  assert.equal(p.payout, 50, '33.33 x 1.5 = 49.995 -> 50.00');
  assert.deepEqual(p.limits, { maxCompletions: 3, totalBudget: 500, expiryDate });
  assert.equal(p.remainingBudget, 500);
  assert.equal(p.status, 'active');
  assert.deepEqual(p.requirements, { minWords: null, minDuration: null, location: null, products: [] });
  const page = await available('carol', `category=${cat}`);
  assert.deepEqual(page.items, [p]);
  assert.equal(page.nextCursor, null);
  const detail = await get('carol', `/api/v1/earn/projects/${p._id}`);
  assert.equal(detail.status, 200, detail.text);
  assert.equal(detail.body.canComplete, true);
  assert.equal(detail.body.refusal, null);
});

test('the list pages newest first and filters by type', async () => {
  const cat = category();
  const made = [];
  for (const type of ['text', 'link', 'text']) made.push(await createProject({ category: cat, type, title: `P ${type}` }));
  const first = await available('carol', `category=${cat}&limit=2`);
  assert.deepEqual(first.items.map((p) => p._id), [made[2]._id, made[1]._id]);
  assert.ok(first.nextCursor);
  const second = await available('carol', `category=${cat}&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`);
  assert.deepEqual(second.items.map((p) => p._id), [made[0]._id]);
  assert.equal(second.nextCursor, null);
  assert.deepEqual((await available('carol', `category=${cat}&type=link`)).items.map((p) => p._id), [made[1]._id]);
  assert.deepEqual(Object.keys(fieldErrors(await get('carol', '/api/v1/earn/projects?type=quiz&cursor=bogus&limit=0')))
    .sort(), ['cursor', 'limit', 'type']);
});

test('paused, location-bound and expired projects are shown only to whom they concern', async () => {
  const cat = category();
  const open = await createProject({ category: cat, title: 'Open' });
  const paused = await createProject({ category: cat, title: 'Paused', status: 'paused' });
  const local = await createProject({ category: cat, title: 'Local', requirements: { location: city.toUpperCase() } });
  const soon = await createProject({ category: cat, title: 'Soon over', limits: { expiryDate: new Date(Date.now() + 1500).toISOString() } });
  assert.equal(paused.status, 'paused');

  assert.deepEqual(await visibleIds('alice', cat), [soon._id, local._id, open._id]);
  assert.deepEqual(await visibleIds('bob', cat), [soon._id, open._id], 'another city');
  assert.deepEqual(await visibleIds('carol', cat), [soon._id, open._id], 'no city');
  assertProblem(await get('alice', `/api/v1/earn/projects/${paused._id}`), 404, 'NOT_FOUND');
  assertProblem(await complete('alice', paused._id, { content: 'hello' }), 404, 'NOT_FOUND');
  const elsewhere = await get('bob', `/api/v1/earn/projects/${local._id}`);
  assert.equal(elsewhere.body.canComplete, false);
  assert.equal(elsewhere.body.refusal.code, 'LOCATION_MISMATCH');
  assertProblem(await complete('bob', local._id, { content: 'hello' }), 409, 'LOCATION_MISMATCH');

  await new Promise((resolve) => { setTimeout(resolve, 1600); });
  assert.deepEqual(await visibleIds('alice', cat), [local._id, open._id], 'past its expiry date');
  assertProblem(await complete('alice', soon._id, { content: 'hello' }), 409, 'PROJECT_EXPIRED');
  const swept = await server.waitForLog((j) => j.msg === 'earn projects expired', 5000);
  assert.ok(swept.count >= 1);
  const expired = await get('alice', `/api/v1/earn/projects/${soon._id}`);
  assert.equal(expired.body.status, 'expired');
  assert.equal(expired.body.refusal.code, 'PROJECT_EXPIRED');

  for (const id of ['65a1f0c2e4b0a1b2c3d4e5f6', 'not-an-id']) {
    assertProblem(await get('alice', `/api/v1/earn/projects/${id}`), 404, 'NOT_FOUND');
  }
});

test('a text completion has the words asked for; one pending submission per project', async () => {
  const cat = category();
  const p = await createProject({ category: cat, requirements: { minWords: 5 }, limits: { maxCompletions: 2 } });
  assert.deepEqual(fieldErrors(await complete('alice', p._id, { content: 'only four words here' })),
    { content: 'must have at least 5 words' });
  assert.deepEqual(Object.keys(fieldErrors(await complete('alice', p._id, { content: 'x'.repeat(5001), rating: 9 })))
    .sort(), ['content', 'rating']);
  assert.deepEqual(Object.keys(fieldErrors(await complete('alice', p._id, { rating: 4, content: 'one two three four five' }))),
    ['rating']);
  const c = await submitted('alice', p._id, { content: '  The app is quick and easy  ' });
  assert.equal(c.status, 'pending');
  assert.deepEqual(c.project, { _id: p._id, title: p.title, category: cat, type: 'text' });
  assert.deepEqual(c.submission, { type: 'text', content: 'The app is quick and easy', metadata: { words: 6 } });
  assert.equal(c.payout, null);
  assert.equal(c.paidAt, null);
  assertProblem(await complete('alice', p._id, { content: 'and one more review of it' }), 409, 'SUBMISSION_PENDING');
  const detail = await get('alice', `/api/v1/earn/projects/${p._id}`);
  assert.equal(detail.body.refusal.code, 'SUBMISSION_PENDING');
  assert.deepEqual(await visibleIds('alice', cat), [p._id], 'one of two completions is used');

  const racing = await Promise.all([1, 2, 3, 4].map(() => complete('bob', p._id, { content: 'one two three four five' })));
  assert.deepEqual(racing.map((r) => r.status).sort(), [201, 409, 409, 409]);
  assertProblem(await complete('alice', '65a1f0c2e4b0a1b2c3d4e5f6', { content: 'a b c d e' }), 404, 'NOT_FOUND');
});

test('maxCompletions counts pending submissions: the project leaves the list', async () => {
  const cat = category();
  const p = await createProject({ category: cat });
  await submitted('carol', p._id, { content: 'good' });
  assert.deepEqual(await visibleIds('carol', cat), []);
  assert.deepEqual(await visibleIds('bob', cat), [p._id]);
});

test('rating and link submissions', async () => {
  const cat = category();
  const rating = await createProject({ category: cat, type: 'rating' });
  assert.deepEqual(fieldErrors(await complete('alice', rating._id, {})), { rating: 'is required: a whole number from 1 to 5' });
  const rated = await submitted('alice', rating._id, { rating: 4 });
  assert.deepEqual(rated.submission, { type: 'rating', content: '', metadata: { rating: 4 } });
  const viaForm = await submitted('bob', rating._id, form([['rating', '5'], ['content', 'Lovely']]));
  assert.deepEqual(viaForm.submission, { type: 'rating', content: 'Lovely', metadata: { rating: 5 } });

  const link = await createProject({ category: cat, type: 'link' });
  for (const content of ['http://example.com/post', 'javascript:alert(1)', 'example.com']) {
    assert.deepEqual(fieldErrors(await complete('alice', link._id, { content })), { content: 'must be an https URL' });
  }
  const linked = await submitted('alice', link._id, { content: 'https://example.com/post/1' });
  assert.equal(linked.submission.content, 'https://example.com/post/1');
});

test('image and video submissions are uploads, sniffed and limited in size', async () => {
  const cat = category();
  const image = await createProject({ category: cat, type: 'image' });
  assert.deepEqual(fieldErrors(await complete('alice', image._id, { content: 'no file' })),
    { file: 'is required: send the image as a multipart file field named file' });
  assertProblem(await complete('alice', image._id, form([['file', gif, 'me.png', 'image/png']])), 415, 'UNSUPPORTED_MEDIA_TYPE');
  assertProblem(await complete('alice', image._id, form([['file', pngOfSize(maxImageBytes + 1)]])), 413, 'PAYLOAD_TOO_LARGE');
  assertProblem(await call(server.url, 'POST', `/api/v1/earn/projects/${image._id}/complete`,
    { token: tokens.alice, body: '{not json', headers: { 'content-type': 'application/json' } }), 400, 'MALFORMED_JSON');
  assertProblem(await complete('alice', image._id, 'plain text'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  const c = await submitted('alice', image._id, form([['file', png, 'x.gif', 'image/gif'], ['content', 'My shelf']]));
  assert.match(c.submission.content, /^\/uploads\/[0-9a-f]{32}\.png$/);
  assert.deepEqual(c.submission.metadata, { contentType: 'image/png', size: png.length, caption: 'My shelf' });
  const served = await fetch(new URL(c.submission.content, server.url));
  assert.equal(served.status, 200);
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), png);

  // Videos are streamed to disk; their duration is read from the file and held to minDuration.
  const video = await createProject({ category: cat, type: 'video', requirements: { minDuration: 15 } });
  assertProblem(await complete('alice', video._id, form([['file', png]])), 415, 'UNSUPPORTED_MEDIA_TYPE');
  assert.deepEqual(fieldErrors(await complete('alice', video._id, form([['file', mp4, 'clip.mp4', 'video/mp4']]))),
    { file: 'must be a video whose duration can be read' });
  const short = await generatedMp4(3);
  assert.deepEqual(fieldErrors(await complete('alice', video._id, form([['file', short, 'clip.mp4', 'video/mp4']]))),
    { file: 'must be a video of at least 15 seconds' });
  const long = await generatedMp4(16);
  const v = await submitted('alice', video._id, form([['file', long, 'clip.mp4', 'video/mp4']]));
  assert.match(v.submission.content, /^\/uploads\/[0-9a-f]{32}\.mp4$/);
  assert.equal(v.submission.metadata.duration, 16);
  assert.equal(v.submission.metadata.size, long.length);
  const servedVideo = await fetch(new URL(v.submission.content, server.url));
  assert.deepEqual(Buffer.from(await servedVideo.arrayBuffer()), long);
  const text = await createProject({ category: cat });
  assert.deepEqual(Object.keys(fieldErrors(await complete('alice', text._id, form([['file', png], ['content', 'hi']])))),
    ['file']);
});

test('an admin edits, pauses and reopens a project', async () => {
  const cat = category();
  const p = await createProject({ category: cat, reward: { amount: 10 }, limits: { totalBudget: 100 } });
  const edited = await put('admin', `/api/v1/admin/earn/projects/${p._id}`, {
    title: 'Better title', reward: { bonusMultiplier: 2 }, requirements: { minWords: 3 },
  });
  assert.equal(edited.status, 200, edited.text);
  assert.equal(edited.body.title, 'Better title');
  assert.equal(edited.body.payout, 20);
  assert.equal(edited.body.requirements.minWords, 3);
  assert.equal(edited.body.description, p.description, 'what is not given stays');

  const paused = await put('admin', `/api/v1/admin/earn/projects/${p._id}`, { status: 'paused' });
  assert.equal(paused.body.status, 'paused');
  assert.deepEqual(await visibleIds('carol', cat), []);
  const stillPaused = await put('admin', `/api/v1/admin/earn/projects/${p._id}`, { title: 'Quiet' });
  assert.equal(stillPaused.body.status, 'paused');
  const reopened = await put('admin', `/api/v1/admin/earn/projects/${p._id}`, { status: 'active' });
  assert.equal(reopened.body.status, 'active');
  assert.deepEqual(await visibleIds('carol', cat), [p._id]);

  assert.deepEqual(Object.keys(fieldErrors(await put('admin', `/api/v1/admin/earn/projects/${p._id}`, {
    title: '', type: 'quiz', reward: { amount: 0 }, limits: { expiryDate: inDays(-1), totalBudget: 10 },
  }))).sort(), ['limits.expiryDate', 'reward.amount', 'title', 'type']);
  assert.deepEqual(Object.keys(fieldErrors(await put('admin', `/api/v1/admin/earn/projects/${p._id}`, {
    limits: { totalBudget: 19.99 }, type: 'rating',
  }))).sort(), ['limits.totalBudget', 'requirements.minWords'], 'the rules across fields, on the project as edited');
  assertProblem(await put('admin', '/api/v1/admin/earn/projects/65a1f0c2e4b0a1b2c3d4e5f6', { title: 'x' }), 404, 'NOT_FOUND');
});

test('the admin reads back every project, paused, completed and expired ones too, newest first by status', async () => {
  const cat = category();
  const active = await createProject({ category: cat, title: 'Admin list active' });
  const paused = await createProject({ category: cat, title: 'Admin list paused', status: 'paused' });
  const expired = await createProject({ category: cat, title: 'Admin list expired',
    limits: { expiryDate: new Date(Date.now() + 800).toISOString() } });
  const completed = await createProject({ category: cat, type: 'rating', title: 'Admin list completed',
    reward: { amount: 10 }, limits: { totalBudget: 10 } });
  const c = await submitted('carol', completed._id, { rating: 5 });
  assert.equal((await review(c._id, { status: 'approved' })).status, 200);
  // The expiry sweep runs every 300 ms here.
  const deadline = Date.now() + 5000;
  while ((await get('admin', `/api/v1/admin/earn/projects/${expired._id}`)).body.status !== 'expired') {
    assert.ok(Date.now() < deadline, 'the project never expired');
    await new Promise((resolve) => { setTimeout(resolve, 100); });
  }
  assert.deepEqual(await visibleIds('carol', cat), [active._id], 'a user sees only what is active');
  assertProblem(await get('carol', `/api/v1/earn/projects/${paused._id}`), 404, 'NOT_FOUND');

  const expected = { [active._id]: 'active', [paused._id]: 'paused', [expired._id]: 'expired', [completed._id]: 'completed' };
  for (const [id, status] of Object.entries(expected)) {
    const one = await get('admin', `/api/v1/admin/earn/projects/${id}`);
    assert.equal(one.status, 200, one.text);
    assert.equal(one.body._id, id);
    assert.equal(one.body.status, status);
    assert.equal(one.headers.get('cache-control'), 'no-store');
  }
  assertProblem(await get('admin', '/api/v1/admin/earn/projects/65a1f0c2e4b0a1b2c3d4e5f6'), 404, 'NOT_FOUND');
  assertProblem(await get('admin', '/api/v1/admin/earn/projects/nope'), 404, 'NOT_FOUND');

  // Newest first, across pages of 1; other tests' projects are older or newer, never between ours.
  const ours = new Set(Object.keys(expected));
  const seen = [];
  let cursor = null;
  for (let pages = 0; pages < 500 && seen.length < 4; pages++) {
    const page = await get('admin', `/api/v1/admin/earn/projects?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(page.status, 200, page.text);
    assert.ok(page.body.items.length <= 1);
    seen.push(...page.body.items.map((p) => p._id).filter((id) => ours.has(id)));
    cursor = page.body.nextCursor;
    if (!cursor) break;
  }
  assert.deepEqual(seen, [completed._id, expired._id, paused._id, active._id]);

  for (const status of ['active', 'paused', 'expired', 'completed']) {
    const res = await get('admin', `/api/v1/admin/earn/projects?status=${status}&limit=100`);
    assert.equal(res.status, 200, res.text);
    assert.ok(res.body.items.every((p) => p.status === status), status);
    const mine = res.body.items.filter((p) => ours.has(p._id)).map((p) => p._id);
    assert.deepEqual(mine, Object.keys(expected).filter((id) => expected[id] === status), status);
  }
  assert.deepEqual(Object.keys(fieldErrors(await get('admin', '/api/v1/admin/earn/projects?status=done&limit=0&cursor=x')))
    .sort(), ['cursor', 'limit', 'status']);
});

test('an expired project reopens only with a later expiry date', async () => {
  const p = await createProject({ category: category(), limits: { expiryDate: new Date(Date.now() + 800).toISOString() } });
  await new Promise((resolve) => { setTimeout(resolve, 1000); });
  assertProblem(await put('admin', `/api/v1/admin/earn/projects/${p._id}`, { status: 'active' }), 409, 'PROJECT_EXPIRED');
  const later = await put('admin', `/api/v1/admin/earn/projects/${p._id}`, { limits: { expiryDate: inDays(5) } });
  assert.equal(later.status, 200, later.text);
  assert.equal(later.body.status, 'active');
});

test('the review queue lists pending completions oldest first, by project', async () => {
  const cat = category();
  const p = await createProject({ category: cat, type: 'rating' });
  const made = [];
  for (const who of ['alice', 'bob', 'carol']) made.push(await submitted(who, p._id, { rating: 3 }));
  const first = await get('admin', `/api/v1/admin/earn/completions?project=${p._id}&limit=2`);
  assert.equal(first.status, 200, first.text);
  assert.deepEqual(first.body.items.map((c) => c._id), [made[0]._id, made[1]._id]);
  const second = await get('admin',
    `/api/v1/admin/earn/completions?project=${p._id}&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
  assert.deepEqual(second.body.items.map((c) => c._id), [made[2]._id]);
  assert.equal(second.body.nextCursor, null);
  const none = await get('admin', `/api/v1/admin/earn/completions?project=${p._id}&status=approved`);
  assert.deepEqual(none.body.items, []);
  assert.deepEqual(Object.keys(fieldErrors(await get('admin', '/api/v1/admin/earn/completions?status=done&project=x')))
    .sort(), ['project', 'status']);
});

const review = (id, body) => put('admin', `/api/v1/admin/earn/completions/${id}`, body);

async function balance(who) {
  const res = await get(who, '/api/v1/wallet/balance');
  assert.equal(res.status, 200, res.text);
  return res.body.balance;
}

test('an approval pays the reward into the wallet and notifies the user; a decision is final', async () => {
  const p = await createProject({ category: category(), type: 'rating', title: 'Rate the checkout',
    reward: { amount: 20, bonusMultiplier: 1.25 }, limits: { totalBudget: 100 } });
  const daveId = (await get('dave', '/api/v1/users/profile')).body._id;
  const adjusted = await call(server.url, 'POST', '/api/v1/admin/wallet/adjustments', { token: tokens.admin,
    body: { user: daveId, amount: 100, reason: 'opening balance' }, headers: { 'idempotency-key': crypto.randomUUID() } });
  assert.equal(adjusted.status, 201, adjusted.text);
  const before = await balance('dave');
  assert.ok(before >= 100);
  const c = await submitted('dave', p._id, { rating: 5 });
  const res = await review(c._id, { status: 'approved' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.status, 'approved');
  assert.equal(res.body.payout, 25);
  assert.ok(Date.parse(res.body.paidAt) > 0);
  assert.ok(Date.parse(res.body.reviewedAt) > 0);
  assert.equal(res.body.reason, null);
  assert.equal(Math.round((await balance('dave') - before) * 100), 2500);
  const earnings = await get('dave', '/api/v1/wallet/transactions?type=earning');
  assert.equal(earnings.status, 200, earnings.text);
  const row = earnings.body.items.find((t) => t.source.reference === p._id);
  assert.equal(row.amount, 25);
  assert.equal(row.status, 'completed');
  assert.deepEqual(row.source, { type: 'project', reference: p._id });
  assert.equal(Math.round((row.balanceAfter - row.balanceBefore) * 100), 2500);
  const notes = await get('dave', '/api/v1/notifications?category=earning');
  assert.equal(notes.status, 200, notes.text);
  const note = notes.body.items.find((n) => n.data.completionId === c._id);
  assert.equal(note.title, 'Reward approved');
  assert.equal(note.type, 'success');
  assert.deepEqual(note.data, { completionId: c._id, projectId: p._id, amount: 25 });
  assert.equal((await get('carol', `/api/v1/earn/projects/${p._id}`)).body.remainingBudget, 75);

  assertProblem(await review(c._id, { status: 'approved' }), 409, 'ALREADY_REVIEWED');
  assertProblem(await review(c._id, { status: 'rejected', reason: 'changed my mind' }), 409, 'ALREADY_REVIEWED');
  assert.equal(Math.round((await balance('dave') - before) * 100), 2500, 'paid once');
  for (const id of ['65a1f0c2e4b0a1b2c3d4e5f6', 'not-an-id']) {
    assertProblem(await review(id, { status: 'approved' }), 404, 'NOT_FOUND');
  }
  assertProblem(await put('dave', `/api/v1/admin/earn/completions/${c._id}`, { status: 'approved' }), 403, 'FORBIDDEN');
});

test('a rejection needs a reason, keeps it and pays nothing', async () => {
  const p = await createProject({ category: category(), type: 'link', title: 'Share it' });
  const before = await balance('dave');
  const c = await submitted('dave', p._id, { content: 'https://example.com/shared' });
  assert.deepEqual(fieldErrors(await review(c._id, { status: 'rejected' })), { reason: 'is required when rejecting' });
  assert.deepEqual(Object.keys(fieldErrors(await review(c._id, { status: 'maybe', reason: '' }))).sort(), ['reason', 'status']);
  const res = await review(c._id, { status: 'rejected', reason: 'The link does not open' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.status, 'rejected');
  assert.equal(res.body.reason, 'The link does not open');
  assert.equal(res.body.payout, null);
  assert.equal(res.body.paidAt, null);
  assert.equal(await balance('dave'), before);
  const notes = await get('dave', '/api/v1/notifications?category=earning');
  const note = notes.body.items.find((n) => n.data.completionId === c._id);
  assert.equal(note.type, 'warning');
  assert.match(note.message, /The link does not open/);
  assert.deepEqual(await visibleIds('dave', p.category), [p._id], 'a rejected completion does not count: try again');
});

test('30 approvals racing for 10 rewards: exactly 10 are paid and the budget is never overspent', async () => {
  const cat = category();
  const p = await createProject({ category: cat, type: 'rating', title: 'Race', reward: { amount: 10 },
    limits: { totalBudget: 100 } });
  const completions = [];
  for (const who of racers) completions.push(await submitted(who, p._id, { rating: 4 }));
  const answers = await Promise.all(completions.map((c) => review(c._id, { status: 'approved' })));
  const paid = answers.filter((r) => r.status === 200);
  const refused = answers.filter((r) => r.status === 409);
  assert.equal(paid.length, 10);
  assert.equal(refused.length, 20);
  for (const r of refused) assert.equal(r.body.code, 'BUDGET_EXHAUSTED');

  const after = await get('carol', `/api/v1/earn/projects/${p._id}`);
  assert.equal(after.body.remainingBudget, 0);
  assert.equal(after.body.status, 'completed');
  assert.equal(after.body.refusal.code, 'BUDGET_EXHAUSTED');
  assert.deepEqual(await visibleIds('carol', cat), [], 'no budget left for anyone');
  const pending = await get('admin', `/api/v1/admin/earn/completions?project=${p._id}&limit=100`);
  assert.equal(pending.body.items.length, 20, 'the refused ones wait, unchanged');
  const approved = await get('admin', `/api/v1/admin/earn/completions?project=${p._id}&status=approved&limit=100`);
  assert.equal(approved.body.items.length, 10);
  const paidUsers = new Set(approved.body.items.map((c) => c.user));
  for (const [i, who] of racers.entries()) {
    const expected = paidUsers.has(completions[i].user) ? 10 : 0;
    assert.equal(await balance(who), expected, who);
  }
  // Exits 0 only when every wallet agrees with its ledger (execFile rejects otherwise).
  const { stdout } = await run(process.env.SUPERAPP_BIN || path.join(repoRoot, 'build', 'superapp'), ['wallet', 'verify'],
    { env: process.env });
  assert.match(stdout, /(\d+) wallets checked, \1 agree with the ledger, 0 do not/);
});

test('history and stats: payouts, pending amounts, counts by status and category, this month', async () => {
  const review1 = await createProject({ category: 'zz_review', title: 'History A', reward: { amount: 30 } });
  const rating = await createProject({ category: 'zz_rating', type: 'rating', title: 'History B',
    reward: { amount: 12.5, bonusMultiplier: 2 } });
  const link = await createProject({ category: 'zz_review', type: 'link', title: 'History C', reward: { amount: 7 } });
  const a = await submitted('erin', review1._id, { content: 'good' });
  const b = await submitted('erin', rating._id, { rating: 3 });
  const c = await submitted('erin', link._id, { content: 'https://example.com/x' });
  assert.equal((await review(a._id, { status: 'approved' })).status, 200);
  assert.equal((await review(c._id, { status: 'rejected', reason: 'Not public' })).status, 200);

  const history = await get('erin', '/api/v1/earn/history');
  assert.equal(history.status, 200, history.text);
  assert.deepEqual(history.body.items.map((x) => [x._id, x.status, x.payout, x.project.title]), [
    [c._id, 'rejected', null, 'History C'], [b._id, 'pending', null, 'History B'], [a._id, 'approved', 30, 'History A']]);
  const first = await get('erin', '/api/v1/earn/history?limit=2');
  const rest = await get('erin', `/api/v1/earn/history?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
  assert.deepEqual([...first.body.items, ...rest.body.items].map((x) => x._id), [c._id, b._id, a._id]);
  assert.equal(rest.body.nextCursor, null);
  assert.deepEqual((await get('erin', '/api/v1/earn/history?status=approved')).body.items.map((x) => x._id), [a._id]);
  assert.deepEqual(Object.keys(fieldErrors(await get('erin', '/api/v1/earn/history?status=paid&cursor=x'))).sort(),
    ['cursor', 'status']);

  const stats = await get('erin', '/api/v1/earn/stats');
  assert.equal(stats.status, 200, stats.text);
  assert.deepEqual(stats.body, {
    totalEarned: 30,
    pendingAmount: 25,
    counts: { pending: 1, approved: 1, rejected: 1, total: 3 },
    byCategory: [
      { category: 'zz_rating', completions: 1, approved: 0, earned: 0 },
      { category: 'zz_review', completions: 2, approved: 1, earned: 30 },
    ],
    thisMonth: { approved: 1, earned: 30 },
    lastMonth: { approved: 0, earned: 0 },
  });
});

test('stats compare this month with last, calendar months in India, by when each payout was decided', async () => {
  const cat = `zz_months_${crypto.randomBytes(4).toString('hex')}`;
  // The database outlives a run: what frank earned before counts, and this test adds to it.
  const before = (await get('frank', '/api/v1/earn/stats')).body;
  const paid = async (amount) => {
    const p = await createProject({ category: cat, type: 'rating', reward: { amount } });
    const c = await submitted('frank', p._id, { rating: 4 });
    assert.equal((await review(c._id, { status: 'approved' })).status, 200);
    return c._id;
  };
  await paid(11);
  const lastMonthMiddle = await paid(20);
  const lastMonthEnd = await paid(40.5);
  const twoMonthsAgo = await paid(80);
  // Each decision moved back in time, as if it had been made then (IST months: UTC+5:30).
  const monthStart = "date_trunc('month', now() AT TIME ZONE 'Asia/Kolkata')";
  const decidedAt = async (id, localTime) => {
    const moved = await sql(`UPDATE earn_completions SET created_at = t - interval '1 hour', reviewed_at = t, paid_at = t
      FROM (SELECT (${localTime}) AT TIME ZONE 'Asia/Kolkata' AS t) AS at WHERE id = '${id}' RETURNING id`);
    assert.equal(moved, id);
  };
  await decidedAt(lastMonthMiddle, `${monthStart} - interval '1 month' + interval '14 days'`);
  await decidedAt(lastMonthEnd, `${monthStart} - interval '1 second'`);
  await decidedAt(twoMonthsAgo, `${monthStart} - interval '1 month' - interval '1 second'`);

  const stats = await get('frank', '/api/v1/earn/stats');
  assert.equal(stats.status, 200, stats.text);
  const plus = (figures, approved, earned) => ({ approved: figures.approved + approved, earned: figures.earned + earned });
  assert.equal(stats.body.totalEarned, before.totalEarned + 151.5);
  assert.equal(stats.body.counts.approved, before.counts.approved + 4);
  assert.deepEqual(stats.body.byCategory.find((c) => c.category === cat),
    { category: cat, completions: 4, approved: 4, earned: 151.5 });
  assert.deepEqual(stats.body.thisMonth, plus(before.thisMonth, 1, 11));
  assert.deepEqual(stats.body.lastMonth, plus(before.lastMonth, 2, 60.5),
    'the middle and the last second of last month count; the month before does not');
});

test('sockets hear of new active projects, and of their own reviews', async () => {
  const [carolSocket, daveSocket] = [await socketOf('carol'), await socketOf('dave')];
  const p = await createProject({ category: category(), type: 'rating', title: 'Announced' });
  for (const socket of [carolSocket, daveSocket]) {
    const announced = await received(socket, 'new_project', (x) => x._id === p._id);
    checkSocketEvent('new_project', announced);
    assert.deepEqual(announced, p);
  }
  const quiet = await createProject({ category: category(), title: 'Not yet', status: 'paused' });

  const c = await submitted('dave', p._id, { rating: 4 });
  assert.equal((await review(c._id, { status: 'approved' })).status, 200);
  const wallet = await received(daveSocket, 'wallet_update', (x) => x.transaction.source.reference === p._id);
  checkSocketEvent('wallet_update', wallet);
  assert.equal(wallet.transaction.type, 'earning');
  assert.equal(wallet.transaction.amount, 50);
  const note = await received(daveSocket, 'new_notification', (x) => x.data.completionId === c._id);
  checkSocketEvent('new_notification', note);
  assert.equal(note.title, 'Reward approved');
  assert.ok(!carolSocket.seen.some((e) => e.name === 'new_project' && e.payload._id === quiet._id), 'a paused one is not');
  assert.ok(!carolSocket.seen.some((e) => e.name !== 'new_project'), "carol hears nothing of dave's review");
});
