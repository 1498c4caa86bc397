// One share of the bench's clients (users FIRST..FIRST+COUNT-1), in a process of its own so that
// 10,000 clients are not parsed one after another by one JS thread. Engine.IO/Socket.IO over
// WebSocket by hand. Talks to bench/socketio/clients.mjs over the IPC channel:
//   <- {type: 'expect', name, count}  record the arrival of `count` events `name` on every client
//   -> {type: 'expecting'}            ready for them
//   -> {type: 'arrivals', times}      then: each arrival's process.hrtime.bigint() in ns, as Numbers
//   <- {type: 'close'}                close every client and exit
// process.hrtime.bigint() reads CLOCK_MONOTONIC, the same clock in every process of the machine.
import net from 'node:net';

import { token } from './token.mjs';

const { hostname: host, port } = new URL(process.env.URL);
const first = Number(process.env.FIRST);
const count = Number(process.env.COUNT);

let prefix = null;  // '42["<name>"': the event being timed
let expected = 0;
let times = [];

function arrived(at) {
  times.push(Number(at));
  if (times.length === expected) {
    process.send({ type: 'arrivals', times });
    prefix = null;
    times = [];
  }
}

// A client frame (masked, with a zero key: the payload goes as it is).
function clientFrame(text) {
  const payload = Buffer.from(text);
  const head = payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length, 0, 0, 0, 0])
    : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff, 0, 0, 0, 0]);
  return Buffer.concat([head, payload]);
}

// Connects user n over a bare TCP socket (the WebSocket handshake and frames by hand: a WebSocket
// library costs the client more per message than the server spends sending it); resolves once its
// namespace CONNECT is answered.
function connect(n) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host);
    socket.setNoDelay(true);
    let pending = null;  // bytes of a frame (or of the handshake answer) not yet whole
    let upgraded = false;
    const onText = (text, at) => {
      if (prefix !== null && text.startsWith(prefix)) arrived(at);
      else if (text === '2') socket.write(clientFrame('3'));
      else if (text[0] === '0') socket.write(clientFrame(`40${JSON.stringify({ token: token(n) })}`));
      else if (text.startsWith('40')) resolve(socket);
      else if (text.startsWith('44')) reject(new Error(text));
    };
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      const at = process.hrtime.bigint();
      let data = pending ? Buffer.concat([pending, chunk]) : chunk;
      pending = null;
      if (!upgraded) {
        const end = data.indexOf('\r\n\r\n');
        if (end < 0) {
          pending = data;
          return;
        }
        if (!data.subarray(0, 12).toString().includes('101')) return reject(new Error(data.toString()));
        upgraded = true;
        data = data.subarray(end + 4);
      }
      let at0 = 0;
      while (data.length - at0 >= 2) {
        let length = data[at0 + 1] & 0x7f;
        let start = at0 + 2;
        if (length === 126) {
          if (data.length - at0 < 4) break;
          length = data.readUInt16BE(at0 + 2);
          start = at0 + 4;
        } else if (length === 127) {
          if (data.length - at0 < 10) break;
          length = Number(data.readBigUInt64BE(at0 + 2));
          start = at0 + 10;
        }
        if (data.length < start + length) break;
        if ((data[at0] & 0x0f) === 1) onText(data.toString('latin1', start, start + length), at);
        at0 = start + length;
      }
      if (at0 < data.length) pending = data.subarray(at0);
    });
    const key = Buffer.from(String(n).padStart(16, '0')).toString('base64');
    socket.write(`GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${host}:${port}\r\n` +
      `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  });
}

const sockets = [];
for (let i = first; i < first + count; i += 200) {
  const batch = [];
  for (let n = i; n < Math.min(i + 200, first + count); n++) batch.push(connect(n));
  sockets.push(...(await Promise.all(batch)));
}

process.on('message', (message) => {
  if (message.type === 'expect') {
    prefix = `42["${message.name}"`;
    expected = message.count * sockets.length;
    times = [];
    process.send({ type: 'expecting' });
  } else if (message.type === 'close') {
    for (const socket of sockets) socket.destroy();
    process.exit(0);
  }
});
process.send({ type: 'ready' });
