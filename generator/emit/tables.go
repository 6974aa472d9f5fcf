package emit

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/oasgen/oasgen/generator/ir"
)

// tables prints the rules of the package as jsonSchema tables: one variable
// per declared type, plus one per inline rule set that is shared or
// recursive, plus one per distinct rule set without children (a leaf);
// everything else is a nested literal. The variables of types and shared
// rules are created empty and filled in init, so tables may refer to each
// other in cycles; leaves are initialized statically.
type tables struct {
	vars  []*ir.Rules
	named map[*ir.Rules]bool
	next  int
	// leaves holds the variables of the rule sets without children, one
	// per distinct literal: most schemas of a large spec are a handful of
	// such leaves (a string, a date-time), printed thousands of times
	// otherwise.
	leaves    map[string]string       // literal → variable
	leafOrder []string                // literals, in the order they were named
	extras    map[*ir.Rules]*ir.Rules // rules → their scalar extras (extrasVar)
}

func newTables(pkg *ir.Package) *tables {
	tb := &tables{named: map[*ir.Rules]bool{}, leaves: map[string]string{}}
	for _, t := range pkg.Types {
		if t.Rules != nil && t.Rules.Var != "" && !tb.named[t.Rules] {
			tb.named[t.Rules] = true
			tb.vars = append(tb.vars, t.Rules)
		}
	}
	// The webhooks' too: webhooks.gen.go binds their parameters as
	// server.gen.go binds the operations'.
	for _, op := range slices.Concat(pkg.Operations, webhookOps(pkg)) {
		if op.Server == nil {
			continue
		}
		for _, bd := range op.Server.Bindings {
			if bd.Tree && !tb.named[bd.Rules] { // read by bindParams in server.gen.go and webhooks.gen.go
				if bd.Rules.Var == "" {
					bd.Rules.Var = "paramSchema" + op.Name + bd.Field.Name
				}
				tb.named[bd.Rules] = true
				tb.vars = append(tb.vars, bd.Rules)
			}
		}
	}
	seen := map[*ir.Rules]int{}
	for _, r := range slices.Clone(tb.vars) {
		tb.share(r, seen, map[*ir.Rules]bool{})
	}
	return tb
}

// share gives a variable to inline rules reached twice or in a cycle.
func (tb *tables) share(r *ir.Rules, seen map[*ir.Rules]int, onPath map[*ir.Rules]bool) {
	if r == nil {
		return
	}
	seen[r]++
	if (seen[r] > 1 || onPath[r]) && !tb.named[r] {
		tb.next++
		r.Var = "sharedSchema" + strconv.Itoa(tb.next)
		tb.named[r] = true
		tb.vars = append(tb.vars, r)
	}
	if seen[r] > 1 {
		return
	}
	onPath[r] = true
	for _, c := range children(r) {
		tb.share(c, seen, onPath)
	}
	delete(onPath, r)
}

func children(r *ir.Rules) []*ir.Rules {
	out := []*ir.Rules{r.Items, r.Additional, r.Not}
	for _, p := range r.Properties {
		out = append(out, p.Rules)
	}
	out = append(out, r.PrefixItems...)
	out = append(out, r.Contains, r.PropertyNames, r.If, r.Then, r.Else)
	for _, p := range r.PatternProperties {
		out = append(out, p.Rules)
	}
	out = append(out, r.UnevaluatedProperties, r.UnevaluatedItems, r.ContentSchema)
	for _, p := range r.DependentSchemas {
		out = append(out, p.Rules)
	}
	out = append(out, r.AllOf...)
	out = append(out, r.AnyOf...)
	out = append(out, r.OneOf...)
	if r.Discriminator != nil {
		for _, c := range r.Discriminator.Cases {
			out = append(out, c.Rules)
		}
	}
	return out
}

// extrasVar names the table of extras, the part of r that typed code does
// not check (build.ScalarExtras), once for each r.
func (tb *tables) extrasVar(r, extras *ir.Rules) string {
	if done, ok := tb.extras[r]; ok {
		return done.Var
	}
	if tb.extras == nil {
		tb.extras = map[*ir.Rules]*ir.Rules{}
	}
	tb.extras[r] = extras
	return tb.varFor(extras)
}

// varFor names rules that generated code refers to directly.
func (tb *tables) varFor(r *ir.Rules) string {
	if r.Var == "" {
		tb.next++
		r.Var = "sharedSchema" + strconv.Itoa(tb.next)
		tb.named[r] = true
		tb.vars = append(tb.vars, r)
	}
	return r.Var
}

