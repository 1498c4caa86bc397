// A hostile WebSocket client on /socket.io/: close frames with codes a peer may not send, a
// one-byte close, a reason that is not UTF-8, frames that break the protocol and a message over
// the limit are each answered with a close frame saying why (RFC 6455 section 7.4), then the
// connection is closed.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';

import { connect } from './support/raw.js';
import { startServer } from './support/server.js';

const maxPayload = 1000;
let server;
before(async () => {
  server = await startServer({ env: { SIO_MAX_PAYLOAD: maxPayload } });
});
after(async () => {
  if (server) assert.equal(await server.stop(), 0, 'the server exits 0 on SIGTERM');
});

// A frame as a client sends it: masked. `first` is FIN, RSV and the opcode.
function clientFrame(first, payload, { masked = true } = {}) {
  const data = Buffer.from(payload);
  const length = data.length < 126 ? [data.length] : [126, data.length >> 8, data.length & 0xff];
  const key = crypto.randomBytes(4);
  const header = Buffer.from([first, (masked ? 0x80 : 0) | length[0], ...length.slice(1)]);
  if (!masked) return Buffer.concat([header, data]);
  const body = Buffer.from(data.map((b, i) => b ^ key[i & 3]));
  return Buffer.concat([header, key, body]);
}

const closeCode = (code, reason = Buffer.alloc(0)) =>
  Buffer.concat([Buffer.from([code >> 8, code & 0xff]), Buffer.from(reason)]);

// The frames the server sent in `buf` (unmasked), and whether `buf` ends inside one.
function serverFrames(buf) {
  const frames = [];
  let at = 0;
  while (buf.length - at >= 2) {
    let length = buf[at + 1] & 0x7f;
    let header = 2;
    if (length === 126) {
      if (buf.length - at < 4) break;
      length = buf.readUInt16BE(at + 2);
      header = 4;
    } else if (length === 127) {
      if (buf.length - at < 10) break;
      length = Number(buf.readBigUInt64BE(at + 2));
      header = 10;
    }
    if (buf.length - at < header + length) break;
    frames.push({ opcode: buf[at] & 0x0f, payload: buf.subarray(at + header, at + header + length),
      size: header + length });
    at += header + length;
  }
  return frames;
}

// A WebSocket on /socket.io/ through a raw TCP connection: the upgrade is done and the Engine.IO
// open packet read.
async function openWebSocket() {
  const conn = await connect(server.port);
  const key = crypto.randomBytes(16).toString('base64');
  await conn.write(`GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n` +
    `Connection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  const head = await conn.readUntil((b) => b.includes('\r\n\r\n'));
  const end = head.indexOf('\r\n\r\n') + 4;
  assert.match(head.subarray(0, end).toString('latin1'), /^HTTP\/1\.1 101 /);
  conn.buffer = head.subarray(end);
  const [open] = serverFrames(await conn.readUntil((b) => serverFrames(b).length > 0));
  assert.equal(open.opcode, 1);
  assert.equal(open.payload.toString()[0], '0', 'the Engine.IO open packet');
  conn.buffer = conn.buffer.subarray(open.size);
  return conn;
}

// Sends `bytes`, then resolves to the close frame's payload the server answers with, after
// checking that it closes the connection.
async function closeAnswer(bytes) {
  const conn = await openWebSocket();
  try {
    await conn.write(bytes);
    const received = await conn.readUntil((b) => serverFrames(b).some((f) => f.opcode === 8));
    const close = serverFrames(received).find((f) => f.opcode === 8);
    assert.ok(close, `a close frame; received ${received.toString('hex')}`);
    assert.equal(await conn.waitClosed(5000), true, 'the server closes the connection after its close frame');
    return close.payload;
  } finally {
    conn.close();
  }
}

const code = (payload) => (payload.length >= 2 ? payload.readUInt16BE(0) : null);

test('a close with a code a peer may send is echoed', async () => {
  for (const valid of [1000, 1001, 3000, 4999]) {
    assert.equal(code(await closeAnswer(clientFrame(0x88, closeCode(valid, 'bye')))), valid, `${valid}`);
  }
  assert.equal((await closeAnswer(clientFrame(0x88, ''))).length, 0, 'a close without a code is answered without one');
});

test('a close with a reserved, unassigned or out-of-range code is answered with 1002', async () => {
  for (const invalid of [0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535]) {
    assert.equal(code(await closeAnswer(clientFrame(0x88, closeCode(invalid)))), 1002, `code ${invalid}`);
  }
});

test('a one-byte close is answered with 1002, a reason that is not UTF-8 with 1007', async () => {
  assert.equal(code(await closeAnswer(clientFrame(0x88, Buffer.from([0x03])))), 1002);
  assert.equal(code(await closeAnswer(clientFrame(0x88, closeCode(1000, Buffer.from([0xff, 0xfe]))))), 1007);
});

test('a frame that breaks the protocol is answered with 1002 before the connection closes', async () => {
  const broken = [
    ['unmasked', clientFrame(0x81, '2', { masked: false })],
    ['an RSV bit', clientFrame(0xc1, '2')],
    ['an unknown opcode', clientFrame(0x83, '2')],
    ['a fragmented ping', clientFrame(0x09, 'p')],
    ['text that is not UTF-8', clientFrame(0x81, Buffer.from([0x34, 0xff]))],
  ];
  for (const [what, bytes] of broken) assert.equal(code(await closeAnswer(bytes)), 1002, what);
});

test('a message over the limit is answered with 1009 before the connection closes', async () => {
  assert.equal(code(await closeAnswer(clientFrame(0x81, `4${'x'.repeat(maxPayload)}`))), 1009);
});
