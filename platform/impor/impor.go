// Package impor is what a refused file import reports, the same for every
// module that takes a spreadsheet or CSV (APBDes, IDM, RPJM): each wrong
// row with its line and column, and the Invalid fault — 422 problem+json
// on the API — that lists them, one field per problem.
package impor

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/ngantor/ngantor/platform/fault"
)

// Kesalahan is one problem of an imported file.
type Kesalahan struct {
	Baris int    `json:"baris" doc:"Nomor baris pada berkas (baris judul kolom = 1)"`
	Kolom string `json:"kolom,omitempty" doc:"Nama kolom; kosong bila tentang seluruh baris"`
	Pesan string `json:"pesan"`
}

// Teks is the problem as one sentence: "Baris 12, kolom harga satuan: …".
func (k Kesalahan) Teks() string {
	if k.Kolom == "" {
		return fmt.Sprintf("Baris %d: %s", k.Baris, k.Pesan)
	}
	return fmt.Sprintf("Baris %d, kolom %s: %s", k.Baris, k.Kolom, k.Pesan)
}

// Fault is the Invalid fault of a refused file: message for the whole,
// then one field per problem at body.berkas.baris[N].<kolom> (the column's
// name in lower case, spaces as underscores), and "… dan N kesalahan
// lain." when more problems were found than listed.
func Fault(message string, list []Kesalahan, more int) *fault.Error {
	f := &fault.Error{Code: fault.Invalid, Message: message}
	for _, k := range list {
		field := "body.berkas.baris[" + strconv.Itoa(k.Baris) + "]"
		if k.Kolom != "" {
			field += "." + strings.ToLower(strings.ReplaceAll(k.Kolom, " ", "_"))
		}
		f.Fields = append(f.Fields, fault.Field(field, "%s", k.Teks()))
	}
	if more > 0 {
		f.Fields = append(f.Fields, fault.Field("body.berkas", "… dan %d kesalahan lain.", more))
	}
	if len(f.Fields) > 0 {
		f.Field = f.Fields[0].Field
	}
	return f
}

// BukaXLSX opens an uploaded workbook, bounded in what it may unzip to
// (unzip for the archive, xml for one part) against archives that expand
// without end. The zip and XML readers are third-party code fed arbitrary
// bytes: a panic there is a refused file, never a crashed request.
func BukaXLSX(data []byte, unzip, xml int64) (x *excelize.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			x, err = nil, fmt.Errorf("impor: unreadable xlsx: %v", r)
		}
	}()
	return excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzip, UnzipXMLSizeLimit: xml})
}
