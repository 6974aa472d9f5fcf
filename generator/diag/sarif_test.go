package diag

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"
)

func TestPrintSARIF(t *testing.T) {
	dir := filepath.FromSlash("/work/api")
	var l List
	l.Errorf(Pos{File: filepath.Join(dir, "paths", "pets.yaml"), Line: 7, Col: 9}, "structure", "an operation must have the field %q", "responses")
	l.Warnf(Pos{File: filepath.Join(dir, "openapi.yaml"), Line: 3}, "unknown-format", "unknown format")
	l.Add(Pos{File: filepath.Join(dir, "openapi.yaml"), Line: 1, Col: 1}, Info, "not-a-listed-rule", "a note")
	l.Errorf(Pos{}, "missing-file", "spec nope.yaml does not exist")
	tool := Tool{Name: "oasgen", Version: "v1.2.3", Rules: []Rule{
		{ID: "structure", Description: "OpenAPI structure", HelpURI: "https://example.com/validate.md#rules"},
		{ID: "unknown-format", Description: "An unknown format"},
	}}
	var b bytes.Buffer
	if err := Print(&b, dir, l, TextOptions{Format: SARIF, Tool: tool}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name, Version string
					Rules         []struct {
						ID               string `json:"id"`
						ShortDescription struct{ Text string }
						HelpURI          string `json:"helpUri"`
					}
				}
			}
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex *int   `json:"ruleIndex"`
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           *struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b.String())
	}
	if log.Version != "2.1.0" || log.Schema == "" || len(log.Runs) != 1 {
		t.Fatalf("version %q, $schema %q, %d runs", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "oasgen" || d.Version != "v1.2.3" || len(d.Rules) != 2 || d.Rules[0].ID != "structure" ||
		d.Rules[0].ShortDescription.Text != "OpenAPI structure" || d.Rules[0].HelpURI != "https://example.com/validate.md#rules" {
		t.Errorf("driver = %+v", d)
	}
	if len(run.Results) != 4 {
		t.Fatalf("%d results, want 4:\n%s", len(run.Results), b.String())
	}
	// Sorted by file: the one without a file first, then openapi.yaml, then paths/.
	first, note, warning, err := run.Results[0], run.Results[1], run.Results[2], run.Results[3]
	if first.RuleID != "missing-file" || first.Level != "error" || len(first.Locations) != 0 || first.RuleIndex != nil {
		t.Errorf("result without a file = %+v", first)
	}
	if note.Level != "note" || note.RuleIndex != nil {
		t.Errorf("info = %+v", note)
	}
	if warning.Level != "warning" || warning.RuleIndex == nil || *warning.RuleIndex != 1 ||
		warning.Locations[0].PhysicalLocation.Region.StartLine != 3 || warning.Locations[0].PhysicalLocation.Region.StartColumn != 0 {
		t.Errorf("warning = %+v", warning)
	}
	loc := err.Locations[0].PhysicalLocation
	if err.RuleID != "structure" || err.Level != "error" || *err.RuleIndex != 0 || err.Message.Text != `an operation must have the field "responses"` ||
		loc.ArtifactLocation.URI != "paths/pets.yaml" || loc.Region.StartLine != 7 || loc.Region.StartColumn != 9 {
		t.Errorf("error = %+v", err)
	}
}
