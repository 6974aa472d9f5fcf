package emit

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/oasgen/oasgen/generator/build"
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/templates"
)

// The server is printed by templates/server.go.tmpl; the functions here
// print the statements of each operation's handler, which depend on the
// parameters' locations, types and wrappers.

var loadServerRuntime = sync.OnceValues(func() (runtimeCode, error) {
	return loadSources(templates.ServerRuntime)
})

// serverRuntimeSource records the server runtime's imports and returns its code.
func (f *file) serverRuntimeSource() (string, error) { return f.sourceOf(loadServerRuntime) }

// served lists the operations the server routes.
func served(pkg *ir.Package) []*ir.Operation {
	var out []*ir.Operation
	for _, op := range pkg.Operations {
		if op.Server != nil && op.Server.Served() {
			out = append(out, op)
		}
	}
	return out
}

// handlerParams prints the parameter list of op's ServerInterface method.
func (f *file) handlerParams(op *ir.Operation) string {
	f.use("net/http")
	s := "w http.ResponseWriter, r *http.Request"
	if op.Params != nil {
		s += ", params " + f.expr(op.Params)
	}
	if op.Server.Body != nil {
		s += ", body " + f.expr(op.Server.Body.Arg)
	}
	return s
}

// handlerArgs prints the arguments op's handler passes to its method; cw
// is the writer from capture.
func handlerArgs(op *ir.Operation) string {
	s := "cw, r"
	if op.Params != nil {
		s += ", params"
	}
	if op.Server.Body != nil {
		s += ", body"
	}
	return s
}

// operationLabel names op in comments: POST /pets, or POST of the
// webhook newPet.
func operationLabel(op *ir.Operation) string {
	if op.Webhook != "" {
		return op.Method + " of the webhook " + inline(op.Webhook)
	}
	return op.Method + " " + inline(op.Path)
}

// interfaceOf names the interface whose method serves op: the
// ServerInterface, or the WebhookInterface for a webhook's operation.
func interfaceOf(op *ir.Operation) string {
	if op.Webhook != "" {
		return "WebhookInterface"
	}
	return "ServerInterface"
}

// methodDoc prints the doc comment of op's ServerInterface or
// WebhookInterface method.
func methodDoc(op *ir.Operation) string {
	var b strings.Builder
	verb := "handles"
	if op.Webhook != "" {
		verb = "receives"
	}
	fmt.Fprintf(&b, "// %s %s %s.", op.Name, verb, operationLabel(op))
	if op.Summary != "" {
		b.WriteString(" " + strings.TrimSuffix(oneLine(op.Summary), ".") + ".")
	}
	if op.Deprecated {
		b.WriteString("\n//\n// Deprecated: the operation is deprecated in the spec.")
	}
	return b.String()
}

// oneLine prints spec text on one comment line.
func oneLine(s string) string { return inline(strings.Join(strings.Fields(s), " ")) }

// checkResponse prints the function that checks a response of op against
// the spec (WithResponseValidation): exact statuses first, then ranges,
// then the default response.
func (f *file) checkResponse(op *ir.Operation) string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("%s", wrapped(fmt.Sprintf("check%sResponse checks a response of %s against the spec.", op.Name, op.Name)))
	line("func check%sResponse(status int, header http.Header, body []byte) error {", op.Name)
	check := func(r *ir.Response) string {
		if r.Type == nil || !build.IsJSON(r.Media) {
			return "return nil // no JSON body to check"
		}
		return "return checkJSONResponse[" + f.expr(r.Type) + "](header, body)"
	}
	var cases []string
	var fallback *ir.Response
	for _, exact := range []bool{true, false} {
		for _, r := range op.Responses {
			code, err := strconv.Atoi(r.Status)
			switch {
			case r.Status == "default":
				fallback = r
			case exact && err == nil:
				cases = append(cases, fmt.Sprintf("case status == %d:\n%s", code, check(r)))
			case !exact && err != nil && len(r.Status) == 3 && r.Status[0] >= '1' && r.Status[0] <= '5':
				cases = append(cases, fmt.Sprintf("case status/100 == %c:\n%s", r.Status[0], check(r)))
			}
		}
	}
	if len(cases) > 0 {
		line("switch {")
		for _, c := range cases {
			line("%s", c)
		}
		line("}")
	}
	if fallback != nil {
		line("%s", check(fallback))
	} else {
		line("return undeclaredStatus(status)")
	}
	line("}")
	return b.String()
}

