package emit

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/oasgen/oasgen/generator/build"
	"github.com/oasgen/oasgen/generator/ir"
)

// encoder prints the body of a generated encodeJSON method: Go code writing
// a value's JSON with the runtime's writer, byte for byte what
// encoding/json writes for it.
type encoder struct {
	f     *file
	b     strings.Builder
	depth int
	// maps numbers the variables of each map's loop: they live in the
	// enclosing scope, which sibling maps (two required map properties)
	// share, so the depth alone would declare them twice.
	maps int
}

// encodeBody returns the statements of t's encodeJSON method.
func (f *file) encodeBody(t *ir.Type) string {
	e := &encoder{f: f}
	switch t.Kind {
	case ir.Struct:
		e.structBody(t)
	case ir.Union:
		u := "x"
		if f.discriminatorBody(t) != "" {
			e.line("d := x.withDiscriminator()")
			u = "d"
		}
		e.line("switch %s.Kind {", u)
		for _, vr := range t.Union.Variants {
			e.line("case %s:", vr.KindConst)
			e.value(vr.Type, u+"."+vr.Name)
		}
		e.line("default:")
		e.line("w.noVariant(%q, int(x.Kind))", t.Name)
		e.line("}")
	case ir.Enum, ir.Defined:
		e.value(t.Elem, "(*(*"+f.expr(t.Elem)+")(x))")
	}
	return e.b.String()
}

func (e *encoder) line(format string, args ...any) {
	fmt.Fprintf(&e.b, format+"\n", args...)
}

// jsonKey is the name encoding/json gives a field: its tag name when valid,
// else the Go name.
func jsonKey(fl *ir.Field) (string, bool) {
	if fl.In != "" || !validTag(fl.JSONName) {
		return fl.Name, false
	}
	return fl.JSONName, true
}

