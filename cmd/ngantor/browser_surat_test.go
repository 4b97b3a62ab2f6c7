package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The demo desa and its perbekel, seeded by `ngantor dev`.
const (
	bsDesa     = "51.02.06.2001"
	bsEmail    = "perbekel.bengkel@tabanan.test"
	bsPassword = "ngantor-demo"
)

// bsSignIn opens /masuk on a phone-sized screen and signs in as the
// perbekel of Bengkel. It fails the test when the browser does not leave
// the sign-in page.
func bsSignIn(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	bsSignInAs(t, ctx, base, bsEmail)
}

// bsSignInAs is bsSignIn as the demo account email.
func bsSignInAs(t *testing.T, ctx context.Context, base, email string) {
	t.Helper()
	// Every document of this tab records what its Content-Security-Policy
	// blocked, for bsCheckPage. CDP's script is not itself subject to it.
	if _, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{
		Source: bsCSPRecorder,
	}); err != nil {
		t.Fatalf("install CSP recorder: %v", err)
	}
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(btPhoneWidth, btPhoneHeight),
		chromedp.Navigate(base+"/masuk"),
		chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), email),
		chromedp.SendKeys(chromedp.CSS(`#password`), bsPassword),
		chromedp.Click(chromedp.CSS(`form.formulir button[type=submit]`)),
		// The home page's list or the form's error, so that a refused
		// sign-in fails with the page's message instead of a timeout.
		chromedp.WaitVisible(chromedp.CSS(`ul.daftar, p.galat`)),
	); err != nil {
		t.Fatalf("sign in as %s: %v", email, err)
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); strings.HasSuffix(loc, "/masuk") {
		msg, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
		t.Fatalf("sign-in as %s refused; the page says:\n%s", email, msg)
	}
}

// bsOpen navigates to path, fails unless the document answers 200 and its
// h1 holds heading (case-insensitive; empty means any non-empty h1), checks
// that the page fits the phone and saves a full-page screenshot as name.
func bsOpen(t *testing.T, ctx context.Context, base, path, heading, name string) string {
	t.Helper()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+path))
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	return bsCheckPage(t, ctx, resp, path, heading, name)
}

// bsCheckPage is bsOpen's checks, for a page reached by a click.
func bsCheckPage(t *testing.T, ctx context.Context, resp *network.Response, path, heading, name string) string {
	t.Helper()
	h1, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(`main h1`)))
	if err != nil {
		t.Fatalf("%s: no h1: %v", path, err)
	}
	h1 = strings.Join(strings.Fields(h1), " ")
	if resp == nil || resp.Status != http.StatusOK {
		status := int64(0)
		if resp != nil {
			status = resp.Status
		}
		body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
		t.Fatalf("%s answered %d, want 200; the page says:\n%s", path, status, body)
	}
	if h1 == "" || !strings.Contains(strings.ToLower(h1), strings.ToLower(heading)) {
		t.Errorf("%s: heading is %q, want it to contain %q", path, h1, heading)
	}
	bsNoBlocked(t, ctx, path)
	if !bsFitsPhone(t, ctx) {
		bsWhyWide(t, ctx, path)
	}
	btFitsPhone(t, ctx, path)
	bsShot(t, ctx, name)
	return h1
}

// bsCSPRecorder collects the page's CSP violations in window.__bsCSP.
const bsCSPRecorder = `window.__bsCSP = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__bsCSP.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at line ' + e.lineNumber));`

