//go:build !pagefloor

package site

// renderPage turns a page's data into its bytes: pr.render, except in the
// benchmark build of floor.go, which defines it otherwise.
func renderPage(pr *pageRenderer, pg *page) ([]byte, error) { return pr.render(pg) }
