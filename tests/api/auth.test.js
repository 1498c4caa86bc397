// Phone/OTP login, token refresh and logout, roles and the admin's user list, against the real
// binary and database. Every JSON answer is checked against docs/openapi.yaml.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

import { assertProblem, call } from './support/assert.js';
import {
  authEnv, codeFromLog, jwtPayload, login, randomIp, randomPhone, signJwt, testJwtSecret,
} from './support/auth.js';
import { repoRoot, startServer } from './support/server.js';

const run = promisify(execFile);
const bin = process.env.SUPERAPP_BIN || path.join(repoRoot, 'build', 'superapp');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Runs SQL on the test database (for data no route writes yet, such as names).
async function sql(statement) {
  await run('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-c', statement, process.env.DATABASE_URL]);
}

const testNumber = randomPhone();
const testCode = '246810';
const adminPhone = randomPhone();

// main: the defaults (60 s cooldown, 5 tries, 5 codes per number per hour), a test number, an
// admin number, and no per-address limit to speak of.
// fast: no cooldown, 4 s codes, 1 s refresh grace, 3 codes per address per hour.
let main;
let fast;
before(async () => {
  [main, fast] = await Promise.all([
    startServer({
      env: authEnv({
        OTP_TEST_NUMBERS: `${testNumber}:${testCode}`,
        ADMIN_PHONES: adminPhone,
        OTP_PER_IP_PER_HOUR: 100000,
      }),
    }),
    startServer({
      env: authEnv({
        OTP_RESEND_SECONDS: 0, OTP_TTL_SECONDS: 4, REFRESH_GRACE_SECONDS: 1, OTP_PER_IP_PER_HOUR: 3,
      }),
    }),
  ]);
});
after(async () => {
  for (const server of [main, fast]) {
    if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
  }
});

// --- calls, each checked against openapi.yaml ---------------------------------------------

function sendOtp(server, phoneNumber, { ip = randomIp(), headers = {} } = {}) {
  return call(server.url, 'POST', '/api/v1/auth/send-otp',
    { body: { phoneNumber }, headers: { 'x-forwarded-for': ip, ...headers } });
}

function verifyOtp(server, phoneNumber, otp, { ip = randomIp() } = {}) {
  return call(server.url, 'POST', '/api/v1/auth/verify-otp',
    { body: { phoneNumber, otp }, headers: { 'x-forwarded-for': ip } });
}

function refresh(server, refreshToken) {
  return call(server.url, 'POST', '/api/v1/auth/refresh', { body: { refreshToken } });
}

// 403 for a user's token (authenticated, not an admin), 200 for an admin's, 401 when not valid.
function listUsers(server, token, query = '') {
  return call(server.url, 'GET', `/api/v1/admin/users${query}`, { token });
}

function rateHeaders(res) {
  return {
    limit: Number(res.headers.get('ratelimit-limit')),
    remaining: Number(res.headers.get('ratelimit-remaining')),
    reset: Number(res.headers.get('ratelimit-reset')),
  };
}

function otherCode(code) {
  return String((Number(code) + 1) % 1e6).padStart(6, '0');
}

// --- login ----------------------------------------------------------------------------------

