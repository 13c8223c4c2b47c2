package search

import (
	"errors"
	"strconv"
)

// Numbers inside index files are written as base-64 variable-length
// quantities inside JSON strings: each character carries 5 bits, and the
// sixth bit says another character follows (low bits first). A posting
// list is thousands of small numbers; as JSON numbers they would take two
// to four bytes each plus a comma, here most take one character, and the
// host's gzip squeezes the rest. The alphabet needs no JSON escaping.
const vlqAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func appendVLQ(b []byte, v uint64) []byte {
	for {
		d := v & 31
		v >>= 5
		if v == 0 {
			return append(b, vlqAlphabet[d])
		}
		b = append(b, vlqAlphabet[d|32])
	}
}

// vlqLen is the number of characters appendVLQ writes for v.
func vlqLen(v uint64) int {
	n := 1
	for v >>= 5; v != 0; v >>= 5 {
		n++
	}
	return n
}

// zigzag maps signed to unsigned numbers so small negative deltas stay short.
func zigzag(v int64) uint64 { return uint64(v<<1) ^ uint64(v>>63) }

func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

var errVLQ = errors.New("malformed number")

// vlqDigit maps a character of the alphabet to its value and any other
// byte to 0xff.
var vlqDigit = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	for i := 0; i < len(vlqAlphabet); i++ {
		t[vlqAlphabet[i]] = byte(i)
	}
	return t
}()

// vlqReader decodes a VLQ string.
type vlqReader struct {
	s   string
	pos int
	err error
}

func (r *vlqReader) next() uint64 {
	var v uint64
	var shift uint
	for {
		if r.pos >= len(r.s) || shift > 60 {
			r.err = errVLQ
			return 0
		}
		d := vlqDigit[r.s[r.pos]]
		r.pos++
		if d == 0xff {
			r.err = errVLQ
			return 0
		}
		v |= uint64(d&31) << shift
		if d < 32 {
			return v
		}
		shift += 5
	}
}

// skip moves past n numbers without decoding them.
func (r *vlqReader) skip(n int) {
	for ; n > 0 && r.err == nil; n-- {
		for {
			if r.pos >= len(r.s) {
				r.err = errVLQ
				return
			}
			d := vlqDigit[r.s[r.pos]]
			r.pos++
			if d == 0xff {
				r.err = errVLQ
				return
			}
			if d < 32 {
				break
			}
		}
	}
}

// fnv32 is 32-bit FNV-1a over the UTF-8 bytes of s: the hash that assigns a
// token to a shard, cheap to compute the same way in the browser.
func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// shardOf returns the shard file number of a token.
func shardOf(token string, shards int) int { return shardOfHash(fnv32(token), shards) }

// shardOfHash returns the shard of a token of hash h: the shards divide the
// range of hashes into equal parts, in order, so that a build can write the
// tokens in order of hash and cut them into shards as they come (spill.go).
func shardOfHash(h uint32, shards int) int { return int(uint64(h) * uint64(shards) >> 32) }

func shardPath(n int) string { return "s/" + strconv.Itoa(n) + ".json" }

func tailPath(n int) string { return "t/" + strconv.Itoa(n) + ".json" }

func contentPath(doc int) string { return "d/" + strconv.Itoa(doc) + ".json" }

// appendJSONString appends s as a JSON string. Unlike encoding/json it does
// not escape <, > and &: the files are fetched as data, never inlined in HTML.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		if c == '"' || c == '\\' {
			b = append(b, '\\', c)
		} else {
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
