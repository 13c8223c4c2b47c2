//go:build pagefloor

package site

// Built with -tags pagefloor (bench/compare.sh -floor), the program writes
// every page as the same block of bytes instead of executing its template
// and minifying it. Everything else is as in a real build: reading and
// rendering the reports, the model, the page data, the search index,
// every other file, and the writes. Its time is the floor under the real
// build's that no faster page rendering can go below. The block is the
// size of the average page of the 20,000-report benchmark site, all its
// features built (79,621 pages, 2,301 million bytes), so that the bytes
// written stay the same; the pages have grown with the site, and a smaller
// block made the floor lower than it is. This build is for measuring only:
// its pages are not HTML.

const floorPageSize = 28905

var floorPage = func() []byte {
	b := make([]byte, floorPageSize)
	for i := range b {
		b[i] = 'x'
	}
	return b
}()

// renderPage writes the same block for every page in this build; it is
// never given back, every page having it.
func renderPage(*pageRenderer, *page) ([]byte, func(), error) { return floorPage, nil, nil }
