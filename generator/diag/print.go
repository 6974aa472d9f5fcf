package diag

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// PrintText writes one diagnostic per line as file:line:col: severity: message [rule],
// with files relative to dir, in a stable order.
func PrintText(w io.Writer, dir string, list List) error {
	return Print(w, dir, list, TextOptions{})
}

// Format is an output format of Print.
type Format string

// The formats diagnostics can be printed in.
const (
	Text   Format = "text"
	JSON   Format = "json"
	GitHub Format = "github"
	SARIF  Format = "sarif"
)

// TextOptions tune the text format.
type TextOptions struct {
	Format  Format
	Context int  // lines of source shown around each position (text format)
	Tool    Tool // the program and its rules (SARIF format)
}

// Print writes the diagnostics sorted by position, files relative to dir.
func Print(w io.Writer, dir string, list List, opts TextOptions) error {
	sorted := list.Sorted()
	for i := range sorted {
		sorted[i] = sorted[i].Rel(dir)
	}
	switch opts.Format {
	case JSON:
		return printJSON(w, sorted)
	case GitHub:
		return printGitHub(w, sorted)
	case SARIF:
		return printSARIF(w, opts.Tool, sorted)
	}
	frames := newFrames(dir)
	for _, d := range sorted {
		if _, err := fmt.Fprintln(w, d.Error()); err != nil {
			return err
		}
		if opts.Context > 0 {
			if _, err := io.WriteString(w, frames.frame(d.Pos, opts.Context)); err != nil {
				return err
			}
		}
	}
	return nil
}

// jsonDiagnostic is the JSON form of a diagnostic.
type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
	Pointer  string `json:"pointer,omitempty"`
}

func printJSON(w io.Writer, list List) error {
	out := make([]jsonDiagnostic, 0, len(list))
	for _, d := range list {
		out = append(out, jsonDiagnostic{File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col,
			Severity: d.Severity.String(), Rule: d.Rule, Message: d.Message, Pointer: d.Pointer})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// printGitHub writes GitHub Actions workflow commands, which annotate the
// file and line in a pull request.
func printGitHub(w io.Writer, list List) error {
	for _, d := range list {
		level := "error"
		switch d.Severity {
		case Warning:
			level = "warning"
		case Info:
			level = "notice"
		}
		props := []string{"file=" + escapeProperty(d.Pos.File)}
		if d.Pos.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
		}
		if d.Pos.Col > 0 {
			props = append(props, fmt.Sprintf("col=%d", d.Pos.Col))
		}
		if d.Rule != "" {
			props = append(props, "title="+escapeProperty(d.Rule))
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), escapeData(d.Message)); err != nil {
			return err
		}
	}
	return nil
}

// escapeData and escapeProperty follow GitHub's workflow command encoding.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// Summary returns a line with the counts, such as "2 errors, 1 warning, 0 infos in 1 spec".
func Summary(list List, specs int) string {
	plural := func(n int, word string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, word)
		}
		return fmt.Sprintf("%d %ss", n, word)
	}
	sorted := list.Sorted()
	return fmt.Sprintf("%s, %s, %s in %s", plural(sorted.Count(Error), "error"), plural(sorted.Count(Warning), "warning"),
		plural(sorted.Count(Info), "info"), plural(specs, "spec"))
}

// frames reads source files once to print code frames.
type frames struct {
	dir   string
	lines map[string][]string
}

func newFrames(dir string) *frames { return &frames{dir: dir, lines: map[string][]string{}} }

// frame shows the lines around pos with a caret under the column.
func (f *frames) frame(pos Pos, context int) string {
	lines := f.read(pos.File)
	if pos.Line < 1 || pos.Line > len(lines) {
		return ""
	}
	var b strings.Builder
	for i := max(1, pos.Line-context); i <= min(len(lines), pos.Line+context); i++ {
		marker := "  "
		if i == pos.Line {
			marker = "> "
		}
		fmt.Fprintf(&b, "%s%5d | %s\n", marker, i, lines[i-1])
		if i == pos.Line && pos.Col > 0 {
			fmt.Fprintf(&b, "        | %s^\n", strings.Repeat(" ", pos.Col-1))
		}
	}
	return b.String()
}

func (f *frames) read(file string) []string {
	if lines, ok := f.lines[file]; ok {
		return lines
	}
	path := file
	if !strings.HasPrefix(path, "/") && f.dir != "" {
		path = f.dir + string(os.PathSeparator) + file
	}
	var lines []string
	if fh, err := os.Open(path); err == nil {
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
		for sc.Scan() {
			lines = append(lines, strings.ReplaceAll(sc.Text(), "\t", "    "))
		}
		fh.Close()
	}
	f.lines[file] = lines
	return lines
}
