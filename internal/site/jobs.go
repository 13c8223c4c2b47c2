package site

import (
	"fmt"
	"io/fs"

	"nianbao/internal/assets"
	"nianbao/internal/output"
	"nianbao/internal/workers"
)

// job is one file of the site: a page, a file made from the model (open
// data, feed, robots.txt), an asset, or a copy of a report's Markdown or
// source file. It names what the file shows (town, report, region, year,
// comparison), which both makes the file and tells an incremental build
// whether the file may have changed (affected, in deps.go).
//
// A national site has 1.7 million jobs, all listed before the first is run,
// so a job holds only what running it and planning it need: a few hundred
// megabytes went to fields most jobs leave empty.
type job struct {
	kind     string // the file's category in the summary; for a page, its kind
	file     string // site-relative output file
	sitePath string // a page's site path: the start of file, sharing its bytes
	unlisted bool   // a page left out of the sitemap
	// dated says the page shows a date of its own (what it shows); a page
	// without one shows the site's newest date. Pages that list the whole
	// site have none.
	dated bool

	town    *Town
	report  *Report
	region  *Region
	year    int
	section string // the section kind of a town's comparison
	yk      *YearKind
	cp      *ComparePage
	cy      *CountyYear

	copy *copyJob // a file copied as it is, or an asset
}

// copyJob is what a job that copies a file, or writes an asset, needs.
type copyJob struct {
	data []byte // an asset
	from fs.FS  // a copy: from and src
	src  string
}

// Kinds of file that are not pages.
const (
	fileMarkdown = "markdown"
	fileSource   = "source"
	fileText     = "source-text" // the UTF-8 copy of a text original
	fileAsset    = "asset"
	fileOpenData = "open-data"
	fileFeed     = "feed"
	fileRobots   = "robots"
)

func (j *job) isPage() bool { return j.sitePath != "" || j.kind == kindHome }

// lastmod is a page's date in the sitemap: the newest date of the site, of
// a town's latest report or of a report; "" for other pages. It is worked
// out when the sitemap is made, not held by every job.
func (j *job) lastmod(s *Site) string {
	switch j.kind {
	case kindHome:
		return s.Updated.String()
	case kindTown:
		return j.town.Reports[len(j.town.Reports)-1].Newest().String()
	case kindReport:
		return j.report.Newest().String()
	}
	return ""
}

