package kunjungan

import (
	"context"
	"errors"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/ngantor/ngantor/platform/authz"
	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/jobs"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// The daily reminder of the commitments made on visits: to whoever
// answers for one (the OPD's members, or the desa's perbekel and sekdes)
// when its deadline is 3 days away or less, and once a week after it has
// passed, then also to the bupati's office. Each message has a key
// (Pesan.Kunci) per commitment, deadline and step, so a rerun of the day —
// asynq runs a task at least once — sends nothing new, and a deadline
// moved starts the steps again.

// TaskPengingat is the daily commitment reminder.
const TaskPengingat = "kunjungan:pengingat"

// SebelumHari is how many days before its deadline a commitment is
// first reminded of.
const SebelumHari = 3

// jadwalPengingat: 08:00 WITA (00:00 UTC), when the offices open.
var jadwalPengingat = jobs.Periodic{Cronspec: "0 0 * * *", TaskType: TaskPengingat, Payload: struct{}{}}

func (m *Module) tugasPengingat(ctx context.Context, _ []byte) error {
	_, err := m.Pengingat(ctx)
	return err
}

// pengingatBaris is a commitment the reminder reads.
type pengingatBaris struct {
	DesaID         int64      `bun:"desa_id"`
	ID             string     `bun:"id"`
	KunjunganID    string     `bun:"kunjungan_id"`
	Isi            string     `bun:"isi"`
	Penanggung     string     `bun:"penanggung"`
	PenanggungNama string     `bun:"penanggung_nama"`
	Tenggat        civil.Date `bun:"tenggat"`
}

// Pengingat sends the day's reminders and reports how many messages it
// handed to the inboxes (a repeat per user is the inbox's no-op).
func (m *Module) Pengingat(ctx context.Context) (int, error) {
	if m.notifier == nil {
		return 0, nil
	}
	// The latest today of any desa (UTC+9 at most in Indonesia) bounds
	// the query; each desa's own today decides below.
	batas := civil.DateOf(m.now().UTC().Add(9*time.Hour)).AddDate(0, 0, SebelumHari)
	var cs []pengingatBaris
	err := m.db.RangeTx(ctx, 0, 9_999_999_999, func(ctx context.Context, tx bun.Tx) error {
		return tx.NewSelect().Model((*Komitmen)(nil)).
			Column("desa_id", "id", "kunjungan_id", "isi", "penanggung", "penanggung_nama", "tenggat").
			Where("c.status <> ? AND c.tenggat <= ?", KomitmenSelesai, batas).
			OrderExpr("c.desa_id, c.tenggat, c.id").Scan(ctx, &cs)
	})
	if err != nil {
		return 0, err
	}
	p := penerima{m: m, desa: map[tenancy.Kode][]string{}, kantor: map[tenancy.Kode][]string{}, opd: map[string][]string{}}
	total := 0
	var errs []error
	for _, c := range cs {
		n, err := m.ingatkanKomitmen(ctx, &p, c)
		total += n
		errs = append(errs, err)
	}
	return total, errors.Join(errs...)
}

func (m *Module) ingatkanKomitmen(ctx context.Context, p *penerima, c pengingatBaris) (int, error) {
	desa := tenancy.KodeOfDesaID(c.DesaID)
	today := civil.Today(m.now(), desa)
	hari := hariAntara(today, c.Tenggat) // > 0: days left; < 0: days past
	if hari > SebelumHari {
		return 0, nil
	}
	ctx = tenancy.With(ctx, tenancy.Tenant{Kode: desa})
	users, err := p.penanggung(ctx, desa, c.Penanggung)
	if err != nil {
		return 0, err
	}
	isi := ringkas(c.Isi, 300)
	pesan := Pesan{Tautan: "/kunjungan/" + c.KunjunganID}
	kunci := "kunjungan:komitmen:" + c.ID + ":" + string(c.Tenggat)
	if hari >= 0 {
		pesan.Kunci = kunci + ":sebelum"
		pesan.Judul = "Komitmen kunjungan jatuh tempo " + c.Tenggat.String()
		if hari == 0 {
			pesan.Judul = "Komitmen kunjungan jatuh tempo hari ini"
		}
		pesan.Isi = c.PenanggungNama + " berkomitmen: " + isi + " Tenggat " + c.Tenggat.String() + ". Perbarui kemajuannya pada halaman kunjungan."
	} else {
		minggu := (-hari - 1) / 7
		pesan.Kunci = kunci + ":lewat:" + strconv.Itoa(minggu)
		pesan.Judul = "Komitmen kunjungan melewati tenggat " + strconv.Itoa(-hari) + " hari"
		pesan.Isi = c.PenanggungNama + " berkomitmen: " + isi + " Tenggat " + c.Tenggat.String() + " sudah lewat dan komitmen belum selesai."
		kantor, err := p.kantorOf(ctx, desa.Up(tenancy.Kabupaten))
		if err != nil {
			return 0, err
		}
		users = append(users, kantor...)
	}
	if len(users) == 0 {
		return 0, nil
	}
	if err := m.notifier.Kirim(ctx, users, pesan); err != nil {
		return 0, err
	}
	return len(users), nil
}

// hariAntara is the number of days from a to b (negative when b is
// before a).
func hariAntara(a, b civil.Date) int {
	return int(b.Time().Sub(a.Time()).Hours() / 24)
}

func ringkas(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// penerima finds and remembers, for one run, who is reminded.
type penerima struct {
	m      *Module
	desa   map[tenancy.Kode][]string // perbekel and sekdes of a desa
	kantor map[tenancy.Kode][]string // the bupati's office of a kabupaten
	opd    map[string][]string       // an OPD's members
}

func (p *penerima) penanggung(ctx context.Context, desa tenancy.Kode, penanggung string) ([]string, error) {
	if penanggung == PenanggungDesa {
		return p.at(ctx, p.desa, desa, PermKomitmen)
	}
	if us, ok := p.opd[penanggung]; ok {
		return us, nil
	}
	var us []string
	if p.m.opd != nil {
		var err error
		if us, err = p.m.opd.Anggota(ctx, penanggung); err != nil {
			return nil, err
		}
	}
	p.opd[penanggung] = us
	return us, nil
}

func (p *penerima) kantorOf(ctx context.Context, kab tenancy.Kode) ([]string, error) {
	return p.at(ctx, p.kantor, kab, PermJadwal)
}

// at is the users with a grant at exactly k who hold perm there.
func (p *penerima) at(ctx context.Context, cache map[tenancy.Kode][]string, k tenancy.Kode, perm authz.Permission) ([]string, error) {
	if us, ok := cache[k]; ok {
		return us, nil
	}
	var out []string
	if p.m.staff != nil && p.m.authz != nil {
		us, err := p.m.staff.UsersAt(ctx, k)
		if err != nil {
			return nil, err
		}
		for _, u := range us {
			ok, err := p.m.authz.Allowed(ctx, u, k, perm)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, u)
			}
		}
	}
	cache[k] = out
	return out, nil
}
