// Package bincode is the build cache's small binary codec: unsigned
// varints, and strings as a length and bytes. It is much faster to read
// than gob or JSON, which matters because an incremental build reads the
// whole cache before it knows what changed.
package bincode

import (
	"encoding/binary"
	"errors"
	"unsafe"
)

// Encoder appends values to B.
type Encoder struct{ B []byte }

// Uint appends an unsigned varint.
func (e *Encoder) Uint(v uint64) { e.B = binary.AppendUvarint(e.B, v) }

// Int appends a signed varint.
func (e *Encoder) Int(v int64) { e.B = binary.AppendVarint(e.B, v) }

// Str appends a string: its length, then its bytes.
func (e *Encoder) Str(s string) {
	e.Uint(uint64(len(s)))
	e.B = append(e.B, s...)
}

// Bytes appends bytes as Str does.
func (e *Encoder) Bytes(p []byte) {
	e.Uint(uint64(len(p)))
	e.B = append(e.B, p...)
}

// Bool appends 1 or 0.
func (e *Encoder) Bool(v bool) {
	if v {
		e.B = append(e.B, 1)
	} else {
		e.B = append(e.B, 0)
	}
}

// Strs appends a count, then each string.
func (e *Encoder) Strs(ss []string) {
	e.Uint(uint64(len(ss)))
	for _, s := range ss {
		e.Str(s)
	}
}

// Decoder reads what Encoder wrote. Strings are cut from one string holding
// the whole file, so decoding allocates little. The first error sticks and
// every later read returns zero values.
type Decoder struct {
	s   string
	err error
}

// Corrupt records that what was read does not make sense: Err then
// returns ErrCorrupt, and every later read returns nothing.
func (d *Decoder) Corrupt() {
	if d.err == nil {
		d.err = ErrCorrupt
	}
	d.s = ""
}

// ErrCorrupt is the error of a Decoder that read past what was written.
var ErrCorrupt = errors.New("corrupt cache file")

// Uint reads an unsigned varint.
func (d *Decoder) Uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := uvarint(d.s)
	if n <= 0 {
		d.err = ErrCorrupt
		return 0
	}
	d.s = d.s[n:]
	return v
}

// Int reads a signed varint.
func (d *Decoder) Int() int64 {
	u := d.Uint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// Str reads a string, cut from the decoder's without copying.
func (d *Decoder) Str() string {
	n := d.Uint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.s)) {
		d.err = ErrCorrupt
		return ""
	}
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

// Bool reads what Encoder.Bool wrote.
func (d *Decoder) Bool() bool {
	if d.err != nil {
		return false
	}
	if len(d.s) == 0 || d.s[0] > 1 {
		d.err = ErrCorrupt
		return false
	}
	v := d.s[0] == 1
	d.s = d.s[1:]
	return v
}

// Count reads a length and checks it against what is left, so that a
// corrupt file cannot make the reader allocate without bound.
func (d *Decoder) Count() int {
	n := d.Uint()
	if n > uint64(len(d.s)) {
		d.err = ErrCorrupt
		return 0
	}
	return int(n)
}

// Strs reads what Encoder.Strs wrote; nil for none.
func (d *Decoder) Strs() []string {
	n := d.Count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.Str()
	}
	return out
}

// uvarint is binary.Uvarint for a string.
func uvarint(s string) (uint64, int) {
	var x uint64
	var shift uint
	for i := 0; i < len(s); i++ {
		if i == binary.MaxVarintLen64 {
			return 0, -(i + 1)
		}
		b := s[i]
		if b < 0x80 {
			if i == binary.MaxVarintLen64-1 && b > 1 {
				return 0, -(i + 1)
			}
			return x | uint64(b)<<shift, i + 1
		}
		x |= uint64(b&0x7f) << shift
		shift += 7
	}
	return 0, 0
}

// NewDecoder reads s, which holds what an Encoder wrote.
func NewDecoder(s string) *Decoder { return &Decoder{s: s} }

// ViewDecoder reads data without copying it, so that a file read whole is
// cut into many strings for free; data must never change afterwards.
func ViewDecoder(data []byte) *Decoder {
	if len(data) == 0 {
		return &Decoder{}
	}
	return &Decoder{s: unsafe.String(&data[0], len(data))}
}

// Byte appends one raw byte: a record's tag.
func (e *Encoder) Byte(b byte) { e.B = append(e.B, b) }

// Byte reads one raw byte, or returns 0 with the error set at the end.
func (d *Decoder) Byte() byte {
	if d.err != nil || len(d.s) == 0 {
		d.err = ErrCorrupt
		return 0
	}
	b := d.s[0]
	d.s = d.s[1:]
	return b
}

// Len returns how many bytes are left to read.
func (d *Decoder) Len() int { return len(d.s) }

// Err returns the first error, which sticks.
func (d *Decoder) Err() error { return d.err }
