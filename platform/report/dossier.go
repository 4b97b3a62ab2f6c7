package report

// Audience is whom a field-visit dossier is put together for: the bupati,
// or one perangkat daerah (OPD) by its code. A module's DossierSection may
// choose what to stress for an OPD; it never shows a reader more than the
// reader's role may see.
type Audience struct {
	Bupati bool
	OPD    string // the OPD's code when Bupati is false, e.g. "DPMD"
}