// jobs lists every file of the site in a fixed order, which is the order
// of the sitemap.
func (b *builder) jobs() []job {
	s := b.site
	// The towns' files, most of the site's, are counted first, so that
	// each town's are listed where they go, by several workers at once:
	// one after the other, listing 140,000 jobs took a fifth of a second
	// of adding a report to 20,000, most of it the memory of the list
	// being handed over by the system page by page. The list is allocated
	// at its exact size: a job is about 140 bytes.
	at := make([]int, len(s.Towns)+1)
	at[0] = 1 // the home page
	for i, t := range s.Towns {
		at[i+1] = at[i] + townJobCount(t)
	}
	// Then the regions and years, the comparison index, the search, data,
	// repeated-text and 404 pages, the assets, three open data files, the
	// feed and robots.txt; with the figures, their pages and three more
	// open data files; and the year comparisons, below.
	n := at[len(s.Towns)] + len(s.Regions) + len(s.Years) + 1 + 4 + len(b.bundle.Files) + 3 + 2
	if withFeature(featureFigures) {
		n += len(s.CountyYears) + 3
	}
	for _, yk := range s.YearKinds {
		n += len(yk.Pages)
		if yk.Split {
			n++
		}
	}
	jobs := make([]job, at[len(s.Towns)], n)
	jobs[0] = withFile(job{kind: kindHome, sitePath: pathHome})
	workers.Each(len(s.Towns), b.workers, func(i int) {
		if got := b.townJobs(s.Towns[i], jobs[at[i]:at[i]:at[i+1]]); len(got) != at[i+1]-at[i] {
			panic(fmt.Sprintf("internal error: town %s has %d files, counted %d", s.Towns[i].Code, len(got), at[i+1]-at[i]))
		}
	})
	add := func(j job) { jobs = append(jobs, withFile(j)) }
	for _, r := range s.Regions {
		add(job{kind: kindRegion, sitePath: regionPath(r.Code), dated: r.updated.valid, region: r})
	}
	if withFeature(featureFigures) {
		for _, cy := range s.CountyYears {
			add(job{kind: kindFigures, sitePath: figuresPath(cy.County.Code, cy.Year), dated: cy.updated.valid, region: cy.County, year: cy.Year, cy: cy})
		}
	}
	for _, y := range s.Years {
		add(job{kind: kindYear, sitePath: yearPath(y), dated: s.yearUpdated[y].valid, year: y})
	}
	add(job{kind: kindCompareIndex, sitePath: pathCompare})
	for _, yk := range s.YearKinds {
		if yk.Split {
			add(job{kind: kindCompareSplit, sitePath: compareYearKindPath(yk.Year, yk.Kind), dated: yk.updated.valid, yk: yk})
		}
		for _, cp := range yk.Pages {
			add(job{kind: kindCompareYear, sitePath: b.pages.comparePagePath(cp), dated: cp.updated.valid, yk: yk, cp: cp})
		}
	}
	add(job{kind: kindSearch, sitePath: pathSearch})
	add(job{kind: kindData, sitePath: pathData})
	add(job{kind: kindRepeated, sitePath: pathRepeated})
	add(job{kind: kindNotFound, sitePath: pathNotFound, unlisted: true})
	for _, f := range b.bundle.Files {
		add(job{kind: fileAsset, file: f.Path, copy: &copyJob{data: f.Data}})
	}
	add(job{kind: fileOpenData, file: pathJSON})
	add(job{kind: fileOpenData, file: pathCSV})
	add(job{kind: fileOpenData, file: pathCSVW})
	if withFeature(featureFigures) {
		add(job{kind: fileOpenData, file: pathFiguresCSV})
		add(job{kind: fileOpenData, file: pathFiguresJSON})
		add(job{kind: fileOpenData, file: pathFiguresCSVW})
	}
	add(job{kind: fileFeed, file: pathFeed})
	add(job{kind: fileRobots, file: pathRobots})
	return jobs
}

// townJobs appends to list the files of town t: its page, each report's
// page, Markdown and originals, and its comparison and changes pages.
// townJobCount counts them.
func (b *builder) townJobs(t *Town, list []job) []job {
	add := func(j job) { list = append(list, withFile(j)) }
	last := t.Reports[len(t.Reports)-1].Newest()
	add(job{kind: kindTown, sitePath: townPath(t.Code), dated: last.valid, town: t})
	for _, r := range t.Reports {
		add(job{kind: kindReport, sitePath: reportPath(t.Code, r.Year), dated: r.Newest().valid, town: t, report: r})
		add(job{kind: fileMarkdown, file: reportMarkdownPath(t.Code, r.Year), town: t, copy: &copyJob{from: b.cfg.Content, src: r.entry.Name}})
		if r.Source != "" {
			add(job{kind: fileSource, file: reportSourcePath(t.Code, r.Year, r.Source), town: t, copy: &copyJob{from: b.cfg.Root, src: r.Source}})
			if textOriginal(r.Source) {
				add(job{kind: fileText, file: reportTextPath(t.Code, r.Year), town: t, copy: &copyJob{src: r.Source}})
			}
		}
	}
	for _, kind := range t.Kinds {
		add(job{kind: kindCompareTown, sitePath: townKindPath(t.Code, kind), dated: t.updated.valid, town: t, section: kind})
	}
	if withFeature(featureChanges) {
		for i := 1; i < len(t.Reports); i++ {
			r, prev := t.Reports[i], t.Reports[i-1]
			add(job{kind: kindChanges, sitePath: changesPath(t.Code, r.Year), dated: later(prev.Newest(), r.Newest()).valid, town: t, report: r})
		}
	}
	for _, y := range t.PlanYears {
		add(job{kind: kindComparePlan, sitePath: planPath(t.Code, y), dated: later(t.Report(y).Newest(), t.Report(y+1).Newest()).valid, town: t, year: y})
	}
	return list
}

