module github.com/oasgen/oasgen/bench

go 1.26