// bsNoBlocked fails when the page's own Content-Security-Policy blocked
// part of it: an inline <style> the policy forbids leaves the page
// unstyled, which no status code or heading shows. The style elements are
// checked as well as the event, which the browser reports asynchronously.
func bsNoBlocked(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
  const out = (window.__bsCSP || []).slice();
  document.querySelectorAll('style').forEach((el, i) => {
    let rules = -1;
    try { rules = el.sheet ? el.sheet.cssRules.length : -1; } catch (e) {}
    if (rules <= 0 && el.textContent.trim() !== '') out.push('<style> #' + (i+1) + ' not applied (' + el.textContent.trim().slice(0, 40) + '…)');
  });
  return out;
})()`))
	if err != nil {
		t.Fatalf("%s: read CSP violations: %v", path, err)
	}
	for _, v := range got {
		t.Errorf("%s: the page's Content-Security-Policy blocks part of it: %s", path, v)
	}
}

// bsFitsPhone reports whether the page fits the phone's width.
func bsFitsPhone(t *testing.T, ctx context.Context) bool {
	t.Helper()
	w, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	return err != nil || w <= btPhoneWidth
}

// bsWhyWide logs the innermost elements that reach past the phone's right
// edge, so that a failed fit names its culprit.
func bsWhyWide(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right <= innerWidth + 0.5 || r.width === 0 || el.tagName === 'BR') continue;
    if ([...el.children].some(c => c.getBoundingClientRect().right > innerWidth + 0.5)) continue;
    let name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).split(' ').join('.') : '');
    out.push(name + ' right=' + Math.round(r.right) + ' "' + (el.innerText || '').trim().slice(0, 40) + '"');
    if (out.length >= 5) break;
  }
  return out;
})()`))
	if err != nil {
		t.Logf("%s: find wide elements: %v", path, err)
		return
	}
	t.Logf("%s: elements past the right edge: %s", path, strings.Join(got, "; "))
}

// bsShot saves the whole page, not only the first screen, so that a person
// reviewing the pages sees every table and form. Like btScreenshot, it
// writes to NGANTOR_SCREENSHOT_DIR when set.
func bsShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	bsSave(t, name+".png", png)
	btReviewShots(t, ctx, name)
}