// routeCall prints the statement registering op's handler: a ServeMux
// pattern, or a fallback regular expression, then what the request context
// tells of the operation.
func routeCall(op *ir.Operation) string {
	id := op.ID
	if id == "" {
		id = op.Name
	}
	h := fmt.Sprintf("operation{id: %q, path: %q}, func(w http.ResponseWriter, r *http.Request) { handle%s(s, impl, w, r) }", id, op.Path, op.Name)
	sv := op.Server
	if sv.Fallback == "" {
		return fmt.Sprintf("s.route(%q, %q, %s)", op.Method, sv.Route, h)
	}
	keys := make([]string, len(sv.FallbackOrder))
	for i, k := range sv.FallbackOrder {
		keys[i] = strconv.Quote(k)
	}
	// Never a raw string: go generate reads a line of one that starts with
	// //go:generate as a directive.
	return fmt.Sprintf("s.fallbackRoute(%q, %q, []string{%s}, %s)", op.Method, sv.Fallback, strings.Join(keys, ", "), h)
}

// paramsInVar names the map from parameter name to location of op.
func paramsInVar(op *ir.Operation) string { return "paramsIn" + op.Name }

// paramsIn prints the map literal from parameter name to location.
func paramsIn(op *ir.Operation) string {
	var b strings.Builder
	b.WriteString("map[string]string{")
	seen := map[string]bool{}
	for _, bd := range op.Server.Bindings {
		if seen[bd.Name] {
			continue
		}
		seen[bd.Name] = true
		fmt.Fprintf(&b, "%q: %q, ", bd.Name, bd.In)
	}
	b.WriteString("}")
	return b.String()
}

