// docs/openapi.yaml: a valid OpenAPI 3.1 document that describes exactly the routes the
// server registers, served at /api/v1/openapi.yaml, with Swagger UI at /docs.
import { execFile } from 'node:child_process';
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { assertProblem, call } from './support/assert.js';
import {
  checkResponse, compileSchema, deref, document, documentText, operations, resolveRef,
} from './support/openapi.js';
import { repoRoot, startServer } from './support/server.js';

const run = promisify(execFile);
const bin = process.env.SUPERAPP_BIN || path.join(repoRoot, 'build', 'superapp');

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

// Every `$ref` string anywhere under NODE, with where it is.
function* refsIn(node, where = '#') {
  if (Array.isArray(node)) {
    for (const [i, value] of node.entries()) yield* refsIn(value, `${where}/${i}`);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') yield { ref: value, where };
      else yield* refsIn(value, `${where}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
    }
  }
}

// [{ method, pattern, role }] from `superapp routes`.
async function registeredRoutes() {
  const { stdout } = await run(bin, ['routes'], { cwd: repoRoot });
  const routes = stdout.trim().split('\n').map((line) => {
    const match = /^([A-Z]+)\s+(\/\S*)\s+(\S+)$/.exec(line.trim());
    assert.ok(match, `unexpected line from superapp routes: ${JSON.stringify(line)}`);
    return { method: match[1], pattern: match[2], role: match[3] };
  });
  assert.ok(routes.length > 0, 'superapp routes printed no routes');
  return routes;
}

const isAlias = (pattern) => pattern.startsWith('/api/') && !/^\/api\/v\d+\//.test(pattern);
const toTemplate = (pattern) => pattern.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

test('openapi.yaml is an OpenAPI 3.1 document with a title and a version', () => {
  assert.match(document.openapi, /^3\.1\.\d+$/);
  assert.equal(typeof document.info?.title, 'string');
  assert.equal(typeof document.info?.version, 'string');
  assert.ok(document.paths && typeof document.paths === 'object', 'the document has paths');
  for (const key of Object.keys(document)) {
    assert.ok(['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security',
      'tags', 'externalDocs'].includes(key) || key.startsWith('x-'), `unknown top-level field ${key}`);
  }
  // Swagger UI at /docs opens with a warning box for any dialect but OpenAPI 3.1's default.
  assert.ok([undefined, 'https://spec.openapis.org/oas/3.1/dialect/base'].includes(document.jsonSchemaDialect),
    `jsonSchemaDialect ${document.jsonSchemaDialect} makes /docs open with a warning`);
});

test('every reference in openapi.yaml resolves', () => {
  for (const { ref, where } of refsIn(document)) {
    assert.doesNotThrow(() => resolveRef(ref), `${where}: ${ref} does not resolve`);
  }
});

test('every schema in openapi.yaml compiles as JSON Schema 2020-12', () => {
  for (const name of Object.keys(document.components?.schemas ?? {})) {
    compileSchema({ $ref: `#/components/schemas/${name}` }, `#/components/schemas/${name}`);
  }
  const responses = [];
  for (const { method, path: p, operation } of operations()) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      responses.push([`paths[${p}].${method.toLowerCase()}.responses[${status}]`, deref(response)]);
    }
    for (const parameter of operation.parameters ?? []) {
      const { name, schema } = deref(parameter);
      compileSchema(schema, `paths[${p}].${method.toLowerCase()}.parameters[${name}]`);
    }
  }
  for (const [name, response] of Object.entries(document.components?.responses ?? {})) {
    responses.push([`#/components/responses/${name}`, deref(response)]);
  }
  for (const [where, response] of responses) {
    for (const [mediaType, media] of Object.entries(response.content ?? {})) {
      if (media.schema) compileSchema(media.schema, `${where}.content[${mediaType}].schema`);
    }
  }
  for (const [name, header] of Object.entries(document.components?.headers ?? {})) {
    compileSchema(header.schema, `#/components/headers/${name}.schema`);
  }
});