describe('login', () => {
  test('a test number logs in with its fixed code and no SMS, creating the user', async () => {
    const since = main.logs.length;
    const sent = await sendOtp(main, testNumber);
    assert.equal(sent.status, 200, sent.text);
    assert.equal(sent.body.phoneNumber, testNumber);
    assert.equal(sent.body.expiresIn, 300);
    assert.equal(sent.body.resendIn, 60);
    assert.ok(!sent.text.includes(testCode), 'the answer never holds the code');
    assert.ok(!main.logs.slice(since).some((e) => e.json?.msg === 'otp code'), 'nothing was sent or logged');

    const res = await verifyOtp(main, testNumber, testCode);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.body.isNewUser, true);
    assert.equal(res.body.tokenType, 'Bearer');
    assert.equal(res.body.expiresIn, 900);
    const { user } = res.body;
    assert.equal(user.phoneNumber, testNumber);
    assert.equal(user.role, 'user');
    assert.equal(user.auth.isVerified, true);
    assert.ok(Math.abs(Date.parse(user.auth.lastLogin) - Date.now()) < 60_000, 'lastLogin is now');

    const claims = jwtPayload(res.body.accessToken);
    assert.equal(claims.sub, user._id);
    assert.equal(claims.role, 'user');
    assert.equal(claims.exp - claims.iat, 900);
    assert.match(claims.jti, /^[0-9a-f]{32}$/);
    assertProblem(await listUsers(main, res.body.accessToken), 403, 'FORBIDDEN');
  });

  test('the log provider writes the code to the server log; the code logs in once', async () => {
    const phone = randomPhone();
    const since = main.logs.length;
    const sent = await sendOtp(main, phone);
    assert.equal(sent.status, 200, sent.text);
    const code = await codeFromLog(main, phone, since);
    assert.match(code, /^[0-9]{6}$/);
    assert.ok(!sent.text.includes(code), 'the answer never holds the code');
    assert.equal(rateHeaders(sent).limit, 5);
    assert.equal(rateHeaders(sent).remaining, 4);

    const first = await verifyOtp(main, phone, code);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.isNewUser, true);
    assertProblem(await verifyOtp(main, phone, code), 401, 'OTP_INVALID');
  });

  test('logging in again finds the same user and moves lastLogin', async () => {
    const phone = randomPhone();
    const first = await login(fast, { phone });
    await sleep(20);
    const second = await login(fast, { phone });
    assert.equal(second.isNewUser, false);
    assert.equal(second.user._id, first.user._id);
    assert.ok(Date.parse(second.user.auth.lastLogin) > Date.parse(first.user.auth.lastLogin));
  });

  test('the /api alias serves the same routes', async () => {
    const res = await call(main.url, 'POST', '/api/auth/send-otp',
      { body: { phoneNumber: randomPhone() }, headers: { 'x-forwarded-for': randomIp() } });
    assert.equal(res.status, 200, res.text);
  });

  test('every usual way of writing a number is read as E.164', async () => {
    const written = (n) => [`+91 ${n.slice(0, 5)} ${n.slice(5)}`, `0${n.slice(0, 5)} ${n.slice(5)}`, n,
      `91${n}`, `+91-${n.slice(0, 5)}-${n.slice(5)}`, `0091 ${n}`, `(+91) ${n}`];
    for (const make of written('0000000000').map((_, i) => (n) => written(n)[i])) {
      const national = randomPhone().slice(3);
      const res = await sendOtp(main, make(national));
      assert.equal(res.status, 200, `${make(national)}: ${res.text}`);
      assert.equal(res.body.phoneNumber, `+91${national}`);
    }
  });

  test('a number that is not a plausible mobile number is 422 naming phoneNumber', async () => {
    for (const phoneNumber of ['', '12345', '987654321', '98765432100', '5876543210', '0876543210',
      '+91 5876543210', '+91 98765 4321', '98765 4321O', 'nine eight seven', '+91+9876543210',
      '++919876543210', '+0 98765 43210', '9876543210 ext 1', '१२३४५६७८९०', 'x'.repeat(100)]) {
      const problem = assertProblem(await sendOtp(main, phoneNumber), 422, 'VALIDATION_FAILED');
      assert.deepEqual(problem.errors.map((e) => e.field), ['phoneNumber'], JSON.stringify(phoneNumber));
    }
    for (const body of [{}, { phoneNumber: 9876543210 }, { phoneNumber: null }, { phoneNumber: ['9876543210'] }]) {
      const res = await call(main.url, 'POST', '/api/v1/auth/send-otp', { body });
      const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
      assert.equal(problem.errors[0].field, 'phoneNumber', JSON.stringify(body));
    }
    const problem = assertProblem(await verifyOtp(main, '12345', '123456'), 422, 'VALIDATION_FAILED');
    assert.equal(problem.errors[0].field, 'phoneNumber');
  });

  test('a code that is not six digits is 422 naming otp', async () => {
    for (const otp of ['12345', '1234567', 'abcdef', '12 345', '']) {
      const problem = assertProblem(await verifyOtp(main, randomPhone(), otp), 422, 'VALIDATION_FAILED');
      assert.deepEqual(problem.errors.map((e) => e.field), ['otp'], JSON.stringify(otp));
    }
    const res = await call(main.url, 'POST', '/api/v1/auth/verify-otp', { body: { phoneNumber: 'x', otp: 123456 } });
    const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
    assert.deepEqual(problem.errors.map((e) => e.field).sort(), ['otp', 'phoneNumber']);
  });

  test('a body that is not JSON is 415, malformed JSON 400', async () => {
    assertProblem(await call(main.url, 'POST', '/api/v1/auth/send-otp',
      { body: 'phoneNumber=9876543210', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    415, 'UNSUPPORTED_MEDIA_TYPE');
    assertProblem(await call(main.url, 'POST', '/api/v1/auth/send-otp',
      { body: '{"phoneNumber":', headers: { 'content-type': 'application/json' } }), 400, 'MALFORMED_JSON');
  });

  test('a code for no waiting request is refused', async () => {
    assertProblem(await verifyOtp(main, randomPhone(), '123456'), 401, 'OTP_INVALID');
  });

  test('an expired code is refused', async () => {
    const phone = randomPhone();
    const since = fast.logs.length;
    const sent = await sendOtp(fast, phone);
    assert.equal(sent.status, 200, sent.text);
    assert.equal(sent.body.expiresIn, 4);
    const code = await codeFromLog(fast, phone, since);
    await sleep(4300);
    assertProblem(await verifyOtp(fast, phone, code), 401, 'OTP_EXPIRED');
  });

  test('five wrong codes kill the code: the right one is refused after them', async () => {
    const phone = randomPhone();
    const since = main.logs.length;
    assert.equal((await sendOtp(main, phone)).status, 200);
    const code = await codeFromLog(main, phone, since);
    for (let tries = 1; tries <= 4; tries++) {
      const res = await verifyOtp(main, phone, otherCode(code));
      assertProblem(res, 401, 'OTP_INVALID');
      assert.equal(rateHeaders(res).limit, 5);
      assert.equal(rateHeaders(res).remaining, 5 - tries);
    }
    const fifth = await verifyOtp(main, phone, otherCode(code));
    assertProblem(fifth, 401, 'OTP_ATTEMPTS_EXCEEDED');
    assert.equal(rateHeaders(fifth).remaining, 0);
    assertProblem(await verifyOtp(main, phone, code), 401, 'OTP_ATTEMPTS_EXCEEDED');
  });

  test('a new code replaces the previous one', async () => {
    const phone = randomPhone();
    let since = fast.logs.length;
    assert.equal((await sendOtp(fast, phone)).status, 200);
    const first = await codeFromLog(fast, phone, since);
    since = fast.logs.length;
    assert.equal((await sendOtp(fast, phone)).status, 200);
    const second = await codeFromLog(fast, phone, since);
    if (first !== second) assertProblem(await verifyOtp(fast, phone, first), 401, 'OTP_INVALID');
    assert.equal((await verifyOtp(fast, phone, second)).status, 200);
  });
});

