// Socket.IO clients for the API tests.
import { io } from 'socket.io-client';

/**
 * A new socket.io-client socket to `url`, resolved once connected (rejected on connect_error).
 * No reconnection, a 5 s connect timeout; `options` (auth, transports, ...) are added.
 */
export async function connectedSocket(url, options = {}) {
  const socket = io(url, { forceNew: true, reconnection: false, timeout: 5000, ...options });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Resolves when `emitter` emits `event` (with its first argument), rejects after `ms`. */
export function once(emitter, event, ms = 5000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    emitter.once(event, (value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
