package httpserver

import (
	"embed"
	"html/template"
	"net/http"
	"sort"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

//go:embed assets/docs.html
var docsFS embed.FS

var docsTmpl = template.Must(template.New("docs.html").Funcs(template.FuncMap{
	"lower": strings.ToLower,
}).ParseFS(docsFS, "assets/docs.html"))

type docsOp struct {
	Method, Path, ID, Summary, Description, Permission string
	Params                                             []*huma.Param
	Body                                               string
	Responses                                          []string
}

type docsSchema struct {
	Name   string
	Fields []docsField
}

type docsField struct {
	Name, Type, Doc string
	Required        bool
}

// docs renders the OpenAPI document as one self-contained page: no script,
// no font, no request to another host — it must work on a field laptop
// behind a kabupaten proxy.
func (s *Server) docs(w http.ResponseWriter, r *http.Request) {
	oapi := s.api.OpenAPI()
	var ops []docsOp
	for path, item := range oapi.Paths {
		for method, op := range map[string]*huma.Operation{
			"GET": item.Get, "POST": item.Post, "PUT": item.Put, "PATCH": item.Patch, "DELETE": item.Delete,
		} {
			if op == nil {
				continue
			}
			d := docsOp{Method: method, Path: path, ID: op.OperationID, Summary: op.Summary, Description: op.Description, Params: op.Parameters}
			if p, ok := op.Extensions["x-permission"].(string); ok {
				d.Permission = p
			}
			if op.RequestBody != nil {
				for _, mt := range op.RequestBody.Content {
					if mt.Schema != nil {
						d.Body = schemaName(mt.Schema)
					}
				}
			}
			for code := range op.Responses {
				d.Responses = append(d.Responses, code)
			}
			sort.Strings(d.Responses)
			ops = append(ops, d)
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].Path != ops[j].Path {
			return ops[i].Path < ops[j].Path
		}
		return ops[i].Method < ops[j].Method
	})
	var schemas []docsSchema
	for name, sc := range oapi.Components.Schemas.Map() {
		if strings.HasPrefix(name, "Problem") || name == "ErrorDetail" {
			continue
		}
		ds := docsSchema{Name: name}
		req := map[string]bool{}
		for _, r := range sc.Required {
			req[r] = true
		}
		for fname, f := range sc.Properties {
			ds.Fields = append(ds.Fields, docsField{Name: fname, Type: typeName(f), Doc: f.Description, Required: req[fname]})
		}
		sort.Slice(ds.Fields, func(i, j int) bool { return ds.Fields[i].Name < ds.Fields[j].Name })
		schemas = append(schemas, ds)
	}
	sort.Slice(schemas, func(i, j int) bool { return schemas[i].Name < schemas[j].Name })
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	_ = docsTmpl.Execute(w, map[string]any{"Title": oapi.Info.Title, "Version": oapi.Info.Version, "Intro": oapi.Info.Description, "Ops": ops, "Schemas": schemas})
}

func schemaName(s *huma.Schema) string {
	if s.Ref != "" {
		return s.Ref[strings.LastIndexByte(s.Ref, '/')+1:]
	}
	return typeName(s)
}

func typeName(s *huma.Schema) string {
	if s == nil {
		return ""
	}
	if s.Ref != "" {
		return schemaName(s)
	}
	if s.Type == "array" && s.Items != nil {
		return "[]" + typeName(s.Items)
	}
	if s.Format != "" {
		return s.Type + " (" + s.Format + ")"
	}
	return s.Type
}
