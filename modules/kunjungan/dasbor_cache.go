package kunjungan

// The providers' answers for a wilayah are kept for a minute
// (indicator.Cache): the dashboards are opened by many at the start of a
// working day, and the dossiers of a visit or a bulk run ask the same
// question one after another.

// indikatorParalel bounds the providers one dashboard asks at a time.
const indikatorParalel = 3
