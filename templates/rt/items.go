package rt

import (
	"reflect"
	"sync"
)

// The items of a typed array are read into a slice lent by a pool, then
// copied into a slice of exactly their number, which the decoded value
// keeps. Growing that slice item by item instead, by doubling, allocates
// about three times what it keeps, which shows with arrays of large
// structs: the garbage makes the collector run more often.

// itemPools holds a *sync.Pool of *[]T for each item type T.
var itemPools sync.Map

// poolOf returns the pool of the slices of T.
func poolOf[T any]() *sync.Pool {
	t := reflect.TypeFor[T]()
	p, ok := itemPools.Load(t)
	if !ok {
		p, _ = itemPools.LoadOrStore(t, new(sync.Pool))
	}
	return p.(*sync.Pool)
}

// lendItems returns an empty slice to append the items of an array to, and
// the handle keepItems gives back.
func lendItems[T any]() (*[]T, []T) {
	if p, ok := poolOf[T]().Get().(*[]T); ok {
		return p, *p
	}
	p := new([]T)
	return p, nil
}

// keepItems returns a copy of the items read into lent, which goes back to
// the pool, emptied so that it keeps nothing alive.
func keepItems[T any](p *[]T, lent []T) []T {
	items := make([]T, len(lent))
	copy(items, lent)
	clear(lent)
	*p = lent[:0]
	poolOf[T]().Put(p)
	return items
}
