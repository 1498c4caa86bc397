// A raw TCP client for tests of the HTTP layer itself: pipelining, partial
// and slow requests, malformed bytes, connection limits and timeouts.
//
//   const conn = await connect(server.port);
//   conn.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
//   const [a, b] = [await conn.readResponse(), await conn.readResponse()];
//   assert.equal(a.status, 200);
//   conn.close();
//
//   const { text, closed } = await exchange(server.port, 'BAD\r\n\r\n');
import net from 'node:net';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Parses one HTTP/1.x response at the start of `buf`. Returns null when `buf`
 * does not hold a whole one yet, else { response, rest }. `response` is
 * { status, reason, version, headers (lower-case names; repeated ones joined
 * by ', '), rawHeaders ([name, value] pairs), body (Buffer), text }.
 * `noBody`: the request was HEAD (or the caller knows there is no body).
 * `closed`: the peer has closed, so a body without a length ends here.
 */
export function parseResponse(buf, { noBody = false, closed = false } = {}) {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
  const match = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/.exec(lines[0]);
  if (!match) throw new Error(`not an HTTP response: ${JSON.stringify(lines[0])}`);
  const headers = {};
  const rawHeaders = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    rawHeaders.push([line.slice(0, colon), value]);
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  const status = Number(match[2]);
  const head = { version: match[1], status, reason: match[3] ?? '', headers, rawHeaders };
  let offset = end + 4;
  const done = (body, next) => ({
    response: { ...head, body, text: body.toString('utf8') },
    rest: buf.subarray(next),
  });

  if (noBody || (status >= 100 && status < 200) || status === 204 || status === 304) {
    return done(Buffer.alloc(0), offset);
  }
  if (/\bchunked\b/i.test(headers['transfer-encoding'] ?? '')) {
    const chunks = [];
    for (;;) {
      const lineEnd = buf.indexOf('\r\n', offset);
      if (lineEnd < 0) return null;
      const size = parseInt(buf.subarray(offset, lineEnd).toString('latin1').split(';')[0], 16);
      if (Number.isNaN(size)) throw new Error('bad chunk size');
      offset = lineEnd + 2;
      if (size === 0) {
        // Trailers, if any, end with an empty line.
        const trailerEnd = buf.indexOf('\r\n\r\n', offset - 2);
        if (trailerEnd < 0) return null;
        return done(Buffer.concat(chunks), trailerEnd + 4);
      }
      if (buf.length < offset + size + 2) return null;
      chunks.push(buf.subarray(offset, offset + size));
      offset += size + 2;
    }
  }
  if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    if (buf.length < offset + length) return null;
    return done(buf.subarray(offset, offset + length), offset + length);
  }
  // No length: the body runs to the end of the connection.
  if (!closed) return null;
  return done(buf.subarray(offset), buf.length);
}

/** Parses every whole response in `buf` (pipelined responses, in order). */
export function parseResponses(buf, options = {}) {
  const responses = [];
  let rest = Buffer.from(buf);
  for (;;) {
    const parsed = rest.length ? parseResponse(rest, options) : null;
    if (!parsed) break;
    responses.push(parsed.response);
    rest = parsed.rest;
  }
  return responses;
}

class RawConnection {
  constructor(socket) {
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    this.closed = false;
    this.error = null;
    this.waiters = new Set();
    socket.on('data', (data) => {
      this.buffer = Buffer.concat([this.buffer, data]);
      this.#notify();
    });
    socket.on('error', (err) => {
      this.error = err;
    });
    socket.on('close', () => {
      this.closed = true;
      this.#notify();
    });
  }

  #notify() {
    for (const waiter of this.waiters) waiter();
  }

  // Resolves when check() returns something other than undefined; rejects after timeoutMs.
  #until(check, timeoutMs, what) {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        let value;
        try {
          value = check();
        } catch (err) {
          cleanup();
          reject(err);
          return;
        }
        if (value !== undefined) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        const err = new Error(`timed out after ${timeoutMs} ms waiting for ${what}; received so far: ` +
          JSON.stringify(this.buffer.toString('latin1').slice(0, 500)));
        err.code = 'ETIMEDOUT';
        reject(err);
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(attempt);
      };
      this.waiters.add(attempt);
      attempt();
    });
  }

  /** Writes bytes (string as latin1 so every byte value can be sent; or a Buffer). */
  write(data) {
    return new Promise((resolve, reject) => {
      if (this.socket.destroyed) {
        reject(new Error('write on a closed connection'));
        return;
      }
      this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data, (err) =>
        err ? reject(err) : resolve(),
      );
    });
  }

  /** Writes `data` in pieces of `chunkSize` bytes, `delayMs` apart (slow clients). */
  async writeSlowly(data, { chunkSize = 1, delayMs = 100 } = {}) {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    for (let i = 0; i < bytes.length; i += chunkSize) {
      if (this.closed) return false;
      await this.write(bytes.subarray(i, i + chunkSize)).catch(() => {});
      if (i + chunkSize < bytes.length) await sleep(delayMs);
    }
    return !this.closed;
  }

  /** Resolves to the next whole response and removes it from the buffer. */
  readResponse({ timeoutMs = 5000, noBody = false } = {}) {
    return this.#until(
      () => {
        const parsed = this.buffer.length ? parseResponse(this.buffer, { noBody, closed: this.closed }) : null;
        if (parsed) {
          this.buffer = Buffer.from(parsed.rest);
          return parsed.response;
        }
        if (this.closed) throw new Error(`connection closed before a whole response; received: ${JSON.stringify(this.buffer.toString('latin1').slice(0, 500))}`);
        return undefined;
      },
      timeoutMs,
      'a response',
    );
  }

  /** Resolves to everything received once `predicate(buffer)` holds (or the peer closes). */
  readUntil(predicate, { timeoutMs = 5000 } = {}) {
    return this.#until(() => (predicate(this.buffer) || this.closed ? this.buffer : undefined), timeoutMs, 'data');
  }

  /** Resolves to true when the server closes the connection within timeoutMs, else false. */
  waitClosed(timeoutMs = 5000) {
    return this.#until(() => (this.closed ? true : undefined), timeoutMs, 'close').catch((err) => {
      if (err.code === 'ETIMEDOUT') return false;
      throw err;
    });
  }

  /** Everything received and not yet consumed by readResponse, as text. */
  get text() {
    return this.buffer.toString('latin1');
  }

  /** Half-closes: no more bytes from us; the server may still answer. */
  end() {
    this.socket.end();
  }

  /** Closes the connection at once. */
  close() {
    this.socket.destroy();
  }
}

/** Opens a TCP connection to 127.0.0.1:port. */
export function connect(port, { host = '127.0.0.1', timeoutMs = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host, noDelay: true });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connect to ${host}:${port} timed out`));
    }, timeoutMs);
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(new RawConnection(socket));
    });
  });
}

/**
 * Sends `data`, then collects what comes back until the server closes the
 * connection or `timeoutMs` passes. `end`: half-close after sending.
 * Resolves to { data (Buffer), text, closed, responses (parsed, best effort) }.
 */
export async function exchange(port, data, { timeoutMs = 5000, end = false, noBody = false } = {}) {
  const conn = await connect(port);
  try {
    await conn.write(data).catch(() => {});
    if (end) conn.end();
    const closed = await conn.waitClosed(timeoutMs);
    let responses = [];
    try {
      responses = parseResponses(conn.buffer, { noBody, closed });
    } catch {
      // not HTTP: the caller looks at text
    }
    return { data: conn.buffer, text: conn.text, closed, responses };
  } finally {
    conn.close();
  }
}