// townJobCount is how many files townJobs lists for t.
func townJobCount(t *Town) int {
	n := 1 + len(t.Kinds) + len(t.PlanYears)
	for _, r := range t.Reports {
		n += 2
		if r.Source != "" {
			n++
			if textOriginal(r.Source) {
				n++
			}
		}
	}
	if withFeature(featureChanges) && len(t.Reports) > 1 {
		n += len(t.Reports) - 1
	}
	return n
}

// withFile gives a page's job its output file. The site path is kept as
// the start of the file's name, so that a page's job holds one string, not
// two.
func withFile(j job) job {
	if j.file == "" {
		j.file = outputFile(j.sitePath)
		j.sitePath = j.file[:len(j.sitePath)]
	}
	return j
}

// page makes a page job's data, with its kind's maker (kindRules).
func (b *builder) page(j *job) (*page, error) {
	if mk := kindRules[j.kind].page; mk != nil {
		return mk(b.pages, j)
	}
	return nil, fmt.Errorf("internal error: no page of kind %s", j.kind)
}

// run makes job i's file and queues it for writing.
func (b *builder) run(i int, j *job) error {
	if j.isPage() {
		pg, err := b.page(j)
		if err != nil {
			return err
		}
		if pg.Path != j.sitePath || pg.Kind != j.kind {
			return fmt.Errorf("internal error: page %s (%s) made for %s (%s)", pg.Path, pg.Kind, j.sitePath, j.kind)
		}
		data, release, err := renderPage(b.renderer, pg)
		if err != nil {
			return err
		}
		b.out.Send(output.Req{Idx: i, Kind: j.kind, Name: j.file, Data: data, Release: release})
		return nil
	}
	var data []byte
	var err error
	switch {
	case j.copy != nil && j.copy.from != nil:
		b.out.Send(output.Req{Idx: i, Kind: j.kind, Name: j.file, From: j.copy.from, Src: j.copy.src})
		return nil
	case j.kind == fileAsset:
		data = j.copy.data
	case j.kind == fileText:
		data, err = utf8Copy(b.cfg.Root, j.copy.src)
	case j.file == pathCSVW:
		data, err = b.pages.csvMetadata()
	case j.file == pathFiguresCSVW:
		data, err = b.pages.csvMetadataFor("figures.csv", b.pages.set.Name+"：各报告中的数字", figureFields())
	case j.file == pathJSON || j.file == pathCSV || j.file == pathFiguresCSV || j.file == pathFiguresJSON:
		gen := map[string]func() ([]output.Piece, error){
			pathJSON: b.pages.reportsJSON, pathCSV: b.pages.reportsCSV,
			pathFiguresJSON: b.pages.figuresJSON, pathFiguresCSV: b.pages.figuresCSV,
		}[j.file]
		pieces, err := gen()
		if err != nil {
			return fmt.Errorf("%s: %w", j.file, err)
		}
		b.out.Send(output.Req{Idx: i, Kind: j.kind, Name: j.file, Pieces: pieces})
		return nil
	case j.kind == fileFeed:
		if data, err = b.pages.feed(); err == nil {
			data, err = b.min.Bytes(assets.XML, data)
		}
	case j.kind == fileRobots:
		data = b.pages.robots()
	default:
		err = fmt.Errorf("internal error: no file of kind %s", j.kind)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", j.file, err)
	}
	b.out.Send(output.Req{Idx: i, Kind: j.kind, Name: j.file, Data: data})
	return nil
}
