package store

// This file is copied next to generated code by generator/encode_test.go
// (specs/store, with store_pairs_test.go) and generator/random_test.go (the
// random specs, with pairs of their types), beside gentest/plain, the same
// spec generated without validators, and run there with go test. The copy
// gets the package clause of the generated package.

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"
)

var timeType = reflect.TypeFor[time.Time]()

// TestEncodeMatchesEncodingJSON fills values of the types of encodePairs
// at random, copies each into the same type of package plain, and checks that
// json.Marshal (through the generated MarshalJSON), encodeJSON and
// encoding/json on the plain copy write the same bytes.
func TestEncodeMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for _, p := range encodePairs {
		name := reflect.TypeOf(p.a).Elem().Name()
		for i := range 300 {
			a := reflect.New(reflect.TypeOf(p.a).Elem())
			fill(r, a.Elem(), 0)
			b := reflect.New(reflect.TypeOf(p.b).Elem())
			copyValue(b.Elem(), a.Elem())
			got, gotErr := json.Marshal(a.Interface())
			want, wantErr := json.Marshal(b.Interface())
			if (gotErr == nil) != (wantErr == nil) {
				t.Fatalf("%s #%d: error %v, encoding/json error %v", name, i, gotErr, wantErr)
			}
			if gotErr != nil {
				continue
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%s #%d:\n got %s\nwant %s", name, i, got, want)
			}
			e, ok := a.Interface().(jsonEncoder)
			if !ok {
				continue // parameter structs have no generated encoder
			}
			direct, err := encodeJSON(e)
			if err != nil || !bytes.Equal(direct, want) {
				t.Fatalf("%s #%d: encodeJSON: %v\n got %s\nwant %s", name, i, err, direct, want)
			}
			for _, v := range []any{a.Interface(), a.Elem().Interface()} { // what WriteJSON writes
				var w jsonWriter
				err := w.response(v)
				resp := w.buf
				if err != nil || !bytes.Equal(resp, want) {
					t.Fatalf("%s #%d: response(%T): %v\n got %s\nwant %s", name, i, v, err, resp, want)
				}
			}
		}
	}
}

// TestDecodeMatchesEncodingJSON writes random values of the types of
// encodePairs with encoding/json (from their plain copies) and reads the
// JSON back twice: with the generated decoder (json.Unmarshal calls it)
// and with encoding/json into the plain type. Both must accept it and give
// the same value, or both refuse it, or the generated decoder alone refuses
// it and the value breaks the schema (its Validate says so): the generated
// decoder checks a union's branches in full to choose one, where
// encoding/json goes by the JSON's shape.
func TestDecodeMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for _, p := range encodePairs {
		ta, tb := reflect.TypeOf(p.a).Elem(), reflect.TypeOf(p.b).Elem()
		if _, ok := p.a.(json.Unmarshaler); !ok {
			continue // parameter structs have no generated decoder
		}
		if hasUnion(ta, map[reflect.Type]bool{}) {
			// Without validators a union takes the first variant whose
			// JSON type fits; the generated decoder, the first the value
			// satisfies. The two differ by design.
			continue
		}
		for i := range 300 {
			src := reflect.New(ta)
			fill(r, src.Elem(), 0)
			plainSrc := reflect.New(tb)
			copyValue(plainSrc.Elem(), src.Elem())
			data, err := json.Marshal(plainSrc.Interface())
			if err != nil {
				continue // a union without a variant, say
			}
			got, want := reflect.New(ta), reflect.New(tb)
			gotErr, wantErr := json.Unmarshal(data, got.Interface()), json.Unmarshal(data, want.Interface())
			wantCopy := reflect.New(ta)
			if wantErr == nil {
				copyValue(wantCopy.Elem(), want.Elem())
			}
			switch {
			case gotErr != nil && wantErr != nil:
				continue // both refuse it: a discriminator that names no variant, say
			case gotErr != nil && breaksSchema(wantCopy.Interface()):
				continue // the generated decoder saw what Validate sees
			case gotErr != nil && strings.Contains(gotErr.Error(), "matches more than one"):
				// A oneOf whose value matches two branches: the generated
				// decoder checks every branch to choose one; Validate checks
				// the branch the Go value holds.
				continue
			case gotErr != nil || wantErr != nil:
				t.Fatalf("%s #%d: %s\ngenerated decoder: %v\nencoding/json: %v", ta.Name(), i, data, gotErr, wantErr)
			}
			if !reflect.DeepEqual(got.Interface(), wantCopy.Interface()) {
				t.Fatalf("%s #%d: %s\n got %#v\nwant %#v", ta.Name(), i, data, got.Elem().Interface(), wantCopy.Elem().Interface())
			}
		}
	}
}

// hasUnion reports whether values of t hold a union: a struct with a Kind
// field of a type named ...Kind.
func hasUnion(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Struct:
		if f, ok := t.FieldByName("Kind"); ok && strings.HasSuffix(f.Type.Name(), "Kind") {
			return true
		}
		for i := range t.NumField() {
			if hasUnion(t.Field(i).Type, seen) {
				return true
			}
		}
	case reflect.Slice, reflect.Map, reflect.Pointer:
		return hasUnion(t.Elem(), seen)
	}
	return false
}

// breaksSchema reports whether v has a Validate method that refuses it.
func breaksSchema(v any) bool {
	x, ok := v.(interface{ Validate() error })
	return ok && x.Validate() != nil
}