// --- limits -----------------------------------------------------------------------------------

describe('limits', () => {
  test('asking again within the cooldown is 429 with Retry-After', async () => {
    const phone = randomPhone();
    assert.equal((await sendOtp(main, phone)).status, 200);
    const res = await sendOtp(main, phone, { ip: randomIp() });
    assertProblem(res, 429, 'OTP_RESEND_TOO_SOON');
    const retryAfter = Number(res.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal(rateHeaders(res).limit, 5);
    assert.equal(rateHeaders(res).remaining, 4);
  });

  test('a number gets at most 5 codes an hour, whatever address asks', async () => {
    const phone = randomPhone();
    const ips = [randomIp(), randomIp()];
    for (let i = 0; i < 5; i++) {
      const res = await sendOtp(fast, phone, { ip: ips[i % 2] });
      assert.equal(res.status, 200, `send ${i + 1}: ${res.text}`);
      assert.equal(rateHeaders(res).remaining, 4 - i);
    }
    const res = await sendOtp(fast, phone, { ip: randomIp() });
    assertProblem(res, 429, 'OTP_PHONE_LIMIT');
    const retryAfter = Number(res.headers.get('retry-after'));
    assert.ok(retryAfter > 3500 && retryAfter <= 3600, `Retry-After ${retryAfter}`);
    assert.equal(rateHeaders(res).remaining, 0);
  });

  test('with TRUST_PROXY=1 the per-address limit counts the X-Forwarded-For client', async () => {
    const ip = randomIp();
    for (let i = 0; i < 3; i++) assert.equal((await sendOtp(fast, randomPhone(), { ip })).status, 200);
    const refused = await sendOtp(fast, randomPhone(), { ip });
    assertProblem(refused, 429, 'OTP_IP_LIMIT');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    // A proxy that appends the client to a forged list: the last entry is the client.
    const chained = await sendOtp(fast, randomPhone(), { headers: { 'x-forwarded-for': `${ip}, ${randomIp()}` } });
    assert.equal(chained.status, 200, chained.text);
    assert.equal((await sendOtp(fast, randomPhone(), { ip: randomIp() })).status, 200, 'another client is not limited');
  });

  test('without TRUST_PROXY the per-address limit ignores X-Forwarded-For', async () => {
    const server = await startServer({ env: authEnv({ TRUST_PROXY: undefined, OTP_PER_IP_PER_HOUR: 2 }) });
    try {
      // Every request comes from 127.0.0.1 whatever it claims; other tests' codes may count too,
      // so the limit is reached within three.
      let refused;
      for (let i = 0; i < 3 && !refused; i++) {
        const res = await sendOtp(server, randomPhone(), { ip: randomIp() });
        if (res.status === 429) refused = res;
        else assert.equal(res.status, 200, res.text);
      }
      assert.ok(refused, 'the third code from one address is refused');
      assertProblem(refused, 429, 'OTP_IP_LIMIT');
      assertProblem(await sendOtp(server, randomPhone(), { ip: randomIp() }), 429, 'OTP_IP_LIMIT');
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });
});

// --- SMS gateway ------------------------------------------------------------------------------

describe('http OTP provider', () => {
  let gateway;
  let gatewayUrl;
  let server;
  let mode = 'ok';
  const received = [];
  before(async () => {
    gateway = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        if (mode === 'drop') {
          req.socket.destroy();
          return;
        }
        received.push({ method: req.method, url: req.url, headers: req.headers, body: JSON.parse(body) });
        res.writeHead(mode === 'ok' ? 202 : 500, { 'content-type': 'application/json' });
        res.end(mode === 'ok' ? '{"queued":true}' : '{"error":"upstream"}');
      });
    });
    await new Promise((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    gatewayUrl = `http://127.0.0.1:${gateway.address().port}/v1/sms`;
    server = await startServer({
      env: authEnv({
        OTP_PROVIDER: 'http', SMS_GATEWAY_URL: gatewayUrl, SMS_API_KEY: 'gateway-key-123',
        OTP_RESEND_SECONDS: 0, OTP_PER_PHONE_PER_HOUR: 2, SMS_TIMEOUT_MS: 3000,
      }),
    });
  });
  after(async () => {
    if (server) assert.equal(await server.stop(), 0);
    await new Promise((resolve) => gateway.close(resolve));
  });

  test('the code is POSTed as JSON with the API key and logs in', async () => {
    mode = 'ok';
    const phone = randomPhone();
    const sent = await sendOtp(server, phone);
    assert.equal(sent.status, 200, sent.text);
    const message = received.at(-1);
    assert.equal(message.method, 'POST');
    assert.equal(message.url, '/v1/sms');
    assert.equal(message.headers['x-api-key'], 'gateway-key-123');
    assert.match(message.headers['content-type'], /^application\/json/);
    assert.equal(message.body.to, phone);
    assert.match(message.body.code, /^[0-9]{6}$/);
    assert.ok(message.body.message.includes(message.body.code));
    assert.ok(!server.logs.some((e) => e.json?.otp !== undefined), 'the code is not in the log');
    const res = await verifyOtp(server, phone, message.body.code);
    assert.equal(res.status, 200, res.text);
  });

  test('a gateway error is 502 and consumes nothing: the old code works, no limit is used', async () => {
    mode = 'ok';
    const phone = randomPhone();
    assert.equal((await sendOtp(server, phone)).status, 200);
    const code = received.at(-1).body.code;

    mode = 'fail';
    for (let i = 0; i < 3; i++) assertProblem(await sendOtp(server, phone), 502, 'SMS_GATEWAY_ERROR');
    mode = 'drop';
    const unavailable = await sendOtp(server, phone);
    assertProblem(unavailable, 503, 'SMS_UNAVAILABLE');
    assert.ok(Number(unavailable.headers.get('retry-after')) > 0);

    const res = await verifyOtp(server, phone, code);
    assert.equal(res.status, 200, `the code sent before the failures still works: ${res.text}`);
    mode = 'ok';
    assert.equal((await sendOtp(server, phone)).status, 200, 'the failures used none of the 2 codes an hour');
    assertProblem(await sendOtp(server, phone), 429, 'OTP_PHONE_LIMIT');
  });
});

