package report_test

import (
	"strings"
	"testing"

	"github.com/boundaryhq/boundary/rules"
	"github.com/boundaryhq/boundary/wasm/audit"
	"github.com/boundaryhq/boundary/wasm/audit/report"
)

func TestHTMLEscapesAndIsSelfContained(t *testing.T) {
	c, err := audit.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	evil := `<script>alert("x")</script>`
	rep := c.Merge([]audit.PageResult{{Page: "groups_joins", Results: []audit.Result{{
		ID: "community_groups", Status: audit.Risk, Value: "community", Severity: "medium",
		Message: c.Get("community_groups").Message, Detail: "1 of 1 listed look local: " + evil,
		Fix: "Leave " + evil + " https://www.facebook.com/groups/joins/", FixURL: "https://www.facebook.com/groups/joins/",
	}}}})
	out := string(report.HTML(c, rep, report.Options{Generated: "2025-01-02 " + evil}))
	if strings.Contains(out, "<script") {
		t.Errorf("unescaped markup in report:\n%s", out)
	}
	if !strings.Contains(out, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") {
		t.Errorf("escaped detail missing")
	}
	for _, bad := range []string{"src=", "http://", "<link", "@import", "url("} {
		if strings.Contains(out, bad) {
			t.Errorf("report is not self-contained: contains %q", bad)
		}
	}
	if !strings.Contains(out, "@media print") {
		t.Error("no print styles")
	}
	if !strings.Contains(out, `id="community_groups"`) || strings.Index(out, `id="community_groups"`) > strings.Index(out, `id="profile_locked"`) {
		t.Error("the risk should come before unknown checks of the same severity")
	}
	rep.Results[0].FixURL = "javascript:alert(1)"
	if out := string(report.HTML(c, rep, report.Options{})); strings.Contains(out, `href="javascript`) {
		t.Error("non-https fix link was written as a link")
	}
}
