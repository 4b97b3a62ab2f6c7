package keuangan

import (
	"context"

	"github.com/uptrace/bun"
)

// HasilAturan is one rule of the year checked against an APBDes: shown as
// met or not met, with the numbers behind it, on the APBDes and evaluation
// pages.
type HasilAturan struct {
	Kode      string `json:"kode"`
	Nama      string `json:"nama"`
	Sumber    string `json:"sumber" doc:"Dasar hukum aturan"`
	Batas     string `json:"batas" doc:"Batas aturan, misalnya paling banyak 30% belanja"`
	Nilai     string `json:"nilai" doc:"Nilai pada APBDes ini, misalnya 27,4% (Rp 412.000.000)"`
	Terpenuhi bool   `json:"terpenuhi"`
	Catatan   string `json:"catatan,omitempty"`
}

// CekAturan checks the rules in force for the desa in ctx and tahun against
// lines. (Part evaluasi replaces this placeholder with the rules kept as
// data; until it lands no rule is reported — never a rule invented.)
func (m *Module) CekAturan(ctx context.Context, idb bun.IDB, tahun int, lines []Baris) ([]HasilAturan, error) {
	return nil, nil
}