// declarations prints the variables and the init function that fills them.
func (tb *tables) declarations() string {
	if len(tb.vars) == 0 {
		return ""
	}
	var b strings.Builder
	var fill strings.Builder // first: printing it names the leaves
	for _, r := range tb.vars {
		fmt.Fprintf(&fill, "\t*%s = %s\n", r.Var, tb.literal(r, true))
	}
	b.WriteString("// The schemas of this package as tables, for the checks made while decoding\n// and for values whose Go type is any.\nvar (\n")
	for _, r := range tb.vars {
		fmt.Fprintf(&b, "\t%s = new(jsonSchema)\n", r.Var)
	}
	b.WriteString(")\n\n")
	if len(tb.leafOrder) > 0 {
		b.WriteString("// The schemas without subschemas, each shared by every schema that has it.\nvar (\n")
		for _, lit := range tb.leafOrder {
			fmt.Fprintf(&b, "\t%s = &%s\n", tb.leaves[lit], lit)
		}
		b.WriteString(")\n\n")
	}
	b.WriteString("func init() {\n")
	b.WriteString(fill.String())
	b.WriteString("}\n")
	return b.String()
}

// leaf returns the variable of the rules r, which have no children.
func (tb *tables) leaf(r *ir.Rules) string {
	lit := tb.literal(r, false)
	name, ok := tb.leaves[lit]
	if !ok {
		name = "leafSchema" + strconv.Itoa(len(tb.leafOrder)+1)
		tb.leaves[lit] = name
		tb.leafOrder = append(tb.leafOrder, lit)
	}
	return name
}

// ref prints a reference to rules: a variable, or a nested literal.
func (tb *tables) ref(r *ir.Rules) string {
	if r == nil {
		return "nil"
	}
	if r.Var != "" {
		return r.Var
	}
	if !slices.ContainsFunc(children(r), func(c *ir.Rules) bool { return c != nil }) {
		return tb.leaf(r)
	}
	return "&" + tb.literal(r, false)
}

var typeBits = map[string]int{"null": 1, "boolean": 2, "integer": 4, "number": 8, "string": 16, "array": 32, "object": 64}

// literal prints one jsonSchema composite literal.
func (tb *tables) literal(r *ir.Rules, _ bool) string {
	var f []string
	add := func(format string, args ...any) { f = append(f, fmt.Sprintf(format, args...)) }
	if bits := typeMask(r.Types); bits != 0 {
		add("types: %d", bits)
	}
	addBool := func(name string, v bool) {
		if v {
			add("%s: true", name)
		}
	}
	addBool("nullable", r.Nullable)
	addBool("readOnly", r.ReadOnly)
	addBool("writeOnly", r.WriteOnly)
	if len(r.Enum) > 0 {
		vals := make([]string, len(r.Enum))
		for i, e := range r.Enum {
			vals[i] = goValue(e)
		}
		add("enum: []any{%s}", strings.Join(vals, ", "))
	}
	addMin := func(name string, v *int64) {
		if v != nil && *v > 0 {
			add("%s: %d", name, *v)
		}
	}
	addMax := func(name string, v *int64) { // absent is -1: 0 is a real maximum
		if v == nil {
			add("%s: -1", name)
		} else {
			add("%s: %d", name, *v)
		}
	}
	addMin("minLength", r.MinLength)
	addMax("maxLength", r.MaxLength)
	if r.Pattern != nil {
		add("pattern: %s", r.Pattern.Var)
	}
	if r.Format != "" {
		add("format: %q", r.Format)
	}
	if r.Minimum != nil {
		add("minimum: floatPtr(%s)", fmtFloat(*r.Minimum))
	}
	if r.Maximum != nil {
		add("maximum: floatPtr(%s)", fmtFloat(*r.Maximum))
	}
	addBool("exclMinimum", r.ExclusiveMinimum && r.Minimum != nil)
	addBool("exclMaximum", r.ExclusiveMaximum && r.Maximum != nil)
	if r.MultipleOf != nil && *r.MultipleOf > 0 {
		add("multipleOf: %s", fmtFloat(*r.MultipleOf))
	}
	addMin("minItems", r.MinItems)
	addMax("maxItems", r.MaxItems)
	addBool("uniqueItems", r.UniqueItems)
	addBool("noItems", r.NoItems)
	if r.Items != nil {
		add("items: %s", tb.ref(r.Items))
	}
	addMin("minProps", r.MinProperties)
	addMax("maxProps", r.MaxProperties)
	if len(r.Required) > 0 {
		add("required: %s", stringsLiteral(r.Required))
	}
	if len(r.Properties) > 0 {
		props := make([]string, len(r.Properties))
		for i, p := range r.Properties {
			props[i] = fmt.Sprintf("{name: %q, schema: %s}", p.Name, tb.ref(p.Rules))
		}
		add("props: []property{\n%s,\n}", strings.Join(props, ",\n"))
	}
	if r.Additional != nil {
		add("additional: %s", tb.ref(r.Additional))
	}
	addBool("noAdditional", r.NoAdditional)
	addBool("anyAdditional", r.AnyAdditional)
	for _, list := range []struct {
		name  string
		rules []*ir.Rules
	}{{"prefixItems", r.PrefixItems}, {"allOf", r.AllOf}, {"anyOf", r.AnyOf}, {"oneOf", r.OneOf}} {
		if len(list.rules) > 0 {
			refs := make([]string, len(list.rules))
			for i, c := range list.rules {
				refs[i] = tb.ref(c)
			}
			add("%s: []*jsonSchema{%s}", list.name, strings.Join(refs, ", "))
		}
	}
	if r.Not != nil {
		add("not: %s", tb.ref(r.Not))
	}
	tb.keywords2020(r, add, addMax)
	if d := r.Discriminator; d != nil {
		cases := make([]string, len(d.Cases))
		for i, c := range d.Cases {
			cases[i] = fmt.Sprintf("{value: %q, schema: %s}", c.Value, tb.ref(c.Rules))
		}
		add("discProperty: %q", d.Property)
		add("discCases: []discCase{%s}", strings.Join(cases, ", "))
	}
	if len(f) == 0 {
		return "jsonSchema{}"
	}
	return "jsonSchema{\n" + strings.Join(f, ",\n") + ",\n}"
}

