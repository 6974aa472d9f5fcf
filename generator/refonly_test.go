package generator

import (
	"path/filepath"
	"testing"
)

// refOnlyCheck uses the types of the ref-only golden cases (3.0 in r30,
// 3.1 in r31): a component that is only a $ref has a Go type that decodes
// and validates as the schema it leads to, declared or an alias.
const refOnlyCheck = `package check

import (
	"encoding/json"
	"testing"

	"gentest/r30"
	"gentest/r31"
)

func TestRefOnly(t *testing.T) {
	checks := []struct {
		name  string
		data  string
		valid bool
		check func([]byte) error
	}{
		{"Pet", ` + "`" + `{"kind": "cat", "age": 3}` + "`" + `, true, decode[r31.Pet]},
		{"Pet", ` + "`" + `{"kind": "bird"}` + "`" + `, false, decode[r31.Pet]},
		{"Pet", ` + "`" + `{"kind": "dog", "age": -1}` + "`" + `, false, decode[r31.Pet]},
		{"Level", "3", true, decode[r31.Level]},
		{"Level", "9", false, decode[r31.Level]},
		{"Rank", "0", false, decode[r31.Rank]},
		{"Owner", ` + "`" + `{"name": ""}` + "`" + `, false, decode[r31.Owner]},
		{"PersonTags", ` + "`" + `["a", "b", "c", "d"]` + "`" + `, false, decode[r31.PersonTags]},
		{"Size", ` + "`" + `"small"` + "`" + `, true, decode[r30.Size]},
		{"Size", ` + "`" + `"huge"` + "`" + `, false, decode[r30.Size]},
		{"Parcel", ` + "`" + `{"size": "large", "weight": 31}` + "`" + `, false, decode[r30.Parcel]},
		{"Crate", ` + "`" + `{"size": "large", "weight": 3}` + "`" + `, true, decode[r30.Crate]},
		{"Weight2", "31", false, decode[r30.Weight2]},
		{"Measure", ` + "`" + `"3 lb"` + "`" + `, false, decode[r30.Measure]},
	}
	for _, c := range checks {
		if err := c.check([]byte(c.data)); (err == nil) != c.valid {
			t.Errorf("%s %s: valid %t, got %v", c.name, c.data, c.valid, err)
		}
	}
}

func decode[T interface{ Validate() error }](data []byte) error {
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	return v.Validate()
}
`

// TestRefOnlyComponents generates the ref-only golden cases with their
// validators and checks that each component that is only a $ref decodes
// and validates by the schema it leads to.
func TestRefOnlyComponents(t *testing.T) {
	mod := newModule(t)
	for _, v := range []string{"30", "31"} {
		spec := filepath.Join(repoRoot(t), "testdata", "golden", "ref-only-"+v, "openapi.yaml")
		for name, content := range generateOK(t, spec, "r"+v) {
			writeFile(t, filepath.Join(mod, "r"+v, name), string(content))
		}
	}
	writeFile(t, filepath.Join(mod, "check", "check_test.go"), refOnlyCheck)
	goCmd(t, mod, "test", "./check")
}