// validTag is encoding/json's isValidTag.
func validTag(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// quotedKey is the JSON text of a key followed by its colon.
func quotedKey(k string) string {
	b, _ := json.Marshal(k)
	return string(b) + ":"
}

func (e *encoder) structBody(t *ir.Type) {
	// Fields encoding/json keeps: of fields sharing a name, the one tagged
	// when only one is, else none.
	type entry struct {
		fl     *ir.Field
		key    string
		tagged bool
	}
	byKey := map[string][]entry{}
	var entries []entry
	for _, fl := range t.Fields {
		k, tagged := jsonKey(fl)
		en := entry{fl, k, tagged}
		byKey[k] = append(byKey[k], en)
		entries = append(entries, en)
	}
	e.line("w.byte('{')")
	// Commas are printed where it is known whether a property came before,
	// and left to a runtime flag after an omitted-when-zero first property.
	static, written := true, false
	comma := func(key string) {
		switch {
		case static && written:
			e.line("w.raw(%s)", strconv.Quote(","+key))
		case static:
			e.line("w.raw(%s)", strconv.Quote(key))
		default:
			e.line("w.comma(&first)")
			e.line("w.raw(%s)", strconv.Quote(key))
		}
	}
	for _, en := range entries {
		group := byKey[en.key]
		if len(group) > 1 {
			n := 0
			for _, g := range group {
				if g.tagged {
					n++
				}
			}
			if n != 1 || !en.tagged {
				continue
			}
		}
		fl := en.fl
		dst := "x." + fl.Name
		omit := fl.OmitZero && fl.In == ""
		if omit && static && !written {
			e.line("first := true")
			static = false
		}
		if omit {
			e.line("if %s {", not(e.zeroTest(fl.Type, dst)))
		}
		comma(quotedKey(en.key))
		switch {
		case omit:
			e.setValue(fl.Type, dst)
		case fl.DefaultJSON != "" && fl.Type.Name == "" && fl.Type.Kind == ir.Opt:
			// Written even when unset (x-omitempty: false): the default,
			// which absence means, rather than a null the schema refuses.
			e.line("if %s.Set {", dst)
			e.value(fl.Type.Elem, dst+".Value")
			e.line("} else {")
			e.line("w.raw(%s)", strconv.Quote(fl.DefaultJSON))
			e.line("}")
		default:
			e.value(fl.Type, dst)
		}
		if omit {
			e.line("}")
		} else {
			written = true
		}
	}
	if t.Extra != nil {
		if static {
			e.line("first := %t", !written)
		}
		e.line("keys, mark := mapKeys(w, x.AdditionalProperties)")
		e.line("for _, k := range keys {")
		e.line("w.comma(&first)")
		e.line("w.string(k)")
		e.line("w.byte(':')")
		e.line("v := x.AdditionalProperties[k]")
		e.value(t.Extra, "v")
		e.line("}")
		e.line("w.keys = w.keys[:mark]")
	}
	e.line("w.byte('}')")
}

// not negates the boolean expression x.
func not(x string) string {
	if rest, ok := strings.CutPrefix(x, "!"); ok && !strings.ContainsAny(rest, " (") {
		return rest
	}
	if !strings.Contains(x, " ") {
		return "!" + x
	}
	return "!(" + x + ")"
}

// zeroTest is an expression true when dst, of type t, is zero for omitzero.
func (e *encoder) zeroTest(t *ir.Type, dst string) string {
	if t.Name == "" {
		switch t.Kind {
		case ir.Opt, ir.OptNullable:
			return "!" + dst + ".Set"
		case ir.Slice, ir.Map, ir.Pointer:
			return dst + " == nil"
		case ir.Builtin:
			switch t.Go {
			case "string":
				return dst + ` == ""`
			case "bool":
				return "!" + dst
			case "int", "int32", "int64", "float32", "float64":
				return dst + " == 0"
			case "[]byte":
				return dst + " == nil"
			}
		}
	}
	return "isZero(" + dst + ")"
}

// setValue prints the statements writing src inside the test that it is
// not zero (omitzero): an Opt or OptNullable there is known to be set.
func (e *encoder) setValue(t *ir.Type, src string) {
	switch {
	case t.Name == "" && t.Kind == ir.Opt:
		e.value(t.Elem, src+".Value")
	case t.Name == "" && t.Kind == ir.OptNullable:
		e.value(&ir.Type{Kind: ir.Nullable, Elem: t.Elem}, src)
	default:
		e.value(t, src)
	}
}

// value prints the statements writing src, an addressable expression of type t.
func (e *encoder) value(t *ir.Type, src string) {
	if t.Name != "" {
		switch {
		case t.Kind == ir.Alias:
			e.value(t.Elem, src)
		case build.IsInterface(t) || !t.CheckedDecode:
			e.line("w.marshal(%s)", src)
		default:
			e.line("%s.encodeJSON(w)", src)
		}
		return
	}
	switch t.Kind {
	case ir.Opt:
		e.line("if !%s.Set {", src)
		e.line(`w.raw("null")`)
		e.line("} else {")
		e.value(t.Elem, src+".Value")
		e.line("}")
	case ir.Nullable:
		e.line("if %s.Null {", src)
		e.line(`w.raw("null")`)
		e.line("} else {")
		e.value(t.Elem, src+".Value")
		e.line("}")
	case ir.OptNullable:
		e.line("if !%s.Set || %s.Null {", src, src)
		e.line(`w.raw("null")`)
		e.line("} else {")
		e.value(t.Elem, src+".Value")
		e.line("}")
	case ir.Pointer:
		e.line("if %s == nil {", src)
		e.line(`w.raw("null")`)
		e.line("} else {")
		e.value(t.Elem, "(*"+src+")")
		e.line("}")
	case ir.Slice:
		e.depth++
		i := "i" + strconv.Itoa(e.depth)
		// A nil slice is an empty array, not null: the schema's type is
		// array, and a null would be Nullable[T].
		e.line("w.byte('[')")
		e.line("for %s := range %s {", i, src)
		e.line("if %s > 0 {", i)
		e.line("w.byte(',')")
		e.line("}")
		e.value(t.Elem, src+"["+i+"]")
		e.line("}")
		e.line("w.byte(']')")
		e.depth--
	case ir.Map:
		// A nil map is an empty object, as a nil slice is an empty array.
		if t.Elem.Kind == ir.Builtin && t.Elem.Go == "any" {
			e.line("if %s == nil {", src)
			e.line(`w.raw("{}")`)
			e.line("} else {")
			e.line("w.marshal(%s)", src)
			e.line("}")
			return
		}
		e.depth++
		e.maps++
		n := strconv.Itoa(e.maps)
		k, v, first := "k"+n, "v"+n, "first"+n
		e.line("w.byte('{')")
		e.line("%s := true", first)
		keys, mark := "keys"+n, "mark"+n
		e.line("%s, %s := mapKeys(w, %s)", keys, mark, src)
		e.line("for _, %s := range %s {", k, keys)
		e.line("w.comma(&%s)", first)
		e.line("w.string(%s)", k)
		e.line("w.byte(':')")
		e.line("%s := %s[%s]", v, src, k)
		e.value(t.Elem, v)
		e.line("}")
		e.line("w.keys = w.keys[:%s]", mark)
		e.line("w.byte('}')")
		e.depth--
	case ir.Builtin:
		e.builtin(t, src)
	default:
		e.line("w.marshal(%s)", src)
	}
}

func (e *encoder) builtin(t *ir.Type, src string) {
	switch t.Go {
	case "string":
		e.line("w.string(%s)", src)
	case "bool":
		e.line("w.bool(%s)", src)
	case "int", "int32", "int64":
		e.line("w.int(int64(%s))", src)
	case "float64":
		e.line("w.float64(%s)", src)
	case "float32":
		e.line("w.float32(%s)", src)
	case "[]byte":
		e.line("w.bytes(%s)", src)
	case "Date":
		e.line("w.date(%s.Time)", src)
	case "time.Time":
		if t.Import.Path == "time" && t.Import.Name == "" {
			e.line("w.time(%s)", src)
			return
		}
		e.line("w.marshal(&%s)", src)
	case "any":
		e.line("w.marshal(%s)", src)
	default: // x-go-type: by address, as a MarshalJSON with a pointer receiver (big.Int's) is not called on a value
		e.line("w.marshal(&%s)", src)
	}
}
