package rt

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

// readerSeeds are JSON texts, valid and not, that the reader must judge and
// decode as encoding/json does.
var readerSeeds = []string{
	``, ` `, `null`, `true`, `false`, `nul`, `nulll`, `tru`, `True`, `0`, `-0`, `1`, `-1`, `01`, `-01`, `1.`, `.5`,
	`1.5`, `-1.5e10`, `1e`, `1e+`, `1E-2`, `+1`, `-`, `1e400`, `-1e400`, `1e-400`, `123456789012345678901234567890`,
	`9007199254740993`, `9007199254740993.0`, `1.0`, `-0.0`, `0e-5`, `1e2`, `150e-1`, `15e-1`, `1.5e1`,
	`9223372036854775807.0`, `-9223372036854775808e0`, `9223372036854775808.0`, `0.1`, `3.4028235e38`, `3.5e38`, `1e-46`, `""`, `"a"`, `"\u00e9"`, `"é"`, `"\ud83d\ude00"`,
	`"\ud83d"`, `"\ud83dx"`, `"\ude00"`, `"\ud83d\u0041"`, `"\u12"`, `"\u12zz"`, `"\x"`, `"\'"`, `"\/\b\f\n\r\t\"\\"`,
	"\"\xff\"", "\"a\xc3\"", "\"\xed\xa0\x80\"", "\"tab\there\"", "\"nl\n\"", `"unterminated`, `"a\"`,
	`"` + strings.Repeat("abcdefgh", 5) + `\n` + strings.Repeat("é", 9) + `"`,
	`[]`, `[1,2]`, `[1,]`, `[,1]`, `[1 2]`, `[`, `]`, `{}`, `{"a":1}`, `{"a":1,}`, `{"a" 1}`, `{"a":}`, `{a:1}`,
	`{"a":1 "b":2}`, `{"a":{"b":[1,{"c":null}]}}`, `{"a":1,"a":2}`, `{"\u0061":1}`, ` {"a" : [ 1 , 2 ] } `,
	`[1] x`, `1 2`, "\x00", "[\x00]", `{"a":"b"}}`, `[[[[[[]]]]]]`, "\t\n\r 1 \t\n\r",
	strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
	strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
	`{"k":` + strings.Repeat(`{"k":`, 10000) + `1` + strings.Repeat(`}`, 10001),
}

// TestReaderAgreesWithEncodingJSON runs the seeds through the fuzz target.
func TestReaderAgreesWithEncodingJSON(t *testing.T) {
	for _, seed := range readerSeeds {
		checkAgainstEncodingJSON(t, []byte(seed))
	}
}

// FuzzReader checks the reader against encoding/json on any input: the
// same inputs accepted and rejected, and the same values decoded into any,
// string, integers, floats and booleans.
func FuzzReader(f *testing.F) {
	for _, seed := range readerSeeds {
		f.Add([]byte(seed))
	}
	f.Fuzz(checkAgainstEncodingJSON)
}

