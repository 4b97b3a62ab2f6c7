package sampah

// SeedDemoIuran lets the external tests load the iuran demo data.
var SeedDemoIuran = (*Module).seedDemoIuran
