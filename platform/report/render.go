package report

import "errors"

// errBelum marks renderers that are being written in parallel; this file
// is replaced by pdf.go, xlsx.go and svg.go before it lands.
var errBelum = errors.New("report: renderer not built yet")

// PDF renders d as A4 pages in the letters' typeface.
func PDF(d Document) ([]byte, error) { return nil, errBelum }

// XLSX renders d as a workbook: a sheet per table (figures and notes on a
// first "Ringkasan" sheet), numbers as numbers.
func XLSX(d Document) ([]byte, error) { return nil, errBelum }