func checkAgainstEncodingJSON(t *testing.T, data []byte) {
	t.Helper()
	// Syntax: skip accepts what json.Valid accepts.
	r := reader{data: data}
	var v validator
	r.skip()
	r.finish(&v)
	if valid := json.Valid(data); valid != (r.err == "") {
		t.Fatalf("%q: json.Valid %v, reader error %q", data, valid, r.err)
	}
	// Values: readAny gives what json.Unmarshal gives an any.
	var want any
	wantErr := json.Unmarshal(data, &want)
	got, gotErr := decodeWith(data, func(r *reader, v *validator) any { return r.readAny(v) })
	if (wantErr == nil) != (gotErr == nil) {
		t.Fatalf("%q: encoding/json error %v, reader error %v", data, wantErr, gotErr)
	}
	if wantErr == nil && (!reflect.DeepEqual(got, want) || !sameJSON(got, want)) {
		t.Fatalf("%q: encoding/json %#v, reader %#v", data, want, got)
	}
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return // encoding/json leaves a typed value alone; the reader reports the null
	}
	compareTyped[string](t, data, func(r *reader, v *validator, x *string) { r.readString(v, x) })
	compareTyped[bool](t, data, func(r *reader, v *validator, x *bool) { r.readBool(v, x) })
	compareInteger[int](t, data, func(r *reader, v *validator, x *int) { r.readInt(v, x) })
	compareInteger[int32](t, data, func(r *reader, v *validator, x *int32) { r.readInt32(v, x) })
	compareInteger[int64](t, data, func(r *reader, v *validator, x *int64) { r.readInt64(v, x) })
	compareTyped[float32](t, data, func(r *reader, v *validator, x *float32) { r.readFloat32(v, x) })
	compareTyped[float64](t, data, func(r *reader, v *validator, x *float64) { r.readFloat64(v, x) })
	if !bytes.HasPrefix(bytes.TrimSpace(data), []byte("[")) { // encoding/json also takes an array of numbers
		compareTyped[[]byte](t, data, func(r *reader, v *validator, x *[]byte) { r.readBytes(v, x) })
	}
	// time.Time: what the reader accepts (stricter: RFC 3339 exactly),
	// encoding/json accepts as the same instant in the same zone offset.
	if got, err := decodeWith(data, func(r *reader, v *validator) (x time.Time) { r.readTime(v, &x); return x }); err == nil {
		var want time.Time
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("%q: the reader accepts a time encoding/json rejects: %v", data, err)
		}
		_, wantOff := want.Zone()
		_, gotOff := got.Zone()
		if !got.Equal(want) || gotOff != wantOff {
			t.Fatalf("%q: encoding/json %v, reader %v", data, want, got)
		}
	}
}

// decodeWith runs read over data as a generated UnmarshalJSON does.
func decodeWith[T any](data []byte, read func(*reader, *validator) T) (T, error) {
	r := reader{data: data}
	var v validator
	x := read(&r, &v)
	r.finish(&v)
	return x, r.result(&v)
}

func compareTyped[T any](t *testing.T, data []byte, read func(*reader, *validator, *T)) {
	t.Helper()
	var want T
	wantErr := json.Unmarshal(data, &want)
	got, gotErr := decodeWith(data, func(r *reader, v *validator) (x T) { read(r, v, &x); return x })
	if (wantErr == nil) != (gotErr == nil) {
		t.Fatalf("%q into %T: encoding/json error %v, reader error %v", data, want, wantErr, gotErr)
	}
	if wantErr == nil && (!reflect.DeepEqual(got, want) || !sameJSON(got, want)) {
		t.Fatalf("%q into %T: encoding/json %#v, reader %#v", data, want, want, got)
	}
}

// compareInteger is compareTyped for an integer type, which, unlike
// encoding/json, takes a number written with a fraction or an exponent
// whose value is an integer (1.0, 1e2): there math/big is the reference.
func compareInteger[T int | int32 | int64](t *testing.T, data []byte, read func(*reader, *validator, *T)) {
	t.Helper()
	num := bytes.TrimSpace(data)
	f, _, err := big.ParseFloat(string(num), 10, 1024, big.ToNearestEven)
	if err != nil || !json.Valid(num) || num[0] == '+' || bytes.IndexAny(num, ".eE") < 0 {
		compareTyped(t, data, read)
		return
	}
	got, gotErr := decodeWith(data, func(r *reader, v *validator) (x T) { read(r, v, &x); return x })
	if f.Acc() != big.Exact && f.IsInt() && new(big.Float).Abs(f).Cmp(big.NewFloat(1<<64)) < 0 {
		return // rounded: 1024 bits cannot tell whether it is an integer
	}
	i, acc := f.Int64()
	want := T(i)
	if !f.IsInt() || acc != big.Exact || int64(want) != i {
		if gotErr == nil {
			t.Fatalf("%q into %T: reader %d, want an error", data, want, got)
		}
		return
	}
	if gotErr != nil || got != want {
		t.Fatalf("%q into %T: reader %d, %v, want %d", data, want, got, gotErr, want)
	}
}

