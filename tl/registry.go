package tl

import (
	"sync"
)

// A TypeInfo describes one constructor or function of a schema.
type TypeInfo struct {
	ID       uint32
	Name     string // TL name: "messages.sendMessage"
	Type     string // the type it constructs, or the function's result type
	Function bool
}

// A Registry maps the ids of one schema to their names and to fresh values.
type Registry struct {
	name   string
	newObj func(uint32) Object
	infos  []TypeInfo
	byID   map[uint32]int
	byName map[string]int
}

// NewRegistry is called by generated code.
func NewRegistry(name string, newObj func(uint32) Object, infos []TypeInfo) *Registry {
	r := &Registry{name: name, newObj: newObj, infos: infos,
		byID: make(map[uint32]int, len(infos)), byName: make(map[string]int, len(infos))}
	for i, ti := range infos {
		r.byID[ti.ID] = i
		r.byName[ti.Name] = i
	}
	return r
}

// Name returns the registry's name ("api", "mt", "e2e").
func (r *Registry) Name() string { return r.name }

// All returns every entry, in schema order. The slice must not be modified.
func (r *Registry) All() []TypeInfo { return r.infos }

// ByID returns the entry for a constructor or function id.
func (r *Registry) ByID(id uint32) (TypeInfo, bool) {
	i, ok := r.byID[id]
	if !ok {
		return TypeInfo{}, false
	}
	return r.infos[i], true
}

// ByName returns the entry for a TL name.
func (r *Registry) ByName(name string) (TypeInfo, bool) {
	i, ok := r.byName[name]
	if !ok {
		return TypeInfo{}, false
	}
	return r.infos[i], true
}

// New returns a zero value of the constructor or function id, or nil.
func (r *Registry) New(id uint32) Object { return r.newObj(id) }

var global struct {
	sync.RWMutex
	regs []*Registry
}

// Register adds r to the registries consulted by DecodeObject (for fields
// of type Object, such as rpc_result's result) and by Lookup. Generated
// packages register themselves in init.
func Register(r *Registry) {
	global.Lock()
	defer global.Unlock()
	global.regs = append(global.regs, r)
}

// Registries returns the registered registries, in registration order.
func Registries() []*Registry {
	global.RLock()
	defer global.RUnlock()
	return append([]*Registry(nil), global.regs...)
}

// NewObject returns a zero value of id from the first registry that has it.
func NewObject(id uint32) Object {
	global.RLock()
	defer global.RUnlock()
	for _, r := range global.regs {
		if o := r.newObj(id); o != nil {
			return o
		}
	}
	return nil
}

// DecodeObject reads any boxed object known to a registered registry.
func DecodeObject(d *Decoder) Object {
	id := d.ID()
	if d.err != nil {
		return nil
	}
	o := NewObject(id)
	if o == nil {
		d.BadID(id, "Object")
		return nil
	}
	if d.Enter() {
		o.DecodeBare(d)
		d.Leave()
	}
	return o
}

// DecodeInto reads a boxed o, whose type has this single constructor.
func DecodeInto(d *Decoder, o Object) {
	if id := d.ID(); id != o.TypeID() {
		d.BadID(id, o.TypeName())
		return
	}
	if d.Enter() {
		o.DecodeBare(d)
		d.Leave()
	}
}
