// The API's contract, docs/openapi.yaml, as a checker for the responses tests receive.
//
//   import { checkResponse } from './support/openapi.js';
//   checkResponse('GET', '/api/v1/things/42', 200, body, { contentType });
//
// checkResponse throws an AssertionError (failing the test) when the response is not the
// one documented for that method, path and status: an undocumented path or status, an
// undocumented content type, or a JSON body that does not match the schema. Concrete paths
// are matched to the document's templates (`/docs/swagger-ui.css` -> `/docs/{file}`; a
// static segment wins over a parameter), `/api/...` is the alias of `/api/v1/...`, and HEAD
// is checked as GET. Besides each operation's own responses, any request may get one of the
// `components.responses` marked `x-any-request: true` (404 unknown path, 405, 413, ...).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const documentPath = fileURLToPath(new URL('../../../docs/openapi.yaml', import.meta.url));
export const documentText = readFileSync(documentPath, 'utf8');
export const document = parse(documentText);

export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const schemaBase = 'https://superapp.invalid/openapi.json';

/// Returns what a local `#/...` reference points at in the document; throws when nothing.
export function resolveRef(ref) {
  assert.ok(typeof ref === 'string' && ref.startsWith('#/'), `only local references are supported: ${ref}`);
  let node = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object' || !(key in node)) {
      throw new Error(`openapi.yaml: ${ref} does not resolve`);
    }
    node = node[key];
  }
  return node;
}

/// Follows `$ref` (an OpenAPI reference object, not a schema one) until a real object.
export function deref(node) {
  const seen = new Set();
  while (node && typeof node === 'object' && typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) throw new Error(`openapi.yaml: reference cycle at ${node.$ref}`);
    seen.add(node.$ref);
    node = resolveRef(node.$ref);
  }
  return node;
}

/// Every operation in the document: [{ method: 'GET', path: '/docs/{file}', operation }].
export function operations() {
  const out = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const pathItem = deref(item);
    for (const method of httpMethods) {
      if (pathItem[method]) out.push({ method: method.toUpperCase(), path, operation: pathItem[method] });
    }
  }
  return out;
}

// --- schemas ------------------------------------------------------------------

// Schema references `#/components/schemas/X` become references into one registered schema
// holding every component schema under $defs, so ajv resolves them (and their cycles).
function rewriteRefs(node) {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const m = /^#\/components\/schemas\/(.+)$/.exec(value);
      assert.ok(m, `openapi.yaml: a schema may only reference #/components/schemas/...: ${value}`);
      out.$ref = `${schemaBase}#/$defs/${m[1]}`;
    } else {
      out[key] = rewriteRefs(value);
    }
  }
  return out;
}

let ajvInstance;

/// The ajv instance (JSON Schema 2020-12, formats) that knows every component schema.
export function ajv() {
  if (ajvInstance) return ajvInstance;
  // strictTypes off: `allOf: [{$ref}, {properties: ...}]` narrows a referenced object
  // schema without repeating `type: object`, which is the usual OpenAPI idiom.
  ajvInstance = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  addFormats(ajvInstance);
  // OpenAPI's own schema keywords: annotations here, not assertions.
  ajvInstance.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  ajvInstance.addSchema({ $id: schemaBase, $defs: rewriteRefs(document.components?.schemas ?? {}) });
  return ajvInstance;
}

const compiled = new Map();

/// A compiled validator for an OpenAPI schema object; `where` names it in messages.
export function compileSchema(schema, where) {
  if (!compiled.has(where)) {
    try {
      compiled.set(where, ajv().compile(rewriteRefs(schema)));
    } catch (error) {
      throw new Error(`openapi.yaml: the schema at ${where} does not compile: ${error.message}`);
    }
  }
  return compiled.get(where);
}

/// Throws unless VALUE matches the component schema NAME (`#/components/schemas/NAME`).
export function checkSchema(name, value) {
  assert.ok(document.components?.schemas?.[name], `openapi.yaml has no schema ${name}`);
  const validate = compileSchema({ $ref: `#/components/schemas/${name}` }, `#/components/schemas/${name}`);
  if (!validate(value)) {
    assert.fail(`value does not match schema ${name}: ${ajv().errorsText(validate.errors)}\n` +
      `value: ${preview(value)}`);
  }
}

