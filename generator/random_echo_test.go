package generator

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// writeEchoCheck sets up testdata/echo's round trip in mod: it copies
// echo_test.go and writes echo_ops_test.go from the generated code (the
// files of res): an entry of echoOps per client call function, a method
// of echoServer per StrictServerInterface method, a method of echoGuard
// per SecurityHandler method, echoPool and echoInts, the enum and const
// values of the spec's files under specDir, a method of echoServer per
// StrictWebhookInterface method and echoMount, which puts the handler of
// each webhook whose path item is a path too at that path.
func writeEchoCheck(t *testing.T, mod, specDir string, res *Result) {
	var client, server, webhooks string
	for _, f := range res.Files {
		switch f.Name {
		case "client.gen.go":
			client = string(f.Content)
		case "server.gen.go":
			server = string(f.Content)
		case "webhooks.gen.go":
			webhooks = string(f.Content)
		}
	}
	if client == "" || server == "" {
		t.Fatal("no client.gen.go or server.gen.go")
	}
	var b strings.Builder
	b.WriteString("var echoOps = []echoOp{\n")
	strict := map[string]string{} // the signature of each method
	for _, m := range strictMethod.FindAllStringSubmatch(server, -1) {
		strict[m[1]] = m[2]
	}
	skips := map[string][]string{} // the parameters each handler does not bind, by position
	for _, h := range handlerFunc.FindAllStringSubmatch(server, -1) {
		// A statement of one tab per parameter, in their order: the
		// name alone would not tell a path id from a cookie id.
		for i, m := range paramBinding.FindAllStringSubmatch(h[2], -1) {
			if m[1] != "" {
				skips[h[1]] = append(skips[h[1]], strconv.Itoa(i))
			}
		}
	}
	calls := 0
	for _, m := range callFunc.FindAllStringSubmatch(client, -1) {
		name, args, opVar := m[1], m[2], m[3]
		if strict[name] == "" {
			t.Errorf("client call %s has no strict server method", name)
		}
		form := strings.Contains(requestObject(server, name), "// Body is the request body (application/x-www-form-urlencoded).")
		entry, err := echoEntry(opVar, args, skips[name], form)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b.WriteString(entry)
		calls++
	}
	if calls != len(strict) {
		t.Errorf("%d client calls for %d strict server methods", calls, len(strict))
	}
	b.WriteString("}\n\n")
	for _, m := range strictMethod.FindAllStringSubmatch(webhooks, -1) {
		strict[m[1]] = m[2] // a webhook's, after the count: no client call sends it
	}
	for _, name := range slices.Sorted(maps.Keys(strict)) {
		fmt.Fprintf(&b, "func (s *echoServer) %s%s {\n\treturn nil, s.record(request)\n}\n\n", name, strict[name])
	}
	b.WriteString(echoMount(t, specDir, webhooks))
	if guard := securityHandler.FindString(server); guard != "" {
		for _, m := range handleMethod.FindAllStringSubmatch(guard, -1) {
			fmt.Fprintf(&b, "func (echoGuard) %s(%s) (context.Context, error) { return ctx, nil }\n\n", m[1], m[2])
		}
	}
	strs, ints := enumValues(t, specDir)
	fmt.Fprintf(&b, "var echoPool = []string{\n")
	for _, s := range strs {
		fmt.Fprintf(&b, "\t%s,\n", strconv.Quote(s))
	}
	fmt.Fprintf(&b, "}\n\nvar echoInts = []int64{")
	for _, n := range ints {
		fmt.Fprintf(&b, "%d, ", n)
	}
	b.WriteString("}\n")
	imports := "\t\"context\"\n\t\"net/http\"\n"
	if strings.Contains(b.String(), "bytes.NewReader") {
		imports = "\t\"bytes\"\n" + imports
	}
	writeFile(t, filepath.Join(mod, "api", "echo_ops_test.go"), "package api\n\nimport (\n"+imports+")\n\n"+b.String())
	copyTestFile(t, "echo/echo_test.go", filepath.Join(mod, "api", "echo_test.go"), "api")
}

var (
	strictMethod    = regexp.MustCompile(`(?m)^\t(\w+)(\(ctx context\.Context, request \w+RequestObject\d*\) \(\w+ResponseObject\d*, error\))$`)
	callFunc        = regexp.MustCompile(`(?m)^func call(\w+)\(c \*Client, ctx context\.Context((?:, \w+ [^,)]+)*)\) \(\*response, error\) \{\n\tb := c\.newRequest\(&(\w+)\)`)
	securityHandler = regexp.MustCompile(`(?ms)^type SecurityHandler interface \{$.*?^\}$`)
	handlerFunc     = regexp.MustCompile(`(?ms)^func handle(\w+)\(s \*httpServer, impl ServerInterface, w http\.ResponseWriter, r \*http\.Request\) \{$(.*?)^\}$`)
	paramBinding    = regexp.MustCompile(`(?m)^\t(?:if raw, ok := b\.|(b\.skip)\()`)
	handleMethod    = regexp.MustCompile(`(?m)^\t(Handle\w+)\((ctx context\.Context, op string, [^)]*)\) \(context\.Context, error\)$`)
)

