package kunjungan_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ngantor/ngantor/modules/kunjungan"
	"github.com/ngantor/ngantor/platform/db"
	"github.com/ngantor/ngantor/platform/db/dbtest"
	"github.com/ngantor/ngantor/platform/web/webtest"
)

// sent is the day's new messages as "user key-suffix" lines, sorted.
func sent(e *dsbEnv) []string {
	var out []string
	for _, x := range e.inbox.ambil() {
		k := x[1]
		// kunjungan:komitmen:<id>:<tenggat>:<step> → <id last 2> <step>
		parts := strings.SplitN(k, ":", 5)
		out = append(out, x[0]+" "+parts[2][len(parts[2])-2:]+" "+parts[4])
	}
	slices.Sort(out)
	return out
}

func TestPengingatRemindsPenanggungBeforeAndAfterTheDeadline(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		e := dsbSetup(t, d)
		dsbFixture(t, e)
		ctx := context.Background()
		// 2 December: the desa's commitment (12) is due on the 4th, DLH's
		// (11) is 31 days late (fifth week), DISKOMINFO's (15) is months
		// late; its other one (14, due the 20th) and the one done (13)
		// wait. The office hears of the late ones; kasi holds no
		// kunjungan:komitmen and hears nothing.
		if _, err := e.m.Pengingat(ctx); err != nil {
			t.Fatal(err)
		}
		want := []string{
			"admin 11 lewat:4", "admin 15 lewat:26",
			"bupati 11 lewat:4", "bupati 15 lewat:26",
			"dlh 11 lewat:4", "kominfo 15 lewat:26",
			"perbekel 12 sebelum", "sekdes 12 sebelum",
		}
		if got := sent(e); !slices.Equal(got, want) {
			t.Fatalf("first run:\n%v\nwant\n%v", got, want)
		}
		msg := e.inbox.seen[[2]string{"dlh", "kunjungan:komitmen:" + dsbID(11) + ":2026-11-01:lewat:4"}]
		if msg.Tautan != "/kunjungan/"+e.ids["bengkel"] || !strings.Contains(msg.Judul, "melewati tenggat 31 hari") {
			t.Fatalf("message %+v", msg)
		}
		// A rerun of the day, and the next day, send nothing new.
		if _, err := e.m.Pengingat(ctx); err != nil {
			t.Fatal(err)
		}
		e.jam.set("2026-12-03 08:00")
		if _, err := e.m.Pengingat(ctx); err != nil {
			t.Fatal(err)
		}
		if got := sent(e); len(got) != 0 {
			t.Fatalf("rerun sent %v", got)
		}
		// 5 December: the desa's is one day late (first week, the office
		// too); DLH's still in its fifth week.
		e.jam.set("2026-12-05 08:00")
		if _, err := e.m.Pengingat(ctx); err != nil {
			t.Fatal(err)
		}
		want = []string{"admin 12 lewat:0", "bupati 12 lewat:0", "perbekel 12 lewat:0", "sekdes 12 lewat:0"}
		if got := sent(e); !slices.Equal(got, want) {
			t.Fatalf("5 December: %v, want %v", got, want)
		}
		// 9 December: DLH's enters its sixth week and DISKOMINFO's its
		// 28th; the desa's is done and hears nothing more.
		if _, err := e.m.UbahKomitmen(webtest.DesaCtx(dsbBengkel), e.ids["bengkel"], dsbID(12),
			kunjungan.KemajuanData{Status: kunjungan.KomitmenSelesai, Bukti: "Jalan sudah diperbaiki, foto di kantor desa."}); err != nil {
			t.Fatal(err)
		}
		e.jam.set("2026-12-09 08:00")
		if _, err := e.m.Pengingat(ctx); err != nil {
			t.Fatal(err)
		}
		want = []string{"admin 11 lewat:5", "admin 15 lewat:27", "bupati 11 lewat:5", "bupati 15 lewat:27", "dlh 11 lewat:5", "kominfo 15 lewat:27"}
		if got := sent(e); !slices.Equal(got, want) {
			t.Fatalf("9 December: %v, want %v", got, want)
		}
	})
}
