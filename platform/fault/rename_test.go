package fault

import (
	"errors"
	"fmt"
	"testing"
)

func TestBodyFields(t *testing.T) {
	orig := Invalids([]*Error{Field("jumlah", "Jumlah wajib."), Field("tanggal", "Tanggal tidak sah."), {Code: Invalid, Message: "tanpa field"}})
	got, ok := As(BodyFields(fmt.Errorf("wrap: %w", orig)))
	if !ok || got.Code != Invalid || got.Field != "body.jumlah" || len(got.Fields) != 3 ||
		got.Fields[0].Field != "body.jumlah" || got.Fields[1].Field != "body.tanggal" || got.Fields[2].Field != "" {
		t.Fatalf("renamed: %+v", got)
	}
	if orig.Field != "jumlah" || orig.Fields[1].Field != "tanggal" {
		t.Fatalf("original changed: %+v", orig)
	}
	conflict := &Error{Code: Conflict, Field: "nama", Message: "Nama sudah dipakai."}
	if g, _ := As(BodyFields(conflict)); g.Field != "body.nama" || g.Code != Conflict {
		t.Fatalf("conflict with a field: %+v", g)
	}
	nf := New(NotFound, "Tidak ada.")
	if BodyFields(nf) != error(nf) {
		t.Fatal("a fault naming no field must pass as is")
	}
	plain := errors.New("x")
	if BodyFields(plain) != plain {
		t.Fatal("a plain error must pass as is")
	}
	m := map[string]string{"organik": "body.organik_gram"}
	g, _ := As(RenameFields(Field("organik", "x"), func(s string) string {
		if n, ok := m[s]; ok {
			return n
		}
		return s
	}))
	if g.Field != "body.organik_gram" {
		t.Fatalf("map rename: %+v", g)
	}
}
