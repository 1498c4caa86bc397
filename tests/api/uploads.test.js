// Profile pictures: POST /users/upload-avatar (multipart, sniffed, per-route body limit) and the
// files served back at GET /uploads/:file (types, caching, byte ranges, no path traversal).
// Every response is checked against docs/openapi.yaml.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { assertProblem, call } from './support/assert.js';
import { form } from './support/forms.js';
import { gif, jpeg, png, pngOfSize, script, svg, webp } from './support/images.js';
import { checkResponse } from './support/openapi.js';
import { connect } from './support/raw.js';
import { startServer } from './support/server.js';
import { signIn, signInEnv } from './support/users.js';

const phones = { avatar: '+919999930001', types: '+919999930002', limits: '+919999930003' };
const namePattern = /^\/uploads\/[0-9a-f]{32}\.(jpg|png|webp)$/;

let server;
let uploadDir;
let workDir;
const tokens = {};

before(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'superapp-uploads-test-'));
  uploadDir = path.join(workDir, 'uploads');
  server = await startServer({ env: { ...signInEnv(Object.values(phones)), UPLOAD_DIR: uploadDir } });
  for (const [name, phone] of Object.entries(phones)) tokens[name] = await signIn(server.url, phone);
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
  fs.rmSync(workDir, { recursive: true, force: true });
});

const upload = (who, body, options = {}) =>
  call(server.url, 'POST', '/api/v1/users/upload-avatar', { token: tokens[who], body, ...options });

const uploadFile = (who, bytes, filename = 'me.jpg', type = 'image/jpeg') =>
  upload(who, form([['avatar', bytes, filename, type]]));

const stored = () => fs.existsSync(uploadDir) ? fs.readdirSync(uploadDir).sort() : [];

// GET of an upload, checked, with the body as bytes.
async function fetchUpload(urlPath, headers = {}) {
  const res = await fetch(new URL(urlPath, server.url), { headers });
  const bytes = Buffer.from(await res.arrayBuffer());
  const contentType = res.headers.get('content-type');
  const body = /json/.test(contentType ?? '') ? JSON.parse(bytes.toString('utf8')) : bytes.toString('latin1');
  checkResponse('GET', urlPath, res.status, body, contentType ? { contentType } : {});
  return { status: res.status, headers: res.headers, bytes, body };
}