// --- tokens -----------------------------------------------------------------------------------

describe('tokens', () => {
  test('refresh returns a new pair; the new access token works', async () => {
    const session = await login(main);
    const res = await refresh(main, session.refreshToken);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.notEqual(res.body.refreshToken, session.refreshToken);
    assert.notEqual(res.body.accessToken, session.accessToken);
    assert.equal(jwtPayload(res.body.accessToken).sub, session.user._id);
    assertProblem(await listUsers(main, res.body.accessToken), 403, 'FORBIDDEN');
    const again = await refresh(main, res.body.refreshToken);
    assert.equal(again.status, 200, 'the new refresh token works once in turn');
  });

  test('a spent refresh token used again within the grace window gives the same successor', async () => {
    const session = await login(main); // main's grace window: the default 10 s
    const [first, second] = await Promise.all([refresh(main, session.refreshToken),
      refresh(main, session.refreshToken)]);
    assert.equal(first.status, 200, first.text);
    assert.equal(second.status, 200, second.text);
    assert.equal(first.body.refreshToken, second.body.refreshToken, 'one successor, never two live ones');
    assert.equal((await refresh(main, first.body.refreshToken)).status, 200);
  });

  test('refresh token reuse revokes the family', async () => {
    const session = await login(fast);
    const rotated = await refresh(fast, session.refreshToken);
    assert.equal(rotated.status, 200, rotated.text);
    await sleep(1300); // past the 1 s grace window of this server
    assertProblem(await refresh(fast, session.refreshToken), 401, 'REFRESH_TOKEN_REUSED');
    assertProblem(await refresh(fast, rotated.body.refreshToken), 401, 'REFRESH_TOKEN_REVOKED');
    assertProblem(await listUsers(fast, rotated.body.accessToken), 401, 'TOKEN_REVOKED');
    assertProblem(await listUsers(fast, session.accessToken), 401, 'TOKEN_REVOKED');
    const other = await login(fast, { phone: session.user.phoneNumber });
    assertProblem(await listUsers(fast, other.accessToken), 403, 'FORBIDDEN', 'a new login works');
  });

  test('unknown and malformed refresh tokens are 401; a missing one is 422', async () => {
    assertProblem(await refresh(main, 'A'.repeat(43)), 401, 'REFRESH_TOKEN_INVALID');
    assertProblem(await refresh(main, 'not a token'), 401, 'REFRESH_TOKEN_INVALID');
    const problem = assertProblem(await call(main.url, 'POST', '/api/v1/auth/refresh', { body: {} }),
      422, 'VALIDATION_FAILED');
    assert.equal(problem.errors[0].field, 'refreshToken');
  });

  test('logout with the access token kills it at once, and its refresh token', async () => {
    const session = await login(main);
    assertProblem(await listUsers(main, session.accessToken), 403, 'FORBIDDEN');
    const res = await call(main.url, 'POST', '/api/v1/auth/logout', { token: session.accessToken });
    assert.equal(res.status, 204, res.text);
    assertProblem(await listUsers(main, session.accessToken), 401, 'TOKEN_REVOKED');
    assertProblem(await refresh(main, session.refreshToken), 401, 'REFRESH_TOKEN_REVOKED');
  });

  test('logout with the refresh token alone ends the login and its access tokens', async () => {
    const session = await login(main);
    const rotated = await refresh(main, session.refreshToken);
    const res = await call(main.url, 'POST', '/api/v1/auth/logout', { body: { refreshToken: rotated.body.refreshToken } });
    assert.equal(res.status, 204, res.text);
    assertProblem(await refresh(main, rotated.body.refreshToken), 401, 'REFRESH_TOKEN_REVOKED');
    assertProblem(await listUsers(main, rotated.body.accessToken), 401, 'TOKEN_REVOKED');
    assertProblem(await listUsers(main, session.accessToken), 401, 'TOKEN_REVOKED');
  });

  test('logout without any token is 401; with unknown tokens it still succeeds', async () => {
    assertProblem(await call(main.url, 'POST', '/api/v1/auth/logout'), 401, 'UNAUTHORIZED');
    assertProblem(await call(main.url, 'POST', '/api/v1/auth/logout', { body: {} }), 401, 'UNAUTHORIZED');
    const res = await call(main.url, 'POST', '/api/v1/auth/logout', { body: { refreshToken: 'B'.repeat(43) } });
    assert.equal(res.status, 204);
  });

  test('tampered, unsigned, foreign and expired access tokens are all 401', async () => {
    const session = await login(main);
    const [header, , signature] = session.accessToken.split('.');
    const claims = jwtPayload(session.accessToken);
    const now = Math.floor(Date.now() / 1000);
    const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

    const tampered = `${header}.${encode({ ...claims, role: 'admin' })}.${signature}`;
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claims, role: 'admin' })}.`;
    const noneWithSignature = `${encode({ alg: 'none' })}.${encode({ ...claims, role: 'admin' })}.${signature}`;
    const otherAlgorithm = signJwt({ ...claims, role: 'admin' }, testJwtSecret, { alg: 'HS512', typ: 'JWT' });
    const wrongSecret = signJwt({ ...claims, role: 'admin' }, 'someone-elses-secret-0123456789-abcdefghij');
    const expired = signJwt({ ...claims, jti: 'e'.repeat(32), iat: now - 1000, exp: now - 100 });
    const cases = [
      [tampered, 'TOKEN_INVALID'], [unsigned, 'TOKEN_INVALID'], [noneWithSignature, 'TOKEN_INVALID'],
      [otherAlgorithm, 'TOKEN_INVALID'], [wrongSecret, 'TOKEN_INVALID'], [expired, 'TOKEN_EXPIRED'],
      ['garbage', 'TOKEN_INVALID'], [`${session.accessToken}x`, 'TOKEN_INVALID'],
    ];
    for (const [token, code] of cases) {
      const res = await listUsers(main, token);
      assertProblem(res, 401, code);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer');
    }
    // A token signed with the server's secret is accepted: the refusals above are about the token.
    const forged = signJwt({ ...claims, jti: 'f'.repeat(32), iat: now, exp: now + 60 });
    assertProblem(await listUsers(main, forged), 403, 'FORBIDDEN');
    const basic = await call(main.url, 'GET', '/api/v1/admin/users', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    assertProblem(basic, 401, 'TOKEN_INVALID');
  });
});

// --- roles and admin ------------------------------------------------------------------------

describe('roles and admin', () => {
  // One login: main has a 60 s cooldown per number.
  let admin;
  before(async () => {
    admin = await login(main, { phone: adminPhone });
  });

  test('admin routes need a token (401) and the admin role (403)', async () => {
    assertProblem(await listUsers(main), 401, 'UNAUTHORIZED');
    const user = await login(main);
    assertProblem(await listUsers(main, user.accessToken), 403, 'FORBIDDEN');
    assertProblem(await call(main.url, 'PUT', `/api/v1/admin/users/${user.user._id}/role`,
      { token: user.accessToken, body: { role: 'admin' } }), 403, 'FORBIDDEN');
  });

  test('a number in ADMIN_PHONES logs in as admin', async () => {
    assert.equal(admin.user.role, 'admin');
    assert.equal(jwtPayload(admin.accessToken).role, 'admin');
    const res = await listUsers(main, admin.accessToken, '?limit=1');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.items.length, 1);
  });

  test('superapp admin grant makes the first admin', async () => {
    const phone = randomPhone();
    const national = phone.slice(3);
    const { stdout } = await run(bin, ['admin', 'grant', '--phone', `0${national}`, '--role', 'admin'],
      { env: { ...process.env, ...authEnv() }, cwd: repoRoot });
    assert.match(stdout, new RegExp(`\\${phone} is now admin`));
    const admin = await login(main, { phone });
    assert.equal(admin.isNewUser, false, 'the command created the user');
    assert.equal(admin.user.role, 'admin');
    assert.equal((await listUsers(main, admin.accessToken)).status, 200);

    const { stdout: again } = await run(bin, ['admin', 'grant', `--phone=${phone}`, '--role=merchant'],
      { env: { ...process.env, ...authEnv() }, cwd: repoRoot });
    assert.match(again, /is now merchant/);
    for (const args of [['admin', 'grant', '--phone', '12345', '--role', 'admin'],
      ['admin', 'grant', '--phone', phone, '--role', 'root'], ['admin', 'grant', '--phone', phone],
      ['admin', 'revoke', '--phone', phone, '--role', 'admin']]) {
      await assert.rejects(run(bin, args, { env: { ...process.env, ...authEnv() }, cwd: repoRoot }),
        (err) => err.code === 2, args.join(' '));
    }
  });

  test('admins list users by role, search by phone or name, and page with a cursor', async () => {
    // Three users sharing a number prefix no other test uses, with names of their own.
    const prefix = `+9197${String(crypto.randomInt(0, 1e5)).padStart(5, '0')}`;
    const tag = crypto.randomBytes(4).toString('hex');
    const people = [['Zara', `Quill${tag}`], ['Zubin', `Quill${tag}`], [`Yash${tag}`, 'Verma']];
    const ids = [];
    for (const [i, [first, last]] of people.entries()) {
      const session = await login(main, { phone: `${prefix}${i}00` });
      ids.push(session.user._id);
      await sql(`UPDATE users SET first_name = '${first}', last_name = '${last}' WHERE id = '${session.user._id}'`);
    }
    const get = async (query) => {
      const res = await listUsers(main, admin.accessToken, query);
      assert.equal(res.status, 200, `${query}: ${res.text}`);
      return res.body;
    };
    const idsOf = (body) => body.items.map((u) => u._id).sort();

    assert.deepEqual(idsOf(await get(`?q=quill${tag}`)), [ids[0], ids[1]].sort(), 'last name, any case');
    assert.deepEqual(idsOf(await get(`?q=ZUBIN%20quill${tag}`)), [ids[1]], 'full name prefix');
    assert.deepEqual(idsOf(await get(`?q=yash${tag}`)), [ids[2]], 'first name prefix');
    assert.deepEqual((await get(`?q=nobody${tag}`)).items, []);
    const national = prefix.slice(3);
    for (const q of [prefix, national, `0${national}`, `+91 ${national.slice(0, 5)} ${national.slice(5)}`]) {
      assert.deepEqual(idsOf(await get(`?q=${encodeURIComponent(q)}`)), [...ids].sort(), `search ${q}`);
    }

    const seen = [];
    let cursor = null;
    for (let page = 0; page < 5; page++) {
      const body = await get(`?q=${encodeURIComponent(prefix)}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.ok(body.items.length <= 2);
      seen.push(...body.items.map((u) => u._id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    assert.deepEqual(seen, [...ids].reverse(), 'every user once, newest first, over two pages');

    await call(main.url, 'PUT', `/api/v1/admin/users/${ids[0]}/role`, { token: admin.accessToken, body: { role: 'merchant' } });
    const merchants = await get(`?q=${encodeURIComponent(prefix)}&role=merchant`);
    assert.deepEqual(idsOf(merchants), [ids[0]]);
    const everyMerchant = await get('?role=merchant&limit=100');
    assert.ok(everyMerchant.items.every((u) => u.role === 'merchant'));

    const all = await get('?limit=100');
    const times = all.items.map((u) => Date.parse(u.createdAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
  });

  test('a bad query is 422 naming the parameter', async () => {
    for (const [query, field] of [['?limit=0', 'limit'], ['?limit=101', 'limit'], ['?role=root', 'role'],
      ['?cursor=nonsense', 'cursor'], [`?q=${'a'.repeat(51)}`, 'q']]) {
      const problem = assertProblem(await listUsers(main, admin.accessToken, query), 422, 'VALIDATION_FAILED');
      assert.equal(problem.errors[0].field, field, query);
    }
  });

  test('an admin changes a role; the next tokens carry it', async () => {
    const user = await login(main);
    const res = await call(main.url, 'PUT', `/api/v1/admin/users/${user.user._id}/role`,
      { token: admin.accessToken, body: { role: 'merchant' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.role, 'merchant');
    assert.equal(res.body._id, user.user._id);

    const next = await refresh(main, user.refreshToken);
    assert.equal(jwtPayload(next.body.accessToken).role, 'merchant');
    assertProblem(await listUsers(main, next.body.accessToken), 403, 'FORBIDDEN', 'merchant is not admin');

    assertProblem(await call(main.url, 'PUT', '/api/v1/admin/users/0123456789abcdef01234567/role',
      { token: admin.accessToken, body: { role: 'user' } }), 404, 'NOT_FOUND');
    assertProblem(await call(main.url, 'PUT', '/api/v1/admin/users/not-an-id/role',
      { token: admin.accessToken, body: { role: 'user' } }), 404, 'NOT_FOUND');
    const problem = assertProblem(await call(main.url, 'PUT', `/api/v1/admin/users/${user.user._id}/role`,
      { token: admin.accessToken, body: { role: 'owner' } }), 422, 'VALIDATION_FAILED');
    assert.equal(problem.errors[0].field, 'role');
    assertProblem(await call(main.url, 'PUT', `/api/v1/admin/users/${admin.user._id}/role`,
      { token: admin.accessToken, body: { role: 'user' } }), 409, 'OWN_ROLE');
  });
});
