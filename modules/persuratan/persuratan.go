// Package persuratan is the tata naskah dinas of a desa: the buku agenda of
// surat keluar and surat masuk (Permendagri 47/2016 tentang Administrasi
// Pemerintahan Desa), disposisi of incoming letters, kode klasifikasi arsip
// (Permendagri 83/2022) kept on every letter as it was when issued, gap-free
// yearly numbering per desa, and service letters to residents (surat
// keterangan and surat pengantar) rendered to PDF with the desa letterhead
// and a QR code to a public verification page that shows nothing personal
// but the holder's name masked. The PDF, which prints the resident's data,
// is for the desa roles that issue letters alone, and every download of it
// is recorded; a letter issued in error is cancelled, never deleted.
//
// The module reads only its own tables. The signer of a letter comes from
// the administration module and the letterhead names from wilayah, each
// through a small interface declared here (Signers, Letterheads) that cmd
// adapts.
package persuratan

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/ngantor/ngantor/platform/audit"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/blob"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// Signer is who signs a desa's letters: the kepala desa (or the Pj/Plt
// holding the post), by name and post as printed under the signature.
type Signer struct {
	Nama    string `json:"nama"`
	Jabatan string `json:"jabatan"`
}

// Signers names the current signer of a desa. The administration module
// implements it; a desa without one answers a fault.NotFound error.
type Signers interface {
	Signer(ctx context.Context, desa tenancy.Kode) (Signer, error)
}

// Letterhead is what the kop surat of a desa prints. Kabupaten carries its
// tier word ("Kabupaten Tabanan", "Kota Denpasar"); Kecamatan and Desa are
// bare names ("Kediri", "Bengkel").
type Letterhead struct {
	Kabupaten string `json:"kabupaten"`
	Kecamatan string `json:"kecamatan"`
	Desa      string `json:"desa"`
	Alamat    string `json:"alamat,omitempty"`
}

// Letterheads gives the letterhead of a desa; an unknown desa is
// fault.NotFound. cmd wires it from the wilayah module (names) and, when
// there is one, the desa profile (office address).
type Letterheads interface {
	Letterhead(ctx context.Context, desa tenancy.Kode) (Letterhead, error)
}

// Authorizer decides whether a user holds a permission at a wilayah; the
// pages use it because they do not pass the API guard.
type Authorizer interface {
	Allowed(ctx context.Context, userID string, target tenancy.Kode, p authz.Permission) (bool, error)
}

// Deps are what the module needs; cmd wires them.
type Deps struct {
	DB          *db.DB
	Blob        blob.Store
	Signers     Signers
	Letterheads Letterheads
	Authz       Authorizer
	Web         *web.Web
	// Audit records downloads of attachments, which are reads and so not
	// recorded by the API and page edges; nil records nothing (tests).
	Audit  audit.Recorder
	Logger *slog.Logger
	Clock  func() time.Time
	// BaseURL is where the verification page is reached from outside, for
	// the QR code, e.g. http://127.0.0.1:8080.
	BaseURL string
}

// Module is the persuratan bounded context.
type Module struct {
	db          *db.DB
	blob        blob.Store
	signers     Signers
	letterheads Letterheads
	authz       Authorizer
	web         *web.Web
	audit       audit.Recorder
	pages       *web.Pages
	log         *slog.Logger
	now         func() time.Time
	baseURL     string
}

// New builds the module.
func New(d Deps) *Module {
	m := &Module{
		db: d.DB, blob: d.Blob, signers: d.Signers, letterheads: d.Letterheads,
		authz: d.Authz, web: d.Web, audit: d.Audit, log: d.Logger, now: d.Clock,
		baseURL: strings.TrimRight(d.BaseURL, "/"),
	}
	if m.log == nil {
		m.log = slog.Default()
	}
	if m.now == nil {
		m.now = time.Now
	}
	if m.web != nil {
		m.pages = m.web.Pages(templateFS, "templates/*.html", pageFuncs)
	}
	return m
}

// clock is the current instant in UTC at the precision both engines keep.
func (m *Module) clock() time.Time { return m.now().UTC().Truncate(time.Microsecond) }

// VerificationURL is the public address printed in a letter's QR code.
func (m *Module) VerificationURL(id string) string {
	return m.baseURL + "/verifikasi/" + id
}
