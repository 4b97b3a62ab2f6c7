package main

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// rssGoal is the ceiling for serve's resident set after the run.
const rssGoal = 150 << 20

// report collects the steps' rows and prints the one table.
type report struct {
	quick    bool
	workers  int
	duration time.Duration
	rows     fixtures
	lines    []line
	ratios   []string
	errs     []string // what makes the run fail (not a missed goal)

	rss, rssPeak int64
	letters      *letterCheck
	created      *result
	dossier      *dossierResult
}

type line struct {
	target, rate, achieved, p50, p99, errors, goal, met string
}

func (rp *report) add(s step, title string, r, ref result) {
	l := line{target: title, rate: rateText(s.rate, rp.workers), achieved: fmt.Sprintf("%.0f", r.rps),
		p50: ms(r.p50), p99: ms(r.p99), errors: errorText(r), goal: s.goal}
	if s.rate == 0 && s.target != "reference" && ref.rps > 0 {
		x := r.rps / ref.rps
		l.achieved += fmt.Sprintf(" (%.2f×)", x)
		rp.ratios = append(rp.ratios, fmt.Sprintf("%s at saturation / reference: %.0f / %.0f rps = %.2f", title, r.rps, ref.rps, x))
	}
	if s.met != nil {
		l.met = verdict(rp.quick, s.met(r, ref))
	}
	if s.target == "create" {
		rp.created = &r
	}
	if rp.quick && s.rate > 0 && r.errors() > 0 {
		rp.errs = append(rp.errs, fmt.Sprintf("%s at %d/s: %d errors", title, s.rate, r.errors()))
	}
	rp.lines = append(rp.lines, l)
}

// failure is what should stop CI: wrong answers, never slow ones.
func (rp *report) failure() error {
	if rp.letters != nil && rp.created != nil {
		c, r := rp.letters, rp.created
		if d := duplicates(r.nomor); d > 0 || c.duplicates > 0 {
			rp.errs = append(rp.errs, fmt.Sprintf("create surat keluar: duplicate numbers (%d in answers, %d in the register)", d, c.duplicates))
		}
		if c.rows != r.ok {
			rp.errs = append(rp.errs, fmt.Sprintf("create surat keluar: %d letters answered 201 but %d are in the register", r.ok, c.rows))
		}
	}
	if d := rp.dossier; d != nil && d.oneFailed+d.bulkFailed > 0 {
		rp.errs = append(rp.errs, fmt.Sprintf("dossier: %d of the visits' and %d of the planning dossiers failed", d.oneFailed, d.bulkFailed))
	}
	if len(rp.errs) > 0 {
		return errors.New(strings.Join(rp.errs, "; "))
	}
	return nil
}

func (rp *report) print(w io.Writer) {
	rss := line{target: "serve RSS after the run", rate: "-",
		achieved: fmt.Sprintf("%.0f MiB (peak %.0f)", mib(rp.rss), mib(rp.rssPeak)), p50: "-", p99: "-", errors: "-",
		goal: "≤ 150 MiB", met: verdict(rp.quick, rp.rss <= rssGoal)}
	if rp.letters != nil && rp.created != nil {
		for i := range rp.lines {
			if strings.HasPrefix(rp.lines[i].target, "create") {
				d := duplicates(rp.created.nomor) + rp.letters.duplicates
				ok := rp.lines[i].met == "yes" && d == 0 && rp.letters.rows == rp.created.ok
				rp.lines[i].met = verdict(rp.quick, ok)
				rp.lines[i].errors += fmt.Sprintf(", %d dup", d)
			}
		}
	}
	fmt.Fprintf(w, "\nngantor under load: %d s per step; saturation = closed loop of %d workers; data: perangkat %d, surat keluar %d rows (≥ %d and ≥ %d in every desa)\n\n",
		int(rp.duration.Seconds()), rp.workers, rp.rows.total[0], rp.rows.total[1], rp.rows.fewest[0], rp.rows.fewest[1])
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "target\trate\tachieved rps\tp50\tp99\terrors\tgoal\tmet?")
	for _, l := range append(rp.lines, rss) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", l.target, l.rate, l.achieved, l.p50, l.p99, l.errors, l.goal, l.met)
	}
	tw.Flush()
	fmt.Fprintln(w)
	for _, r := range rp.ratios {
		fmt.Fprintln(w, r)
	}
	if rp.letters != nil && rp.created != nil {
		fmt.Fprintf(w, "create surat keluar: %d answered 201 with %d distinct numbers; %d letters in the register; duplicate numbers in the register: %d\n",
			rp.created.ok, len(rp.created.nomor)-duplicates(rp.created.nomor), rp.letters.rows, rp.letters.duplicates)
	}
	if rp.dossier != nil {
		rp.dossier.print(w, rp.quick)
	}
	if rp.quick {
		fmt.Fprintln(w, "quick mode: rates and sizes are scaled down, goals are not judged")
	}
}

// tripCount is one target's PostgreSQL round trips, by statement.
type tripCount struct {
	title string
	trips map[string]int
}

func printRoundTrips(w io.Writer, rts []tripCount, n int) {
	fmt.Fprintf(w, "\nPostgreSQL round trips per request (mean of %d sequential requests; each simple query or Sync is one wait):\n\n", n)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "target\tround trips\tby statement (per request)")
	for _, rt := range rts {
		total := 0
		for _, v := range rt.trips {
			total += v
		}
		labels := slices.SortedFunc(maps.Keys(rt.trips), func(a, b string) int {
			if c := rt.trips[b] - rt.trips[a]; c != 0 {
				return c
			}
			return strings.Compare(a, b)
		})
		var parts []string
		for _, l := range labels {
			parts = append(parts, fmt.Sprintf("%s ×%s", l, perRequest(rt.trips[l], n)))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", rt.title, perRequest(total, n), strings.Join(parts, ", "))
	}
	tw.Flush()
}

func perRequest(count, n int) string {
	v := float64(count) / float64(n)
	if v == float64(int(v)) {
		return fmt.Sprintf("%d", int(v))
	}
	return fmt.Sprintf("%.2f", v)
}

func errorText(r result) string {
	if r.errors() == 0 {
		return "0"
	}
	kinds := slices.SortedFunc(maps.Keys(r.errs), func(a, b string) int { return r.errs[b] - r.errs[a] })
	top := kinds[0]
	if len(top) > 40 {
		top = top[:40] + "…"
	}
	return fmt.Sprintf("%d (%.1f%%; %s)", r.errors(), 100*float64(r.errors())/float64(max(r.requests, 1)), top)
}

func verdict(quick, ok bool) string {
	switch {
	case quick:
		return "n/a"
	case ok:
		return "yes"
	}
	return "NO"
}

func ms(d time.Duration) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }
