// Package write is the last stage of the oasgen pipeline: it puts generated
// files on disk atomically, never touching a file oasgen did not generate, or,
// for --check, compares them with what is on disk and writes nothing.
package write