// bsSave keeps an artefact of the test (screenshot, PDF) for a person.
func bsSave(t *testing.T, name string, b []byte) {
	t.Helper()
	dir := os.Getenv("NGANTOR_SCREENSHOT_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("saved: %s", path)
}

// bsMain is the text the user reads in <main>, whitespace collapsed.
func bsMain(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
	if err != nil {
		t.Fatalf("read main: %v", err)
	}
	return s
}

// bsRomawi is the month of a letter number as the default format writes
// it, keyed by the Indonesian month name the pages show.
var bsRomawi = map[string]string{
	"Januari": "I", "Februari": "II", "Maret": "III", "April": "IV", "Mei": "V", "Juni": "VI",
	"Juli": "VII", "Agustus": "VIII", "September": "IX", "Oktober": "X", "November": "XI", "Desember": "XII",
}

// TestBrowserPerbekelIssuesLetterAndOpensVerification walks what a perbekel
// does when a resident asks for a surat keterangan domisili, on a 360 px
// phone: sign in, choose the letter type, fill the form, issue; read the
// number on the result page, download the PDF with the browser's session,
// and open the public verification page, which must name the letter, the
// desa and the signer and nothing about the resident.
func TestBrowserPerbekelIssuesLetterAndOpensVerification(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignIn(t, ctx, base)

	// The menu of letter types, then the domisili form.
	surat := "/desa/" + bsDesa + "/surat"
	bsOpen(t, ctx, base, surat+"/layanan", "Terbitkan Surat Layanan", "surat-layanan-menu")
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#jenis-keterangan_domisili`)))
	if err != nil {
		t.Fatalf("choose keterangan domisili: %v", err)
	}
	bsCheckPage(t, ctx, resp, surat+"/layanan?jenis=keterangan_domisili", "Surat Keterangan Domisili", "surat-layanan-form")

	const (
		nama = "Ni Luh Putu Sukerti"
		nik  = "5102064507880003"
	)
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`#nama`), nama),
		chromedp.SendKeys(chromedp.CSS(`#nik`), nik),
		chromedp.SendKeys(chromedp.CSS(`#tempat_lahir`), "Tabanan"),
		// A date input takes keys in the browser's locale order; its value
		// property is always ISO.
		chromedp.SetValue(chromedp.CSS(`#tanggal_lahir`), "1988-07-05"),
		chromedp.SendKeys(chromedp.CSS(`#pekerjaan`), "Pedagang"),
		chromedp.SendKeys(chromedp.CSS(`#alamat`), "Banjar Dinas Bengkel Kawan, Desa Bengkel"),
		chromedp.SendKeys(chromedp.CSS(`#keperluan`), "Persyaratan pembukaan rekening tabungan di bank"),
		chromedp.SetValue(chromedp.CSS(`#jenis_kelamin`), "P"),
		chromedp.SendKeys(chromedp.CSS(`#rincian_domisili_sejak`), "tahun 2015"),
	); err != nil {
		t.Fatalf("fill the form: %v", err)
	}
	bsShot(t, ctx, "surat-layanan-form-terisi")

	// Issuing posts the form and redirects to the letter (303); the
	// response is the letter page's. Waiting for either the success note
	// or the form's error turns a refusal into its message.
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#terbitkan`)))
	if err != nil {
		t.Fatalf("issue the letter: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#terbit-berhasil, #galat`))); err != nil {
		t.Fatalf("after issuing, neither the result nor an error shows: %v", err)
	}
	if msg, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById('galat')||{}).innerText||''`)); msg != "" {
		t.Fatalf("issuing was refused: %s", msg)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	idRE := regexp.MustCompile(`/desa/` + regexp.QuoteMeta(bsDesa) + `/surat/keluar/([^/?]+)\?baru=1$`)
	m := idRE.FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("after issuing the browser is at %s, want the new letter's page", loc)
	}
	id := m[1]
	bsCheckPage(t, ctx, resp, loc, "Surat Keterangan Domisili", "surat-keluar-hasil")

	// The number follows the default format
	// {kode}/{nomor:3}/{kode_desa}/{bulan_romawi}/{tahun}, with the
	// month and year of the letter's date shown beside it.
	nomorText, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(`#nomor-surat`)))
	if err != nil {
		t.Fatalf("letter number: %v", err)
	}
	nomor := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(nomorText), "Nomor"))
	nomorRE := regexp.MustCompile(`^400\.12\.2/(\d{3})/2001/(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)/(\d{4})$`)
	nm := nomorRE.FindStringSubmatch(nomor)
	if nm == nil {
		t.Fatalf("letter number %q does not follow 400.12.2/{nomor:3}/2001/{bulan_romawi}/{tahun}", nomor)
	}
	if nm[1] == "000" {
		t.Errorf("letter number %q has running number 000; numbers start at 001", nomor)
	}
	body := bsMain(t, ctx)
	tanggalRE := regexp.MustCompile(`Tanggal\s+(\d{1,2}) (\p{L}+) (\d{4})`)
	tm := tanggalRE.FindStringSubmatch(body)
	if tm == nil {
		t.Fatalf("result page shows no date; it says:\n%s", body)
	}
	tanggal := tm[1] + " " + tm[2] + " " + tm[3]
	if bsRomawi[tm[2]] != nm[2] || tm[3] != nm[3] {
		t.Errorf("letter number %q does not match its date %s (want month %s, year %s)", nomor, tanggal, bsRomawi[tm[2]], tm[3])
	}
	signerRE := regexp.MustCompile(`Penandatangan\s+([^\n]+)`)
	sm := signerRE.FindStringSubmatch(body)
	if sm == nil {
		t.Fatalf("result page names no signer; it says:\n%s", body)
	}
	signer := strings.TrimSpace(sm[1])
	if !strings.Contains(strings.ToLower(signer), "perbekel") {
		t.Errorf("signer %q is not the perbekel", signer)
	}
	if !strings.Contains(body, nama) {
		t.Errorf("result page (signed in) should show the applicant %q; it says:\n%s", nama, body)
	}

	// The PDF, fetched as the browser would with its session cookie: the
	// link is a download, which headless Chromium would not show.
	href, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#unduh-pdf`), "href"))
	if err != nil || !href.Exists {
		t.Fatalf("no PDF link on the result page: %v", err)
	}
	pdfURL, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	pdfURL, err = pdfURL.Parse(href.Value)
	if err != nil {
		t.Fatalf("PDF link %q: %v", href.Value, err)
	}
	pdf := bsFetchWithSession(t, ctx, pdfURL.String())
	if !strings.HasPrefix(string(pdf), "%PDF") {
		t.Fatalf("PDF link %s gives %d bytes starting %q, want a PDF", pdfURL, len(pdf), pdf[:min(len(pdf), 16)])
	}
	bsSave(t, "surat.pdf", pdf)

	// The verification page, as a resident or an office opens it from the
	// QR code: the letter's facts, never the resident's.
	resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#tautan-verifikasi`)))
	if err != nil {
		t.Fatalf("open the verification page: %v", err)
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, "/verifikasi/"+id) {
		t.Errorf("verification link leads to %s, want /verifikasi/%s", loc, id)
	}
	bsCheckPage(t, ctx, resp, "/verifikasi/"+id, "Surat ini tercatat dan sah", "verifikasi")
	field := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("verification page: %s: %v", sel, err)
		}
		return strings.Join(strings.Fields(s), " ")
	}
	if got := field(`#verifikasi-nomor`); got != nomor {
		t.Errorf("verification shows number %q, want %q", got, nomor)
	}
	if got := field(`#verifikasi-tanggal`); got != tanggal {
		t.Errorf("verification shows date %q, want %q", got, tanggal)
	}
	if got := field(`#verifikasi-jenis`); got != "Surat Keterangan Domisili" {
		t.Errorf("verification shows type %q, want Surat Keterangan Domisili", got)
	}
	if got := field(`#verifikasi-desa`); !strings.Contains(got, "Desa Bengkel") {
		t.Errorf("verification shows desa %q, want Desa Bengkel", got)
	}
	if got := field(`#verifikasi-penandatangan`); got != signer {
		t.Errorf("verification shows signer %q, want %q as on the letter", got, signer)
	}
	// Not in the text, and not hidden in the markup either.
	html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS(`html`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, personal := range []string{nama, "Sukerti", nik, "Bengkel Kawan", "rekening tabungan", "1988"} {
		if strings.Contains(html, personal) {
			t.Errorf("verification page leaks the resident's %q", personal)
		}
	}
}