test('an uploaded PNG becomes the avatar and is served back as it was sent', async () => {
  const res = await uploadFile('avatar', png, 'me.png', 'image/png');
  assert.equal(res.status, 200, res.text);
  const avatar = res.body.profile.avatar;
  assert.match(avatar, namePattern);
  assert.ok(avatar.endsWith('.png'));
  assert.equal(res.body.phoneNumber, phones.avatar);
  assert.deepEqual(stored(), [path.basename(avatar)], 'one file, no temporary file left behind');

  const served = await fetchUpload(avatar);
  assert.equal(served.status, 200);
  assert.deepEqual(served.bytes, png);
  assert.equal(served.headers.get('content-type'), 'image/png');
  assert.equal(served.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(served.headers.get('accept-ranges'), 'bytes');
  assert.match(served.headers.get('etag'), /^"[0-9a-f]{32}"$/);

  const profile = await call(server.url, 'GET', '/api/v1/users/profile', { token: tokens.avatar });
  assert.equal(profile.body.profile.avatar, avatar);
});

test('a new avatar replaces the old one, whose file is removed', async () => {
  const first = await uploadFile('avatar', jpeg, 'a.jpg', 'image/jpeg');
  assert.equal(first.status, 200, first.text);
  assert.ok(first.body.profile.avatar.endsWith('.jpg'));
  const second = await uploadFile('avatar', webp, 'b.webp', 'image/webp');
  assert.equal(second.status, 200, second.text);
  assert.ok(second.body.profile.avatar.endsWith('.webp'));
  assert.notEqual(second.body.profile.avatar, first.body.profile.avatar);

  assert.deepEqual(stored(), [path.basename(second.body.profile.avatar)]);
  const old = await fetchUpload(first.body.profile.avatar);
  assert.equal(old.status, 404);
  const current = await fetchUpload(second.body.profile.avatar);
  assert.equal(current.headers.get('content-type'), 'image/webp');
  assert.deepEqual(current.bytes, webp);
});

test('the type comes from the content, not the name: a PNG named .jpg is kept as .png', async () => {
  const res = await uploadFile('types', png, 'holiday.jpg', 'image/jpeg');
  assert.equal(res.status, 200, res.text);
  assert.ok(res.body.profile.avatar.endsWith('.png'));
  assert.equal((await fetchUpload(res.body.profile.avatar)).headers.get('content-type'), 'image/png');
});

test('a file that is not a JPEG, PNG or WebP image is refused with 415, whatever its name says', async () => {
  const before = (await call(server.url, 'GET', '/api/v1/users/profile', { token: tokens.types })).body.profile.avatar;
  const files = stored();
  for (const [bytes, name, type, found] of [
    [script, 'photo.jpg', 'image/jpeg', 'text/x-shellscript'],
    [gif, 'anim.gif', 'image/gif', 'image/gif'],
    [svg, 'logo.png', 'image/png', 'image/svg+xml'],
    [Buffer.from('just some text'), 'notes.webp', 'image/webp', 'text/plain'],
  ]) {
    const res = await uploadFile('types', bytes, name, type);
    const problem = assertProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    assert.ok(problem.detail.includes(found), `${name}: ${problem.detail}`);
  }
  const after = (await call(server.url, 'GET', '/api/v1/users/profile', { token: tokens.types })).body.profile.avatar;
  assert.equal(after, before, 'the avatar did not change');
  assert.deepEqual(stored(), files, 'nothing was written');
});

test('a missing, empty or repeated avatar field is 422 naming avatar', async () => {
  const missing = await upload('types', form([['photo', png, 'me.png', 'image/png'], ['caption', 'hi']]));
  assert.deepEqual(assertProblem(missing, 422, 'VALIDATION_FAILED').errors.map((e) => e.field), ['avatar']);
  const empty = await uploadFile('types', Buffer.alloc(0), 'empty.png', 'image/png');
  assert.match(assertProblem(empty, 422, 'VALIDATION_FAILED').errors[0].message, /empty/);
  const twice = await upload('types', form([['avatar', png, 'a.png', 'image/png'], ['avatar', png, 'b.png', 'image/png']]));
  assert.match(assertProblem(twice, 422, 'VALIDATION_FAILED').errors[0].message, /once/);
});

test('a body that is not multipart/form-data is 415; a malformed one is 400 saying what is wrong', async () => {
  const json = await upload('types', { avatar: png.toString('base64') });
  assertProblem(json, 415, 'UNSUPPORTED_MEDIA_TYPE');

  const cases = [
    ['multipart/form-data', '--x\r\n', /no boundary/],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="avatar"\r\n\r\nabc', /closing boundary/],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Type: image/png\r\n\r\nabc\r\n--x--', /no Content-Disposition/],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data\r\n\r\nabc\r\n--x--', /no field name/],
    ['multipart/form-data; boundary=x', `${'--x\r\nContent-Disposition: form-data; name="f"\r\n\r\n1\r\n'.repeat(9)}--x--`, /more than 8 parts/],
  ];
  for (const [type, body, message] of cases) {
    const res = await upload('types', body, { headers: { 'content-type': type } });
    const problem = assertProblem(res, 400, 'MALFORMED_MULTIPART');
    assert.match(problem.detail, message);
  }
});

test('uploading needs a bearer token', async () => {
  const res = await call(server.url, 'POST', '/api/v1/users/upload-avatar', { body: form([['avatar', png, 'me.png', 'image/png']]) });
  assert.equal(res.status, 401);
});

test('the upload route has its own body limit: 2 MiB passes, an image over 5 MiB is 413', async () => {
  const twoMiB = await uploadFile('limits', pngOfSize(2 * 1024 * 1024), 'big.png', 'image/png');
  assert.equal(twoMiB.status, 200, `a 2 MiB image is over the 1 MiB JSON limit but within the route's: ${twoMiB.text.slice(0, 300)}`);
  const exact = await uploadFile('limits', pngOfSize(5 * 1024 * 1024), 'max.png', 'image/png');
  assert.equal(exact.status, 200, `exactly 5 MiB is allowed: ${exact.text.slice(0, 300)}`);

  const justOver = await uploadFile('limits', pngOfSize(5 * 1024 * 1024 + 1), 'over.png', 'image/png');
  assert.match(assertProblem(justOver, 413, 'PAYLOAD_TOO_LARGE').detail, /5 MiB/);

  const avatar = (await call(server.url, 'GET', '/api/v1/users/profile', { token: tokens.limits })).body.profile.avatar;
  assert.equal((await fetchUpload(avatar)).bytes.length, 5 * 1024 * 1024, 'the last accepted image is the avatar');
});

test('an upload announcing more than the route allows is refused with 413 before its body is sent', async () => {
  const conn = await connect(server.port);
  try {
    await conn.write('POST /api/v1/users/upload-avatar HTTP/1.1\r\nHost: x\r\n' +
      'Content-Type: multipart/form-data; boundary=x\r\nExpect: 100-continue\r\n' +
      `Content-Length: ${6 * 1024 * 1024}\r\n\r\n`);
    const response = await conn.readResponse();
    assert.equal(response.status, 413);
    const body = JSON.parse(response.text);
    checkResponse('POST', '/api/v1/users/upload-avatar', 413, body, { contentType: response.headers['content-type'] });
    assert.equal(body.code, 'PAYLOAD_TOO_LARGE');
    assert.equal(await conn.waitClosed(5000), true, 'the server closes the connection');
  } finally {
    conn.close();
  }
});