test('every operation has a unique id, declared tags and schemes, described responses and its path parameters', () => {
  const declaredTags = new Set((document.tags ?? []).map((t) => t.name));
  const schemes = new Set(Object.keys(document.components?.securitySchemes ?? {}));
  const ids = new Set();
  for (const { method, path: p, operation } of operations()) {
    const label = `${method} ${p}`;
    assert.equal(typeof operation.operationId, 'string', `${label} has an operationId`);
    assert.ok(!ids.has(operation.operationId), `${label}: operationId ${operation.operationId} is used twice`);
    ids.add(operation.operationId);
    assert.ok(operation.tags?.length, `${label} has a tag`);
    for (const tag of operation.tags) assert.ok(declaredTags.has(tag), `${label}: tag ${tag} is not declared`);
    for (const requirement of operation.security ?? document.security ?? []) {
      for (const scheme of Object.keys(requirement)) {
        assert.ok(schemes.has(scheme), `${label}: security scheme ${scheme} is not declared`);
      }
    }
    const statuses = Object.keys(operation.responses ?? {});
    assert.ok(statuses.some((s) => /^2/.test(s)), `${label} documents a success response`);
    for (const status of statuses) {
      assert.match(status, /^([1-5](\d\d|XX)|default)$/, `${label}: ${status} is not a status`);
      assert.equal(typeof deref(operation.responses[status]).description, 'string',
        `${label} ${status} has a description`);
    }
    const inPath = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    const pathItem = deref(document.paths[p]);
    const declared = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map(deref)
      .filter((param) => param.in === 'path');
    assert.deepEqual(declared.map((param) => param.name).sort(), inPath,
      `${label}: path parameters declared match the template`);
    for (const param of declared) {
      assert.equal(param.required, true, `${label}: path parameter ${param.name} is required`);
    }
  }
});

test('openapi.yaml declares a bearer JWT security scheme', () => {
  const scheme = document.components?.securitySchemes?.bearerAuth;
  assert.ok(scheme, 'components.securitySchemes.bearerAuth exists');
  assert.equal(scheme.type, 'http');
  assert.equal(scheme.scheme, 'bearer');
  assert.equal(scheme.bearerFormat, 'JWT');
});

test('the Problem schema requires every RFC 9457 member the API sends', () => {
  const problem = document.components.schemas.Problem;
  for (const member of ['type', 'title', 'status', 'code', 'detail', 'requestId']) {
    assert.ok(problem.required.includes(member), `Problem requires ${member}`);
  }
  assert.ok(problem.properties.errors, 'Problem has errors');
});

test('the contract check refuses what openapi.yaml does not document', () => {
  const problem = {
    type: 'about:blank', title: 'Not Found', status: 404, code: 'NOT_FOUND', detail: 'x', requestId: 'r1',
  };
  const json = { contentType: 'application/json' };
  const problemJson = { contentType: 'application/problem+json' };
  // Documented: these pass.
  checkResponse('GET', '/healthz', 200, { status: 'ok' }, json);
  checkResponse('HEAD', '/api/openapi.yaml', 200, '', { contentType: 'application/yaml' });
  checkResponse('GET', '/docs/init.js', 404, problem, problemJson);
  checkResponse('GET', '/no/such/path', 404, problem, problemJson);
  // Not documented: each fails.
  const refused = [
    () => checkResponse('GET', '/healthz', 200, { status: 'ok', extra: true }, json),
    () => checkResponse('GET', '/healthz', 200, { status: 'fine' }, json),
    () => checkResponse('GET', '/healthz', 200, { status: 'ok' }, { contentType: 'text/html' }),
    () => checkResponse('GET', '/healthz', 201, { status: 'ok' }, json),
    () => checkResponse('GET', '/no/such/path', 200, { status: 'ok' }, json),
    () => checkResponse('POST', '/healthz', 200, { status: 'ok' }, json),
    () => checkResponse('GET', '/readyz', 200, { status: 'unavailable', checks: { database: 'unreachable' } }, json),
    () => checkResponse('GET', '/nope', 404, { ...problem, requestId: undefined }, problemJson),
    () => checkResponse('GET', '/nope', 404, { ...problem, status: 400 }, problemJson),
    () => checkResponse('GET', '/nope', 404, { ...problem, code: 'SOMETHING_ELSE' }, problemJson),
    () => checkResponse('GET', '/healthz', 204, '', {}),
  ];
  for (const [i, attempt] of refused.entries()) {
    assert.throws(attempt, { name: 'AssertionError' }, `case ${i} should be refused`);
  }
});

