package bindings

import (
	"sort"
	"sync"

	"github.com/luagram/luagram/tl/api"
)

// An index is what the registry of tl/api says, arranged for lookups the
// registry does not offer. It is built on first use.
type index struct {
	byName  map[string]*entry
	ctors   map[string][]string // type → its constructors, in schema order
	names   []string            // every constructor and function
	methods []string            // every function, sorted
	byID    map[uint32]*method
}

var theIndex = sync.OnceValue(func() *index {
	ix := &index{ctors: map[string][]string{}, byID: make(map[uint32]*method, len(methodTable)),
		byName: make(map[string]*entry, len(api.Types.All()))}
	for _, ti := range api.Types.All() {
		ix.byName[ti.Name] = &entry{id: ti.ID, typ: ti.Type, function: ti.Function, conv: convOf(ti.ID)}
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

// An entry is one constructor or function, found by name.
type entry struct {
	id       uint32
	typ      string // the type it constructs, or the function's result type
	function bool
	conv     *conv
}

// constructorsOf returns the constructors of the TL type typ.
func constructorsOf(typ string) []string { return theIndex().ctors[typ] }

// allNames returns every constructor and function name.
func allNames() []string { return theIndex().names }

// Methods returns the names of every method Open installs, sorted.
func Methods() []string { return append([]string(nil), theIndex().methods...) }
