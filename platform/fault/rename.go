package fault

// RenameFields returns err with every field it names — its own and each
// of its Fields — passed through rename, e.g. to name a service's bare
// field "jumlah" the way an API body does ("body.jumlah"). An error that
// is no fault, or a fault that is neither Invalid nor names a field, is
// returned as is; err itself is not changed. Empty names stay empty.
func RenameFields(err error, rename func(string) string) error {
	f, ok := As(err)
	if !ok || (f.Code != Invalid && f.Field == "") {
		return err
	}
	one := func(e *Error) *Error {
		c := *e
		if c.Field != "" {
			c.Field = rename(c.Field)
		}
		return &c
	}
	g := one(f)
	if f.Fields != nil {
		g.Fields = make([]*Error, len(f.Fields))
		for i, fe := range f.Fields {
			g.Fields[i] = one(fe)
		}
	}
	return g
}

// BodyFields names the fields of a refusal the way an API body does:
// "jumlah" becomes "body.jumlah" (RenameFields).
func BodyFields(err error) error {
	return RenameFields(err, func(s string) string { return "body." + s })
}
