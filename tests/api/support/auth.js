// Logging in from API tests.
//
//   const server = await startServer({ env: authEnv() });
//   const { accessToken, refreshToken, user } = await login(server);          // a new user
//   const admin = await login(server, { phone: adminPhone });                   // ADMIN_PHONES
//
// login() asks for a code with the `log` OTP provider (the default outside
// production), reads it from the server's log and verifies it. Every call
// comes from its own client address (X-Forwarded-For, honoured because
// authEnv sets TRUST_PROXY=1), so tests sharing the database do not use up
// each other's per-address limits.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import { request } from './http.js';

/** A JWT_SECRET tests can sign tokens with. */
export const testJwtSecret = 'api-test-jwt-secret-0123456789-abcdefghij';

/** A random Indian mobile number in E.164 (+9198xxxxxxxx). */
export function randomPhone() {
  return `+9198${String(crypto.randomInt(0, 1e8)).padStart(8, '0')}`;
}

/** A random private IPv4 address, to stand for one client. */
export function randomIp() {
  return `10.${crypto.randomInt(0, 256)}.${crypto.randomInt(0, 256)}.${crypto.randomInt(1, 255)}`;
}

/** Server variables for tests that log in (merge your own over them). */
export function authEnv(extra = {}) {
  return { JWT_SECRET: testJwtSecret, TRUST_PROXY: '1', ...extra };
}

/** Resolves to the code the `log` provider wrote for PHONE (E.164) after `since` log lines. */
export async function codeFromLog(server, phone, since = 0) {
  const line = await server.waitForLog((j) => j.msg === 'otp code' && j.phoneNumber === phone &&
    server.logs.findIndex((e) => e.json === j) >= since);
  return line.otp;
}

/**
 * Logs in PHONE (default: a new random number) and resolves to the verify-otp body:
 * { accessToken, refreshToken, tokenType, expiresIn, user, isNewUser }.
 */
export async function login(server, { phone = randomPhone(), ip = randomIp(), code } = {}) {
  const headers = { 'x-forwarded-for': ip };
  const since = server.logs.length;
  const sent = await request(server.url, 'POST', '/api/v1/auth/send-otp', { body: { phoneNumber: phone }, headers });
  assert.equal(sent.status, 200, `send-otp ${phone}: ${sent.text}`);
  const otp = code ?? await codeFromLog(server, sent.body.phoneNumber, since);
  const verified = await request(server.url, 'POST', '/api/v1/auth/verify-otp',
    { body: { phoneNumber: phone, otp }, headers });
  assert.equal(verified.status, 200, `verify-otp ${phone}: ${verified.text}`);
  return verified.body;
}

/** A compact HS256 JWT over PAYLOAD signed with SECRET, with HEADER (default HS256). */
export function signJwt(payload, secret = testJwtSecret, header = { alg: 'HS256', typ: 'JWT' }) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** The payload of a JWT, unverified. */
export function jwtPayload(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}
