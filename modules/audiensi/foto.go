package audiensi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/fault"
	"github.com/ngantor/ngantor/platform/gambar"
	"github.com/ngantor/ngantor/platform/httpserver"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// Photos: up to MaksFoto of the reporter's (jenis laporan: from the
// desa's entry or the reporter through the tracking code, while the
// audiensi is not yet routed) and up to MaksFoto evidence photos per
// recipient (jenis bukti: its answer's proof, while its part is open).
// Each upload is at most MaksFotoByte, re-encoded without EXIF (the GPS
// of a reporter's house is in a phone photo's metadata), with a thumbnail
// (platform/gambar). Photos are never on the public status page.
const (
	MaksFoto     = 5
	MaksFotoByte = 5 << 20
	fotoMaksBody = MaksFotoByte + 64<<10
)

// JenisFoto is whose a photo is.
type JenisFoto string

const (
	FotoLaporan JenisFoto = "laporan"
	FotoBukti   JenisFoto = "bukti"
)

// Foto is one row of audiensi_foto.
type Foto struct {
	bun.BaseModel `bun:"table:audiensi_foto,alias:f"`

	DesaID     int64     `bun:"desa_id,pk" json:"-"`
	ID         string    `bun:"id,pk" json:"id"`
	AudiensiID string    `bun:"audiensi_id" json:"-"`
	Jenis      JenisFoto `bun:"jenis" json:"jenis"`
	Penerima   string    `bun:"penerima" json:"penerima,omitempty"`
	Kunci      string    `bun:"kunci" json:"-"`
	KunciKecil string    `bun:"kunci_kecil" json:"-"`
	Lebar      int       `bun:"lebar" json:"lebar"`
	Tinggi     int       `bun:"tinggi" json:"tinggi"`
	CreatedBy  string    `bun:"created_by" json:"-"`
	CreatedAt  time.Time `bun:"created_at" json:"dibuat"`
}

// FotoURL is where a signed-in user opens a photo (kecil: its thumbnail).
func FotoURL(desa tenancy.Kode, audiensiID, fotoID string, kecil bool) string {
	u := "/desa/" + string(desa) + "/audiensi/" + audiensiID + "/foto/" + fotoID
	if kecil {
		u += "/kecil"
	}
	return u
}

// TambahFoto stores a photo of audiensi id of the tenant desa: the
// reporter's (penerima "") or a recipient's evidence.
func (m *Module) TambahFoto(ctx context.Context, id string, jenis JenisFoto, penerima string, b []byte) (Foto, error) {
	if m.blob == nil {
		return Foto{}, errors.New("audiensi: no blob store")
	}
	o, err := gambar.Proses(b, MaksFotoByte)
	if err != nil {
		return Foto{}, err
	}
	by, _ := pelaku(ctx)
	f := Foto{ID: baruID(), AudiensiID: id, Jenis: jenis, Lebar: o.Lebar, Tinggi: o.Tinggi, CreatedBy: by, CreatedAt: m.waktu()}
	if jenis == FotoBukti {
		f.Penerima = penerima
	}
	t, _ := tenancy.From(ctx)
	f.Kunci = "audiensi/" + string(t.Kode) + "/" + id + "/" + f.ID + ".jpg"
	f.KunciKecil = "audiensi/" + string(t.Kode) + "/" + id + "/" + f.ID + "-kecil.jpg"
	if err := m.blob.Put(ctx, f.Kunci, bytes.NewReader(o.Penuh), "image/jpeg"); err != nil {
		return Foto{}, err
	}
	if err := m.blob.Put(ctx, f.KunciKecil, bytes.NewReader(o.Kecil), "image/jpeg"); err != nil {
		m.hapusBlob(ctx, f.Kunci)
		return Foto{}, err
	}
	err = m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		a, err := bacaAudiensi(ctx, tx, id, true)
		if err != nil {
			return err
		}
		f.DesaID = a.DesaID
		switch jenis {
		case FotoLaporan:
			if a.Status != Baru && a.Status != Diverifikasi {
				return fault.New(fault.Conflict, "Foto laporan ditambahkan sebelum audiensi didisposisikan.")
			}
		case FotoBukti:
			ds, _, err := bacaAnak(ctx, tx, a)
			if err != nil {
				return err
			}
			if i := indexPenerima(ds, penerima); i < 0 || ds[i].Status != Menunggu || a.Status != Didisposisikan {
				return fault.New(fault.Conflict, "Foto bukti diunggah selama bagian penerima masih menunggu tanggapan.")
			}
		default:
			return fault.Field("query.jenis", "Jenis foto laporan atau bukti.")
		}
		n, err := tx.NewSelect().Model((*Foto)(nil)).
			Where("f.desa_id = ? AND f.audiensi_id = ? AND f.jenis = ? AND f.penerima = ?", a.DesaID, id, jenis, f.Penerima).Count(ctx)
		if err != nil {
			return err
		}
		if n >= MaksFoto {
			return fault.Field(gambar.FieldBerkas, "Paling banyak %d foto.", MaksFoto)
		}
		_, err = tx.NewInsert().Model(&f).Returning("NULL").Exec(ctx)
		return err
	})
	if err != nil {
		m.hapusBlob(ctx, f.Kunci, f.KunciKecil)
		return Foto{}, err
	}
	return f, nil
}