test('a client that sends Expect: 100-continue is told to go on, then answered', async () => {
  const conn = await connect(server.port);
  try {
    const body = '--x\r\nContent-Disposition: form-data; name="avatar"; filename="a.png"\r\n\r\nabc\r\n--x--\r\n';
    await conn.write('POST /api/v1/users/upload-avatar HTTP/1.1\r\nHost: x\r\n' +
      'Content-Type: multipart/form-data; boundary=x\r\nExpect: 100-continue\r\n' +
      `Content-Length: ${body.length}\r\n\r\n`);
    await conn.readUntil((buf) => buf.includes('\r\n\r\n'));
    assert.match(conn.text, /^HTTP\/1\.1 100 Continue\r\n\r\n/);
    conn.buffer = conn.buffer.subarray('HTTP/1.1 100 Continue\r\n\r\n'.length);
    await conn.write(body);
    const response = await conn.readResponse();
    assert.equal(response.status, 401, 'the body was read, then the missing token refused');
  } finally {
    conn.close();
  }
});

test('byte ranges: 206 with Content-Range, 416 past the end, the whole file otherwise', async () => {
  const res = await uploadFile('types', png, 'r.png', 'image/png');
  const avatar = res.body.profile.avatar;
  const etag = (await fetchUpload(avatar)).headers.get('etag');

  const head = await fetchUpload(avatar, { range: 'bytes=0-7' });
  assert.equal(head.status, 206);
  assert.equal(head.headers.get('content-range'), `bytes 0-7/${png.length}`);
  assert.deepEqual(head.bytes, png.subarray(0, 8));

  const tail = await fetchUpload(avatar, { range: 'bytes=-12' });
  assert.equal(tail.status, 206);
  assert.deepEqual(tail.bytes, png.subarray(png.length - 12));

  const open = await fetchUpload(avatar, { range: 'bytes=60-' });
  assert.equal(open.headers.get('content-range'), `bytes 60-${png.length - 1}/${png.length}`);
  assert.deepEqual(open.bytes, png.subarray(60));

  const clamped = await fetchUpload(avatar, { range: 'bytes=10-100000' });
  assert.equal(clamped.headers.get('content-range'), `bytes 10-${png.length - 1}/${png.length}`);

  const past = await fetchUpload(avatar, { range: `bytes=${png.length}-` });
  assert.equal(past.status, 416);
  assert.equal(past.body.code, 'RANGE_NOT_SATISFIABLE');
  assert.equal(past.headers.get('content-range'), `bytes */${png.length}`);

  for (const ignored of ['bytes=0-1,4-5', 'items=0-1', 'bytes=9-2', 'bytes=x-']) {
    const whole = await fetchUpload(avatar, { range: ignored });
    assert.equal(whole.status, 200, ignored);
    assert.deepEqual(whole.bytes, png);
  }

  const sameVersion = await fetchUpload(avatar, { range: 'bytes=0-3', 'if-range': etag });
  assert.equal(sameVersion.status, 206);
  const otherVersion = await fetchUpload(avatar, { range: 'bytes=0-3', 'if-range': '"0123456789abcdef0123456789abcdef"' });
  assert.equal(otherVersion.status, 200);

  const notModified = await fetchUpload(avatar, { 'if-none-match': etag });
  assert.equal(notModified.status, 304);

  const headRes = await fetch(new URL(avatar, server.url), { method: 'HEAD' });
  assert.equal(headRes.status, 200);
  assert.equal(headRes.headers.get('content-length'), String(png.length));
  assert.equal((await headRes.arrayBuffer()).byteLength, 0);
});

// The server's resident memory now and its peak since the last reset (kB, from /proc).
function memoryKb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)[1]);
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