test('every registered route is documented in openapi.yaml with its method', async () => {
  const routes = await registeredRoutes();
  const documented = new Set(operations().map((op) => `${op.method} ${op.path}`));
  const missing = routes.filter((r) => !isAlias(r.pattern))
    .map((r) => `${r.method} ${toTemplate(r.pattern)}`)
    .filter((key) => !documented.has(key));
  assert.deepEqual(missing, [], `routes missing from docs/openapi.yaml: ${missing.join(', ')}`);
});

test('every /api/ route is an alias of a /api/v1/ route', async () => {
  const routes = await registeredRoutes();
  const keys = new Set(routes.map((r) => `${r.method} ${r.pattern}`));
  for (const route of routes.filter((r) => isAlias(r.pattern))) {
    const versioned = `${route.method} /api/v1/${route.pattern.slice('/api/'.length)}`;
    assert.ok(keys.has(versioned), `${route.method} ${route.pattern} has no ${versioned}`);
  }
  for (const route of routes.filter((r) => r.pattern.startsWith('/api/v1/'))) {
    const alias = `${route.method} /api/${route.pattern.slice('/api/v1/'.length)}`;
    assert.ok(keys.has(alias), `${route.method} ${route.pattern} has no alias ${alias}`);
  }
});

test('every operation in openapi.yaml is a registered route', async () => {
  const routes = await registeredRoutes();
  const registered = new Set(routes.map((r) => `${r.method} ${toTemplate(r.pattern)}`));
  const extra = operations().map((op) => `${op.method} ${op.path}`).filter((key) => !registered.has(key));
  assert.deepEqual(extra, [], `documented but not served: ${extra.join(', ')}`);
});

test('GET /api/v1/openapi.yaml serves this document as YAML', async () => {
  const res = await call(server.url, 'GET', '/api/v1/openapi.yaml');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/yaml\b/);
  assert.equal(res.text, documentText);
});

test('GET /api/openapi.yaml serves the same document', async () => {
  const res = await call(server.url, 'GET', '/api/openapi.yaml');
  assert.equal(res.status, 200);
  assert.equal(res.text, documentText);
});

test('GET /docs serves the Swagger UI page pointing at the document', async () => {
  const res = await call(server.url, 'GET', '/docs');
  assert.equal(res.status, 200, res.text.slice(0, 300));
  assert.match(res.headers.get('content-type'), /^text\/html\b/);
  assert.match(res.text, /<div id="swagger-ui">/);
  for (const asset of ['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/init.js']) {
    assert.ok(res.text.includes(asset), `the page loads ${asset}`);
  }
  const policy = res.headers.get('content-security-policy');
  assert.match(policy, /script-src 'self'/, 'the page may run its own scripts');
  assert.match(policy, /frame-ancestors 'none'/);
  assert.doesNotMatch(policy, /unsafe-eval/);
});

test('the Swagger UI assets are served with their content types', async () => {
  const expected = {
    'swagger-ui.css': /^text\/css\b/,
    'swagger-ui-bundle.js': /^text\/javascript\b/,
    'init.js': /^text\/javascript\b/,
    'favicon-32x32.png': /^image\/png\b/,
  };
  for (const [file, type] of Object.entries(expected)) {
    const res = await call(server.url, 'GET', `/docs/${file}`);
    assert.equal(res.status, 200, `/docs/${file}: ${res.text.slice(0, 200)}`);
    assert.match(res.headers.get('content-type'), type, `/docs/${file}`);
    assert.ok(res.text.length > 0, `/docs/${file} is not empty`);
  }
  const init = await call(server.url, 'GET', '/docs/init.js');
  assert.match(init.text, /\/api\/v1\/openapi\.yaml/, 'init.js loads the served document');
  const bundle = await call(server.url, 'GET', '/docs/swagger-ui-bundle.js');
  assert.match(bundle.text, /SwaggerUIBundle/);
  const png = await fetch(`${server.url}/docs/favicon-32x32.png`);
  const bytes = Buffer.from(await png.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
});

test('a file under /docs that is not a Swagger UI asset is 404', async () => {
  for (const file of ['secrets.txt', 'index.html.bak', '..%2F..%2Fpackage.json', 'oauth2-redirect.html']) {
    assertProblem(await call(server.url, 'GET', `/docs/${file}`), 404, 'NOT_FOUND');
  }
});
