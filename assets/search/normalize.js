// Text folding and tokenizing rules, shared exactly with internal/search
// (normalize.go, tokens.go). Go tests feed every code point and a list of
// strings through both and compare.

// fold maps one code point to the one code point it is compared as.
export function fold(r) {
  if (r < 0x80) {
    if (r >= 0x41 && r <= 0x5a) return r + 32; // A-Z
    if (r <= 0x20 || r === 0x7f) return 0x20;
    if (r === 0x5b) return 0x28; // [ → (
    if (r === 0x5d) return 0x29; // ] → )
    return r;
  }
  if (r >= 0xff01 && r <= 0xff5e) return fold(r - 0xfee0); // full-width ASCII
  if (r <= 0x9f || (r >= 0x2000 && r <= 0x200d)) return 0x20;
  if (r >= 0x2010 && r <= 0x2015) return 0x2d; // dashes → -
  switch (r) {
    case 0x00a0: case 0x1680: case 0x2028: case 0x2029: case 0x202f:
    case 0x205f: case 0x2060: case 0x3000: case 0xfeff:
      return 0x20;
    case 0x2212: case 0xfe58: case 0xfe63:
      return 0x2d;
    case 0x2018: case 0x2019: case 0x201a: case 0x201b:
      return 0x27;
    case 0x201c: case 0x201d: case 0x201e: case 0x201f:
      return 0x22;
    case 0x3010: case 0x3014: case 0x3016: case 0xfe59: case 0xfe5d:
      return 0x28;
    case 0x3011: case 0x3015: case 0x3017: case 0xfe5a: case 0xfe5e:
      return 0x29;
    case 0x301c: return 0x7e;
    case 0xff5f: return 0x2985;
    case 0xff60: return 0x2986;
    case 0xff61: return 0x3002;
    case 0xff62: return 0x300c;
    case 0xff63: return 0x300d;
    case 0xff64: case 0xfe51: return 0x3001;
    case 0xff65: return 0x30fb;
    case 0xffe0: return 0xa2;
    case 0xffe1: return 0xa3;
    case 0xffe2: return 0xac;
    case 0xffe3: return 0xaf;
    case 0xffe4: return 0xa6;
    case 0xffe5: return 0xa5;
    case 0xffe6: return 0x20a9;
    case 0xfe50: return 0x2c;
    case 0xfe52: return 0x2e;
    case 0xfe54: return 0x3b;
    case 0xfe55: return 0x3a;
    case 0xfe56: return 0x3f;
    case 0xfe57: return 0x21;
    case 0xfe5b: return 0x7b;
    case 0xfe5c: return 0x7d;
    case 0xfe5f: return 0x23;
    case 0xfe60: return 0x26;
    case 0xfe61: return 0x2a;
    case 0xfe62: return 0x2b;
    case 0xfe64: return 0x3c;
    case 0xfe65: return 0x3e;
    case 0xfe66: return 0x3d;
    case 0xfe68: return 0x5c;
    case 0xfe69: return 0x24;
    case 0xfe6a: return 0x25;
    case 0xfe6b: return 0x40;
  }
  return r;
}

// codePoints returns the code points of s. A lone surrogate counts as
// U+FFFD, as it would after a round trip through Go.
export function codePoints(s) {
  const out = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        i++;
      } else {
        c = 0xfffd;
      }
    } else if (c >= 0xd800 && c <= 0xdfff) {
      c = 0xfffd;
    }
    out.push(c);
  }
  return out;
}

export function fromCodePoints(cps) {
  let s = "";
  for (let i = 0; i < cps.length; i += 4096) {
    s += String.fromCodePoint.apply(null, cps.slice(i, i + 4096));
  }
  return s;
}

// normalize folds a string (see Normalize in Go).
export function normalize(s) {
  return fromCodePoints(codePoints(s).map(fold));
}

// stream returns the folded code points of s without spaces. It runs over
// every report shown, so the common case (a CJK ideograph, which folds to
// itself) skips fold and the intermediate array.
export function stream(s) {
  const out = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x3400 && c < 0xa000) {
      out.push(c);
      continue;
    }
    let r = c;
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        r = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        i++;
      } else {
        r = 0xfffd;
      }
    }
    const f = fold(r);
    if (f !== 0x20) out.push(f);
  }
  return out;
}