test('a large file is streamed from disk: downloads and ranges of it leave the server\'s memory flat', async () => {
  // Written straight into the upload directory, as a stored video is; an odd size, so that no
  // range ends on a chunk boundary.
  const size = 48 * 1024 * 1024 + 12345;
  const bytes = crypto.randomBytes(size);
  const name = `${crypto.randomBytes(16).toString('hex')}.mp4`;
  fs.mkdirSync(uploadDir, { recursive: true });
  fs.writeFileSync(path.join(uploadDir, name), bytes);
  const url = new URL(`/uploads/${name}`, server.url);
  const sha = (buf) => crypto.createHash('sha256').update(buf).digest('hex');

  // Warm up the connection path, then reset the peak (a write of 5 to clear_refs, Linux 4.0+).
  await (await fetch(url, { headers: { range: 'bytes=0-0' } })).arrayBuffer();
  fs.writeFileSync(`/proc/${server.proc.pid}/clear_refs`, '5');
  const before = memoryKb(server.proc.pid);

  const whole = await fetch(url);
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('content-type'), 'video/mp4');
  assert.equal(whole.headers.get('content-length'), String(size));
  assert.equal(whole.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(whole.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(whole.headers.get('content-encoding'), null);
  assert.equal(sha(Buffer.from(await whole.arrayBuffer())), sha(bytes));

  const range = async (value, first, last) => {
    const res = await fetch(url, { headers: { range: value } });
    assert.equal(res.status, 206, value);
    assert.equal(res.headers.get('content-range'), `bytes ${first}-${last}/${size}`, value);
    assert.equal(res.headers.get('content-length'), String(last - first + 1), value);
    const got = Buffer.from(await res.arrayBuffer());
    assert.equal(got.length, last - first + 1, value);
    assert.ok(got.equals(bytes.subarray(first, last + 1)), `${value}: the bytes of the file`);
  };
  await range('bytes=0-99', 0, 99);
  await range('bytes=20000000-29999999', 20000000, 29999999);
  await range('bytes=-1000', size - 1000, size - 1);
  await range(`bytes=${size - 1}-`, size - 1, size - 1);
  await range('bytes=0-', 0, size - 1);
  const past = await fetch(url, { headers: { range: `bytes=${size}-` } });
  assert.equal(past.status, 416);
  assert.equal(past.headers.get('content-range'), `bytes */${size}`);
  await past.arrayBuffer();
  const head = await fetch(url, { method: 'HEAD' });
  assert.equal(head.headers.get('content-length'), String(size));
  assert.equal((await head.arrayBuffer()).byteLength, 0);

  // Several downloads at once hold a chunk each, not a file each.
  const parallel = await Promise.all([1, 2, 3].map(async () => sha(Buffer.from(await (await fetch(url)).arrayBuffer()))));
  assert.deepEqual(parallel, [sha(bytes), sha(bytes), sha(bytes)]);

  const afterwards = memoryKb(server.proc.pid);
  const grownKb = afterwards.peak - before.rss;
  assert.ok(grownKb < size / 1024 / 4,
    `the peak resident memory grew by ${grownKb} kB while serving a ${Math.round(size / 1024)} kB file several times`);
});

test('nothing but a stored name is served: traversal, encodings and other names are 404', async () => {
  const res = await uploadFile('types', png, 't.png', 'image/png');
  const name = path.basename(res.body.profile.avatar);
  const stem = name.slice(0, 32);
  fs.writeFileSync(path.join(workDir, 'secret.txt'), 'top secret');
  // A link with a stored name's shape must not lead outside the directory.
  const linkName = `${'f'.repeat(32)}.png`;
  fs.symlinkSync(path.join(workDir, 'secret.txt'), path.join(uploadDir, linkName));

  const attempts = [
    '/uploads/../secret.txt',
    '/uploads/..%2fsecret.txt',
    '/uploads/..%2Fsecret.txt',
    '/uploads/%2e%2e/secret.txt',
    '/uploads/%2e%2e%2fsecret.txt',
    '/uploads/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    '/uploads/....//....//etc/passwd',
    '/uploads/%2fetc%2fpasswd',
    '/uploads//etc/passwd',
    '/uploads/%5c..%5csecret.txt',
    '/uploads/secret.txt',
    `/uploads/${name}%00.txt`,
    `/uploads/${stem}%00.png`,
    `/uploads/${stem.toUpperCase()}.png`,
    `/uploads/${stem}.PNG`,
    `/uploads/${stem}.svg`,
    `/uploads/${stem}`,
    `/uploads/.tmp-${name}`,
    `/uploads/${linkName}`,
    '/uploads/',
    '/uploads/.',
    '/uploads/..',
  ];
  for (const target of attempts) {
    const conn = await connect(server.port);
    try {
      await conn.write(`GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
      const response = await conn.readResponse();
      assert.ok([400, 404].includes(response.status), `${target}: ${response.status} ${response.text.slice(0, 200)}`);
      assert.doesNotMatch(response.text, /top secret|root:/, target);
      checkResponse('GET', target.split('%')[0], response.status, JSON.parse(response.text),
        { contentType: response.headers['content-type'] });
    } finally {
      conn.close();
    }
  }
  assert.equal((await fetchUpload(`/uploads/${name}`)).status, 200, 'the stored name itself is served');
});
