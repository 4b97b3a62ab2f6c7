package valid

import (
	"reflect"
	"strconv"
	"strings"
)

// maxWalkProblems bounds the list TextIn returns: a body of a thousand bad
// strings needs no thousand messages to be refused.
const maxWalkProblems = 20

// maxWalkDepth stops a walk of a value that points back into itself; a JSON
// body (the edge's use) has no cycles, but TextIn takes any value.
const maxWalkDepth = 64

// TextIn reports every string inside v that holds a character Control
// refuses, by its JSON path under root ("body.nama", "body.misi[2]"). It is
// the safety net under every type's own Validate: the HTTP edge runs it on
// each decoded body, so an input a module forgot to check still cannot carry
// a NUL to the database (PostgreSQL refuses it with an internal error) or an
// escape sequence to a log.
//
// It walks structs (fields by their json names, embedded structs flattened,
// json:"-" and unexported fields skipped), pointers, interfaces, slices,
// arrays and maps with string keys. Line breaks and tabs are allowed: which
// fields are one line is each type's Validate to say.
func TextIn(v any, root string) error {
	w := walker{}
	w.walk(reflect.ValueOf(v), root, 0)
	return w.p.Err()
}

type walker struct {
	p Problems
	n int
}

func (w *walker) bad(path string) {
	if w.n >= maxWalkProblems || w.p.Has(path) {
		return
	}
	w.n++
	w.p.Add(path, "Isian %s berisi karakter yang tidak diizinkan (karakter kendali atau teks yang rusak).", label(path))
}

// label is the path as a user reads it: without the "body." of the
// location.
func label(path string) string {
	if _, rest, ok := strings.Cut(path, "."); ok {
		return rest
	}
	return path
}

func (w *walker) walk(v reflect.Value, path string, depth int) {
	if !v.IsValid() || depth > maxWalkDepth || w.n >= maxWalkProblems {
		return
	}
	switch v.Kind() {
	case reflect.String:
		if _, bad := Control(v.String(), true); bad {
			w.bad(path)
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			w.walk(v.Elem(), path, depth+1)
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return // []byte is data, not text
		}
		for i := 0; i < v.Len(); i++ {
			w.walk(v.Index(i), path+"["+strconv.Itoa(i)+"]", depth+1)
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return
		}
		it := v.MapRange()
		for it.Next() {
			k := it.Key().String()
			if _, bad := Control(k, false); bad {
				w.bad(path)
				continue
			}
			w.walk(it.Value(), path+"."+k, depth+1)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, skip := jsonName(f)
			if skip {
				continue
			}
			if f.Anonymous && name == "" {
				w.walk(v.Field(i), path, depth+1)
				continue
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			w.walk(v.Field(i), path+"."+name, depth+1)
		}
	}
}

// jsonName is the field's name in its json tag ("" when the tag names none)
// and whether encoding/json ignores the field.
func jsonName(f reflect.StructField) (string, bool) {
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", true
	}
	if !f.IsExported() && !f.Anonymous {
		return "", true
	}
	name, _, _ := strings.Cut(tag, ",")
	return name, false
}
