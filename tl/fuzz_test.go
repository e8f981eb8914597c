package tl

import (
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary text to the schema parser, which must report
// errors rather than panic, and whose output must render back to text that
// parses to the same declarations.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"a#aaaaaaaa flags:# b:flags.0?true c:flags.1?%D e:vector<long> = A;\nd x:bytes = D;",
		"---functions---\ninvokeAfterMsg#cb9f372d {X:Type} msg_id:long query:!X = X;",
		"int ? = Int;\nvector {t:Type} # [ t ] = Vector t;",
		"// LAYER 5\nx = Y; ===8===\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s, err := Parse("f.tl", strings.NewReader(src), ParseOptions{})
		if err != nil {
			return
		}
		var b strings.Builder
		for _, c := range s.Constructors {
			b.WriteString(c.Declaration() + ";\n")
		}
		b.WriteString("---functions---\n")
		for _, c := range s.Functions {
			b.WriteString(c.Declaration() + ";\n")
		}
		s2, err := Parse("f2.tl", strings.NewReader(b.String()), ParseOptions{})
		if err != nil {
			t.Fatalf("rendered schema does not parse: %v\n%s", err, b.String())
		}
		if len(s2.Constructors) != len(s.Constructors) || len(s2.Functions) != len(s.Functions) {
			t.Fatalf("rendered schema differs")
		}
		for i, c := range s.Constructors {
			if s2.Constructors[i].Declaration() != c.Declaration() || s2.Constructors[i].ID != c.ID {
				t.Fatalf("%q became %q", c.Declaration(), s2.Constructors[i].Declaration())
			}
		}
	})
}
