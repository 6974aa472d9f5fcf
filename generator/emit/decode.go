package emit

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/oasgen/oasgen/generator/build"
	"github.com/oasgen/oasgen/generator/ir"
)

// decoder prints the body of a generated decodeJSON method: Go code that
// reads a JSON value in one pass with the runtime's reader, straight into
// the typed value, and records in the validator what the JSON breaks of the
// schema's structure (a missing required property, a null where none is
// allowed, a value of the wrong type, an unknown property).
type decoder struct {
	f     *file
	b     strings.Builder
	depth int // numbers the variables of nested loops
}

// decodeBody returns the statements of t's decodeJSON method.
func (f *file) decodeBody(t *ir.Type) string {
	d := &decoder{f: f}
	if build.AcceptsNull(t.Rules) {
		d.line("if r.null() {")
		d.line("*x = %s", zero(t))
		d.line("return")
		d.line("}")
	}
	switch t.Kind {
	case ir.Struct:
		d.structBody(t)
	case ir.Union:
		if t.Union.Discriminator != nil {
			d.discriminated(t)
		} else {
			d.undiscriminated(t)
		}
	case ir.Enum, ir.Defined:
		// Read into the underlying type: x's own decodeJSON is this method.
		d.value(t.Elem, "*(*"+f.expr(t.Elem)+")(x)")
	}
	return d.b.String()
}

func (d *decoder) line(format string, args ...any) {
	fmt.Fprintf(&d.b, format+"\n", args...)
}

// structBody reads an object key by key: declared properties into their
// fields, the others into AdditionalProperties, or rejected, or skipped.
func (d *decoder) structBody(t *ir.Type) {
	d.line("if !r.object(v) {")
	d.line("return")
	d.line("}")
	d.line("*x = %s{}", t.Name)
	required := uniqueStrings(t.Rules.Required)
	bit := map[string]int{}
	for i, name := range required {
		bit[name] = i
	}
	words := (len(required) + 63) / 64
	if words > 0 {
		d.line("var seen [%d]uint64", words)
	}
	mark := func(name string) {
		if i, ok := bit[name]; ok {
			d.line("seen[%d] |= 1 << %d", i/64, i%64)
		}
	}
	d.line("for more := r.firstKey(); more; more = r.nextKey() {")
	outer := d
	d = &decoder{f: outer.f, depth: outer.depth} // the cases, printed apart: a switch needs one
	fields := map[string]bool{}
	for _, fl := range t.Fields {
		if fl.In != "" {
			continue
		}
		fields[fl.JSONName] = true
		d.line("case %q:", fl.JSONName)
		mark(fl.JSONName)
		d.line("v.enter(%q)", fl.JSONName)
		d.value(fl.Type, "x."+fl.Name)
		d.line("v.leave()")
	}
	// Properties the struct has no field for (their names cannot be json
	// tags) are checked against the schema table; required names that are
	// not declared still count as present.
	var others []string
	for _, p := range t.Rules.Properties {
		others = append(others, p.Name)
	}
	others = append(others, required...)
	declared := map[string]bool{}
	for _, p := range t.Rules.Properties {
		declared[p.Name] = true
	}
	for _, name := range uniqueStrings(others) {
		if fields[name] {
			continue
		}
		d.line("case %q:", name)
		mark(name)
		if declared[name] {
			if t.Extra != nil {
				d.line("start := r.start()")
			}
			d.line("%s.checkProperty(r, v, %q)", t.Rules.Var, name)
			if t.Extra != nil {
				d.line("r.rewind(start)")
				d.extra(t, strconv.Quote(name)) // checkProperty read other keys
			}
			continue
		}
		d.otherKey(t)
	}
	cases := d.b.String()
	d = outer
	if cases != "" {
		d.line("switch string(r.key) {")
		d.b.WriteString(cases)
		d.line("default:")
		d.otherKey(t)
		d.line("}")
	} else {
		d.otherKey(t)
	}
	d.line("}")
	if words > 0 {
		masks := make([]string, words)
		for w := range masks {
			n := min(len(required)-w*64, 64)
			masks[w] = "0x" + strconv.FormatUint(^uint64(0)>>(64-n), 16)
		}
		d.line("if seen != [%d]uint64{%s} {", words, strings.Join(masks, ", "))
		d.line("v.missing(seen[:], %s)", stringsLiteral(required))
		d.line("}")
	}
}