func (m *Module) hapusBlob(ctx context.Context, keys ...string) {
	ctx = context.WithoutCancel(ctx)
	for _, k := range keys {
		if err := m.blob.Delete(ctx, k); err != nil {
			m.log.ErrorContext(ctx, "audiensi: delete photo blob", "err", err, "key", k)
		}
	}
}

// DaftarFoto lists the photos of audiensi id of the tenant desa, oldest
// first.
func (m *Module) DaftarFoto(ctx context.Context, id string) ([]Foto, error) {
	var fs []Foto
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&fs).Where("f.audiensi_id = ?", id).OrderExpr("f.created_at, f.id"))
		if err != nil {
			return err
		}
		return sel.Scan(ctx)
	})
	return fs, err
}

// bukaFoto opens one photo's image (kecil: the thumbnail).
func (m *Module) bukaFoto(ctx context.Context, id, fotoID string, kecil bool) (string, io.ReadCloser, error) {
	if err := cekID(fotoID); err != nil {
		return "", nil, fault.New(fault.NotFound, "Foto tidak ditemukan.")
	}
	var f Foto
	err := m.db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		sel, err := tenancy.Scope(ctx, tx.NewSelect().Model(&f).Where("f.audiensi_id = ? AND f.id = ?", id, fotoID))
		if err != nil {
			return err
		}
		return sel.Scan(ctx)
	})
	if db.IsNoRows(err) {
		return "", nil, fault.New(fault.NotFound, "Foto tidak ditemukan.")
	} else if err != nil {
		return "", nil, err
	}
	key := f.Kunci
	if kecil {
		key = f.KunciKecil
	}
	rc, err := m.blob.Get(ctx, key)
	if errors.Is(err, blob.ErrNotFound) {
		return "", nil, fault.New(fault.NotFound, "Berkas foto tidak ditemukan.")
	}
	return key, rc, err
}

// --- API

type fotoForm struct {
	Berkas huma.FormFile `form:"berkas" required:"true" doc:"Foto JPEG atau PNG, maksimal 5 MB"`
}

type fotoInput struct {
	Kode     string `path:"kode" maxLength:"20"`
	ID       string `path:"id" maxLength:"40"`
	Penerima string `query:"penerima" maxLength:"40" doc:"Untuk foto bukti: id OPD Anda atau \"desa\""`
	RawBody  huma.MultipartFormFiles[fotoForm]
}

// FotoView is a photo as the API shows it.
type FotoAudiensi struct {
	Foto
	URL      string `json:"url" doc:"Dibuka dengan sesi masuk"`
	URLKecil string `json:"url_kecil"`
}

type fotoOutput struct{ Body FotoAudiensi }

func fotoView(desa tenancy.Kode, f Foto) FotoAudiensi {
	return FotoAudiensi{Foto: f, URL: FotoURL(desa, f.AudiensiID, f.ID, false), URLKecil: FotoURL(desa, f.AudiensiID, f.ID, true)}
}

// berkas reads the uploaded file whole, at most MaksFotoByte.
func berkas(r io.Reader) ([]byte, error) { return gambar.Baca(r, MaksFotoByte) }

func apiBerkas(in huma.MultipartFormFiles[fotoForm]) ([]byte, error) {
	f := in.Data().Berkas
	if f.File == nil {
		return nil, fault.Field(gambar.FieldBerkas, gambar.PesanKosong)
	}
	defer f.Close()
	return berkas(f)
}

func (m *Module) registerFoto(api huma.API) {
	aturan := "Multipart, berkas di kolom \"berkas\": JPEG atau PNG, maksimal 5 MB; disimpan ulang tanpa EXIF (lokasi GPS terhapus) " +
		"dengan miniatur. Paling banyak 5 foto laporan, dan 5 foto bukti per penerima."
	up := apiOp("create-audiensi-foto", http.MethodPost, base+"/{id}/foto", "Unggah foto laporan atau bukti",
		aturan+" Tanpa penerima: foto laporan (sebelum didisposisikan). Dengan penerima: foto bukti penerima itu "+
			"(anggota OPD-nya, atau perangkat desa untuk bagian desa), selama bagiannya menunggu.", PermLihat)
	up.MaxBodyBytes = fotoMaksBody
	up.Middlewares = huma.Middlewares{httpserver.LimitUpload(api, fotoMaksBody, fault.Field(gambar.FieldBerkas, "%s", gambar.PesanTerlaluBesar(MaksFotoByte)))}
	huma.Register(api, up, m.apiFoto)

	pub := publicOp("create-publik-audiensi-foto", http.MethodPost, "/publik/audiensi/{kode_lacak}/foto", "Pelapor menambah foto",
		aturan+" Selama audiensi belum didisposisikan; dibatasi per alamat IP.")
	pub.MaxBodyBytes = fotoMaksBody
	pub.Middlewares = huma.Middlewares{httpserver.LimitUpload(api, fotoMaksBody, fault.Field(gambar.FieldBerkas, "%s", gambar.PesanTerlaluBesar(MaksFotoByte)))}
	huma.Register(api, pub, m.apiFotoPublik)
}

