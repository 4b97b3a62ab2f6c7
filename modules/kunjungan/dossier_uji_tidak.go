//go:build !dossieruji

package kunjungan

// susunUji: only a binary built with -tags dossieruji has a test document.
func susunUji() dokumenFunc { return nil }