var pieces = []string{"a", "Z", " ", "<", ">", "&", `"`, `\`, "\x00", "\n", "\t", "\b", "\f", "\x1f", "\x7f", "é", "日本", "🎉", "\u2028", "\u2029", "\xff", "\xe2\x80", "</script>"}

func randString(r *rand.Rand) string {
	var b strings.Builder
	for range r.Intn(6) {
		b.WriteString(pieces[r.Intn(len(pieces))])
	}
	return b.String()
}

func randFloat(r *rand.Rand) float64 {
	switch r.Intn(8) {
	case 0:
		return 0
	case 1:
		return math.Copysign(0, -1)
	case 2:
		return r.NormFloat64() * math.Pow(10, float64(r.Intn(60)-30))
	case 3:
		return float64(r.Intn(1000))
	case 4:
		return []float64{1e-6, 9.999e-7, 1e21, 999999999999999999999, 1e-7, 1e20}[r.Intn(6)]
	default:
		for {
			f := math.Float64frombits(r.Uint64())
			if !math.IsNaN(f) && !math.IsInf(f, 0) {
				return f
			}
		}
	}
}

func fill(r *rand.Rand, v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == timeType {
			t := time.Unix(r.Int63n(1<<36)-1<<35, r.Int63n(2e9)%1e9)
			if r.Intn(2) == 0 {
				t = t.In(time.FixedZone("", (r.Intn(48)-24)*1800))
			} else {
				t = t.UTC()
			}
			v.Set(reflect.ValueOf(t))
			return
		}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			fill(r, v.Field(i), depth)
			// An Opt written even when unset (x-omitempty: false) is null
			// then, which the decoder refuses unless the schema is
			// nullable: keep such fields set.
			if strings.HasPrefix(f.Type.Name(), "Opt[") && !strings.Contains(f.Tag.Get("json"), "omitzero") {
				v.Field(i).FieldByName("Set").SetBool(true)
			}
		}
	case reflect.Bool:
		v.SetBool(r.Intn(2) == 0)
	case reflect.Int, reflect.Int32, reflect.Int64:
		if strings.HasSuffix(v.Type().Name(), "Kind") {
			v.SetInt(int64(r.Intn(12)+1) % 4) // mostly a variant, sometimes none
			return
		}
		n := []int64{0, 1, -7, 1 << 40, r.Int63() >> r.Intn(63)}[r.Intn(5)]
		if v.Kind() == reflect.Int32 {
			n = int64(int32(n))
		}
		v.SetInt(n)
	case reflect.Float64:
		v.SetFloat(randFloat(r))
	case reflect.Float32:
		f := float32(randFloat(r))
		if math.IsInf(float64(f), 0) {
			f = 1.5
		}
		v.SetFloat(float64(f))
	case reflect.String:
		v.SetString(randString(r))
	case reflect.Slice:
		// Never nil: the generated encoder writes a nil slice as [], as
		// the schema says, where encoding/json writes null
		// (TestEncodeNilAsEmpty).
		if r.Intn(4) == 0 || depth > 3 {
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
			return
		}
		n := r.Intn(3)
		v.Set(reflect.MakeSlice(v.Type(), n, n))
		for i := range n {
			fill(r, v.Index(i), depth+1)
		}
	case reflect.Map:
		if r.Intn(4) == 0 || depth > 3 { // never nil, as slices
			v.Set(reflect.MakeMap(v.Type()))
			return
		}
		m := reflect.MakeMap(v.Type())
		for range r.Intn(4) {
			e := reflect.New(v.Type().Elem()).Elem()
			fill(r, e, depth+1)
			m.SetMapIndex(reflect.ValueOf(randString(r)).Convert(v.Type().Key()), e)
		}
		v.Set(m)
	case reflect.Pointer:
		if r.Intn(3) == 0 || depth > 3 {
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		fill(r, v.Elem(), depth+1)
	case reflect.Interface:
		switch r.Intn(4) {
		case 1:
			v.Set(reflect.ValueOf(randString(r)))
		case 2:
			v.Set(reflect.ValueOf(randFloat(r)))
		case 3:
			v.Set(reflect.ValueOf(map[string]any{randString(r): []any{true, nil, randString(r)}}))
		}
	}
}

// copyValue copies src into dst, a value of the same type from package plain.
func copyValue(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Struct:
		if src.Type() == timeType {
			dst.Set(src)
			return
		}
		if dst.NumField() != src.NumField() {
			panic("field counts differ: " + src.Type().String())
		}
		for i := range src.NumField() {
			if src.Type().Field(i).IsExported() {
				copyValue(dst.Field(i), src.Field(i))
			}
		}
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		dst.Set(reflect.MakeSlice(dst.Type(), src.Len(), src.Len()))
		for i := range src.Len() {
			copyValue(dst.Index(i), src.Index(i))
		}
	case reflect.Map:
		if src.IsNil() {
			return
		}
		dst.Set(reflect.MakeMap(dst.Type()))
		for _, k := range src.MapKeys() {
			e := reflect.New(dst.Type().Elem()).Elem()
			copyValue(e, src.MapIndex(k))
			dst.SetMapIndex(k.Convert(dst.Type().Key()), e)
		}
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		dst.Set(reflect.New(dst.Type().Elem()))
		copyValue(dst.Elem(), src.Elem())
	case reflect.Interface:
		if !src.IsNil() {
			dst.Set(src.Elem())
		}
	default:
		dst.Set(src.Convert(dst.Type()))
	}
}