// otherKey handles a key the schema does not declare.
func (d *decoder) otherKey(t *ir.Type) {
	switch {
	case t.Extra != nil:
		d.extra(t, "r.keyString()")
	case t.Rules.NoAdditional:
		d.line("r.unknown(v)")
	default:
		d.line("r.skip()")
	}
}

// extra reads the value of the current key, the Go expression key, into
// AdditionalProperties.
func (d *decoder) extra(t *ir.Type, key string) {
	elem := d.f.expr(t.Extra)
	d.line("if x.AdditionalProperties == nil {")
	d.line("x.AdditionalProperties = map[string]%s{}", elem)
	d.line("}")
	d.line("k := %s", key)
	d.line("var e %s", elem)
	d.line("v.enter(k)")
	d.value(t.Extra, "e")
	d.line("v.leave()")
	d.line("x.AdditionalProperties[k] = e")
}

// discriminated reads the discriminator property first, then the object
// again as the variant it names.
func (d *decoder) discriminated(t *ir.Type) {
	disc := t.Union.Discriminator
	d.line("*x = %s{}", t.Name)
	d.line("tag, ok := r.discriminator(v, %q)", disc.Property)
	d.line("if !ok {")
	d.line("return")
	d.line("}")
	d.line("switch string(tag) {")
	// One case per variant, with every value that names it.
	var order []*ir.Variant
	values := map[*ir.Variant][]string{}
	for _, dv := range disc.Values {
		if _, ok := values[dv.Variant]; !ok {
			order = append(order, dv.Variant)
		}
		values[dv.Variant] = append(values[dv.Variant], strconv.Quote(dv.Value))
	}
	for _, vr := range order {
		d.line("case %s:", strings.Join(values[vr], ", "))
		d.line("x.Kind = %s", vr.KindConst)
		d.value(vr.Type, "x."+vr.Name)
	}
	d.line("default:")
	d.line("r.unknownTag(v, %q, tag)", disc.Property)
	d.line("}")
}

// undiscriminated lets the schema table choose the variant, as the union's
// oneOf or anyOf does, then reads the value again as that variant.
func (d *decoder) undiscriminated(t *ir.Type) {
	d.line("*x = %s{}", t.Name)
	if tokens := tokenVariants(t); tokens != nil {
		d.byToken(t, tokens)
		return
	}
	if len(t.Union.Variants) == 0 { // only null branches ({anyOf: [{anyOf: [{type: "null"}]}]})
		d.line("%s.branch(v, r.readAny(v))", t.Rules.Var)
		return
	}
	d.line("start := r.start()")
	d.line("switch %s.branch(v, r.readAny(v)) {", t.Rules.Var)
	for _, vr := range t.Union.Variants {
		d.line("case %d:", vr.Branch)
		d.line("r.rewind(start)")
		d.line("x.Kind = %s", vr.KindConst)
		d.value(vr.Type, "x."+vr.Name)
	}
	d.line("}")
}

