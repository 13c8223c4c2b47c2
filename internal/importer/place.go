package importer

import (
	"errors"
	"fmt"
	"regexp"

	"nianbao/internal/content"
	"nianbao/internal/region"
	"nianbao/internal/report"
)

// Written-out names when the table does not know the township: the county
// (县/区/市/旗) and the township (镇/乡/街道/苏木) as the issuer spells them.
var reWrittenTown = regexp.MustCompile(`(?:(\p{Han}{1,8}?(?:自治县|县|区|旗|市)))?(\p{Han}{1,10}?(?:镇|乡|街道|苏木))(?:人民政府|委员会|党委|党工委|办事处|工委)`)

// placeTown fills the region fields and code from the township table, trying
// the issuers first (they name the town most fully), then the title. A
// township the table does not know is kept as written, with a warning.
func placeTown(m *content.Meta, d *report.Document, t *region.Table) string {
	if t == nil {
		t = region.Default()
	}
	texts := append(append([]string{}, d.Issuers...), d.Title)
	var firstErr error
	for _, s := range texts {
		if s == "" {
			continue
		}
		town, err := t.Resolve(s)
		if err == nil {
			m.Code, m.Town, m.County = town.Code, town.Name, town.County
			m.City, m.Province = town.City, town.Province
			return ""
		}
		if firstErr == nil || errors.Is(err, region.ErrAmbiguous) && !errors.Is(firstErr, region.ErrAmbiguous) {
			firstErr = err
		}
	}
	for _, s := range texts {
		if g := reWrittenTown.FindStringSubmatch(s); g != nil {
			m.County, m.Town = g[1], g[2]
			break
		}
	}
	if firstErr == nil {
		return "no township named in the issuer or title"
	}
	if m.Town != "" {
		return fmt.Sprintf("township %s not found in the %s division table (%v); kept as written", m.Town, t.DataYear(), firstErr)
	}
	return fmt.Sprintf("township not found in the %s division table: %v", t.DataYear(), firstErr)
}