func (m *Module) apiFoto(ctx context.Context, in *fotoInput) (*fotoOutput, error) {
	d, err := m.Lihat(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	if err := m.bolehLihat(ctx, d); err != nil {
		return nil, err
	}
	jenis := FotoLaporan
	if in.Penerima != "" {
		jenis = FotoBukti
		if err := m.bolehMenjawab(ctx, in.Penerima); err != nil {
			return nil, err
		}
	} else {
		t, _ := tenancy.From(ctx)
		if !m.allowed(ctx, t.Kode, PermCatat) {
			return nil, fault.New(fault.Forbidden, "Foto laporan ditambahkan oleh perangkat desa atau pelapor.")
		}
	}
	b, err := apiBerkas(in.RawBody)
	if err != nil {
		return nil, err
	}
	f, err := m.TambahFoto(ctx, in.ID, jenis, in.Penerima, b)
	if err != nil {
		return nil, err
	}
	t, _ := tenancy.From(ctx)
	return &fotoOutput{Body: fotoView(t.Kode, f)}, nil
}

type fotoPublikInput struct {
	KodeLacak string `path:"kode_lacak" maxLength:"20"`
	RawBody   huma.MultipartFormFiles[fotoForm]
	ip        string
}

func (in *fotoPublikInput) Resolve(ctx huma.Context) []error {
	in.ip = clientHost(ctx.RemoteAddr())
	return nil
}

// FotoPublik is the receipt of a reporter's photo: no address to open it
// (photos are not public).
type FotoPublik struct {
	ID     string    `json:"id"`
	Dibuat time.Time `json:"dibuat"`
}

type fotoPublikOutput struct{ Body FotoPublik }

// TambahFotoPelapor adds the reporter's photo through the tracking code.
func (m *Module) TambahFotoPelapor(ctx context.Context, kode, ip string, b []byte) (Foto, error) {
	if err := m.batasIP(ctx, ip); err != nil {
		return Foto{}, err
	}
	ctx, id, err := m.bukaLacak(ctx, kode)
	if err != nil {
		return Foto{}, err
	}
	return m.TambahFoto(ctx, id, FotoLaporan, "", b)
}

func (m *Module) apiFotoPublik(ctx context.Context, in *fotoPublikInput) (*fotoPublikOutput, error) {
	b, err := apiBerkas(in.RawBody)
	if err != nil {
		return nil, err
	}
	f, err := m.TambahFotoPelapor(ctx, in.KodeLacak, in.ip, b)
	if err != nil {
		return nil, err
	}
	return &fotoPublikOutput{Body: FotoPublik{ID: f.ID, Dibuat: f.CreatedAt}}, nil
}

// --- the image route (signed in; pages and API clients with a session)

func fotoETag(key string) string {
	sum := sha256.Sum256([]byte(key))
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

func (m *Module) routesFoto(mux *http.ServeMux) {
	for _, kecil := range []bool{false, true} {
		pattern := "GET /desa/{kode}/audiensi/{id}/foto/{fid}"
		if kecil {
			pattern += "/kecil"
		}
		m.web.HandleDesa(mux, pattern, PermLihat, func(w http.ResponseWriter, r *http.Request) {
			ctx := r.Context()
			id := r.PathValue("id")
			d, err := m.Lihat(ctx, id)
			if err == nil {
				err = m.bolehLihat(ctx, d)
			}
			if err != nil {
				m.pages.Fault(w, r, err)
				return
			}
			key, rc, err := m.bukaFoto(ctx, id, r.PathValue("fid"), kecil)
			if err != nil {
				m.pages.Fault(w, r, err)
				return
			}
			defer rc.Close()
			tag := fotoETag(key)
			w.Header().Set("ETag", tag)
			w.Header().Set("Cache-Control", "private, max-age=86400")
			if r.Header.Get("If-None-Match") == tag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Content-Type", "image/jpeg")
			w.Header().Set("X-Content-Type-Options", "nosniff")
			_, _ = io.Copy(w, rc)
		})
	}
}
