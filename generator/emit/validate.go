package emit

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/oasgen/oasgen/generator/build"
	"github.com/oasgen/oasgen/generator/ir"
)

// checker prints the body of a generated validate method: Go code that
// checks a typed value against its rules without allocating unless a
// violation is found.
type checker struct {
	f      *file
	tables *tables
	b      strings.Builder
	depth  int
}

// validateBody returns the statements of t's validate method.
func (f *file) validateBody(t *ir.Type) string {
	c := &checker{f: f, tables: f.tables}
	switch t.Kind {
	case ir.Struct:
		for _, fl := range t.Fields {
			c.field(fl)
		}
		if t.Extra != nil && build.ExprValidates(t.Extra) {
			c.mapLoop(t.Extra, "x.AdditionalProperties")
		}
		if r := build.ObjectRules(t.Rules); r != nil {
			c.dynamic(r, "x")
		}
	case ir.Union:
		u := "x"
		if f.discriminatorBody(t) != "" { // the value as it is written
			c.line("d := x.withDiscriminator()")
			u = "d"
		}
		c.line("switch %s.Kind {", u)
		for _, v := range t.Union.Variants {
			if build.ExprValidates(v.Type) {
				c.line("case %s:", v.KindConst)
				c.value(v.Type, u+"."+v.Name)
			}
		}
		c.line("}")
	case ir.Enum:
		c.f.use("fmt")
		c.line("if !x.Valid() {")
		c.line("v.add(%q, \"must be one of %%s, got %%s\", %q, quote(*x))", "enum", enumValues(t))
		c.line("}")
		// The schema's other keywords apply to the values too (a pattern, a bound).
		if t.Rules != nil {
			c.builtin(&ir.Type{Kind: ir.Builtin, Go: t.Elem.Go, Rules: withoutEnum(t.Rules)}, t.Elem.Go+"(*x)")
		}
	case ir.Defined:
		if t.Elem.Kind == ir.Builtin { // the checks take the builtin type
			c.value(t.Elem, c.f.expr(t.Elem)+"(*x)")
		} else {
			c.value(t.Elem, "(*x)")
		}
	}
	return c.b.String()
}

func enumValues(t *ir.Type) string {
	vals := make([]string, len(t.Enum.Values))
	for i, v := range t.Enum.Values {
		vals[i] = v.Literal
	}
	return "[" + strings.Join(vals, ", ") + "]"
}

func (c *checker) line(format string, args ...any) {
	fmt.Fprintf(&c.b, format+"\n", args...)
}

// field checks one struct field, and readOnly/writeOnly when it is present.
func (c *checker) field(fl *ir.Field) {
	if r := fl.Rules; r != nil && (r.ReadOnly || r.WriteOnly) && build.Optional(fl.Type) {
		if set := presence(fl.Type, "x."+fl.Name); set != "" {
			if r.ReadOnly {
				c.line("if v.mode == modeRequest && %s {", set)
				c.line("v.addAt(%q, \"readOnly\", \"is read-only and must not be sent in a request\")", fl.JSONName)
				c.line("}")
			}
			if r.WriteOnly {
				c.line("if v.mode == modeResponse && %s {", set)
				c.line("v.addAt(%q, \"writeOnly\", \"is write-only and must not appear in a response\")", fl.JSONName)
				c.line("}")
			}
		}
	}
	if build.ExprValidates(fl.Type) {
		c.line("v.enter(%q)", fl.JSONName)
		c.value(fl.Type, "x."+fl.Name)
		c.line("v.leave()")
	}
}

// presence is the expression telling whether an optional field is set; ""
// for required fields, which a Go value always holds.
func presence(t *ir.Type, expr string) string {
	switch t.Kind {
	case ir.Opt, ir.OptNullable:
		return expr + ".Set"
	case ir.Pointer:
		return expr + " != nil"
	}
	return ""
}