// byToken reads a union of primitives by the first byte of the value,
// which says its JSON type, without reading it twice. A variant with
// keywords of its own (maxLength...) is checked against its branch after
// it is read; anything else is recorded as branch would, matching no
// variant.
func (d *decoder) byToken(t *ir.Type, tokens []string) {
	d.line("switch r.peek() {")
	for i, vr := range t.Union.Variants {
		d.line("case %s:", tokens[i])
		d.line("x.Kind = %s", vr.KindConst)
		d.value(vr.Type, "x."+vr.Name)
		switch b := unionBranches(t.Rules)[i]; {
		case onlyTypes(b):
		case b.Types[0] == "string":
			d.line("%s.stringVariant(v, %d, %s)", t.Rules.Var, i, "x."+vr.Name)
		default:
			d.line("%s.numberVariant(v, %d, float64(%s))", t.Rules.Var, i, "x."+vr.Name)
		}
	}
	d.line("default:")
	d.line("%s.branch(v, r.readAny(v))", t.Rules.Var)
	d.line("}")
}

func unionBranches(r *ir.Rules) []*ir.Rules {
	if len(r.OneOf) > 0 {
		return r.OneOf
	}
	return r.AnyOf
}

// tokenVariants returns, for a union whose variants are each one JSON type
// among string, number and boolean, read into a Go primitive, with no
// keyword in the union but its oneOf or anyOf and none in a branch but the
// keywords of its type, the first bytes each variant's values start with;
// nil for any other union. For such a union the first byte picks the one
// branch a value can be valid for, as branch would.
func tokenVariants(t *ir.Type) []string {
	branches := unionBranches(t.Rules)
	if len(branches) != len(t.Union.Variants) || !onlyCombinator(t.Rules) {
		return nil
	}
	starts := map[string]string{
		"string":  "'\"'",
		"boolean": "'t', 'f'",
		"number":  "'-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'",
	}
	goTypes := map[string][]string{"string": {"string"}, "boolean": {"bool"}, "number": {"float64", "float32"}}
	seen := map[string]bool{}
	var tokens []string
	for i, b := range branches {
		vt := t.Union.Variants[i].Type
		if b == nil || len(b.Types) != 1 || !ownKeywordsOnly(b) || vt.Kind != ir.Builtin || vt.Name != "" {
			return nil
		}
		kind := b.Types[0] // an integer is left to branch: 1.5 starts as 1 does
		if starts[kind] == "" || seen[kind] || !slices.Contains(goTypes[kind], vt.Go) {
			return nil
		}
		seen[kind] = true
		tokens = append(tokens, starts[kind])
	}
	return tokens
}

// ownKeywordsOnly reports whether r holds its one type and only keywords
// of that type that checkString or checkNumber apply.
func ownKeywordsOnly(r *ir.Rules) bool {
	c := *r
	c.Var, c.Types = "", nil
	switch r.Types[0] {
	case "string":
		c.MinLength, c.MaxLength, c.Pattern, c.Format = nil, nil, nil, ""
	case "number":
		c.Minimum, c.Maximum, c.ExclusiveMinimum, c.ExclusiveMaximum, c.MultipleOf = nil, nil, false, false, nil
	}
	return isEmptyRules(&c)
}

// onlyCombinator reports whether r holds nothing but its oneOf or anyOf.
func onlyCombinator(r *ir.Rules) bool {
	c := *r
	c.Var, c.OneOf, c.AnyOf = "", nil, nil
	return isEmptyRules(&c) && (len(r.OneOf) == 0) != (len(r.AnyOf) == 0)
}

// onlyTypes reports whether r holds nothing but its type.
func onlyTypes(r *ir.Rules) bool {
	c := *r
	c.Var, c.Types = "", nil
	return isEmptyRules(&c)
}

func isEmptyRules(r *ir.Rules) bool {
	return r.Var == "" && len(r.Types) == 0 && !r.Nullable && !r.ReadOnly && !r.WriteOnly && len(r.Enum) == 0 &&
		r.MinLength == nil && r.MaxLength == nil && r.Pattern == nil && r.Format == "" &&
		r.Minimum == nil && r.Maximum == nil && !r.ExclusiveMinimum && !r.ExclusiveMaximum && r.MultipleOf == nil &&
		r.MinItems == nil && r.MaxItems == nil && !r.UniqueItems && r.Items == nil && len(r.PrefixItems) == 0 && !r.NoItems &&
		r.MinProperties == nil && r.MaxProperties == nil && len(r.Required) == 0 && len(r.Properties) == 0 &&
		r.Additional == nil && !r.NoAdditional && len(r.AllOf) == 0 && len(r.AnyOf) == 0 && len(r.OneOf) == 0 &&
		r.Not == nil && r.Discriminator == nil && !build.Keywords2020(r) && !r.HasContent()
}

