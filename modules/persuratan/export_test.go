package persuratan

import "context"

// IssueLayananOn issues a service letter dated tanggal (the module dates
// them today; tests need other years).
func (m *Module) IssueLayananOn(ctx context.Context, in SuratLayananBaru, tanggal Tanggal, by string) (SuratKeluar, error) {
	desa, _, err := desaOf(ctx)
	if err != nil {
		return SuratKeluar{}, err
	}
	sig, err := m.signer(ctx, desa)
	if err != nil {
		return SuratKeluar{}, err
	}
	return m.issueLayanan(ctx, in, sig, tanggal, by)
}
