package content

import "nianbao/internal/report"

// KindOf classifies a top-level heading into a section kind by keyword (see
// DOMAIN.md): towns word their headings differently, so matching is never by
// exact string. The rules live with the report parser, which classifies
// imported reports the same way.
func KindOf(heading string) string { return report.SectionKind(heading, 0) }

// KindOfIn classifies a heading of a report about year: a heading naming a
// later year ("四、2022年推进法治政府建设的工作举措" in a report on 2021) is the
// plan for that year whatever its other words say.
func KindOfIn(heading string, year int) string { return report.SectionKind(heading, year) }