// bsFetchWithSession GETs u with the browser's cookies for it, as a
// download would, and returns the body of a 200 answer.
func bsFetchWithSession(t *testing.T, ctx context.Context, u string) []byte {
	t.Helper()
	return bsFetchType(t, ctx, u, "application/pdf")
}

// bsFetchType is bsFetchWithSession for a download of Content-Type want.
func bsFetchType(t *testing.T, ctx context.Context, u, want string) []byte {
	t.Helper()
	cookies, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{u}})
	if err != nil {
		t.Fatalf("browser cookies: %v", err)
	}
	if len(cookies.Cookies) == 0 {
		t.Fatalf("the browser holds no cookie for %s after signing in", u)
	}
	rctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cookies.Cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, 16<<20))
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s with the browser's session answered %s:\n%.500s", u, res.Status, b)
	}
	if ct := res.Header.Get("Content-Type"); ct != want {
		t.Errorf("GET %s: Content-Type %q, want %s", u, ct, want)
	}
	return b
}

// TestBrowserDailyPagesRender opens, as the Bengkel perbekel on a 360 px
// phone, every page of the daily administration work — the desa's page,
// administration index, perangkat and org chart, profil, lembaga, both
// letter registers, a letter from the demo register and its public
// verification page — and checks each answers 200 with its heading and
// without sideways scrolling. The full-page screenshots are for a person
// to judge the rest.
func TestBrowserDailyPagesRender(t *testing.T) {
	base := btStartDev(t)
	ctx := btBrowser(t)
	bsSignIn(t, ctx, base)

	desa := "/desa/" + bsDesa
	for _, p := range []struct{ path, heading, shot string }{
		{"/wilayah/" + bsDesa, "Bengkel", "wilayah-desa"},
		{desa + "/administrasi", "Administrasi desa", "administrasi"},
		{desa + "/perangkat", "Perangkat desa", "perangkat"},
		{desa + "/perangkat/bagan", "Bagan organisasi pemerintah desa", "perangkat-bagan"},
		{desa + "/profil", "Profil desa", "profil"},
		{desa + "/lembaga", "BPD dan lembaga desa", "lembaga"},
		{desa + "/surat/masuk", "Buku Agenda Surat Masuk", "surat-masuk"},
		{desa + "/surat/keluar", "Buku Agenda Surat Keluar", "surat-keluar"},
	} {
		bsOpen(t, ctx, base, p.path, p.heading, p.shot)
	}

	// A letter of the demo register (the register is newest first), then
	// its verification page.
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`main ul.daftar a[href*="/surat/keluar/"]`)))
	if err != nil {
		t.Fatalf("open the first letter of the register: %v", err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	bsCheckPage(t, ctx, resp, loc, "", "surat-keluar-demo")
	if _, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(`#nomor-surat`))); err != nil {
		t.Errorf("%s shows no letter number: %v", loc, err)
	}
	href, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#tautan-verifikasi`), "href"))
	if err != nil || !strings.HasPrefix(href.Value, "/verifikasi/") {
		t.Fatalf("%s: verification link is %q (%v), want /verifikasi/{id}", loc, href.Value, err)
	}
	bsOpen(t, ctx, base, href.Value, "Surat ini tercatat dan sah", "verifikasi-demo")
}
