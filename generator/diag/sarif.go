package diag

import (
	"encoding/json"
	"io"
	"path/filepath"
)

// Rule describes a rule in SARIF output.
type Rule struct {
	ID          string
	Description string // one line
	HelpURI     string // "" for none
}

// Tool describes the program whose findings SARIF output reports.
type Tool struct {
	Name, Version, InformationURI string
	Rules                         []Rule
}

// The parts of SARIF 2.1.0 that GitHub code scanning reads.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool    sarifTool     `json:"tool"`
		Results []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID               string       `json:"id"`
		ShortDescription sarifMessage `json:"shortDescription"`
		HelpURI          string       `json:"helpUri,omitempty"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID    string          `json:"ruleId,omitempty"`
		RuleIndex *int            `json:"ruleIndex,omitempty"`
		Level     string          `json:"level"`
		Message   sarifMessage    `json:"message"`
		Locations []sarifLocation `json:"locations,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
)

// sarifSchema is the JSON schema of SARIF 2.1.0.
const sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// printSARIF writes the diagnostics as a SARIF 2.1.0 log of one run, which
// GitHub code scanning takes (github/codeql-action/upload-sarif).
func printSARIF(w io.Writer, tool Tool, list List) error {
	driver := sarifDriver{Name: tool.Name, Version: tool.Version, InformationURI: tool.InformationURI, Rules: []sarifRule{}}
	index := map[string]int{}
	for i, r := range tool.Rules {
		index[r.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{ID: r.ID, ShortDescription: sarifMessage{r.Description}, HelpURI: r.HelpURI})
	}
	results := make([]sarifResult, 0, len(list))
	for _, d := range list {
		res := sarifResult{RuleID: d.Rule, Level: sarifLevel(d.Severity), Message: sarifMessage{d.Message}}
		if i, ok := index[d.Rule]; ok {
			res.RuleIndex = &i
		}
		if d.Pos.File != "" {
			loc := sarifPhysical{ArtifactLocation: sarifArtifact{URI: filepath.ToSlash(d.Pos.File)}}
			if d.Pos.Line > 0 {
				loc.Region = &sarifRegion{StartLine: d.Pos.Line, StartColumn: d.Pos.Col}
			}
			res.Locations = []sarifLocation{{loc}}
		}
		results = append(results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{{Tool: sarifTool{driver}, Results: results}}})
}

func sarifLevel(s Severity) string {
	switch s {
	case Info:
		return "note"
	case Warning:
		return "warning"
	}
	return "error"
}
