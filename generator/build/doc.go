// Package build is the middle stage of the pipeline: it turns a loaded spec
// into the IR. It is the only package that knows both the spec model and the
// IR: schema identity, Go naming and collisions, and type mapping live here.
package build
