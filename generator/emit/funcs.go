package emit

import (
	"fmt"
	"strconv"
	"strings"
	"text/template"

	"github.com/oasgen/oasgen/generator/build"
	"github.com/oasgen/oasgen/generator/ir"
)

// placeholderFuncs lets the templates parse before a file's own functions,
// which record imports, are bound by render.
var placeholderFuncs = (&file{}).funcs()

func (f *file) funcs() template.FuncMap {
	return template.FuncMap{
		"typ":               f.expr,
		"use":               f.use,
		"once":              f.onceFn,
		"comment":           comment,
		"inline":            inline,
		"fieldComment":      fieldComment,
		"tag":               tag,
		"inc":               func(i int) int { return i + 1 },
		"join":              strings.Join,
		"strings":           stringsLiteral,
		"validateBody":      f.validateBody,
		"decodeBody":        f.decodeBody,
		"encodeBody":        f.encodeBody,
		"discriminatorBody": f.discriminatorBody,
		"canHaveMethods":    canHaveMethods,
		"validateFunc":      f.validateFunc,
		"valueComment":      func(s string) string { return commentLines("\t", []string{s}) },
		"patterns":          f.patterns,
		"tables":            func() string { return f.tables.declarations() },
		"runtimeSource":     f.runtimeSource,
		"timeCodec":         f.timeCodec,

		"served":               served,
		"routeCall":            routeCall,
		"checkResponse":        f.checkResponse,
		"handlerParams":        f.handlerParams,
		"handlerArgs":          handlerArgs,
		"methodDoc":            methodDoc,
		"operationLabel":       operationLabel,
		"interfaceOf":          interfaceOf,
		"webhookOps":           webhookOps,
		"webhooksSecured":      webhooksSecured,
		"webhookField":         webhookField,
		"webhookCall":          webhookCall,
		"webhookRuntimeSource": f.webhookRuntimeSource,
		"paramsInVar":          paramsInVar,
		"paramsIn":             paramsIn,
		"bindParams":           f.bindParams,
		"bindBody":             f.bindBody,
		"quote":                quoted,
		"serverRuntimeSource":  f.serverRuntimeSource,
		"requestObject":        f.requestObject,
		"responseObject":       f.responseObject,
		"strictMethod":         f.strictMethod,
		"strictRuntimeSource":  f.strictRuntimeSource,

		"servedSchemes":         servedSchemes,
		"securityMethod":        securityMethod,
		"schemeDecl":            schemeDecl,
		"securityDecl":          securityDecl,
		"authorizeCall":         authorizeCall,
		"securityRuntimeSource": f.securityRuntimeSource,

		"sharedRuntimeSource": f.sharedRuntimeSource,
		"clientRuntimeSource": f.clientRuntimeSource,
		"clientServers":       f.clientServers,
		"clientOperation":     f.clientOperation,
	}
}

// use records an import and prints nothing.
func (f *file) use(path string) string {
	if _, ok := f.imports[path]; !ok {
		f.imports[path] = ""
	}
	return ""
}

// onceFn is true the first time it sees key in a file, so a shared helper is
// printed once however many others need it.
func (f *file) onceFn(key string) bool {
	if f.once[key] {
		return false
	}
	f.once[key] = true
	return true
}

// expr prints a type expression and records what it needs.
func (f *file) expr(t *ir.Type) string {
	if t.Name != "" {
		return t.Name
	}
	f.markHelper(t)
	switch t.Kind {
	case ir.Builtin:
		if t.Import.Path != "" {
			f.imports[t.Import.Path] = t.Import.Name
		}
		return t.Go
	case ir.Slice:
		return "[]" + f.expr(t.Elem)
	case ir.Map:
		return "map[string]" + f.expr(t.Elem)
	case ir.Pointer:
		return "*" + f.expr(t.Elem)
	case ir.Opt:
		return "Opt[" + f.expr(t.Elem) + "]"
	case ir.Nullable:
		return "Nullable[" + f.expr(t.Elem) + "]"
	case ir.OptNullable:
		return "OptNullable[" + f.expr(t.Elem) + "]"
	}
	return "any"
}

// tag prints a field's struct tag; parameters have none.
func tag(fl *ir.Field) string {
	if fl.In != "" {
		return ""
	}
	name := fl.JSONName
	switch {
	case fl.OmitZero:
		name += ",omitzero"
	case name == "-":
		name = "-," // a bare "-" would mean "skip this field"
	}
	return " `json:" + strconv.Quote(name) + "`"
}

// stringsLiteral prints a []string literal, or nil.
func stringsLiteral(list []string) string {
	if len(list) == 0 {
		return "nil"
	}
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return "[]string{" + strings.Join(q, ", ") + "}"
}

// markHelper records that the package needs the runtime helper the type
// expression t is, if it is one (Date, Opt, Nullable, OptNullable).
func (f *file) markHelper(t *ir.Type) {
	switch {
	case t.Kind == ir.Builtin && t.Go == "Date":
		f.runtime.Date = true
	case t.Kind == ir.Opt:
		f.runtime.Opt = true
	case t.Kind == ir.Nullable:
		f.runtime.Nullable = true
	case t.Kind == ir.OptNullable:
		f.runtime.OptNullable = true
	}
}

// timeCodec returns the type whose JSON methods a defined type over a time
// must call: a defined type does not get the methods of its underlying type,
// so type Stamp time.Time would encode as {}. "" for other types.
func (f *file) timeCodec(t *ir.Type) string {
	if t.Kind != ir.Defined || t.CheckedDecode || t.Elem.Kind != ir.Builtin || t.Elem.Name != "" {
		return ""
	}
	switch e := t.Elem; {
	case e.Go == "Date", e.Go == "time.Time" && e.Import.Path == "time" && e.Import.Name == "":
		return f.expr(e)
	}
	return ""
}

// validateFunc prints ValidateX, the validator of a declared interface
// type X (type X any) whose schema has constraints: Go allows it no
// Validate method. Nothing when the schema has none, or when another
// declared type or the runtime already has the name ValidateX
// (ValidateRequest).
func (f *file) validateFunc(pkg *ir.Package, t *ir.Type) string {
	r := build.DynamicRules(t)
	name := "Validate" + t.Name
	if r == nil || t.Kind == ir.Alias || build.IsRuntimeName(name) {
		return ""
	}
	for _, other := range pkg.Types {
		if other.Name == name {
			return ""
		}
	}
	return fmt.Sprintf(`
// %[1]s checks x against the constraints of the schema of %[2]s. It returns
// nil or a *ValidationError listing every violation. %[2]s is an interface
// type, which Go allows no Validate method.
func %[1]s(x %[2]s) error {
	var v validator
	%[3]s.validateAny(&v, x)
	return v.err()
}
`, name, t.Name, f.tables.varFor(r))
}

// canHaveMethods reports whether Go lets a declared type have methods: not
// when its underlying type is an interface (a schema of any value) or a
// pointer.
func canHaveMethods(t *ir.Type) bool {
	for e := t; ; e = e.Elem {
		switch {
		case e == nil || e.Kind == ir.Pointer || e.Kind == ir.Builtin && e.Go == "any":
			return false
		case e.Kind != ir.Defined && e.Kind != ir.Alias && e.Kind != ir.Enum || e != t && e.Elem == nil:
			return true
		}
	}
}
