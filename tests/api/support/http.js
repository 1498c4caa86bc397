// Small helpers around the global fetch for API tests.
//
//   const res = await fetch(`${server.url}/healthz`);
//   const body = await json(res);
//
//   const api = client(server.url, { token });
//   const { status, body } = await api.post('/api/v1/cart/add', { productId, quantity: 1 });

/**
 * Reads a response body as JSON (application/json or application/problem+json).
 * Throws, quoting status and body, when the body is not JSON.
 */
export async function json(res) {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(
      `expected a JSON body from ${res.url || 'the response'} (status ${res.status}, ` +
        `content-type ${res.headers.get('content-type')}), got: ${text.slice(0, 500)}`,
    );
  }
}

/** The media type of a response without parameters: 'application/json'. */
export function mediaType(res) {
  return (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Sends one request. `body` that is not a string, Buffer or FormData is sent as
 * JSON. Resolves to { status, headers, body, text, res }: `body` is the parsed
 * JSON when the response is JSON, else null.
 */
export async function request(baseUrl, method, path, { body, token, headers = {}, timeoutMs = 10_000 } = {}) {
  const init = { method, headers: { ...headers }, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' };
  if (token) init.headers.authorization = `Bearer ${token}`;
  if (body !== undefined) {
    const raw = typeof body === 'string' || body instanceof Uint8Array || body instanceof FormData;
    init.body = raw ? body : JSON.stringify(body);
    if (!raw && !Object.keys(init.headers).some((h) => h.toLowerCase() === 'content-type')) {
      init.headers['content-type'] = 'application/json';
    }
  }
  const res = await fetch(new URL(path, baseUrl), init);
  const text = await res.text();
  let parsed = null;
  if (/[/+]json$/.test(mediaType(res)) && text.length > 0) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed, text, res };
}

/** A client bound to a base URL and, optionally, an access token. */
export function client(baseUrl, { token, headers } = {}) {
  const call = (method) => (path, body, options = {}) =>
    request(baseUrl, method, path, { token, ...options, headers: { ...headers, ...options.headers }, body });
  return {
    get: (path, options = {}) => request(baseUrl, 'GET', path, { token, ...options, headers: { ...headers, ...options.headers } }),
    delete: (path, options = {}) =>
      request(baseUrl, 'DELETE', path, { token, ...options, headers: { ...headers, ...options.headers } }),
    post: call('POST'),
    put: call('PUT'),
    patch: call('PATCH'),
  };
}
