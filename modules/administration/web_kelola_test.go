package administration_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	a "github.com/ngantor/ngantor/modules/administration"
	"github.com/ngantor/ngantor/platform/auth"
	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/page"
	"github.com/ngantor/ngantor/platform/tenancy"
	"github.com/ngantor/ngantor/platform/web"
)

// siteAccounts answers the link page's list as cmd wires it: the accounts
// holding a role at the desa, with their names.
type siteAccounts struct {
	e  *authz.Enforcer
	as *auth.Service
}

func (s siteAccounts) AccountsAt(ctx context.Context, desa tenancy.Kode) ([]a.Akun, error) {
	ids, err := s.e.UsersAt(ctx, desa)
	if err != nil {
		return nil, err
	}
	us, err := s.as.UsersByID(ctx, ids)
	var out []a.Akun
	for _, u := range us {
		out = append(out, a.Akun{ID: u.ID, Nama: u.Name, Email: u.Email})
	}
	return out, err
}

func pageAll() page.Params { return page.Params{Limit: page.MaxLimit} }

// TestPagesDoWhatTheAPIDoes walks the administration pages a perbekel uses
// to keep the BPD, the lembaga, the dusun and the perangkat: every action
// the API has is on a page, and a refused one answers next to its form.
func TestPagesDoWhatTheAPIDoes(t *testing.T) {
	s := newSite(t)
	ctx := at(bengkel)
	const desa = "/desa/51.02.06.2001"
	post := func(user, path string, f url.Values, status int, contains ...string) string {
		t.Helper()
		got, body, _ := s.do(user, "POST", desa+path, f, false)
		if got != status {
			t.Fatalf("POST %s: status %d, want %d: %s", path, got, status, body)
		}
		for _, c := range contains {
			if !strings.Contains(body, c) {
				t.Fatalf("POST %s: answer lacks %q: %s", path, c, body)
			}
		}
		return body
	}
	get := func(user, path string, contains ...string) string {
		t.Helper()
		got, body, _ := s.do(user, "GET", desa+path, nil, false)
		if got != 200 {
			t.Fatalf("GET %s: status %d: %s", path, got, body)
		}
		for _, c := range contains {
			if !strings.Contains(body, c) {
				t.Fatalf("GET %s lacks %q: %s", path, c, body)
			}
		}
		return body
	}
	// errorInside says the message stands inside the form posting to action.
	errorInside := func(body, action, msg string) {
		t.Helper()
		i := strings.Index(body, `action="`+desa+action+`"`)
		if i < 0 {
			t.Fatalf("no form for %s", action)
		}
		rest := body[i:]
		end := strings.Index(rest, "</form>")
		if j := strings.Index(rest[:end], msg); j < 0 {
			t.Fatalf("message %q not inside the form for %s: %s", msg, action, rest[:end])
		}
	}

	// Lembaga: add, refuse a second BPD next to the form, edit.
	post("made", "/lembaga", url.Values{"jenis": {"bpd"}, "nama": {"BPD Desa Bengkel"}}, 303)
	body := post("made", "/lembaga", url.Values{"jenis": {"bpd"}, "nama": {"BPD Kedua"}}, 409)
	errorInside(body, "/lembaga", "satu desa hanya satu")
	if !strings.Contains(body, `value="BPD Kedua"`) {
		t.Fatal("the typed name is lost")
	}
	ls, _ := s.m.ListLembaga(ctx, pageAll())
	bpd := ls.Items[0]
	lpath := "/lembaga/" + bpd.ID.String()
	post("made", lpath, url.Values{"jenis": {"bpd"}, "nama": {"BPD Bengkel"}, "sk_nomor": {"141/5/HK/2018"}, "sk_tanggal": {"2018-10-01"}}, 303)
	get("made", "/lembaga", "BPD Bengkel", "141/5/HK/2018")

	// A BPD of nine whose terms have run out takes a new member.
	var ketuaID string
	for i := 0; i < 9; i++ {
		jab := "Anggota"
		if i == 0 {
			jab = "Ketua"
		}
		an, err := s.m.AddAnggota(ctx, bpd.ID, a.AnggotaInput{Nama: "Lama " + string(rune('A'+i)), Jabatan: jab, Mulai: "2018-11-01", Selesai: "2026-11-01"})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			ketuaID = an.ID.String()
		}
	}
	get("made", "/lembaga", "masa jabatan sudah berakhir", "0 anggota menjabat")
	baru := url.Values{"nama": {"I Ketut Baru"}, "jabatan": {"Ketua"}, "mulai": {"2026-11-20"}, "selesai": {"2034-11-20"}}
	body = post("made", lpath+"/anggota", baru, 409)
	errorInside(body, lpath+"/anggota", "sudah memiliki ketua aktif")
	post("made", lpath+"/anggota/"+ketuaID+"/berhenti", url.Values{"tanggal": {"2026-11-01"}, "alasan": {"masa jabatan berakhir"}}, 303)
	post("made", lpath+"/anggota", baru, 303)
	body = get("made", "/lembaga", "Riwayat anggota (1)", "I Ketut Baru")
	if strings.Contains(body, `id="anggota-`+ketuaID+`"`) {
		t.Fatal("the ended ketua is still listed as a member")
	}
	as, _ := s.m.ListAnggota(ctx, bpd.ID, a.AnggotaQuery{Params: pageAll()})
	var ketut string
	for _, an := range as.Items {
		if an.Nama == "I Ketut Baru" {
			ketut = an.ID.String()
		}
	}
	edit := url.Values{"nama": {"I Ketut Baru Sekali"}, "jabatan": {"Ketua"}, "mulai": {"2026-11-20"}, "selesai": {"2040-11-20"}}
	body = post("made", lpath+"/anggota/"+ketut, edit, 422)
	errorInside(body, lpath+"/anggota/"+ketut, "paling lama 8 tahun")
	if !strings.Contains(body, `value="I Ketut Baru Sekali"`) {
		t.Fatal("the typed name is lost")
	}
	edit.Set("selesai", "2034-11-20")
	post("made", lpath+"/anggota/"+ketut, edit, 303)
	get("made", "/lembaga", "I Ketut Baru Sekali")

	// Dusun: rename; delete refused next to the button while it is led.
	post("made", "/dusun", url.Values{"nama_dusun": {"Banjar Dinas Bengkel Kangin"}, "sebutan": {"banjar"}}, 303)
	ds, _ := s.m.ListDusun(ctx, pageAll())
	dn := ds.Items[0]
	dpath := "/dusun/" + dn.ID.String()
	post("made", dpath, url.Values{"nama_dusun": {"Banjar Dinas Bengkel Kauh"}, "sebutan": {"banjar"}}, 303)
	body = get("made", "/perangkat", ">Banjar Dinas Bengkel Kauh</span>")
	if strings.Contains(body, "Banjar Dinas Banjar") {
		t.Fatal("the kind is doubled")
	}
	kelian := appointment(a.KepalaKewilayahan, "I Wayan Kelian", 9)
	kelian.DusunID = &dn.ID
	if _, err := s.m.Appoint(ctx, kelian); err != nil {
		t.Fatal(err)
	}
	body = post("made", dpath+"/hapus", url.Values{}, 409)
	errorInside(body, dpath+"/hapus", "masih dipimpin I Wayan Kelian")
	get("made", "/perangkat", "Dipimpin I Wayan Kelian")
	post("made", "/dusun", url.Values{"nama_dusun": {"Kosong"}, "sebutan": {"banjar"}}, 303)
	ds, _ = s.m.ListDusun(ctx, pageAll())
	post("made", "/dusun/"+ds.Items[1].ID.String()+"/hapus", url.Values{}, 303)

	// Perangkat: an end date ahead keeps the person on the org chart; the SK
	// pemberhentian shows on the post's page.
	sekdes, err := s.m.Appoint(ctx, appointment(a.SekretarisDesa, "Ni Luh Sekdes", 2))
	if err != nil {
		t.Fatal(err)
	}
	ppath := "/perangkat/" + sekdes.ID.String()
	body = post("made", ppath+"/berhenti", url.Values{"tanggal": {"2026-12-31"}, "alasan": {"permintaan sendiri"}, "sk_nomor": {"141/9/2026"}}, 422)
	errorInside(body, ppath+"/berhenti", "Tanggal SK pemberhentian wajib diisi")
	post("made", ppath+"/berhenti", url.Values{"tanggal": {"2026-12-31"}, "alasan": {"permintaan sendiri"},
		"sk_nomor": {"141/9/2026"}, "sk_tanggal": {"2026-11-20"}}, 303)
	get("made", ppath, "Menjabat sampai 30 Desember 2026", `value="2026-12-31"`, `value="2026-11-20"`, "SK Nomor 141/9/2026", "20 November 2026")
	get("made", "/perangkat/bagan", "Ni Luh Sekdes")
	get("made", "/perangkat", "Ni Luh Sekdes", "mulai 31 Desember 2026")

	// Linking an account: the perbekel picks one of the desa's accounts;
	// the sekdes has no such form.
	get("made", ppath, `<option value="`+s.id["luh"]+`"`)
	if strings.Contains(get("made", ppath), s.id["ketut"]) {
		t.Fatal("an account of another desa is offered")
	}
	body = post("made", ppath+"/akun", url.Values{"user_id": {s.id["ketut"]}}, 422)
	errorInside(body, ppath+"/akun", "bukan akun desa ini")
	post("made", ppath+"/akun", url.Values{"user_id": {s.id["luh"]}}, 303)
	get("made", ppath, "Tertaut ke luh (luh@desa.id)")
	if strings.Contains(get("luh", ppath), ppath+"/akun") {
		t.Fatal("the sekdes sees the account form")
	}
	post("luh", ppath+"/akun", url.Values{"user_id": {s.id["luh"]}}, 403)
	post("made", ppath+"/akun/lepas", url.Values{}, 303)
	if p, _ := s.m.GetPerangkat(ctx, sekdes.ID); p.UserID != "" {
		t.Fatalf("still linked to %q", p.UserID)
	}
	var audited []string
	for _, r := range s.audit.recs {
		audited = append(audited, r.Action)
	}
	for _, want := range []string{"POST /desa/{kode}/lembaga", "POST /desa/{kode}/lembaga/{id}", "POST /desa/{kode}/lembaga/{id}/anggota/{anggota_id}",
		"POST /desa/{kode}/lembaga/{id}/anggota/{anggota_id}/berhenti", "POST /desa/{kode}/dusun/{id}", "POST /desa/{kode}/dusun/{id}/hapus",
		"POST /desa/{kode}/perangkat/{id}/akun", "POST /desa/{kode}/perangkat/{id}/akun/lepas"} {
		if !strings.Contains(strings.Join(audited, ","), web.PageAction(want)) {
			t.Errorf("%s not audited", want)
		}
	}
}
