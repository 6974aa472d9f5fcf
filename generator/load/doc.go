// Package load is the first stage of the pipeline: it reads a multi-file
// OpenAPI 3.0 spec with yaml.v3, follows relative $refs under the rules oasgen
// enforces (root confinement, no remote refs, extensions opaque) and returns a
// Document whose every node remembers its file, line and column.
package load
