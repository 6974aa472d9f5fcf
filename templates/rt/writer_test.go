package rt

import (
	"encoding/json"
	"math"
	"testing"
)

// FuzzWriterString checks that strings are escaped as encoding/json escapes them.
func FuzzWriterString(f *testing.F) {
	for _, s := range []string{"", "plain", "<a href=\"x\">&amp;</a>", "\x00\x01\b\f\n\r\t\x1f\x7f", "\u2028\u2029", "bad \xff\xfe utf8 \xe2\x80", "é日本🎉", `back\slash`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var w jsonWriter
		w.string(s)
		if string(w.buf) != string(want) {
			t.Fatalf("%q: got %s, want %s", s, w.buf, want)
		}
	})
}

// FuzzWriterFloat checks that float64 and float32 are formatted as encoding/json formats them.
func FuzzWriterFloat(f *testing.F) {
	for _, v := range []float64{0, math.Copysign(0, -1), 1, -1.5, 1e-6, 9.99e-7, 1e20, 1e21, 123456789e13, 1e-9, math.MaxFloat64, math.SmallestNonzeroFloat64, math.MaxFloat32, 3.4e-39, 0.1, 1.0 / 3} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			var w jsonWriter
			w.float64(v)
			if w.err == nil {
				t.Fatalf("%v: no error", v)
			}
			return
		}
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var w jsonWriter
		w.float64(v)
		if string(w.buf) != string(want) || w.err != nil {
			t.Fatalf("float64 %v: got %s (%v), want %s", v, w.buf, w.err, want)
		}
		v32 := float32(v)
		if math.IsInf(float64(v32), 0) {
			return
		}
		want, err = json.Marshal(v32)
		if err != nil {
			t.Fatal(err)
		}
		w = jsonWriter{}
		w.float32(v32)
		if string(w.buf) != string(want) || w.err != nil {
			t.Fatalf("float32 %v: got %s (%v), want %s", v32, w.buf, w.err, want)
		}
	})
}