// value prints the statements reading the next JSON value into dst, an
// addressable expression of type t. The validator's path is the value's.
func (d *decoder) value(t *ir.Type, dst string) {
	if t.Name != "" {
		d.named(t, dst)
		return
	}
	switch t.Kind {
	case ir.Opt:
		d.line("%s = true", sel(dst, "Set"))
		d.value(t.Elem, sel(dst, "Value"))
	case ir.Nullable:
		d.line("if r.null() {")
		d.line("%s = true", sel(dst, "Null"))
		d.line("} else {")
		d.nonNull(t.Elem, sel(dst, "Value"))
		d.line("}")
	case ir.OptNullable:
		d.line("%s = true", sel(dst, "Set"))
		d.line("if r.null() {")
		d.line("%s = true", sel(dst, "Null"))
		d.line("} else {")
		d.nonNull(t.Elem, sel(dst, "Value"))
		d.line("}")
	case ir.Pointer:
		d.line("%s = new(%s)", dst, d.f.expr(t.Elem))
		d.value(t.Elem, "*"+dst)
	case ir.Slice, ir.Map:
		if build.AcceptsNull(t.Rules) {
			d.line("if !r.null() {")
			defer d.line("}")
		}
		d.container(t, dst)
	case ir.Builtin:
		d.builtin(t, dst)
	default:
		d.line("r.readJSON(v, %s, 0)", addr(dst))
	}
}

// nonNull is value for a value whose null, if any, was read already (by
// a Nullable around it): a slice or map need not look for one again.
func (d *decoder) nonNull(t *ir.Type, dst string) {
	if t.Name == "" && (t.Kind == ir.Slice || t.Kind == ir.Map) {
		d.container(t, dst)
		return
	}
	d.value(t, dst)
}

// container reads a slice or a map.
func (d *decoder) container(t *ir.Type, dst string) {
	if t.Kind == ir.Slice {
		d.slice(t, dst)
	} else {
		d.mapValue(t, dst)
	}
}

// named reads a declared type through its own decodeJSON method.
func (d *decoder) named(t *ir.Type, dst string) {
	switch {
	case t.Kind == ir.Alias:
		d.value(t.Elem, dst) // an alias is its element type
	case build.IsInterface(t):
		d.line("%s = r.readAny(v)", dst) // type S any: no methods
	case t.CheckedDecode:
		d.line("%s.decodeJSON(r, v)", method(dst))
	default:
		d.line("r.readJSON(v, %s, 0)", addr(dst))
	}
}

func (d *decoder) slice(t *ir.Type, dst string) {
	d.depth++
	n := strconv.Itoa(d.depth)
	s, i, e, p := "s"+n, "i"+n, "e"+n, "p"+n
	elem := d.f.expr(t.Elem)
	lent, kept := inPlace(t.Elem), s
	d.line("if r.array(v) {")
	if lent {
		d.line("%s, %s := lendItems[%s]()", p, s, elem)
		kept = "keepItems(" + p + ", " + s + ")"
	} else {
		d.line("%s := []%s{}", s, elem)
	}
	d.line("for %s, more := 0, r.firstItem(); more; %s, more = %s+1, r.nextItem() {", i, i, i)
	d.line("v.enterIndex(%s)", i)
	if lent {
		d.line("%s = append(%s, %s{})", s, s, elem)
		d.value(t.Elem, s+"["+i+"]")
	} else {
		d.line("var %s %s", e, elem)
		d.value(t.Elem, e)
		d.line("%s = append(%s, %s)", s, s, e)
	}
	d.line("v.leave()")
	d.line("}")
	d.line("%s = %s", dst, kept)
	d.line("}")
	d.depth--
}

