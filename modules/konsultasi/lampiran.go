package konsultasi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Files of a thread: either side adds up to MaksLampiran, each at most
// MaksLampiranByte, of the kinds below (the content is checked, not only
// the name), while the thread is open. Downloads are served with the
// stored type and as an attachment, never rendered inline.

const fieldBerkas = "body.berkas"

// jenisBerkas is an accepted kind: its extensions and the media type
// sniffed from its first bytes.
var jenisBerkas = []struct {
	ext   []string
	sniff string
	tipe  string
}{
	{[]string{".pdf"}, "application/pdf", "application/pdf"},
	{[]string{".jpg", ".jpeg"}, "image/jpeg", "image/jpeg"},
	{[]string{".png"}, "image/png", "image/png"},
	{[]string{".docx"}, "application/zip", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	{[]string{".xlsx"}, "application/zip", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
}

// PesanJenisBerkas names the accepted kinds.
const PesanJenisBerkas = "Berkas harus PDF, JPG, PNG, DOCX atau XLSX, maksimal 5 MB."

// periksaBerkas checks a file's name and content; it returns the clean
// name and its media type.
func periksaBerkas(nama string, b []byte) (string, string, error) {
	nama = strings.TrimSpace(path.Base(strings.ReplaceAll(nama, "\\", "/")))
	if !utf8.ValidString(nama) || nama == "." || nama == "/" || nama == "" {
		nama = "lampiran"
	}
	if r := []rune(nama); len(r) > 120 {
		nama = string(r[len(r)-120:])
	}
	nama = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' {
			return '_'
		}
		return r
	}, nama)
	if len(b) == 0 {
		return "", "", fault.Field(fieldBerkas, "Pilih berkas yang akan diunggah.")
	}
	if len(b) > MaksLampiranByte {
		return "", "", fault.Field(fieldBerkas, "Berkas terlalu besar; maksimal 5 MB.")
	}
	ext := strings.ToLower(path.Ext(nama))
	sniff := http.DetectContentType(b)
	for _, j := range jenisBerkas {
		for _, e := range j.ext {
			if e == ext && strings.HasPrefix(sniff, j.sniff) {
				return nama, j.tipe, nil
			}
		}
	}
	return "", "", fault.Field(fieldBerkas, PesanJenisBerkas)
}

// URLLampiran is where a signed-in user downloads a file.
func URLLampiran(desa tenancy.Kode, id, lampiranID string) string {
	return URLUtas(desa, id) + "/lampiran/" + lampiranID
}

// bacaBerkas reads an upload whole, at most MaksLampiranByte.
func bacaBerkas(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaksLampiranByte+1))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, fault.Field(fieldBerkas, "Berkas terlalu besar; maksimal 5 MB.")
		}
		return nil, fault.Field(fieldBerkas, "Berkas tidak terkirim utuh; coba unggah lagi.")
	}
	if len(b) > MaksLampiranByte {
		return nil, fault.Field(fieldBerkas, "Berkas terlalu besar; maksimal 5 MB.")
	}
	return b, nil
}

// TambahLampiran stores a file on thread id of the tenant desa for the
// user's side.
func (m *Module) TambahLampiran(ctx context.Context, id, nama string, b []byte) (KonsultasiLampiran, error) {
	desa := kodeOf(ctx)
	if !desa.IsDesa() {
		return KonsultasiLampiran{}, tenancy.ErrNotDesa
	}
	sisi, err := m.sisiOf(ctx, desa)
	if err != nil {
		return KonsultasiLampiran{}, err
	}
	nama, tipe, err := periksaBerkas(nama, b)
	if err != nil {
		return KonsultasiLampiran{}, err
	}
	if m.blob == nil {
		return KonsultasiLampiran{}, errors.New("konsultasi: no blob store")
	}
	if !idSah(id) {
		return KonsultasiLampiran{}, errTidakAda
	}
	by, _ := pelaku(ctx)
	l := KonsultasiLampiran{ID: baruID(), KonsultasiID: id, Sisi: sisi, Nama: nama, JenisBerkas: tipe, Ukuran: int64(len(b)),
		CreatedBy: by, CreatedAt: m.waktu()}
	l.Kunci = "konsultasi/" + string(desa) + "/" + id + "/" + l.ID
	if err := m.blob.Put(ctx, l.Kunci, bytes.NewReader(b), tipe); err != nil {
		return KonsultasiLampiran{}, err
	}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		k, err := bacaKonsultasi(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if k.Status == Selesai {
			return errSelesai
		}
		l.DesaID = k.DesaID
		n, err := tx.NewSelect().Model((*KonsultasiLampiran)(nil)).Where("l.desa_id = ? AND l.konsultasi_id = ?", k.DesaID, id).Count(ctx)
		if err != nil {
			return err
		}
		if n >= MaksLampiran {
			return fault.Field(fieldBerkas, "Paling banyak %d lampiran per konsultasi.", MaksLampiran)
		}
		_, err = tx.NewInsert().Model(&l).Returning("NULL").Exec(ctx)
		return err
	})
	if err != nil {
		if derr := m.blob.Delete(context.WithoutCancel(ctx), l.Kunci); derr != nil {
			m.log.ErrorContext(ctx, "konsultasi: delete blob", "err", derr, "key", l.Kunci)
		}
		return KonsultasiLampiran{}, err
	}
	l.URL = URLLampiran(desa, id, l.ID)
	return l, nil
}

// BukaLampiran opens a file of thread id of the tenant desa.
func (m *Module) BukaLampiran(ctx context.Context, id, lampiranID string) (KonsultasiLampiran, io.ReadCloser, error) {
	var l KonsultasiLampiran
	if !idSah(id) || !idSah(lampiranID) {
		return l, nil, fault.New(fault.NotFound, "Lampiran tidak ditemukan.")
	}
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&l).Where("l.konsultasi_id = ? AND l.id = ?", id, lampiranID))
		if err != nil {
			return err
		}
		return sel.Scan(ctx)
	})
	if db.IsNoRows(err) {
		return l, nil, fault.New(fault.NotFound, "Lampiran tidak ditemukan.")
	} else if err != nil {
		return l, nil, err
	}
	if m.blob == nil {
		return l, nil, errors.New("konsultasi: no blob store")
	}
	rc, err := m.blob.Get(ctx, l.Kunci)
	if errors.Is(err, blob.ErrNotFound) {
		return l, nil, fault.New(fault.NotFound, "Berkas lampiran tidak ditemukan.")
	}
	return l, rc, err
}

// kirimLampiran writes a download.
func kirimLampiran(w http.ResponseWriter, l KonsultasiLampiran, rc io.ReadCloser) {
	defer rc.Close()
	w.Header().Set("Content-Type", l.JenisBerkas)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Content-Disposition", "attachment; filename=\""+asciiNama(l.Nama)+"\"; filename*=UTF-8''"+urlEscape(l.Nama))
	_, _ = io.Copy(w, rc)
}

func asciiNama(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, s)
}

func urlEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteString("%" + strings.ToUpper(string("0123456789abcdef"[c>>4])+string("0123456789abcdef"[c&15])))
	}
	return b.String()
}
