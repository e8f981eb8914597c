package bindings

import (
	"sort"
	"sync"

	"github.com/luagram/luagram/tl/api"
)

// An index is what the registry of tl/api says, arranged for lookups the
// registry does not offer. It is built on first use.
type index struct {
	ctors   map[string][]string // type → its constructors, in schema order
	names   []string            // every constructor and function
	methods []string            // every function, sorted
	byID    map[uint32]*method
}

var theIndex = sync.OnceValue(func() *index {
	ix := &index{ctors: map[string][]string{}, byID: make(map[uint32]*method, len(methodTable))}
	for _, ti := range api.Types.All() {
		ix.names = append(ix.names, ti.Name)
		if ti.Function {
			ix.methods = append(ix.methods, ti.Name)
		} else {
			ix.ctors[ti.Type] = append(ix.ctors[ti.Type], ti.Name)
		}
	}
	sort.Strings(ix.methods)
	for i := range methodTable {
		ix.byID[methodTable[i].id] = &methodTable[i]
	}
	return ix
})

// constructorsOf returns the constructors of the TL type typ.
func constructorsOf(typ string) []string { return theIndex().ctors[typ] }

// allNames returns every constructor and function name.
func allNames() []string { return theIndex().names }

// Methods returns the names of every method Open installs, sorted.
func Methods() []string { return append([]string(nil), theIndex().methods...) }
