package persuratan

// PembatalanBaru is why a letter is cancelled.
type PembatalanBaru struct {
	Alasan string `json:"alasan" doc:"Alasan pembatalan, 1–500 karakter" example:"Salah ketik nama pemohon; diganti surat baru"`
}
