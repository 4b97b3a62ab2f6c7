package umkm

import "github.com/ngantor/ngantor/platform/gambar"

// Photos as the module keeps them: platform/gambar checks and re-encodes
// them (EXIF stripped, ≤ 1,600 px, thumbnail ≤ 320 px); the module sets
// how large an upload may be and how many photos an UMKM has.
const (
	// MaksFotoByte bounds an uploaded photo.
	MaksFotoByte = 8 << 20
	// MaksFotoUmkm is how many photos an UMKM may have.
	MaksFotoUmkm = 8
)

// fotoFieldBerkas is the API field of the uploaded file (the pages' "berkas").
const fotoFieldBerkas = gambar.FieldBerkas

// Messages of a refused upload, the same as ProsesFoto's.
const fotoPesanKosong = gambar.PesanKosong

var fotoPesanTerlaluBesar = gambar.PesanTerlaluBesar(MaksFotoByte)

// ProsesFoto checks an upload and makes its stored image and thumbnail
// (gambar.Proses at MaksFotoByte). Every refusal is an Invalid fault on
// body.berkas in Bahasa.
func ProsesFoto(b []byte) (gambar.Olahan, error) {
	return gambar.Proses(b, MaksFotoByte)
}
