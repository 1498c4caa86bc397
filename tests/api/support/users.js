// Signing in for API tests of the signed-in user's routes: the real OTP login, with fixed test
// numbers that never send a code (OTP_TEST_NUMBERS).
//
//   const server = await startServer({ env: { ...signInEnv(['+919999920001']) } });
//   const token = await signIn(server.url, '+919999920001');
import assert from 'node:assert/strict';

import { request } from './http.js';

export const testCode = '123456';

/** Server variables that make these numbers test numbers with `testCode`, and lift the hourly
 *  OTP limits that a whole test run from one address would otherwise reach. */
export function signInEnv(numbers) {
  return {
    OTP_TEST_NUMBERS: numbers.map((n) => `${n}:${testCode}`).join(','),
    OTP_PER_IP_PER_HOUR: 100000,
    OTP_PER_PHONE_PER_HOUR: 1000,
  };
}

/** Logs in with a test number (send-otp, then verify-otp); resolves to the access token. */
export async function signIn(baseUrl, phoneNumber) {
  const sent = await request(baseUrl, 'POST', '/api/v1/auth/send-otp', { body: { phoneNumber } });
  assert.equal(sent.status, 200, `send-otp for ${phoneNumber}: ${sent.text}`);
  const verified = await request(baseUrl, 'POST', '/api/v1/auth/verify-otp', {
    body: { phoneNumber, otp: testCode },
  });
  assert.equal(verified.status, 200, `verify-otp for ${phoneNumber}: ${verified.text}`);
  assert.equal(typeof verified.body.accessToken, 'string');
  return verified.body.accessToken;
}
