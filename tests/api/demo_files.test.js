// `superapp seed` writes the files its demo rows point at into UPLOAD_DIR: a PNG icon per catalog
// category, one PNG per category for its products, and for each demo video an MP4 and its PNG
// thumbnail; GET /uploads/:file serves them. The seed runs into a database of this file's own, so
// that it finds no demo rows of an earlier seed.
import { execFile } from 'node:child_process';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { call } from './support/assert.js';
import { repoRoot, startServer } from './support/server.js';

const run = promisify(execFile);
const bin = process.env.SUPERAPP_BIN || path.join(repoRoot, 'build', 'superapp');
const psqlBin = path.join(process.env.PG_BIN_DIR || '/usr/lib/postgresql/15/bin', 'psql');
const merchantId = '64b7f0a1c2d3e4f5a6b7c802'; // the demo videos' creator

let server;
let workDir;
let databaseUrl;
let dbName;
let seedSeconds;
const uploads = () => path.join(workDir, 'uploads');

async function psql(url, text) {
  const { stdout } = await run(psqlBin, [url, '-v', 'ON_ERROR_STOP=1', '-XAtqc', text]);
  return stdout.trim();
}

const seed = (uploadDir) => run(bin, ['seed'], { env: { ...process.env, DATABASE_URL: databaseUrl, UPLOAD_DIR: uploadDir } });

before(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'superapp-demo-files-test-'));
  dbName = `demo_files_${crypto.randomBytes(4).toString('hex')}`;
  await psql(process.env.DATABASE_URL, `CREATE DATABASE ${dbName}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${dbName}`;
  databaseUrl = url.toString();
  await run(bin, ['migrate'], { env: { ...process.env, DATABASE_URL: databaseUrl } });
  const started = Date.now();
  await seed(uploads());
  seedSeconds = (Date.now() - started) / 1000;
  server = await startServer({ env: { DATABASE_URL: databaseUrl, UPLOAD_DIR: uploads() } });
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
  if (dbName) await psql(process.env.DATABASE_URL, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

const api = async (p) => {
  const res = await call(server.url, 'GET', `/api/v1${p}`);
  assert.equal(res.status, 200, `${p}: ${res.text}`);
  return res.body;
};

/** GET of a demo file: 200, its type, immutable caching; resolves to its bytes. */
async function served(url, type) {
  assert.match(url, /^\/uploads\/[0-9a-f]{32}\.(png|mp4)$/, 'a stored name under /uploads/');
  const res = await fetch(new URL(url, server.url));
  assert.equal(res.status, 200, url);
  assert.equal(res.headers.get('content-type'), type, url);
  assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  return Buffer.from(await res.arrayBuffer());
}

/** The width and height a PNG's IHDR states, after checking its signature. */
function pngSize(bytes) {
  assert.deepEqual(bytes.subarray(0, 8), Buffer.from('89504e470d0a1a0a', 'hex'), 'a PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

async function demoRows() {
  const categories = (await api('/categories?flat=true')).items;
  const products = (await api('/products?limit=100')).items;
  const videos = (await api(`/videos?creator=${merchantId}&limit=100`)).items;
  return { categories, products, videos };
}

test('every category icon, product image, demo video and thumbnail the seed points at is served', async () => {
  const { categories, products, videos } = await demoRows();
  assert.ok(categories.length >= 20, `${categories.length} categories`);
  for (const c of categories) {
    assert.deepEqual(pngSize(await served(c.icon, 'image/png')), [128, 128], c.slug);
  }

  assert.ok(products.length > 0);
  const images = new Map(); // URL -> the category of the products that show it
  for (const p of products) {
    assert.equal(p.images.length, 1);
    const category = images.get(p.images[0]) ?? p.category;
    assert.equal(category, p.category, 'products of one category share its image, and only they do');
    images.set(p.images[0], p.category);
  }
  for (const url of images.keys()) assert.deepEqual(pngSize(await served(url, 'image/png')), [600, 600]);

  const videoCategories = (await api('/videos/categories')).items;
  assert.equal(videos.length, 2 * videoCategories.length, 'two demo videos a video category');
  for (const v of videos) {
    const mp4 = await served(v.videoUrl, 'video/mp4');
    assert.equal(mp4.subarray(4, 8).toString('latin1'), 'ftyp', `${v.videoUrl} is an MP4`);
    assert.ok(mp4.length > 1000 && mp4.length < 2_000_000, `${mp4.length} bytes`);
    assert.equal(v.duration, 3, 'the duration read from the file');
    assert.deepEqual(pngSize(await served(v.thumbnail, 'image/png')), [270, 480]);
    assert.ok(v.products.length >= 1, `${v.title} in ${v.category} links demo products`);
    for (const id of v.products) assert.equal((await api(`/products/${id}`))._id, id);
    const detail = await api(`/videos/${v._id}`);
    assert.deepEqual(detail.products.map((p) => p._id), v.products, 'the products expand on the detail');
  }
  // A player seeks: the first bytes of a video come as a range.
  const range = await fetch(new URL(videos[0].videoUrl, server.url), { headers: { range: 'bytes=0-15' } });
  assert.equal(range.status, 206);
  assert.equal(Buffer.from(await range.arrayBuffer()).subarray(4, 8).toString('latin1'), 'ftyp');
});

test('the seed writes one file per category and video, the same bytes every time, quickly', async () => {
  const { categories, products, videos } = await demoRows();
  const referenced = new Set([
    ...categories.map((c) => c.icon),
    ...products.flatMap((p) => p.images),
    ...videos.flatMap((v) => [v.videoUrl, v.thumbnail]),
  ].map((url) => path.basename(url)));
  const written = fs.readdirSync(uploads()).filter((name) => !name.startsWith('.'));
  assert.deepEqual(written.sort(), [...referenced].sort(), 'exactly the files the rows point at, nothing else');
  assert.ok(seedSeconds < 60, `the small seed took ${seedSeconds} s`);

  // Seeded again into another directory: the rows are there already (nothing added), and the same
  // files come out byte for byte.
  const again = path.join(workDir, 'again');
  const { stdout } = await seed(again);
  assert.match(stdout, /seeded videos\s+0 rows/);
  assert.match(stdout, /seeded catalog\s+0 rows/);
  const sha = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  const second = fs.readdirSync(again).filter((name) => !name.startsWith('.'));
  assert.deepEqual(second.sort(), written.sort());
  for (const name of written) assert.equal(sha(path.join(again, name)), sha(path.join(uploads(), name)), name);
  assert.equal((await demoRows()).videos.length, videos.length, 'no demo video was added twice');
});
