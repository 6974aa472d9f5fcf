package generator

import "github.com/oasgen/oasgen/generator/diag"

// ruleDescriptions say in a line what each of KnownRules finds, as the
// rule table of docs/validate.md does; SARIF output lists them.
var ruleDescriptions = map[string]string{
	"syntax":                     "YAML or JSON syntax error",
	"missing-file":               "The spec file given does not exist",
	"read":                       "The spec file cannot be read",
	"ref-missing-file":           "A $ref names a file that does not exist",
	"ref-pointer":                "A $ref's JSON pointer names nothing",
	"ref-read":                   "A file a $ref names cannot be read",
	"ref-remote":                 "A $ref to a URL, refused without --allow-remote",
	"ref-outside-root":           "A $ref that leaves the spec's folder, refused without --allow-outside-root",
	"ref-scheme":                 "A $ref with a URL scheme other than http(s)",
	"ref-cycle":                  "A $ref loop with no schema in it",
	"alias-bomb":                 "YAML aliases expanding past a million nodes",
	"not-openapi":                "Not an OpenAPI 3 document",
	"structure":                  "OpenAPI structure: a missing required field, a value of the wrong kind or an invalid value",
	"unknown-field":              "A field OpenAPI does not define",
	"ignored-field":              "A field OpenAPI ignores where it is written",
	"duplicate-operation-id":     "An operationId used twice",
	"path-params":                "Path template parameters and declared path parameters do not match",
	"undeclared-security-scheme": "A security requirement names a scheme components.securitySchemes lacks",
	"security-scheme":            "A security scheme missing what locates its credential, or with an unknown type",
	"security-requirement":       "A security requirement that is not a mapping of scope lists, or lists undeclared scopes",
	"default-type":               "A default of another type than its schema",
	"example-type":               "An example of another type than its schema",
	"default-invalid":            "A default its schema does not accept",
	"example-invalid":            "An example its schema does not accept",
	"enum-value":                 "An enum value that does not match its schema",
	"required-unknown":           "required names a property that is not declared",
	"discriminator-property":     "The discriminator property is missing from a variant",
	"discriminator-mapping":      "A discriminator mapping names a schema that is not a variant",
	"unknown-format":             "A format oasgen does not know",
	"pattern-unsupported":        "A pattern Go's RE2 cannot run",
	"allof-merge":                "An allOf member that cannot be merged into a struct",
	"property-name":              "A property name a Go json tag cannot express",
	"name-collision":             "A schema or property whose Go name had to be renamed",
	"unused-component":           "A component nothing refers to, or a component file nothing reaches",
	"server-route":               "An operation path http.ServeMux cannot serve",
	"server-param":               "A parameter the server does not bind",
	"server-body":                "A request body the server does not bind",
	"server-header":              "A response header typed responses cannot set",
	"go-extension":               "An x-go-type or x-go-type-import that is refused or ignored",
	"path-characters":            "A path key holding a space or a control character",
	"ref-chain":                  "A $ref that takes more than 64 hops",
	"alias-cycle":                "A YAML alias inside its own anchor",
	"schema-depth":               "Schemas nested too deeply",
	"combinator-cycle":           "A schema that is its own allOf, anyOf, oneOf or not member",
	"operation-ref":              "Operations written as a $ref, which OpenAPI does not allow",
	"items-list":                 "Items written as a list (JSON Schema draft 4's tuple form)",
	"openapi-version":            "An OpenAPI 3 version oasgen does not know",
	"unenforced-keyword":         "A JSON Schema keyword the generated validators do not check yet",
	"version-field":              "A field or value of a later OpenAPI version than the document's (query in 3.1)",
	"schema-dialect":             "A jsonSchemaDialect or $schema naming another dialect than JSON Schema 2020-12",
	"additional-operation":       "An additionalOperations entry that is not an HTTP method name, or is one with a field of its own",
	"querystring":                "An in: querystring parameter without one content, twice, or beside in: query parameters",
	"webhook":                    "A webhook without operations, or with an empty name",
}

// RulesHelp is where the rules are documented.
const RulesHelp = "https://github.com/oasgen/oasgen/blob/main/docs/validate.md#rules"

// RuleTable describes every rule of KnownRules, for SARIF output.
func RuleTable() []diag.Rule {
	out := make([]diag.Rule, 0, len(KnownRules))
	for _, id := range KnownRules {
		desc := ruleDescriptions[id]
		if desc == "" {
			desc = id
		}
		out = append(out, diag.Rule{ID: id, Description: desc, HelpURI: RulesHelp})
	}
	return out
}