export const ASCII_MAX = 8;
const MAX_TERMS = 8;
const MAX_TERM_LEN = 32;

function isASCIIAlnum(r) {
  return (r >= 0x30 && r <= 0x39) || (r >= 0x61 && r <= 0x7a);
}

// tokens returns the token occurrences of s in index order (Tokens in Go).
// The browser never indexes; this exists so tests can compare the rules.
export function tokens(s) {
  const st = stream(s);
  const out = [];
  let run = 0;
  for (let i = 0; i < st.length; i++) {
    out.push(fromCodePoints([st[i]]));
    if (i + 1 < st.length) out.push(fromCodePoints([st[i], st[i + 1]]));
    if (!isASCIIAlnum(st[i])) {
      run = 0;
      continue;
    }
    run++;
    for (let n = 3; n <= ASCII_MAX && n <= run; n++) {
      out.push(fromCodePoints(st.slice(i + 1 - n, i + 1)));
    }
  }
  return out;
}

// queryTerms splits a query into deduplicated terms of folded code points.
export function queryTerms(q) {
  const terms = [];
  let cur = [];
  const flush = () => {
    if (cur.length === 0) return;
    if (cur.length > MAX_TERM_LEN) cur = cur.slice(0, MAX_TERM_LEN);
    const s = fromCodePoints(cur);
    let dup = false;
    for (let i = 0; i < terms.length; i++) {
      if (fromCodePoints(terms[i]) === s) dup = true;
    }
    if (!dup && terms.length < MAX_TERMS) terms.push(cur);
    cur = [];
  };
  const cps = codePoints(q);
  for (let i = 0; i < cps.length; i++) {
    const f = fold(cps[i]);
    if (f === 0x20) flush();
    else cur.push(f);
  }
  flush();
  return terms;
}

// compareCodePoints orders strings by code point, as Go orders them by
// UTF-8 bytes (JavaScript's < compares UTF-16 units, which differs above
// U+FFFF).
export function compareCodePoints(a, b) {
  const x = codePoints(a);
  const y = codePoints(b);
  for (let i = 0; i < x.length && i < y.length; i++) {
    if (x[i] !== y[i]) return x[i] - y[i];
  }
  return x.length - y.length;
}

// plan returns the token strings a term needs, sorted and deduplicated, and
// whether their postings answer the term exactly (plan in Go).
export function plan(t) {
  if (t.length === 1) return { tokens: [fromCodePoints(t)], exact: true };
  const keys = [];
  const seg = new Array(t.length).fill(0);
  let nseg = 0;
  for (let i = 0; i < t.length; ) {
    let j = i;
    while (j < t.length && isASCIIAlnum(t[j])) j++;
    if (j - i >= 3) {
      nseg++;
      for (let k = i; k < j; k++) seg[k] = nseg;
      if (j - i <= ASCII_MAX) {
        keys.push(fromCodePoints(t.slice(i, j)));
      } else {
        for (let k = i; k < j; k += ASCII_MAX) {
          if (k + ASCII_MAX > j) k = j - ASCII_MAX;
          keys.push(fromCodePoints(t.slice(k, k + ASCII_MAX)));
        }
      }
    }
    if (j === i) j++;
    i = j;
  }
  for (let i = 0; i + 1 < t.length; i++) {
    if (seg[i] !== 0 && seg[i] === seg[i + 1]) continue;
    keys.push(fromCodePoints([t[i], t[i + 1]]));
  }
  keys.sort(compareCodePoints);
  const out = [];
  for (let i = 0; i < keys.length; i++) {
    if (i === 0 || keys[i] !== keys[i - 1]) out.push(keys[i]);
  }
  const exact =
    t.length === 2 ||
    (nseg === 1 && t.length <= ASCII_MAX && seg[0] !== 0 && seg[t.length - 1] !== 0);
  return { tokens: out, exact: exact };
}