// inPlace reports whether slice items of type t, large ones, are read
// where they end up instead of being copied there: into a slice lent by a
// pool, whose items keepItems copies once into a slice of their number.
func inPlace(t *ir.Type) bool {
	return t.Name != "" && (t.Kind == ir.Struct || t.Kind == ir.Union)
}

func (d *decoder) mapValue(t *ir.Type, dst string) {
	if t.Elem.Kind == ir.Builtin && t.Elem.Go == "any" {
		d.line("r.readObjectAny(v, %s)", addr(dst))
		return
	}
	d.depth++
	m, k, e := "m"+strconv.Itoa(d.depth), "k"+strconv.Itoa(d.depth), "e"+strconv.Itoa(d.depth)
	elem := d.f.expr(t.Elem)
	d.line("if r.object(v) {")
	d.line("%s := map[string]%s{}", m, elem)
	d.line("for more := r.firstKey(); more; more = r.nextKey() {")
	d.line("%s := r.keyString()", k)
	d.line("var %s %s", e, elem)
	d.line("v.enter(%s)", k)
	d.value(t.Elem, e)
	d.line("v.leave()")
	d.line("%s[%s] = %s", m, k, e)
	d.line("}")
	d.line("%s = %s", dst, m)
	d.line("}")
	d.depth--
}

// readers are the runtime's methods reading a builtin type.
var readers = map[string]string{
	"string": "readString", "bool": "readBool", "int": "readInt", "int32": "readInt32", "int64": "readInt64",
	"float32": "readFloat32", "float64": "readFloat64", "time.Time": "readTime", "[]byte": "readBytes",
}

func (d *decoder) builtin(t *ir.Type, dst string) {
	if read, ok := readers[t.Go]; ok && (t.Go != "time.Time" || t.Import.Path == "time" && t.Import.Name == "") {
		d.line("r.%s(v, %s)", read, addr(dst))
		return
	}
	switch t.Go {
	case "Date":
		d.line("r.readDate(v, %s)", addr(sel(dst, "Time")))
	case "any":
		d.line("%s = r.readAny(v)", dst)
	default: // x-go-type: a type oasgen does not know decodes itself
		d.line("r.readJSON(v, %s, %d)", addr(dst), typeMask(typesOf(t.Rules)))
	}
}

func typesOf(r *ir.Rules) []string {
	if r == nil {
		return nil
	}
	return r.Types
}

// zero is the zero value of the declared type t, as an expression.
func zero(t *ir.Type) string {
	if t.Kind == ir.Struct || t.Kind == ir.Union {
		return t.Name + "{}"
	}
	switch e := t.Elem; {
	case e.Kind == ir.Slice || e.Kind == ir.Map || e.Go == "[]byte":
		return "nil"
	case e.Go == "string":
		return `""`
	case e.Go == "bool":
		return "false"
	case e.Go == "time.Time" || e.Go == "Date":
		return t.Name + "{}"
	}
	return "0"
}

// addr is a pointer to the addressable expression e.
func addr(e string) string {
	if p, ok := strings.CutPrefix(e, "*"); ok {
		return p
	}
	return "&" + e
}

// method is e as the receiver of a pointer method.
func method(e string) string {
	if p, ok := strings.CutPrefix(e, "*"); ok {
		return p
	}
	return e
}

// sel selects a field of the addressable expression e.
func sel(e, field string) string {
	if strings.HasPrefix(e, "*") {
		return "(" + e + ")." + field
	}
	return e + "." + field
}

func uniqueStrings(list []string) []string {
	var out []string
	for _, s := range list {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
