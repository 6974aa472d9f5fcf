package build

import (
	"github.com/oasgen/oasgen/generator/ir"
	"github.com/oasgen/oasgen/generator/load"
)

var (
	timeImport = ir.Import{Path: "time"}
	jsonImport = ir.Import{Path: "encoding/json"}
)

// knownFormats are the formats of OpenAPI 3.0 and JSON Schema; others get a
// warning and keep their base type.
var knownFormats = map[string]bool{
	"date-time": true, "date": true, "time": true, "duration": true,
	"email": true, "idn-email": true, "hostname": true, "idn-hostname": true,
	"ipv4": true, "ipv6": true, "uri": true, "uri-reference": true, "iri": true,
	"iri-reference": true, "uri-template": true, "uuid": true, "json-pointer": true,
	"relative-json-pointer": true, "regex": true, "byte": true, "binary": true,
	"password": true, "int32": true, "int64": true, "float": true, "double": true,
}

// primitive maps a scalar schema to its Go type.
func primitive(s *load.Schema) *ir.Type {
	switch s.Type {
	case "string":
		switch s.Format {
		case "date-time":
			return &ir.Type{Kind: ir.Builtin, Go: "time.Time", Import: timeImport}
		case "date":
			return &ir.Type{Kind: ir.Builtin, Go: "Date"}
		case "byte", "binary":
			return &ir.Type{Kind: ir.Builtin, Go: "[]byte"}
		}
		return &ir.Type{Kind: ir.Builtin, Go: "string"}
	case "integer":
		switch s.Format {
		case "int32":
			return &ir.Type{Kind: ir.Builtin, Go: "int32"}
		case "int64":
			return &ir.Type{Kind: ir.Builtin, Go: "int64"}
		}
		return &ir.Type{Kind: ir.Builtin, Go: "int"}
	case "number":
		switch s.Format {
		case "float":
			return &ir.Type{Kind: ir.Builtin, Go: "float32"}
		case "int32":
			return &ir.Type{Kind: ir.Builtin, Go: "int32"}
		case "int64":
			return &ir.Type{Kind: ir.Builtin, Go: "int64"}
		}
		return &ir.Type{Kind: ir.Builtin, Go: "float64"}
	case "boolean":
		return &ir.Type{Kind: ir.Builtin, Go: "bool"}
	}
	return anyType
}
