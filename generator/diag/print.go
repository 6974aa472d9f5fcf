package diag

import (
	"fmt"
	"io"
)

// PrintText writes one diagnostic per line as file:line:col: severity: message [rule],
// with files relative to dir, in a stable order.
func PrintText(w io.Writer, dir string, list List) error {
	for _, d := range list.Sorted() {
		d.Pos = d.Pos.Rel(dir)
		if _, err := fmt.Fprintln(w, d.Error()); err != nil {
			return err
		}
	}
	return nil
}
