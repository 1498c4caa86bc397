// Idempotency-Key on a money route: a refused request's answer is stored and replayed like any
// other, and storing it is not reported as a failure in the log.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';

import { assertProblem, call } from './support/assert.js';
import { startServer } from './support/server.js';
import { signIn, signInEnv } from './support/users.js';

const phone = '+919999964001';
let server;
let token;

before(async () => {
  server = await startServer({ env: { ...signInEnv([phone]), WALLET_MIN_WITHDRAWAL: '5' } });
  token = await signIn(server.url, phone);
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

const withdraw = (key, requestId, body) =>
  call(server.url, 'POST', '/api/v1/wallet/withdraw', {
    token, body, headers: { 'idempotency-key': key, 'x-request-id': requestId },
  });

test('a 4xx under an Idempotency-Key is stored without a "not stored" warning', async () => {
  const key = crypto.randomUUID();
  const upi = { amount: 50, method: 'upi', upiId: 'test.user@okaxis' };
  assertProblem(await withdraw(key, 'idem-refused-1', upi), 409, 'INSUFFICIENT_BALANCE');
  assertProblem(await withdraw(crypto.randomUUID(), 'idem-invalid-1', { amount: 1, method: 'cash' }), 422,
    'VALIDATION_FAILED');
  // The access log line is written after the answer, so a warning would already be in the log.
  await server.waitForLog((j) => j.msg === 'request' && j.requestId === 'idem-refused-1');
  await server.waitForLog((j) => j.msg === 'request' && j.requestId === 'idem-invalid-1');
  assert.equal(server.findLog((j) => j.msg === 'idempotent response not stored'), undefined,
    'no warning that the answer was not stored');

  const replayed = await withdraw(key, 'idem-refused-2', upi);
  assertProblem(replayed, 409, 'INSUFFICIENT_BALANCE');
  assert.equal(replayed.headers.get('idempotent-replayed'), 'true', 'the refusal was stored and is replayed');
});