func typeMask(types []string) int {
	bits := 0
	for _, t := range types {
		bits |= typeBits[t]
	}
	return bits
}

func fmtFloat(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0" // keep the constant a float64 in any context
	}
	return s
}

// goValue prints decoded JSON data as a Go expression of type any, with
// numbers as float64, as encoding/json decodes them.
func goValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return "float64(" + fmtFloat(x) + ")"
	case int64:
		return "float64(" + strconv.FormatInt(x, 10) + ")"
	case string:
		return strconv.Quote(x)
	case []any:
		items := make([]string, len(x))
		for i, e := range x {
			items[i] = goValue(e)
		}
		return "[]any{" + strings.Join(items, ", ") + "}"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		items := make([]string, len(keys))
		for i, k := range keys {
			items[i] = strconv.Quote(k) + ": " + goValue(x[k])
		}
		return "map[string]any{" + strings.Join(items, ", ") + "}"
	}
	return "nil"
}

// keywords2020 prints the JSON Schema 2020-12 keywords of r.
func (tb *tables) keywords2020(r *ir.Rules, add func(string, ...any), addMax func(string, *int64)) {
	if r.Contains != nil {
		add("contains: %s", tb.ref(r.Contains))
		minimum := int64(1) // minContains defaults to 1
		if r.MinContains != nil {
			minimum = *r.MinContains
		}
		add("minContains: %d", minimum)
		addMax("maxContains", r.MaxContains)
	}
	if r.PropertyNames != nil {
		add("propertyNames: %s", tb.ref(r.PropertyNames))
	}
	if r.UnevaluatedProperties != nil || r.NoUnevaluatedProperties || r.UnevaluatedItems != nil || r.NoUnevaluatedItems {
		add("unevaluated: &unevaluated{props: %s, noProps: %t, items: %s, noItems: %t}",
			tb.ref(r.UnevaluatedProperties), r.NoUnevaluatedProperties, tb.ref(r.UnevaluatedItems), r.NoUnevaluatedItems)
	}
	if len(r.PatternProperties) > 0 {
		props := make([]string, len(r.PatternProperties))
		for i, p := range r.PatternProperties {
			props[i] = fmt.Sprintf("{pattern: %s, schema: %s}", p.Pattern.Var, tb.ref(p.Rules))
		}
		add("patternProps: []patternProperty{%s}", strings.Join(props, ", "))
	}
	for _, k := range []struct {
		name  string
		rules *ir.Rules
	}{{"ifSchema", r.If}, {"thenSchema", r.Then}, {"elseSchema", r.Else}} {
		if k.rules != nil {
			add("%s: %s", k.name, tb.ref(k.rules))
		}
	}
	if len(r.DependentRequired) > 0 {
		deps := make([]string, len(r.DependentRequired))
		for i, d := range r.DependentRequired {
			deps[i] = fmt.Sprintf("{name: %q, required: %s}", d.Name, stringsLiteral(d.Required))
		}
		add("dependentRequired: []dependency{%s}", strings.Join(deps, ", "))
	}
	if r.ContentJSON {
		add("contentJSON: true")
		if r.ContentEncoding != "" {
			add("contentEncoding: %q", r.ContentEncoding)
		}
		if r.ContentSchema != nil {
			add("contentSchema: %s", tb.ref(r.ContentSchema))
		}
	}
	if len(r.DependentSchemas) > 0 {
		deps := make([]string, len(r.DependentSchemas))
		for i, d := range r.DependentSchemas {
			deps[i] = fmt.Sprintf("{name: %q, schema: %s}", d.Name, tb.ref(d.Rules))
		}
		add("dependentSchemas: []property{%s}", strings.Join(deps, ", "))
	}
}
