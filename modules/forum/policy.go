package forum

import "github.com/ngantor/ngantor/platform/authz"

// Permissions of the module. Nothing here is public.
var (
	// PermPanel: the comparison panel of a kecamatan or kabupaten — every
	// desa's indicator values and ranks, IDM, medians and quartiles, the
	// profile cards, the exports. Values only: no record of any desa.
	// Which indicators a user sees is still decided per indicator by its
	// own permission (indicator.Definition.Permission).
	PermPanel = authz.Permission{Object: "forum", Action: "panel"}
	// PermKomposit: naming and saving a weighted composite for the wilayah.
	PermKomposit = authz.Permission{Object: "forum", Action: "komposit"}
	// PermIDM: importing a year's IDM file and recomputing the rollups.
	PermIDM = authz.Permission{Object: "forum", Action: "idm"}
)

// Templates is the module's share of the default grants per role.
//
//   - forum_perbekel (granted at a kecamatan or the kabupaten) reads the
//     panel of its wilayah and defines composites for it.
//   - the bupati, the bupati's office, the OPD and the camat read the
//     panel; the office also defines composites and imports IDM.
//   - desa roles see nothing here: a perbekel who sits in the forum holds
//     a forum_perbekel grant as well.
func Templates() map[authz.Role][]authz.Permission {
	return map[authz.Role][]authz.Permission{
		authz.ForumPerbekel:  {PermPanel, PermKomposit},
		authz.Bupati:         {PermPanel},
		authz.AdminKabupaten: {PermPanel, PermKomposit, PermIDM},
		authz.OPD:            {PermPanel},
		authz.Camat:          {PermPanel},
	}
}