// value prints the checks of a value of type t held by the addressable
// expression expr; the validator knows the value's JSON Pointer.
func (c *checker) value(t *ir.Type, expr string) {
	if t.Name != "" {
		if t.Validates {
			c.line("%s.validate(v)", expr)
		} else if r := build.DynamicRules(t); r != nil {
			c.line("%s.validateAny(v, %s)", c.tables.varFor(r), expr)
		}
		return
	}
	switch t.Kind {
	case ir.Opt:
		c.guard(expr+".Set", t.Elem, expr+".Value")
	case ir.Nullable:
		c.guard("!"+expr+".Null", t.Elem, expr+".Value")
	case ir.OptNullable:
		c.guard(expr+".Set && !"+expr+".Null", t.Elem, expr+".Value")
	case ir.Pointer:
		// The pointer only breaks a cycle of types: the schema wants a
		// value, and a nil one would be written as null.
		c.line("if %s == nil {", expr)
		c.line(`v.add("nullable", "must not be null")`)
		if build.ExprValidates(t.Elem) {
			c.line("} else {")
			c.value(t.Elem, "(*"+expr+")")
		}
		c.line("}")
	case ir.Slice:
		c.slice(t, expr)
	case ir.Map:
		c.mapValue(t, expr)
	case ir.Builtin:
		c.builtin(t, expr)
	}
}

func (c *checker) guard(cond string, elem *ir.Type, expr string) {
	if !build.ExprValidates(elem) {
		return
	}
	c.line("if %s {", cond)
	c.value(elem, expr)
	c.line("}")
}

// dynamic checks a whole value against its rules table, through its JSON
// form: for arrays and objects with keywords typed code does not cover.
func (c *checker) dynamic(r *ir.Rules, expr string) {
	c.line("validateJSONOf(v, %s, %s)", c.tables.varFor(r), expr)
}

func (c *checker) slice(t *ir.Type, expr string) {
	r := t.Rules
	if r != nil && build.DynamicExtras(r) {
		c.dynamic(r, expr)
		return
	}
	if r != nil {
		c.counts("len("+expr+")", "minItems", "maxItems", "items", r.MinItems, r.MaxItems)
		if r.UniqueItems {
			c.line("checkUnique(v, %s)", expr)
		}
	}
	if build.ExprValidates(t.Elem) {
		c.depth++
		i := "i" + strconv.Itoa(c.depth)
		c.line("for %s := range %s {", i, expr)
		c.line("v.enterIndex(%s)", i)
		c.value(t.Elem, expr+"["+i+"]")
		c.line("v.leave()")
		c.line("}")
		c.depth--
	}
}

func (c *checker) mapValue(t *ir.Type, expr string) {
	r := t.Rules
	if r != nil && build.DynamicExtras(r) {
		c.dynamic(r, expr)
		return
	}
	if r != nil {
		c.counts("len("+expr+")", "minProperties", "maxProperties", "properties", r.MinProperties, r.MaxProperties)
	}
	if build.ExprValidates(t.Elem) {
		c.mapLoop(t.Elem, expr)
	}
}

func (c *checker) mapLoop(elem *ir.Type, expr string) {
	c.depth++
	k, e := "k"+strconv.Itoa(c.depth), "e"+strconv.Itoa(c.depth)
	c.line("for %s, %s := range %s {", k, e, expr)
	c.line("v.enter(%s)", k)
	c.value(elem, e)
	c.line("v.leave()")
	c.line("}")
	c.depth--
}

func (c *checker) counts(n, minKw, maxKw, noun string, lo, hi *int64) {
	if lo == nil && hi == nil {
		return
	}
	c.line("checkCount(v, %s, %d, %d, %q, %q, %q)", n, intOr(lo, 0), intOr(hi, -1), minKw, maxKw, noun)
}

func intOr(v *int64, def int64) int64 {
	if v == nil {
		return def
	}
	return *v
}

// withoutEnum is r without its enum, which an enum type's Valid checks.
func withoutEnum(r *ir.Rules) *ir.Rules {
	out := *r
	out.Enum, out.Var = nil, ""
	return &out
}

