// The signed-in user's own profile and preferences: /users/profile and /users/preferences.
// Every response is checked against docs/openapi.yaml.
import { execFile } from 'node:child_process';
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { assertProblem, call } from './support/assert.js';
import { repoRoot, startServer } from './support/server.js';
import { signIn, signInEnv } from './support/users.js';

const phones = {
  shape: '+919999920001',
  partial: '+919999920002',
  invalid: '+919999920003',
  emailOwner: '+919999920004',
  emailTaker: '+919999920005',
  prefs: '+919999920006',
  onboarding: '+919999920007',
};

const run = promisify(execFile);
const bin = process.env.SUPERAPP_BIN || path.join(repoRoot, 'build', 'superapp');

let server;
const tokens = {};

before(async () => {
  server = await startServer({ env: signInEnv(Object.values(phones)) });
  for (const [name, phone] of Object.entries(phones)) tokens[name] = await signIn(server.url, phone);
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

const get = (who, path) => call(server.url, 'GET', path, { token: tokens[who] });
const put = (who, path, body, options = {}) => call(server.url, 'PUT', path, { token: tokens[who], body, ...options });

// The errors of a 422 as { field: message }.
function fieldErrors(res) {
  const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
  return Object.fromEntries(problem.errors.map((e) => [e.field, e.message]));
}

test('the profile routes need a valid bearer token', async () => {
  for (const [method, path] of [['GET', '/api/v1/users/profile'], ['PUT', '/api/v1/users/profile'],
    ['GET', '/api/v1/users/preferences'], ['PUT', '/api/v1/users/preferences']]) {
    const anonymous = await call(server.url, method, path, method === 'PUT' ? { body: {} } : {});
    assert.equal(anonymous.status, 401, `${method} ${path}`);
    assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer');
    const forged = await call(server.url, method, path, { token: 'not.a.token', ...(method === 'PUT' ? { body: {} } : {}) });
    assert.equal(forged.status, 401, `${method} ${path} with a forged token`);
  }
});

test("a new user's profile has the seed's shape, a read-only phone number and zero wallet figures", async () => {
  const res = await get('shape', '/api/v1/users/profile');
  assert.equal(res.status, 200, res.text);
  const user = res.body;
  assert.match(user._id, /^[0-9a-f]{24}$/);
  assert.equal(user.phoneNumber, phones.shape);
  assert.equal(user.email, null);
  assert.equal(user.role, 'user');
  assert.deepEqual(user.profile, {
    firstName: null, lastName: null, avatar: null, dateOfBirth: null, gender: null,
    location: { address: null, city: null, state: null, pincode: null, coordinates: null },
  });
  assert.deepEqual(user.preferences, { language: null, notifications: true, categories: [], theme: 'light' });
  assert.equal(user.auth.isVerified, true);
  assert.equal(user.auth.isOnboarded, false);
  assert.ok(Date.parse(user.auth.lastLogin) > 0);
  assert.deepEqual(user.wallet, { balance: 0, totalEarned: 0, totalSpent: 0 });
  assert.equal(res.headers.get('cache-control'), 'private, no-cache');

  const alias = await call(server.url, 'GET', '/api/users/profile', { token: tokens.shape });
  assert.equal(alias.status, 200);
  assert.equal(alias.body._id, user._id);
});

test('PUT /users/profile changes only the fields sent', async () => {
  const first = await put('partial', '/api/v1/users/profile', {
    email: '  Asha.Rao@Example.COM ',
    profile: {
      firstName: 'Asha', lastName: 'Rao', dateOfBirth: '1995-02-03', gender: 'female',
      location: { address: '12 MG Road', city: 'Pune', state: 'Maharashtra', pincode: '411001', coordinates: [73.8567, 18.5204] },
    },
  });
  assert.equal(first.status, 200, first.text);
  assert.equal(first.body.email, 'asha.rao@example.com', 'emails are kept trimmed and lowercase');
  assert.equal(first.body.profile.dateOfBirth, '1995-02-03');
  assert.deepEqual(first.body.profile.location.coordinates, [73.8567, 18.5204]);

  const second = await put('partial', '/api/v1/users/profile', { profile: { location: { city: 'Mumbai', pincode: 400001 } } });
  assert.equal(second.status, 200, second.text);
  assert.equal(second.body.profile.location.city, 'Mumbai');
  assert.equal(second.body.profile.location.pincode, '400001', 'a numeric pincode is kept as text');
  assert.equal(second.body.profile.location.address, '12 MG Road');
  assert.equal(second.body.profile.firstName, 'Asha');
  assert.equal(second.body.email, 'asha.rao@example.com');
  assert.ok(Date.parse(second.body.updatedAt) >= Date.parse(first.body.updatedAt));

  const empty = await put('partial', '/api/v1/users/profile', {});
  assert.equal(empty.status, 200);
  assert.deepEqual(empty.body.profile, second.body.profile);

  const read = await get('partial', '/api/v1/users/profile');
  assert.deepEqual(read.body.profile, second.body.profile);
});

test('null removes a value; the first name can be changed but not removed', async () => {
  await put('partial', '/api/v1/users/profile', { profile: { firstName: 'Asha', lastName: 'Rao', gender: 'female' } });
  const cleared = await put('partial', '/api/v1/users/profile', { email: null, profile: { lastName: null, gender: null } });
  assert.equal(cleared.status, 200, cleared.text);
  assert.equal(cleared.body.email, null);
  assert.equal(cleared.body.profile.lastName, null);
  assert.equal(cleared.body.profile.gender, null);
  assert.equal(cleared.body.profile.firstName, 'Asha');

  const noLocation = await put('partial', '/api/v1/users/profile', { profile: { location: null } });
  assert.deepEqual(noLocation.body.profile.location,
    { address: null, city: null, state: null, pincode: null, coordinates: null });

  const refused = await put('partial', '/api/v1/users/profile', { profile: { firstName: null } });
  assert.deepEqual(fieldErrors(refused), { 'profile.firstName': 'cannot be removed, only changed' });
});

test('read-only members sent back with the profile are ignored', async () => {
  const current = (await get('partial', '/api/v1/users/profile')).body;
  const edited = structuredClone(current);
  edited.phoneNumber = '+919000000000';
  edited.role = 'admin';
  edited.wallet.balance = 1000000;
  edited.auth.isOnboarded = true;
  edited.profile.avatar = '/uploads/00000000000000000000000000000000.png';
  edited.profile.firstName = 'Asha Devi';
  const res = await put('partial', '/api/v1/users/profile', edited);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.phoneNumber, phones.partial);
  assert.equal(res.body.role, 'user');
  assert.equal(res.body.wallet.balance, 0);
  assert.equal(res.body.profile.avatar, null);
  assert.equal(res.body.auth.isOnboarded, current.auth.isOnboarded);
  assert.equal(res.body.profile.firstName, 'Asha Devi');
});

test('each invalid profile field is refused with 422 naming it', async () => {
  const thirteenYearsAgoTomorrow = new Date();
  thirteenYearsAgoTomorrow.setUTCFullYear(thirteenYearsAgoTomorrow.getUTCFullYear() - 13);
  thirteenYearsAgoTomorrow.setUTCDate(thirteenYearsAgoTomorrow.getUTCDate() + 1);
  const tomorrow = new Date(Date.now() + 86_400_000);
  const day = (d) => d.toISOString().slice(0, 10);

  const cases = [
    [{ profile: { firstName: '' } }, 'profile.firstName', /empty/],
    [{ profile: { firstName: 'a'.repeat(51) } }, 'profile.firstName', /at most 50/],
    [{ profile: { lastName: 'b'.repeat(51) } }, 'profile.lastName', /at most 50/],
    [{ profile: { firstName: 42 } }, 'profile.firstName', /string/],
    [{ email: 'not-an-email' }, 'email', /email/],
    [{ email: 'a@b' }, 'email', /email/],
    [{ profile: { dateOfBirth: day(tomorrow) } }, 'profile.dateOfBirth', /past/],
    [{ profile: { dateOfBirth: day(thirteenYearsAgoTomorrow) } }, 'profile.dateOfBirth', /at least 13 years/],
    [{ profile: { dateOfBirth: '1895-01-01' } }, 'profile.dateOfBirth', /1900/],
    [{ profile: { dateOfBirth: '15/05/1990' } }, 'profile.dateOfBirth', /date such as/],
    [{ profile: { dateOfBirth: '1990-02-30' } }, 'profile.dateOfBirth', /date such as/],
    [{ profile: { dateOfBirth: '1990-05-15T00:00:00Z' } }, 'profile.dateOfBirth', /date such as/],
    [{ profile: { gender: 'robot' } }, 'profile.gender', /one of/],
    [{ profile: { location: { pincode: '41100' } } }, 'profile.location.pincode', /6-digit/],
    [{ profile: { location: { pincode: '011001' } } }, 'profile.location.pincode', /6-digit/],
    [{ profile: { location: { pincode: 'abcdef' } } }, 'profile.location.pincode', /6-digit/],
    [{ profile: { location: { coordinates: [200, 10] } } }, 'profile.location.coordinates', /longitude, latitude/],
    [{ profile: { location: { coordinates: [10, 95] } } }, 'profile.location.coordinates', /longitude, latitude/],
    [{ profile: { location: { coordinates: [10] } } }, 'profile.location.coordinates', /longitude, latitude/],
    [{ profile: { location: { coordinates: '73.8,18.5' } } }, 'profile.location.coordinates', /longitude, latitude/],
    [{ profile: { location: { city: '' } } }, 'profile.location.city', /empty/],
    [{ profile: { location: 'Pune' } }, 'profile.location', /object/],
    [{ profile: 'Asha' }, 'profile', /object/],
    [{ profile: null }, 'profile', /object/],
    [{ firstName: 'Asha' }, 'firstName', /not a field/],
    [{ profile: { nickname: 'A' } }, 'profile.nickname', /not a field/],
    [{ profile: { location: { country: 'IN' } } }, 'profile.location.country', /not a field/],
  ];
  for (const [body, field, message] of cases) {
    const errors = fieldErrors(await put('invalid', '/api/v1/users/profile', body));
    assert.ok(field in errors, `${JSON.stringify(body)}: expected an error on ${field}, got ${JSON.stringify(errors)}`);
    assert.match(errors[field], message, `${JSON.stringify(body)}: ${errors[field]}`);
  }

  const many = fieldErrors(await put('invalid', '/api/v1/users/profile', {
    email: 'nope', profile: { firstName: '', gender: 'x', location: { pincode: '1' } },
  }));
  assert.deepEqual(Object.keys(many).sort(),
    ['email', 'profile.firstName', 'profile.gender', 'profile.location.pincode'], 'every invalid field at once');

  const notObject = fieldErrors(await put('invalid', '/api/v1/users/profile', ['a']));
  assert.ok('' in notObject);

  const unchanged = await get('invalid', '/api/v1/users/profile');
  assert.equal(unchanged.body.profile.firstName, null, 'a refused update changes nothing');
});

test('a profile body that is not JSON is refused', async () => {
  const wrongType = await put('invalid', '/api/v1/users/profile', 'firstName=Asha',
    { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assertProblem(wrongType, 415, 'UNSUPPORTED_MEDIA_TYPE');
  const malformed = await put('invalid', '/api/v1/users/profile', '{"profile": {',
    { headers: { 'content-type': 'application/json' } });
  assertProblem(malformed, 400, 'MALFORMED_JSON');
});

test('an email address belongs to one account only: 409 EMAIL_TAKEN', async () => {
  const owned = await put('emailOwner', '/api/v1/users/profile', { email: 'ravi@example.com' });
  assert.equal(owned.status, 200, owned.text);
  const taken = await put('emailTaker', '/api/v1/users/profile', { email: 'RAVI@example.com', profile: { firstName: 'Ravi' } });
  const problem = assertProblem(taken, 409, 'EMAIL_TAKEN');
  assert.deepEqual(problem.errors.map((e) => e.field), ['email']);
  const taker = await get('emailTaker', '/api/v1/users/profile');
  assert.equal(taker.body.profile.firstName, null, 'nothing of the refused update was kept');
  const again = await put('emailOwner', '/api/v1/users/profile', { email: 'ravi@example.com' });
  assert.equal(again.status, 200, 'the owner may send its own address again');
});

test('GET and PUT /users/preferences: defaults, then partial updates', async () => {
  const initial = await get('prefs', '/api/v1/users/preferences');
  assert.equal(initial.status, 200, initial.text);
  assert.deepEqual(initial.body, { language: null, notifications: true, categories: [], theme: 'light' });

  const changed = await put('prefs', '/api/v1/users/preferences', { language: 'ta', theme: 'dark' });
  assert.equal(changed.status, 200, changed.text);
  assert.deepEqual(changed.body, { language: 'ta', notifications: true, categories: [], theme: 'dark' });

  const quiet = await put('prefs', '/api/v1/users/preferences', { notifications: false, categories: [] });
  assert.deepEqual(quiet.body, { language: 'ta', notifications: false, categories: [], theme: 'dark' });

  const noLanguage = await put('prefs', '/api/v1/users/preferences', { language: null });
  assert.equal(noLanguage.body.language, null);

  const alias = await call(server.url, 'PUT', '/api/users/preferences', { token: tokens.prefs, body: { language: 'bn' } });
  assert.equal(alias.status, 200);
  const profile = await get('prefs', '/api/v1/users/profile');
  assert.deepEqual(profile.body.preferences, alias.body, 'the profile shows the same preferences');
});

test('each invalid preference is refused with 422 naming it', async () => {
  const cases = [
    [{ language: 'fr' }, 'language', /one of: en, hi/],
    [{ language: 'EN' }, 'language', /one of/],
    [{ theme: 'blue' }, 'theme', /one of: light, dark/],
    [{ theme: null }, 'theme', /light or dark/],
    [{ notifications: 'yes' }, 'notifications', /true or false/],
    [{ notifications: null }, 'notifications', /true or false/],
    [{ categories: 'x' }, 'categories', /array/],
    [{ categories: null }, 'categories', /send \[\] for none/],
    [{ categories: ['xyz'] }, 'categories[0]', /24-character hex id/],
    [{ categories: ['65a1f0c2e4b0a1b2c3d4e5f6', '65A1F0C2E4B0A1B2C3D4E5F6'] }, 'categories[1]', /repeats/],
    [{ categories: Array.from({ length: 51 }, (_, i) => i.toString(16).padStart(24, '0')) }, 'categories', /at most 50/],
    [{ colour: 'red' }, 'colour', /not a field/],
  ];
  for (const [body, field, message] of cases) {
    const errors = fieldErrors(await put('prefs', '/api/v1/users/preferences', body));
    assert.ok(field in errors, `${JSON.stringify(body)}: expected an error on ${field}, got ${JSON.stringify(errors)}`);
    assert.match(errors[field], message, `${JSON.stringify(body)}: ${errors[field]}`);
  }
});

test('preferred categories must name active categories of the catalog', async () => {
  await run(bin, ['seed'], { env: process.env });
  const groceries = (await get('prefs', '/api/v1/categories/groceries')).body;
  const unknown = '65a1f0c2e4b0a1b2c3d4e5f7';
  const errors = fieldErrors(await put('prefs', '/api/v1/users/preferences',
    { categories: [groceries._id, unknown], theme: 'light' }));
  assert.deepEqual(errors, { 'categories[1]': 'no category has this id' });
  const after = await get('prefs', '/api/v1/users/preferences');
  assert.deepEqual(after.body.categories, []);
  assert.notEqual(after.body.theme, 'light', 'nothing of the refused update was kept');

  const saved = await put('prefs', '/api/v1/users/preferences', { categories: [groceries._id] });
  assert.equal(saved.status, 200, saved.text);
  assert.deepEqual(saved.body.categories, [groceries._id]);
  await put('prefs', '/api/v1/users/preferences', { categories: [] });
});

test('auth.isOnboarded becomes true once a first name and a language are set, and stays', async () => {
  const named = await put('onboarding', '/api/v1/users/profile', { profile: { firstName: 'Meera' } });
  assert.equal(named.body.auth.isOnboarded, false, 'a name alone is not enough');
  await put('onboarding', '/api/v1/users/preferences', { theme: 'dark', notifications: false });
  assert.equal((await get('onboarding', '/api/v1/users/profile')).body.auth.isOnboarded, false,
    'theme and notifications always have a value, so they do not count');
  await put('onboarding', '/api/v1/users/preferences', { language: 'mr' });
  assert.equal((await get('onboarding', '/api/v1/users/profile')).body.auth.isOnboarded, true);
  await put('onboarding', '/api/v1/users/preferences', { language: null });
  assert.equal((await get('onboarding', '/api/v1/users/profile')).body.auth.isOnboarded, true, 'it stays true');
});

test('a profile that has not changed answers 304 to its ETag', async () => {
  const first = await get('shape', '/api/v1/users/profile');
  const etag = first.headers.get('etag');
  assert.ok(etag);
  const again = await call(server.url, 'GET', '/api/v1/users/profile',
    { token: tokens.shape, headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
});
