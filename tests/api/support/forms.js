// multipart/form-data bodies for upload tests.
//
//   const body = form([['avatar', pngBytes, 'me.png', 'image/png'], ['caption', 'hi']]);

/** A FormData of [name, value, filename?, type?] fields: a Buffer value becomes a file. */
export function form(fields) {
  const body = new FormData();
  for (const [name, value, filename, type] of fields) {
    if (Buffer.isBuffer(value)) body.append(name, new Blob([value], { type: type ?? 'application/octet-stream' }), filename ?? 'file');
    else body.append(name, value);
  }
  return body;
}
