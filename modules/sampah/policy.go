package sampah

import "github.com/ngantor/ngantor/platform/authz"

// Templates is the module's share of the default grants per role. No role
// holds a sampah permission yet: they join with the operations that
// declare them (perbekel and sekdes manage; a new operator role for TPS3R
// and bank sampah staff enters setoran and logs and sees no other module;
// DLH and the camat read; the forum sees aggregates).
func Templates() map[authz.Role][]authz.Permission {
	return map[authz.Role][]authz.Permission{}
}
