package emit

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/write"
	"github.com/oasgen/oasgen/templates"
)

// Options configure emitting.
type Options struct {
	// Templates overrides default templates by file name; nil uses the defaults.
	Templates fs.FS
	// MaxFileBytes bounds each generated file before it is formatted; 0
	// means DefaultMaxFileBytes.
	MaxFileBytes int
}

// DefaultMaxFileBytes is the size budget of one generated file: about 20
// times the largest file of the Medusa specs. Past it the package could
// not be compiled on a usual machine anyway, and formatting it would take
// gigabytes, so a spec that makes one (deep nesting, combinatorial unions)
// gets a clear error instead of an out-of-memory crash.
const DefaultMaxFileBytes = 64 << 20

// ErrTooLarge is wrapped by the error Emit returns when a file would
// exceed the size budget.
var ErrTooLarge = errors.New("generated code too large")

// Emit prints the package's files.
func Emit(pkg *ir.Package, opts Options) ([]write.File, error) {
	tmpl, err := parseTemplates(opts.Templates)
	if err != nil {
		return nil, err
	}
	jobs := []struct{ name, entry string }{{"models.gen.go", "models"}}
	if pkg.Validation {
		jobs = append(jobs, struct{ name, entry string }{"decode.gen.go", "decode"}, struct{ name, entry string }{"encode.gen.go", "encode"}, struct{ name, entry string }{"validate.gen.go", "validate"})
	}
	if pkg.Server {
		jobs = append(jobs, struct{ name, entry string }{"server.gen.go", "server"})
	}
	if pkg.Server && len(pkg.Webhooks) > 0 {
		jobs = append(jobs, struct{ name, entry string }{"webhooks.gen.go", "webhooks"})
	}
	if pkg.Client {
		jobs = append(jobs, struct{ name, entry string }{"client.gen.go", "client"})
	}
	// The files are printed and formatted at the same time: go/format is
	// most of the cost on large specs, and the files share only read-only IR.
	files := make([]write.File, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	var validateTables *tables
	if pkg.Validation {
		// Before any file is printed: naming the tables sets Rules.Var,
		// which the other files read.
		validateTables = newTables(pkg)
	}
	limit := cmp.Or(opts.MaxFileBytes, DefaultMaxFileBytes)
	for i, job := range jobs {
		var tb *tables
		if job.entry == "validate" {
			tb = validateTables
		}
		wg.Go(func() {
			files[i], errs[i] = render(tmpl, pkg, job.name, job.entry, tb, limit)
		})
	}
	wg.Wait()
	return files, errors.Join(errs...)
}

// parseTemplates loads the embedded templates, then the user's overrides.
func parseTemplates(overrides fs.FS) (*template.Template, error) {
	base := template.New("oasgen").Funcs(placeholderFuncs)
	tmpl, err := base.ParseFS(templates.FS, "*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("parse templates: %w", err)
	}
	if overrides == nil {
		return tmpl, nil
	}
	names, err := fs.Glob(overrides, "*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("templates folder: %w", err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(overrides, name)
		if err != nil {
			return nil, fmt.Errorf("read template %s: %w", name, err)
		}
		if _, err := tmpl.New(name).Parse(string(data)); err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
	}
	return tmpl, nil
}

// file accumulates what one generated file uses while it is printed.
type file struct {
	tables  *tables           // rules tables, for validate.gen.go
	imports map[string]string // path → explicit name ("" for default)
	runtime runtimeUse
	once    map[string]bool
}

// runtimeUse records which helpers the printed code needs.
type runtimeUse struct {
	Opt, Nullable, OptNullable, Date bool
	// Extra: appendExtra, for the MarshalJSON of structs with additional
	// properties; ExtraDecode: decodeExtra, for their encoding/json UnmarshalJSON.
	Extra, ExtraDecode   bool
	Union, Discriminator bool // decodeUnion, discriminatorValue
}

// render executes the named template for pkg and returns the formatted file.
func render(tmpl *template.Template, pkg *ir.Package, name, entry string, tb *tables, limit int) (write.File, error) {
	f := &file{imports: map[string]string{}, once: map[string]bool{}, tables: tb}
	t, err := tmpl.Clone()
	if err != nil {
		return write.File{}, err
	}
	t.Funcs(f.funcs())
	var body bytes.Buffer
	if entry == "models" {
		f.scan(pkg) // the helpers live in models.gen.go
	}
	if err := t.ExecuteTemplate(&body, entry, pkg); err != nil {
		return write.File{}, fmt.Errorf("print %s: %w", name, err)
	}
	if entry == "models" {
		if err := t.ExecuteTemplate(&body, "runtime", f.runtime); err != nil {
			return write.File{}, fmt.Errorf("print %s: %w", name, err)
		}
	}
	if body.Len() > limit {
		return write.File{}, fmt.Errorf("%s would be %d MB, past the budget of %d MB per file: %w; is the spec nested or combined far more than an API needs?", name, body.Len()>>20, limit>>20, ErrTooLarge)
	}
	var out bytes.Buffer
	out.WriteString(write.Header + "\n\n")
	if entry == "models" {
		fmt.Fprintf(&out, "// Package %s holds the types generated from %s.\n", pkg.Name, inline(pkg.Source))
		if s := oneLine(pkg.Summary); s != "" {
			if t := oneLine(pkg.Title); t != "" {
				s = t + ": " + s
			}
			fmt.Fprintf(&out, "//\n%s\n", wrapped(s))
		}
	}
	fmt.Fprintf(&out, "package %s\n", pkg.Name)
	out.WriteString(f.importBlock())
	out.Write(body.Bytes())
	src, err := f.format(name, out.Bytes())
	if err != nil {
		return write.File{}, err
	}
	return write.File{Name: name, Content: src}, nil
}

// needServer marks the helpers that the server's declarations of an
// operation use, printed in server.gen.go: an optional body is passed as
// Opt[Body]; a response body may be a Date or a Nullable; an optional
// response header is an Opt[T] field.
func (f *file) needServer(sv *ir.Server) {
	if sv.Body != nil {
		f.need(sv.Body.Arg)
	}
	for _, r := range sv.Responses {
		f.need(r.Body)
		for _, h := range r.Headers {
			f.need(h.Type)
		}
	}
}

// need marks the helpers the type expression t uses, like expr but without
// printing it (nor importing what it needs) in this file.
func (f *file) need(t *ir.Type) {
	if t == nil || t.Name != "" {
		return
	}
	f.markHelper(t)
	f.need(t.Elem)
}

// scan marks the helpers a package needs that templates cannot see through
// type expressions (methods emitted for extra properties and unions). Types
// with a generated decoder (CheckedDecode) need none to decode.
func (f *file) scan(pkg *ir.Package) {
	for _, op := range append(webhookOps(pkg), pkg.Operations...) {
		if op.Server != nil {
			f.needServer(op.Server)
		}
		if op.Client != nil {
			for _, r := range op.Client.Responses {
				f.need(r.Body)
				f.need(r.Item)
				for _, h := range r.Headers {
					f.need(h.Type)
				}
			}
		}
	}
	for _, t := range pkg.Types {
		switch {
		case t.Kind == ir.Struct && t.Extra != nil:
			f.runtime.Extra = f.runtime.Extra || !t.CheckedDecode
			f.runtime.ExtraDecode = f.runtime.ExtraDecode || !t.CheckedDecode
		case t.CheckedDecode:
		case t.Kind == ir.Union && t.Union.Discriminator != nil:
			f.runtime.Discriminator = true
		case t.Kind == ir.Union:
			f.runtime.Union = true
		}
	}
}

func (f *file) importBlock() string {
	if len(f.imports) == 0 {
		return "\n"
	}
	paths := make([]string, 0, len(f.imports))
	for p := range f.imports {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	var b strings.Builder
	b.WriteString("\nimport (\n")
	for _, p := range paths {
		if name := f.imports[p]; name != "" {
			b.WriteString(name + " ")
		}
		b.WriteString(strconv.Quote(p) + "\n")
	}
	b.WriteString(")\n")
	return b.String()
}

var formatErrorLine = regexp.MustCompile(`^(?:[^:]*:)?(\d+):\d+: `)

// formatError reports a gofmt failure with the offending lines: it is a
// generator bug, and the lines are what a bug report needs.
func formatError(name string, src []byte, err error) error {
	msg := err.Error()
	line := 0
	// go/format reports [file:]line:column: message.
	if m := formatErrorLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	lines := strings.Split(string(src), "\n")
	var ctx strings.Builder
	for i := max(line-3, 1); i <= min(line+2, len(lines)); i++ {
		fmt.Fprintf(&ctx, "%5d  %s\n", i, lines[i-1])
	}
	return fmt.Errorf("internal error: generated %s does not format (%v); please report this:\n%s", name, err, ctx.String())
}
