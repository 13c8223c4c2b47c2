//go:build !pagefloor

package site

// renderPage turns a page's data into its bytes: pr.render, except in the
// benchmark build of floor.go, which defines it otherwise. release gives
// the bytes' buffer back once they are written.
func renderPage(pr *pageRenderer, pg *page) (data []byte, release func(), err error) {
	data, err = pr.render(pg)
	return data, func() { pr.pageBufs.put(data) }, err
}
