// HTTP calls for API tests that check every response against docs/openapi.yaml.
//
//   const res = await call(server.url, 'GET', '/readyz');     // any status, checked
//   const health = await getJson(server.url, '/healthz');     // 200 + JSON, checked
//   assertProblem(await call(server.url, 'POST', '/healthz'), 405, 'METHOD_NOT_ALLOWED');
//
// Node's fetch keeps connections alive, sends `Accept-Encoding` and decompresses: pass
// `headers: { 'accept-encoding': 'identity' }` to see a response as a client that does
// not accept gzip would.
import assert from 'node:assert/strict';

import { mediaType, request } from './http.js';
import { checkResponse } from './openapi.js';

/**
 * Sends one request (see http.js `request` for the options) and checks the answer against
 * openapi.yaml: its status is documented for this method and path, its content type is a
 * documented one, and a JSON body matches the schema.
 *
 * @returns {Promise<{status: number, headers: Headers, body: any, text: string, res: Response}>}
 */
export async function call(baseUrl, method, path, options = {}) {
  const res = await request(baseUrl, method, path, options);
  const contentType = res.headers.get('content-type');
  checkResponse(method, path, res.status, res.body ?? res.text, contentType ? { contentType } : {});
  return res;
}

/** GETs PATH, expects `expectStatus` (200) and a JSON body, checked; returns the body. */
export async function getJson(baseUrl, path, { expectStatus = 200, ...options } = {}) {
  const res = await call(baseUrl, 'GET', path, options);
  assert.equal(res.status, expectStatus, `GET ${path}: status ${res.status}, body ${res.text.slice(0, 300)}`);
  assert.ok(/[/+]json$/.test(mediaType(res)), `GET ${path}: Content-Type ${mediaType(res)} is not JSON`);
  return res.body;
}

/** Asserts that RES (from call()) is a problem+json answer with STATUS and CODE; returns it. */
export function assertProblem(res, status, code) {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}: ${res.text.slice(0, 300)}`);
  assert.equal(mediaType(res), 'application/problem+json');
  assert.equal(res.body.status, status);
  assert.equal(res.body.code, code);
  assert.equal(res.body.type, 'about:blank');
  assert.equal(res.body.requestId, res.headers.get('x-request-id'),
    'the problem names the request id that X-Request-Id carries');
  return res.body;
}

/**
 * Checks a response read with raw.js against openapi.yaml; returns its body, parsed when
 * it is JSON. `method` HEAD (or a bodyless status) checks the status and headers only.
 */
export function checkRaw(method, path, response) {
  const contentType = response.headers['content-type'];
  let body = response.text;
  if (/^application\/([a-z0-9.+-]+\+)?json\b/i.test(contentType ?? '') && body !== '') {
    try {
      body = JSON.parse(body);
    } catch (error) {
      assert.fail(`${method} ${path} -> ${response.status}: ${contentType} but not JSON (${error.message}): ` +
        body.slice(0, 300));
    }
  }
  checkResponse(method, path, response.status, body, contentType ? { contentType } : {});
  return body;
}