/// Throws unless ACK matches the acknowledgement schema of the client event NAME (`x-socket-events`,
/// `from: client`).
export function checkSocketAck(name, ack) {
  const event = document['x-socket-events']?.[name];
  assert.ok(event?.from === 'client' && event.ack, `openapi.yaml has no client event x-socket-events.${name}.ack`);
  const validate = compileSchema(event.ack, `x-socket-events.${name}.ack`);
  if (!validate(ack)) {
    assert.fail(`ack does not match x-socket-events.${name}.ack: ${ajv().errorsText(validate.errors)}\n` +
      `ack: ${preview(ack)}`);
  }
}

/// Throws unless PAYLOAD matches the payload schema of the Socket.IO event NAME (`x-socket-events`).
export function checkSocketEvent(name, payload) {
  const event = document['x-socket-events']?.[name];
  assert.ok(event?.payload, `openapi.yaml has no x-socket-events.${name}.payload`);
  const validate = compileSchema(event.payload, `x-socket-events.${name}.payload`);
  if (!validate(payload)) {
    assert.fail(`payload does not match x-socket-events.${name}: ${ajv().errorsText(validate.errors)}\n` +
      `payload: ${preview(payload)}`);
  }
}

// --- paths --------------------------------------------------------------------

function segments(path) {
  return path.split('/').slice(1);
}