// sameJSON reports whether a and b encode to the same JSON, which tells
// apart what reflect.DeepEqual does not: -0 and 0.
func sameJSON(a, b any) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

// TestReaderViolations checks what a typed read records for a value of the
// wrong type: keyword, message and path, and that syntax errors win.
func TestReaderViolations(t *testing.T) {
	cases := []struct {
		data, want string
		read       func(*reader, *validator)
	}{
		{`"x"`, "type must be integer, got string", func(r *reader, v *validator) { var x int; r.readInt(v, &x) }},
		{`1.5`, "type must be integer, got number 1.5", func(r *reader, v *validator) { var x int; r.readInt(v, &x) }},
		{`1.01e1`, "type must be integer, got number 1.01e1", func(r *reader, v *validator) { var x int64; r.readInt64(v, &x) }},
		{`2147483648.0`, "type must be integer (int32), got number 2147483648.0", func(r *reader, v *validator) { var x int32; r.readInt32(v, &x) }},
		{`1e400`, "type must be integer (int64), got number 1e400", func(r *reader, v *validator) { var x int64; r.readInt64(v, &x) }},
		{`2147483648`, "type must be integer (int32), got number 2147483648", func(r *reader, v *validator) { var x int32; r.readInt32(v, &x) }},
		{`-2147483648`, "", func(r *reader, v *validator) { var x int32; r.readInt32(v, &x) }},
		{`9223372036854775808`, "type must be integer (int64), got number 9223372036854775808", func(r *reader, v *validator) { var x int64; r.readInt64(v, &x) }},
		{`-9223372036854775808`, "", func(r *reader, v *validator) { var x int64; r.readInt64(v, &x) }},
		{`1e39`, "type must be number (float32), got number 1e39", func(r *reader, v *validator) { var x float32; r.readFloat32(v, &x) }},
		{`null`, "nullable must not be null", func(r *reader, v *validator) { var x string; r.readString(v, &x) }},
		{`{"a":[1]}`, "type must be string, got object", func(r *reader, v *validator) { var x string; r.readString(v, &x) }},
		{`[true]`, "type must be boolean, got array", func(r *reader, v *validator) { var x bool; r.readBool(v, &x) }},
		{`"2024-01-02T3:04:05Z"`, "format must be a valid date-time: " + msgDateTime, func(r *reader, v *validator) { var x time.Time; r.readTime(v, &x) }},
		{`"2024-02-30"`, "format must be a valid date: " + msgDate, func(r *reader, v *validator) { var x time.Time; r.readDate(v, &x) }},
		{`"***"`, "format must be a valid byte: " + msgBase64, func(r *reader, v *validator) { var x []byte; r.readBytes(v, &x) }},
		{`{"a":1`, "json unexpected end of JSON input", func(r *reader, v *validator) { var x string; r.readString(v, &x) }},
		{`[1,]`, "json invalid character ']' looking for beginning of value at offset 3", func(r *reader, v *validator) { var x bool; r.readBool(v, &x) }},
	}
	for _, c := range cases {
		_, err := decodeWith([]byte(c.data), func(r *reader, v *validator) any { c.read(r, v); return nil })
		got := ""
		if err != nil {
			vs := err.(*ValidationError).Violations
			got = vs[0].Keyword + " " + vs[0].Message
		}
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.data, got, c.want)
		}
	}
}

