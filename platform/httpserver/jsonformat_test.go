package httpserver

import (
	"bytes"
	"encoding/json"
	"math"
	"net/netip"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/ngantor/ngantor/platform/civil"
	"github.com/ngantor/ngantor/platform/tenancy"
)

// TestJSONFormatWritesWhatEncodingJSONWrites: bodies are written with
// go-json (jsonFormat) for speed; a client must not see a byte of
// difference from encoding/json with huma's settings.
func TestJSONFormatWritesWhatEncodingJSONWrites(t *testing.T) {
	type inner struct {
		A string `json:"a,omitempty"`
		B *int   `json:"b"`
	}
	type Embedded struct {
		E string `json:"e"`
	}
	type body struct {
		Embedded
		Text     string            `json:"text"`
		Empty    string            `json:"empty,omitempty"`
		Zero     time.Time         `json:"zero,omitzero"`
		When     time.Time         `json:"when"`
		Local    time.Time         `json:"local"`
		Date     civil.Date        `json:"date"`
		ID       uuid.UUID         `json:"id"`
		NoID     *uuid.UUID        `json:"no_id,omitempty"`
		Kode     tenancy.Kode      `json:"kode"`
		Addr     netip.Addr        `json:"addr"`
		Ints     []int64           `json:"ints"`
		NilSlice []string          `json:"nil_slice"`
		Bytes    []byte            `json:"bytes"`
		Map      map[string]any    `json:"map"`
		Floats   []float64         `json:"floats"`
		Inner    []inner           `json:"inner"`
		Any      any               `json:"any"`
		Raw      json.RawMessage   `json:"raw"`
		Set      map[string]string `json:"set,omitempty"`
		Bool     bool              `json:"bool"`
		Num      json.Number       `json:"num"`
		skip     string
		Dash     string `json:"-"`
		Str      int    `json:"str,string"`
	}
	seven := 7
	id := uuid.MustParse("01a23a1a-44f0-7d13-97eb-285f7b91402a")
	v := body{
		Embedded: Embedded{E: "e"},
		Text:     "Kantor <Perbekel> & \"Banjar\" \u2028\u2029 \x01 \xff ok é 日本",
		When:     time.Date(2026, 12, 3, 4, 5, 6, 123456789, time.UTC),
		Local:    time.Date(2026, 12, 3, 11, 5, 6, 0, time.FixedZone("WITA", 8*3600)),
		Date:     civil.Date("2026-12-03"),
		ID:       id,
		Kode:     "51.02.06.2001",
		Addr:     netip.MustParseAddr("10.0.0.1"),
		Ints:     []int64{0, -1, math.MaxInt64},
		Bytes:    []byte("halo"),
		Map:      map[string]any{"z": 1, "a": []any{"x", 2.5, nil, true}, "m": map[string]int{"b": 2, "a": 1}},
		Floats:   []float64{0, 1, -0.5, 1e21, 1e-7, 123456789.125, math.SmallestNonzeroFloat64, 3.14},
		Inner:    []inner{{A: "x", B: &seven}, {}},
		Any:      []string{"a"},
		Raw:      json.RawMessage(`{"x":1}`),
		Bool:     true,
		Num:      "12.50",
		skip:     "s",
		Dash:     "d",
		Str:      42,
	}
	for _, val := range []any{v, &v, []body{v, {}}, map[string]body{"k": v}, nil, "teks", 3.0} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(val); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := jsonFormat.Marshal(&got, val); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("go-json wrote\n%s\nencoding/json writes\n%s", got.String(), want.String())
		}
	}
}