// echoMount prints echoMount, which puts before the server's handler the
// handler of each webhook of the spec under specDir whose path item (a
// $ref) is a path's too, at that path under /base, where the client sends
// that path's operations; webhooks is the generated webhooks.gen.go.
func echoMount(t *testing.T, specDir, webhooks string) string {
	var root struct {
		Paths, Webhooks map[string]struct {
			Ref string `json:"$ref"`
		}
	}
	data, err := os.ReadFile(filepath.Join(specDir, "openapi.json"))
	if err == nil {
		err = json.Unmarshal(data, &root)
	}
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]string{} // the Webhooks field of each webhook
	fieldDoc := strings.ReplaceAll(webhookStruct.FindString(webhooks), "\n\t// ", " ")
	for _, m := range webhookField.FindAllStringSubmatch(fieldDoc, -1) {
		fields[m[2]] = m[1]
	}
	var mounts strings.Builder
	for _, name := range slices.Sorted(maps.Keys(root.Webhooks)) {
		for _, path := range slices.Sorted(maps.Keys(root.Paths)) {
			if ref := root.Webhooks[name].Ref; ref == "" || root.Paths[path].Ref != ref {
				continue
			}
			if fields[name] == "" {
				t.Fatalf("webhook %q: no field of Webhooks names it", name)
			}
			fmt.Fprintf(&mounts, "\t\t%q: hooks.%s,\n", "/base"+path, fields[name])
		}
	}
	if mounts.Len() == 0 {
		return "func echoMount(h http.Handler, srv *echoServer) http.Handler { return h }\n\n"
	}
	// Not a ServeMux: it would redirect the paths it cleans (//).
	return "func echoMount(h http.Handler, srv *echoServer) http.Handler {\n" +
		"\thooks := StrictWebhookHandlers(srv, WithSecurityHandler(echoGuard{}))\n" +
		"\tat := map[string]http.Handler{\n" + mounts.String() + "\t}\n" +
		"\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n" +
		"\t\tif hook, ok := at[r.URL.Path]; ok {\n\t\t\thook.ServeHTTP(w, r)\n\t\t\treturn\n\t\t}\n" +
		"\t\th.ServeHTTP(w, r)\n\t})\n}\n\n"
}

var (
	webhookStruct = regexp.MustCompile(`(?ms)^type Webhooks struct \{$.*?^\}$`)
	webhookField  = regexp.MustCompile(`(\w+) receives the webhook (\S+): `) // in a comment joined into one line
)

// requestObject returns the declaration of the strict server's request
// object of operation name.
func requestObject(server, name string) string {
	start := strings.Index(server, "\ntype "+name+"RequestObject struct {\n")
	if start < 0 {
		return ""
	}
	end := strings.Index(server[start+1:], "\n}\n")
	return server[start : start+1+end]
}

// echoEntry prints the echoOps entry of a call function taking args
// (", params P, body B"); skip are the positions of the parameters its
// server does not bind, and form says the body is a form.
func echoEntry(opVar, args string, skip []string, form bool) (string, error) {
	var newParams, newBody, pass = "nil", "nil", ""
	for arg := range strings.SplitSeq(strings.TrimPrefix(args, ", "), ", ") {
		if arg == "" {
			continue
		}
		name, typ, _ := strings.Cut(arg, " ")
		switch {
		case name == "params":
			newParams = "func() any { return new(" + typ + ") }"
			pass += ", *params.(*" + typ + ")"
		case name == "body" && typ == "io.Reader":
			newBody = "func() any { return new([]byte) }"
			pass += ", bytes.NewReader(*body.(*[]byte))"
		case name == "body" && typ == "*MultipartBody":
			newBody = "func() any { return new([]echoPart) }"
			pass += ", echoMultipart(*body.(*[]echoPart))"
		case name == "body":
			newBody = "func() any { return new(" + typ + ") }"
			pass += ", *body.(*" + typ + ")"
		case name == "contentType":
			pass += `, "application/octet-stream"`
		default:
			return "", fmt.Errorf("unknown argument %q", arg)
		}
	}
	name := strings.TrimPrefix(opVar, "clientOp")
	return fmt.Sprintf("\t{op: &%s, newParams: %s, newBody: %s, skip: []int{%s}, form: %t,\n\t\tcall: func(ctx context.Context, c *Client, params, body any) (*response, error) { return call%s(c, ctx%s) }},\n",
		opVar, newParams, newBody, strings.Join(skip, ", "), form, name, pass), nil
}

// enumValues returns the string and integer enum values of the JSON
// files under dir.
func enumValues(t *testing.T, dir string) ([]string, []int64) {
	strs, ints := map[string]bool{}, map[int64]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			enum, _ := v["enum"].([]any)
			if c, ok := v["const"]; ok {
				enum = append(slices.Clone(enum), c)
			}
			if enum != nil {
				for _, x := range enum {
					switch x := x.(type) {
					case string:
						strs[x] = true
					case float64:
						ints[int64(x)] = true
					}
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var doc any
		if err := json.Unmarshal(data, &doc); err != nil {
			return err
		}
		walk(doc)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Values of the formats oasgen checks.
	for _, s := range []string{"2024-01-02", "2024-01-02T03:04:05Z", "2024-01-02T03:04:05.5+01:00", "12:34:56", "a@example.com",
		"0b6a3c1e-5f0d-4c39-9a3e-2d7c1f8e4b10", "https://example.com/a?b=c", "/a/b", "example.com", "192.0.2.1", "2001:db8::1", "aGk=", "x"} {
		strs[s] = true
	}
	return slices.Sorted(maps.Keys(strs)), slices.Sorted(maps.Keys(ints))
}