// TestReaderPaths checks that violations carry the validator's path and
// that the values decoding rejected are not reported again by later checks.
func TestReaderPaths(t *testing.T) {
	r := reader{data: []byte(`{"items":[{"q":1},{"q":"2"},{"q":null}]}`)}
	var v validator
	if !r.object(&v) {
		t.Fatal("not an object")
	}
	for more := r.firstKey(); more; more = r.nextKey() {
		v.enter(string(r.key))
		for i, more := 0, r.firstItem(); more; i, more = i+1, r.nextItem() {
			v.enterIndex(i)
			for more := r.firstKey(); more; more = r.nextKey() {
				v.enter(string(r.key))
				var q int
				r.readInt(&v, &q)
				v.add("minimum", "must be >= 5") // a later check of the same value
				v.leave()
			}
			v.leave()
		}
		v.leave()
	}
	if !r.finish(&v) {
		t.Fatal("finish: want a well-formed document with violations")
	}
	var got []string
	for _, vi := range r.result(&v).(*ValidationError).Violations {
		got = append(got, vi.Path+" "+vi.Keyword)
	}
	want := []string{"/items/0/q minimum", "/items/1/q type", "/items/2/q nullable"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestReaderAllocations: keys, numbers, booleans, nulls and date-times in
// UTC are read without allocating; a string allocates once.
func TestReaderAllocations(t *testing.T) {
	data := []byte(`{"key":123,"f":-1.25e3,"b":true,"n":null,"t":"2024-01-02T03:04:05.123Z","s":"a string of some length"}`)
	var s string
	allocs := testing.AllocsPerRun(100, func() {
		r := reader{data: data}
		var v validator
		var n int
		var f float64
		var b bool
		var tm time.Time
		for more := r.firstKey(); more; more = r.nextKey() {
			switch string(r.key) {
			case "key":
				r.readInt(&v, &n)
			case "f":
				r.readFloat64(&v, &f)
			case "b":
				r.readBool(&v, &b)
			case "t":
				r.readTime(&v, &tm)
			case "s":
				r.readString(&v, &s)
			default:
				r.skip()
			}
		}
		if r.finish(&v) || r.err != "" {
			t.Fatal(r.result(&v))
		}
	})
	if allocs != 1 {
		t.Errorf("%v allocations, want 1 (the string)", allocs)
	}
}

// TestDiscriminator reads the discriminator property without consuming the
// object, also when it is escaped or comes last.
func TestDiscriminator(t *testing.T) {
	for data, want := range map[string]string{
		`{"type":"card","n":1}`:                 "card",
		`{"n":{"type":"x"},"type":"c\u0061rd"}`: "card",
		`{"type":1,"type":"bank"}`:              "bank",
	} {
		r := reader{data: []byte(data)}
		var v validator
		tag, ok := r.discriminator(&v, "type")
		if !ok || string(tag) != want || r.pos != 0 {
			t.Errorf("%s: got %q %v at %d, want %q at 0", data, tag, ok, r.pos, want)
		}
	}
	for _, data := range []string{`{"n":1}`, `{"type":null}`, `{"type":"a","type":2}`, `[]`} {
		r := reader{data: []byte(data)}
		var v validator
		if _, ok := r.discriminator(&v, "type"); ok || len(v.violations) != 1 {
			t.Errorf("%s: accepted, or violations %v", data, v.violations)
		}
	}
}

func TestIntegerBounds(t *testing.T) {
	for _, n := range []int64{math.MinInt64, math.MinInt64 + 1, -1, 0, 1, math.MaxInt64 - 1, math.MaxInt64} {
		data, _ := json.Marshal(n)
		got, err := decodeWith(data, func(r *reader, v *validator) (x int64) { r.readInt64(v, &x); return x })
		if err != nil || got != n {
			t.Errorf("%s: got %d, %v", data, got, err)
		}
	}
}

// TestIntegerWithFraction checks that an integer type takes a number
// written with a fraction or an exponent when its value is an integer, as
// JSON Schema counts it, exactly past 2^53, and refuses it, with the usual
// violation, when it is not one or does not fit.
func TestIntegerWithFraction(t *testing.T) {
	cases := []struct {
		data string
		bits int
		want int64
		err  string // the violation's message, "" when the number decodes
	}{
		{`1.0`, 64, 1, ""},
		{`0.0`, 64, 0, ""},
		{`-0.0`, 64, 0, ""},
		{`-0e10`, 64, 0, ""},
		{`0.000e-99999999999999999999`, 64, 0, ""},
		{`1e2`, 64, 100, ""},
		{`1E+2`, 64, 100, ""},
		{`-1.50e1`, 64, -15, ""},
		{`1500e-2`, 64, 15, ""},
		{`0.15e2`, 64, 15, ""},
		{`9007199254740992.0`, 64, 9007199254740992, ""},
		{`9007199254740993.000`, 64, 9007199254740993, ""},
		{`9223372036854775807.0`, 64, math.MaxInt64, ""},
		{`-9223372036854775808.0`, 64, math.MinInt64, ""},
		{`922337203685477580.7e1`, 64, math.MaxInt64, ""},
		{`2147483647.0`, 32, math.MaxInt32, ""},
		{`-2147483648.0`, 32, math.MinInt32, ""},
		{`-21474836.48e2`, 32, math.MinInt32, ""},
		{`1.5`, 64, 0, "must be integer, got number 1.5"},
		{`15e-1`, 64, 0, "must be integer, got number 15e-1"},
		{`1.000000000000000000000000001`, 64, 0, "must be integer, got number 1.000000000000000000000000001"},
		{`123456789012345678901.5`, 64, 0, "must be integer, got number 123456789012345678901.5"},
		{`1e-99999999999999999999`, 64, 0, "must be integer, got number 1e-99999999999999999999"},
		{`1e400`, 64, 0, "must be integer (int64), got number 1e400"},
		{`1e99999999999999999999`, 64, 0, "must be integer (int64), got number 1e99999999999999999999"},
		{`9223372036854775808.0`, 64, 0, "must be integer (int64), got number 9223372036854775808.0"},
		{`-9223372036854775809.0`, 64, 0, "must be integer (int64), got number -9223372036854775809.0"},
		{`18446744073709551616.0`, 64, 0, "must be integer (int64), got number 18446744073709551616.0"},
		{`2147483648.0`, 32, 0, "must be integer (int32), got number 2147483648.0"},
		{`-2147483649e0`, 32, 0, "must be integer (int32), got number -2147483649e0"},
	}
	for _, c := range cases {
		var got int64
		_, err := decodeWith([]byte(c.data), func(r *reader, v *validator) any {
			if c.bits == 32 {
				var x int32
				r.readInt32(v, &x)
				got = int64(x)
			} else {
				r.readInt64(v, &got)
			}
			return nil
		})
		msg := ""
		if err != nil {
			msg = err.(*ValidationError).Violations[0].Message
		}
		if msg != c.err || got != c.want {
			t.Errorf("%s into int%d: got %d, %q; want %d, %q", c.data, c.bits, got, msg, c.want, c.err)
		}
	}
}

// BenchmarkReaderCart/{skip,any}: the reader alone on the decode + validate
// benchmark's document (bench/README.md): checking its syntax while
// skipping every value, and decoding it into an any. They bound what the
// generated decoders can gain from the reader.
func BenchmarkReaderCart(b *testing.B) {
	doc, err := os.ReadFile("../../bench/testdata/cart_valid.json")
	if err != nil {
		b.Fatal(err)
	}
	read := map[string]func(*reader, *validator){
		"skip": func(r *reader, _ *validator) { r.skip() },
		"any":  func(r *reader, v *validator) { r.readAny(v) },
	}
	for _, name := range []string{"skip", "any"} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			for b.Loop() {
				r := reader{data: doc}
				var v validator
				read[name](&r, &v)
				if r.err != "" || len(v.violations) > 0 {
					b.Fatal(r.err, v.violations)
				}
			}
		})
	}
}
