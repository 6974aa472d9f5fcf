package emit

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/oasgen/oasgen/generator/ir"
)

// A discriminated union writes its discriminator itself: setting Kind (or
// calling the variant's constructor) is enough. The union's
// withDiscriminator method returns a copy whose selected variant holds one of
// its discriminator values, the first the spec gives unless it holds one
// already; the encoders and validators work on that copy, so the caller's
// value is never changed.

// discriminatorBody returns the statements of a union's withDiscriminator
// method, or "" when no variant has a string property to set.
func (f *file) discriminatorBody(t *ir.Type) string {
	d := t.Union.Discriminator
	if d == nil {
		return ""
	}
	var b strings.Builder
	for _, v := range t.Union.Variants {
		fl, pointer := tagField(v, d.Property)
		if fl == nil || len(v.Tags) == 0 {
			continue
		}
		fmt.Fprintf(&b, "case %s:\n", v.KindConst)
		if !pointer {
			fixTag(&b, "u."+v.Name+"."+fl.Name, fl.Type, v.Tags, "")
			continue
		}
		fixTag(&b, "u."+v.Name+"."+fl.Name, fl.Type, v.Tags, "u."+v.Name)
	}
	if b.Len() == 0 {
		return ""
	}
	return "switch u.Kind {\n" + b.String() + "}\n"
}

// fixTag prints the statements setting the property expr to tags[0] unless
// it holds one of tags (with one tag, it is set). A variant behind a pointer (ptr, not "") is copied
// first: the pointer may be the caller's.
func fixTag(b *strings.Builder, expr string, t *ir.Type, tags []string, ptr string) {
	value, absent := expr, []string(nil)
	var set []string
	switch t.Kind {
	case ir.Opt:
		value, absent, set = expr+".Value", []string{"!" + expr + ".Set"}, []string{".Set = true"}
	case ir.Nullable:
		value, absent, set = expr+".Value", []string{expr + ".Null"}, []string{".Null = false"}
	case ir.OptNullable:
		value, absent, set = expr+".Value", []string{"!" + expr + ".Set", expr + ".Null"}, []string{".Set = true", ".Null = false"}
	}
	var differs []string
	for _, tag := range tags {
		differs = append(differs, value+" != "+strconv.Quote(tag))
	}
	cond := strings.Join(differs, " && ")
	if len(absent) > 0 {
		cond = strings.Join(absent, " || ") + " || " + cond
	}
	target := expr
	always := ptr == "" && len(tags) == 1 // setting is cheaper than comparing
	if always {
		printTagAssignment(b, target, t, tags[0], set)
		return
	}
	if ptr != "" {
		cond = ptr + " != nil && (" + cond + ")"
		target = "c" + strings.TrimPrefix(expr, ptr)
	}
	fmt.Fprintf(b, "if %s {\n", cond)
	if ptr != "" {
		fmt.Fprintf(b, "c := *%s\n", ptr)
	}
	printTagAssignment(b, target, t, tags[0], set)
	if ptr != "" {
		fmt.Fprintf(b, "%s = &c\n", ptr)
	}
	b.WriteString("}\n")
}

// printTagAssignment prints the statements that make target, of type t, hold tag.
func printTagAssignment(b *strings.Builder, target string, t *ir.Type, tag string, set []string) {
	for _, s := range set {
		fmt.Fprintf(b, "%s%s\n", target, s)
	}
	if len(set) > 0 {
		target += ".Value"
	}
	fmt.Fprintf(b, "%s = %s\n", target, strconv.Quote(tag))
}

// tagField returns the field of a variant's struct that holds the
// discriminator property, when its value is a string the encoder can set,
// and whether the variant is behind a pointer.
func tagField(v *ir.Variant, property string) (*ir.Field, bool) {
	t, pointer := v.Type, false
	if t.Kind == ir.Pointer {
		t, pointer = t.Elem, true
	}
	for t.Kind == ir.Alias && t.Elem != nil {
		t = t.Elem
	}
	if t.Kind != ir.Struct {
		return nil, false
	}
	for _, fl := range t.Fields {
		if fl.JSONName == property && fl.In == "" && stringValued(fl.Type) {
			return fl, pointer
		}
	}
	return nil, false
}

// stringValued reports whether t is a string, a type over one (an enum), or
// a wrapper of one: a type a Go string constant can be assigned to.
func stringValued(t *ir.Type) bool {
	switch t.Kind {
	case ir.Opt, ir.Nullable, ir.OptNullable:
		t = t.Elem
	}
	for t.Kind == ir.Enum || t.Kind == ir.Defined || t.Kind == ir.Alias {
		if t.Elem == nil {
			return false
		}
		t = t.Elem
	}
	return t.Kind == ir.Builtin && t.Go == "string" && t.Import.Path == ""
}
