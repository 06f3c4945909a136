// The Node host's data folder (<build>/data): files workloads read by range,
// generated there at run time (never committed). Sources read with fs,
// synchronously, one positioned read per range.

import fs from 'node:fs';
import path from 'node:path';

export class FileRangeSource {
  constructor(file) {
    this.file = file;
    this.fd = fs.openSync(file, 'r');
    this.size = fs.fstatSync(this.fd).size;
    this.requests = 0;
    this.bytesRead = 0;
  }

  read(offset, length) {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length <= 0 || offset + length > this.size) {
      throw new Error(`${this.file}: cannot read ${length} bytes at ${offset} of a ${this.size}-byte file`);
    }
    const bytes = new Uint8Array(length);
    let done = 0;
    while (done < length) {  // a positioned read may return less than asked
      const n = fs.readSync(this.fd, bytes, done, length - done, offset + done);
      if (n === 0) throw new Error(`${this.file}: short read at ${offset + done}`);
      done += n;
    }
    this.requests++;
    this.bytesRead += length;
    return bytes;
  }

  close() {
    fs.closeSync(this.fd);
  }
}

export function dataFolder(dir) {
  const resolve = (name) => {
    const file = path.resolve(dir, name);
    if (!file.startsWith(path.resolve(dir) + path.sep)) throw new Error(`data file '${name}' is outside ${dir}`);
    return file;
  };
  return {
    dir,
    exists: (name) => fs.existsSync(resolve(name)),
    // Written aside and renamed: a reader never sees half a file.
    write: (name, bytes) => {
      const file = resolve(name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(`${file}.tmp`, bytes);
      fs.renameSync(`${file}.tmp`, file);
    },
    open: async (name) => new FileRangeSource(resolve(name)),
  };
}
