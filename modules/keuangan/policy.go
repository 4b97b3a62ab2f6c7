package keuangan

import "github.com/ngantor/ngantor/platform/authz"

// Templates is the module's share of the default grants per role. The
// reference lists are read with a session alone (authz.SessionSelf): they
// are national and hold nothing of any desa. No role holds a keuangan
// permission yet; the APBDes permissions (kaur keuangan, sekdes and perbekel
// write; camat evaluates; bupati, admin and OPD read; forum perbekel
// aggregates) join here with the operations that declare them.
func Templates() map[authz.Role][]authz.Permission {
	return map[authz.Role][]authz.Permission{}
}
