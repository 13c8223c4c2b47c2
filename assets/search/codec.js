// Decoding of the index files' numbers and the shard hash, as written by
// internal/search/codec.go.

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
export const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;

// VLQReader reads base-64 variable-length quantities from a string.
export class VLQReader {
  constructor(s) {
    this.s = s;
    this.pos = 0;
  }
  next() {
    let v = 0;
    let mul = 1;
    for (;;) {
      if (this.pos >= this.s.length || mul > 1e15) throw new Error("search index: malformed number");
      const c = this.s.charCodeAt(this.pos++);
      const d = c < 128 ? DIGIT[c] : -1;
      if (d < 0) throw new Error("search index: malformed number");
      v += (d & 31) * mul;
      if (d < 32) return v;
      mul *= 32;
    }
  }
  done() {
    return this.pos >= this.s.length;
  }
}

export function unzigzag(u) {
  return u % 2 === 1 ? -(u + 1) / 2 : u / 2;
}

// FORMAT is the index format this code reads (meta.json's "format").
export const FORMAT = 4;

// shardOf is the shard of a token of hash h among n shards: the shards
// divide the range of hashes into equal parts (shardOfHash in Go). The
// product is below 2^53, so exact.
export function shardOf(h, n) {
  return Math.floor((h * n) / 4294967296);
}

// fnv32 is 32-bit FNV-1a over the UTF-8 bytes of s (fnv32 in Go).
export function fnv32(s) {
  let h = 0x811c9dc5;
  const step = (b) => {
    h ^= b;
    h = Math.imul(h, 16777619) >>> 0;
  };
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (c < 0x80) {
      step(c);
    } else if (c < 0x800) {
      step(0xc0 | (c >> 6));
      step(0x80 | (c & 63));
    } else if (c < 0x10000) {
      step(0xe0 | (c >> 12));
      step(0x80 | ((c >> 6) & 63));
      step(0x80 | (c & 63));
    } else {
      step(0xf0 | (c >> 18));
      step(0x80 | ((c >> 12) & 63));
      step(0x80 | ((c >> 6) & 63));
      step(0x80 | (c & 63));
    }
  }
  return h >>> 0;
}

export function shardPath(n) {
  return "s/" + n + ".json";
}

export function tailPath(n) {
  return "t/" + n + ".json";
}

export function contentPath(doc) {
  return "d/" + doc + ".json";
}
