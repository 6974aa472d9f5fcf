package rt

import (
	"encoding/json"
	"math"
	"testing"
	"time"
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

// TestWriterTimeBounds: time.Time's MarshalJSON refuses years outside
// 0-9999, in the time's own zone; the writer must agree at the edges.
func TestWriterTimeBounds(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("east", 14*3600), time.FixedZone("west", -12*3600)}
	instants := []time.Time{
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(-1, 12, 31, 23, 59, 59, 999, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 3, 14, 9, 26, 53, 589793238, time.UTC),
	}
	for _, at := range instants {
		for _, z := range zones {
			tt := at.In(z)
			want, wantErr := json.Marshal(tt)
			var w jsonWriter
			w.time(tt)
			if (w.err != nil) != (wantErr != nil) || wantErr == nil && string(w.buf) != string(want) {
				t.Errorf("%v: writer %q (%v), encoding/json %q (%v)", tt, w.buf, w.err, want, wantErr)
			}
		}
	}
}