/// The document's path template for a concrete path, or undefined: `/api/x` is read as
/// `/api/v1/x`; an exact path wins; among templates the one with the earliest static
/// segment where they differ wins (static segments beat parameters, as the router does).
export function templateFor(concretePath) {
  let path = concretePath.split(/[?#]/, 1)[0];
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  if (path.startsWith('/api/') && !/^\/api\/v\d+(\/|$)/.test(path)) path = `/api/v1/${path.slice(5)}`;
  const paths = Object.keys(document.paths ?? {});
  if (paths.includes(path)) return path;
  const wanted = segments(path);
  const matches = paths.filter((template) => {
    const parts = segments(template);
    return parts.length === wanted.length &&
      parts.every((part, i) => /^\{[^}]+\}$/.test(part) ? wanted[i] !== '' : part === wanted[i]);
  });
  const score = (template) => segments(template).map((p) => (p.startsWith('{') ? '1' : '0')).join('');
  matches.sort((a, b) => score(a).localeCompare(score(b)));
  return matches[0];
}

// --- responses ------------------------------------------------------------------

function statusOfSchema(schema) {
  if (!schema || typeof schema !== 'object') return undefined;
  const own = schema.properties?.status?.const;
  if (own !== undefined) return own;
  for (const part of schema.allOf ?? []) {
    const found = statusOfSchema(part);
    if (found !== undefined) return found;
  }
  return undefined;
}

let anyRequest;

/// Responses any request can get, by status: [{ where, response, methods }]. A bodyless one
/// names its status in `x-status`; `x-methods` limits one to those request methods.
export function anyRequestResponses() {
  if (anyRequest) return anyRequest;
  anyRequest = new Map();
  for (const [name, raw] of Object.entries(document.components?.responses ?? {})) {
    const response = deref(raw);
    if (response['x-any-request'] !== true) continue;
    const schemas = Object.values(response.content ?? {}).map((media) => media.schema);
    const status = response['x-status'] ?? schemas.map(statusOfSchema).find((s) => s !== undefined);
    assert.ok(Number.isInteger(status),
      `openapi.yaml: components.responses.${name} is x-any-request but fixes no status (x-status or schema)`);
    if (!anyRequest.has(status)) anyRequest.set(status, []);
    const methods = response['x-methods']?.map((m) => m.toUpperCase());
    anyRequest.get(status).push({ where: `#/components/responses/${name}`, response, methods });
  }
  return anyRequest;
}

function isJsonMedia(mediaType) {
  const essence = mediaType.split(';')[0].trim().toLowerCase();
  return essence === 'application/json' || essence.endsWith('+json');
}

function essenceOf(mediaType) {
  return mediaType.split(';')[0].trim().toLowerCase();
}

function preview(value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 600 ? `${text.slice(0, 600)}...` : text;
}

function isEmptyBody(body) {
  return body === undefined || body === null || body === '' || (body instanceof Uint8Array && body.length === 0);
}

// The operation's response for STATUS: exact, then `4XX`-style range, then default.
function operationResponse(operation, status) {
  const responses = operation.responses ?? {};
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
  return key === undefined ? undefined : { key, response: deref(responses[key]) };
}

// Checks one documented response; returns an error message, or null when it matches.
// HEAD answers carry no body: only the status and the content type are checked.
function mismatch(response, where, status, body, contentType, headOnly) {
  const content = response.content ?? {};
  const mediaTypes = Object.keys(content);
  if (mediaTypes.length === 0) {
    return isEmptyBody(body) ? null : `${where} documents no body, but one came: ${preview(body)}`;
  }
  let candidates = mediaTypes;
  if (contentType) {
    candidates = mediaTypes.filter((m) => m.toLowerCase() === contentType.toLowerCase() ||
      essenceOf(m) === essenceOf(contentType));
    if (candidates.length === 0) {
      return `${where} documents content types ${mediaTypes.join(', ')}, not ${contentType}`;
    }
  } else {
    candidates = mediaTypes.filter(isJsonMedia);
    if (candidates.length === 0) return null; // nothing to check a body against without its type
  }
  if (headOnly) return null;
  const problems = [];
  for (const mediaType of candidates) {
    const schema = content[mediaType].schema;
    if (!schema) return null;
    if (!isJsonMedia(mediaType)) {
      if (typeof body === 'string' || body instanceof Uint8Array) return null;
      problems.push(`${mediaType}: expected a text or binary body, got ${typeof body}`);
      continue;
    }
    let value = body;
    if (typeof body === 'string') {
      try {
        value = JSON.parse(body);
      } catch (error) {
        problems.push(`${mediaType}: the body is not JSON (${error.message})`);
        continue;
      }
    }
    const validate = compileSchema(schema, `${where}.content[${mediaType}].schema`);
    if (!validate(value)) {
      problems.push(`${mediaType}: ${ajv().errorsText(validate.errors, { dataVar: 'body' })}`);
      continue;
    }
    if (essenceOf(mediaType) === 'application/problem+json' && value.status !== status) {
      problems.push(`${mediaType}: the problem's status ${value.status} is not the HTTP status ${status}`);
      continue;
    }
    return null;
  }
  return `${where}: ${problems.join('; ')}`;
}

/// Fails (throws AssertionError) unless the response is documented in openapi.yaml for
/// METHOD and PATH (concrete, like `/docs/init.js`, or a template) with STATUS, and BODY
/// (parsed JSON, or the raw text) matches its schema. Pass `contentType` (the response's
/// Content-Type) to pick the documented media type; without it JSON ones are tried.
export function checkResponse(method, path, status, body, { contentType } = {}) {
  const verb = method.toUpperCase();
  const label = `${verb} ${path} -> ${status}`;
  const template = templateFor(path);
  const pathItem = template === undefined ? undefined : deref(document.paths[template]);
  let operation = pathItem?.[verb.toLowerCase()];
  if (!operation && verb === 'HEAD') operation = pathItem?.get;

  const candidates = [];
  if (operation) {
    const own = operationResponse(operation, status);
    const name = operation === pathItem.get ? 'get' : verb.toLowerCase();
    if (own) candidates.push({ where: `paths[${template}].${name}.responses[${own.key}]`, response: own.response });
  }
  candidates.push(...(anyRequestResponses().get(status) ?? [])
    .filter(({ methods }) => !methods || methods.includes(verb)));
  if (candidates.length === 0) {
    const what = !pathItem ? 'an undocumented path'
      : !operation ? `an undocumented method on ${template}`
        : `status ${status}, which ${verb} ${template} does not document`;
    assert.fail(`${label}: openapi.yaml does not document this response (${what})`);
  }

  const errors = [];
  for (const { where, response } of candidates) {
    const error = mismatch(response, where, status, body, contentType, verb === 'HEAD');
    if (error === null) return;
    errors.push(error);
  }
  assert.fail(`${label}: the response does not match openapi.yaml\n  ${errors.join('\n  ')}\n  body: ${preview(body)}`);
}