// bindParams prints the statements that read op's parameters into params,
// then validate them.
func (f *file) bindParams(op *ir.Operation) string {
	if op.Params == nil {
		return ""
	}
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("var params %s", f.expr(op.Params))
	line("b := newParamReader(r)")
	for _, bd := range op.Server.Bindings {
		field := "params." + bd.Field.Name
		if bd.Skip != "" {
			line("b.skip(%q) // %s", bd.Name, oneLine(bd.Skip))
			continue
		}
		switch {
		case bd.Tree && bd.In == "query" && (bd.Explode || bd.Style == "deepObject"):
			line("if raw, ok := b.tree(%q); ok {", bd.Key)
			line("var x %s", f.expr(bd.Elem))
			line("if b.decodeTree(%q, raw, %s, &x) {", bd.Name, bd.Rules.Var)
		case bd.Tree:
			line("if raw, ok := b.listTree(%q, %q); ok {", bd.In, bd.Key)
			line("var x %s", f.expr(bd.Elem))
			line("if b.decodeTree(%q, raw, %s, &x) {", bd.Name, bd.Rules.Var)
		case bd.Content == "form":
			line("if raw, ok := b.queryForm(); ok {")
			line("var x %s", f.expr(bd.Elem))
			line("if b.form(%q, raw, %s, %q, &x) {", bd.Name, propKinds(bd.Props), bd.Extra)
		case bd.Content == "json":
			line("if raw, ok := b.value(%q, %q); ok {", bd.In, bd.Key)
			line("var x %s", f.expr(bd.Elem))
			line("if b.decode(%q, \"json\", []byte(raw), &x) {", bd.Name)
		case bd.Object:
			line("if raw, ok := b.object(%q, %q, %q, %q, %t, %s); ok {", bd.In, bd.Key, bd.Name, bd.Style, bd.Explode, propNames(bd.Props))
			line("var x %s", f.expr(bd.Elem))
			line("if paramObject(&b, %q, raw, %s, %q, &x) {", bd.Name, propKinds(bd.Props), bd.Extra)
		case bd.List:
			line("if raw, ok := b.values(%q, %q, %q, %q, %t); ok {", bd.In, bd.Key, bd.Name, bd.Style, bd.Explode)
			line("if x, ok := paramList(&b, %q, raw, %s); ok {", bd.Name, f.parseFunc(bd))
		case bd.Style == "label" || bd.Style == "matrix":
			line("if raw, ok := b.value(%q, %q); ok {", bd.In, bd.Key)
			line("if x, ok := paramStyled(&b, %q, %q, raw, %s); ok {", bd.Name, bd.Style, f.parseFunc(bd))
		default:
			line("if raw, ok := b.value(%q, %q); ok {", bd.In, bd.Key)
			line("if x, ok := param(&b, %q, raw, %s); ok {", bd.Name, f.parseFunc(bd))
		}
		value := "x"
		if bd.Convert != nil {
			value = f.expr(bd.Convert) + "(x)"
		}
		line("%s = %s", field, wrapValue(bd.Wrap, value))
		line("}")
		switch {
		case bd.Required:
			line("} else {")
			line("b.missing(%q, %q)", bd.In, bd.Name)
		case bd.Default != "":
			line("} else {")
			line("%s = %s", field, wrapValue(bd.Wrap, f.expr(bd.Elem)+"("+bd.Default+")"))
		}
		line("}")
	}
	if validates(op.Params) {
		line("params.validate(&b.v)")
	}
	line("if p := b.err(%s); p != nil {", paramsInVar(op))
	line("s.fail(w, r, p)")
	line("return")
	line("}")
	return b.String()
}

// propNames prints the JSON names of an object parameter's properties.
func propNames(props []ir.ObjectProp) string {
	return propLiteral("[]string", props, func(p ir.ObjectProp) string { return strconv.Quote(p.Name) })
}

// propKinds prints the map from property name to parse kind.
func propKinds(props []ir.ObjectProp) string {
	return propLiteral("map[string]string", props, func(p ir.ObjectProp) string { return fmt.Sprintf("%q: %q", p.Name, p.Kind) })
}

// propLiteral prints a composite literal of type typ with one element per
// property, or nil for none.
func propLiteral(typ string, props []ir.ObjectProp, elem func(ir.ObjectProp) string) string {
	if len(props) == 0 {
		return "nil"
	}
	elems := make([]string, len(props))
	for i, p := range props {
		elems[i] = elem(p)
	}
	return typ + "{" + strings.Join(elems, ", ") + "}"
}

// parseFunc names the runtime function parsing one value of bd.
func (f *file) parseFunc(bd *ir.Binding) string {
	switch bd.Scalar {
	case "string":
		return "paramString[" + f.expr(bd.Elem) + "]"
	case "int":
		return "paramInt[" + f.expr(bd.Elem) + "]"
	case "float":
		return "paramFloat[" + f.expr(bd.Elem) + "]"
	case "bool":
		return "paramBool[" + f.expr(bd.Elem) + "]"
	}
	return "paramTime"
}

// wrapValue wraps a value in the constructor of its field's wrapper.
func wrapValue(k ir.Kind, value string) string {
	switch k {
	case ir.Opt:
		return "NewOpt(" + value + ")"
	case ir.Nullable:
		return "NewNullable(" + value + ")"
	case ir.OptNullable:
		return "NewOptNullable(" + value + ")"
	}
	return value
}

