package httpserver

import (
	"sync"

	"github.com/danielgtaylor/huma/v2/validation"
)

// huma checks a request against its schema before any handler runs, and
// words what it found in English ("expected string to be RFC 3339 date").
// Those words reach the user in problem+json's errors[].message, so they
// are set once, here, to Bahasa Indonesia. The verbs (%v, %d, %s) stay in
// the same order as huma's, which fills them in.
var bahasaOnce sync.Once

func useBahasaValidation() {
	bahasaOnce.Do(func() {
		validation.MsgUnexpectedProperty = "isian ini tidak dikenal"
		validation.MsgExpectedRFC3339DateTime = "harus tanggal dan waktu RFC 3339, mis. 2026-01-31T08:00:00+08:00"
		validation.MsgExpectedRFC1123DateTime = "harus tanggal dan waktu RFC 1123"
		validation.MsgExpectedRFC3339Date = "harus tanggal yang ditulis TTTT-BB-HH, mis. 2026-01-31"
		validation.MsgExpectedRFC3339Time = "harus waktu RFC 3339, mis. 08:00:00+08:00"
		validation.MsgExpectedRFC5322Email = "harus alamat surel yang sah: %v"
		validation.MsgExpectedRFC5890Hostname = "harus nama host yang sah"
		validation.MsgExpectedRFC2673IPv4 = "harus alamat IPv4 yang sah"
		validation.MsgExpectedRFC2373IPv6 = "harus alamat IPv6 yang sah"
		validation.MsgExpectedRFCIPAddr = "harus alamat IPv4 atau IPv6 yang sah"
		validation.MsgExpectedRFC3986URI = "harus URI yang sah: %v"
		validation.MsgExpectedRFC4122UUID = "harus UUID yang sah: %v"
		validation.MsgExpectedRFC6570URITemplate = "harus templat URI yang sah"
		validation.MsgExpectedRFC6901JSONPointer = "harus JSON pointer yang sah"
		validation.MsgExpectedRFC6901RelativeJSONPointer = "harus JSON pointer relatif yang sah"
		validation.MsgExpectedRegexp = "harus ekspresi reguler yang sah: %v"
		validation.MsgExpectedMatchAtLeastOneSchema = "tidak cocok dengan bentuk mana pun yang diterima"
		validation.MsgExpectedMatchExactlyOneSchema = "harus cocok dengan tepat satu bentuk yang diterima"
		validation.MsgExpectedNotMatchSchema = "bentuk isian ini tidak diterima"
		validation.MsgExpectedPropertyNameInObject = "nama isian yang diharapkan tidak ada"
		validation.MsgExpectedBoolean = "harus true atau false"
		validation.MsgExpectedDuration = "harus lama waktu yang sah: %v"
		validation.MsgExpectedNumber = "harus angka"
		validation.MsgExpectedInteger = "harus bilangan bulat"
		validation.MsgExpectedString = "harus teks"
		validation.MsgExpectedBase64String = "harus teks base64"
		validation.MsgExpectedArray = "harus daftar"
		validation.MsgExpectedObject = "harus objek"
		validation.MsgExpectedArrayItemsUnique = "isi daftar tidak boleh berulang"
		validation.MsgExpectedOneOf = "harus salah satu dari \"%s\""
		validation.MsgExpectedMinimumNumber = "paling kecil %v"
		validation.MsgExpectedExclusiveMinimumNumber = "harus lebih dari %v"
		validation.MsgExpectedMaximumNumber = "paling besar %v"
		validation.MsgExpectedExclusiveMaximumNumber = "harus kurang dari %v"
		validation.MsgExpectedNumberBeMultipleOf = "harus kelipatan %v"
		validation.MsgExpectedMinLength = "paling sedikit %d karakter"
		validation.MsgExpectedMaxLength = "paling banyak %d karakter"
		validation.MsgExpectedBePattern = "harus %s"
		validation.MsgExpectedMatchPattern = "harus cocok dengan pola %s"
		validation.MsgExpectedMinItems = "paling sedikit %d butir"
		validation.MsgExpectedMaxItems = "paling banyak %d butir"
		validation.MsgExpectedMinProperties = "paling sedikit %d isian"
		validation.MsgExpectedMaxProperties = "paling banyak %d isian"
		validation.MsgExpectedRequiredProperty = "isian %s wajib ada"
		validation.MsgExpectedDependentRequiredProperty = "isian %s wajib ada bila %s diisi"
	})
}