func (c *checker) builtin(t *ir.Type, expr string) {
	r := t.Rules
	if extras := build.ScalarExtras(t, r); extras != nil {
		c.line("validateJSONOf(v, %s, %s)", c.tables.extrasVar(r, extras), expr)
	}
	switch {
	case r == nil:
	case t.Go == "string":
		c.stringChecks(r, expr)
	case t.Go == "any":
		c.line("%s.validateAny(v, %s)", c.tables.varFor(r), expr)
	case t.Go == "float32":
		// float64(float32(0.1)) is 0.10000000149011612: above maximum 0.1
		// and no multiple of 0.1. Compare the decimal the value came from.
		c.numberChecks(r, "widenFloat32("+expr+")")
	default:
		c.numberChecks(r, "float64("+expr+")")
	}
}

func (c *checker) stringChecks(r *ir.Rules, expr string) {
	if r.MinLength != nil || r.MaxLength != nil {
		c.f.use("unicode/utf8")
		c.line("if n := utf8.RuneCountInString(%s); %s {", expr, bounds("n", r.MinLength, r.MaxLength))
		c.line("checkCount(v, n, %d, %d, \"minLength\", \"maxLength\", \"characters\")", intOr(r.MinLength, 0), intOr(r.MaxLength, -1))
		c.line("}")
	}
	if r.Pattern != nil {
		c.line("if !%s.MatchString(%s) {", r.Pattern.Var, expr)
		c.line("v.add(\"pattern\", \"must match the pattern %%s\", %s)", r.Pattern.Var)
		c.line("}")
	}
	if r.Format != "" {
		c.line("if msg := checkFormat(%q, %s); msg != \"\" {", r.Format, expr)
		c.line("v.add(\"format\", \"must be a valid %s: %%s\", msg)", r.Format)
		c.line("}")
	}
}

// bounds is the condition under which a count breaks its limits.
func bounds(n string, lo, hi *int64) string {
	var conds []string
	if lo != nil && *lo > 0 {
		conds = append(conds, fmt.Sprintf("%s < %d", n, *lo))
	}
	if hi != nil {
		conds = append(conds, fmt.Sprintf("%s > %d", n, *hi))
	}
	if len(conds) == 0 {
		return "false"
	}
	return strings.Join(conds, " || ")
}

func (c *checker) numberChecks(r *ir.Rules, expr string) {
	if !r.HasNumber() {
		return
	}
	c.line("if f := %s; %s {", expr, numberCond(r))
	c.line("checkNumber(v, f, %s, %s, %t, %t, %s)", floatArg(r.Minimum), floatArg(r.Maximum),
		r.ExclusiveMinimum, r.ExclusiveMaximum, multipleArg(r.MultipleOf))
	c.line("}")
}

// numberCond is a cheap comparison that is true only when a check may fail,
// so a valid number costs a few comparisons and no call.
func numberCond(r *ir.Rules) string {
	var conds []string
	if r.Minimum != nil {
		op := "<"
		if r.ExclusiveMinimum {
			op = "<="
		}
		conds = append(conds, fmt.Sprintf("f %s %s", op, fmtFloat(*r.Minimum)))
	}
	if r.Maximum != nil {
		op := ">"
		if r.ExclusiveMaximum {
			op = ">="
		}
		conds = append(conds, fmt.Sprintf("f %s %s", op, fmtFloat(*r.Maximum)))
	}
	if r.MultipleOf != nil && *r.MultipleOf > 0 {
		conds = append(conds, fmt.Sprintf("!isMultiple(f, %s)", fmtFloat(*r.MultipleOf)))
	}
	return strings.Join(conds, " || ")
}

func floatArg(f *float64) string {
	if f == nil {
		return "nil"
	}
	return "floatPtr(" + fmtFloat(*f) + ")"
}

func multipleArg(f *float64) string {
	if f == nil {
		return "0"
	}
	return fmtFloat(*f)
}
