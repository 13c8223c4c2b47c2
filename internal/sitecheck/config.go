package sitecheck

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// siteYAML is the part of site.yaml the checks need. It is read here rather
// than through internal/site so that the checks stay a leaf package, and
// without KnownFields: site.yaml belongs to the build.
type siteYAML struct {
	BaseURL string `yaml:"base_url"`
	Portal  struct {
		URL string `yaml:"url"`
	} `yaml:"portal"`
	ICPURL      string `yaml:"icp_url"`
	PSBURL      string `yaml:"psb_url"`
	DataLicense struct {
		URL string `yaml:"url"`
	} `yaml:"data_license"`
}

// ReportPages matches the site path of a report page, towns/{code}/{year}/
// in internal/site/urls.go.
var ReportPages = regexp.MustCompile(`^towns/[^/]+/\d{4}/index\.html$`)

// OptionsFromSiteYAML derives the options for a site built with a site.yaml:
// the base path and origin of base_url, and as allowed origins those of
// the host portal (portal.url) and of the filing links the footer must
// carry (icp_url, psb_url). basePath, when not empty, overrides the path of
// base_url as the build's -base-path flag does.
func OptionsFromSiteYAML(name string, data []byte, basePath string) (Options, error) {
	var y siteYAML
	if err := yaml.Unmarshal(data, &y); err != nil {
		return Options{}, fmt.Errorf("%s: %w", name, err)
	}
	o, err := NewOptions(y.BaseURL, basePath, y.Portal.URL, y.ICPURL, y.PSBURL, y.DataLicense.URL)
	if err != nil {
		return Options{}, fmt.Errorf("%s: %w", name, err)
	}
	return o, nil
}

// NewOptions derives the options for a site whose home page is baseURL:
// its origin and path, report pages as article pages, and as allowed
// origins those of the other URLs given (the host portal, the filing
// links; empty ones are skipped). basePath, when not empty, overrides the
// path of baseURL as the build's -base-path flag does.
func NewOptions(baseURL, basePath string, allowed ...string) (Options, error) {
	u, err := url.Parse(baseURL)
	if err != nil || u.Host == "" {
		return Options{}, fmt.Errorf("base_url %q is not an absolute URL", baseURL)
	}
	o := Options{
		BasePath:     u.Path,
		Origin:       u.Scheme + "://" + u.Host,
		ArticlePages: ReportPages,
	}
	if basePath != "" {
		o.BasePath = basePath
	}
	for _, raw := range allowed {
		if strings.TrimSpace(raw) == "" {
			continue
		}
		a, err := url.Parse(raw)
		if err != nil || a.Host == "" {
			return Options{}, fmt.Errorf("%q is not an absolute URL", raw)
		}
		if origin := a.Scheme + "://" + a.Host; origin != o.Origin {
			o.AllowedOrigins = append(o.AllowedOrigins, origin)
		} else {
			o.AllowedPaths = append(o.AllowedPaths, "/"+strings.TrimPrefix(a.Path, "/"))
		}
	}
	return o, nil
}