// bindBody prints the statements that read op's request body into body:
// decoded and validated (JSON, form), read (text) or opened (streams).
func (f *file) bindBody(op *ir.Operation) string {
	body := op.Server.Body
	if body == nil {
		return ""
	}
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	accept := strconv.Quote(strings.Join(body.Media, ", "))
	fail := func(cond string) {
		line("if %s {", cond)
		line("s.fail(w, r, p)")
		line("return")
		line("}")
	}
	switch body.Kind {
	case ir.BodyText:
		line("buf, p := s.readBody(w, r, %t, %s)", body.Required, accept)
		fail("p != nil")
		line("body := buf.text()")
		return b.String()
	case ir.BodyBinary:
		line("body, p := s.streamBody(w, r, %t, %s)", body.Required, accept)
		fail("p != nil")
		return b.String()
	case ir.BodyMultipart:
		line("body, p := s.readMultipart(w, r, %t, %s)", body.Required, accept)
		fail("p != nil")
		return b.String()
	case ir.BodyForm:
		line("values, p := s.readForm(w, r, %t, %s)", body.Required, accept)
	default:
		line("buf, p := s.readBody(w, r, %t, %s)", body.Required, accept)
	}
	fail("p != nil")
	line("var body %s", f.expr(body.Arg))
	target := "body"
	if body.Arg.Kind == ir.Opt {
		target = "body.Value"
	}
	if body.Kind != ir.BodyForm && decodes(body.Type) {
		f.decodeValidateBody(&b, body, target)
		return b.String()
	}
	if body.Kind == ir.BodyForm {
		line("if values != nil {")
		line("if err := formBody(values, %s, %q, %s, &%s); err != nil {", propKinds(body.Props), body.Extra, formFields(body.Fields), target)
	} else {
		line("if buf != nil {")
		line("err := decodeBody(buf.data, &%s)", target)
		line("buf.release()")
		line("if err != nil {")
	}
	line("s.fail(w, r, bodyProblem(err))")
	line("return")
	line("}")
	if target != "body" {
		line("body.Set = true")
	}
	if validates(body.Type) {
		// ValidateRequest's work, with a static call that keeps v on the stack.
		line("v := validator{mode: modeRequest}")
		line("%s.validate(&v)", target)
		line("if err := v.err(); err != nil {")
		line("s.fail(w, r, bodyProblem(err))")
		line("return")
		line("}")
	}
	line("}")
	return b.String()
}

// validates reports whether a named type has a validate method.
func validates(t *ir.Type) bool {
	for t != nil && t.Name != "" {
		if t.Kind != ir.Alias {
			return t.Validates
		}
		t = t.Elem
	}
	return false
}

// decodeValidateBody prints the decoding of a JSON body with a generated
// decoder and its validation as a request, in one pass with one validator
// (what UnmarshalJSON and then ValidateRequest would do, without
// json.Unmarshal's scans and a second validator).
func (f *file) decodeValidateBody(b *strings.Builder, body *ir.ServerBody, target string) {
	line := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	line("if buf != nil {")
	line("v := validator{mode: modeRequest}")
	line("rd := reader{data: buf.data}")
	line("%s.decodeJSON(&rd, &v)", target)
	line("rd.finish(&v)")
	if validates(body.Type) {
		line("if rd.err == \"\" {")
		line("%s.validate(&v)", target)
		line("}")
	}
	line("err := rd.result(&v)")
	line("buf.release()")
	line("if err != nil {")
	line("s.fail(w, r, bodyProblem(err))")
	line("return")
	line("}")
	if target != "body" {
		line("body.Set = true")
	}
	line("}")
}

// decodes reports whether t is a declared type with a generated decoder
// (decode.gen.go), whose UnmarshalJSON can be called directly.
func decodes(t *ir.Type) bool {
	return t != nil && t.Name != "" && t.Kind != ir.Alias && t.CheckedDecode
}

// quoted prints a Go string literal, for templates.
func quoted(s string) string { return strconv.Quote(s) }
