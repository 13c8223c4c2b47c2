package search

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
)

func TestZZBundle(t *testing.T) {
	r := api.Build(api.BuildOptions{EntryPoints: []string{filepath.Join(assetsDir(t), "cli.js")}, Bundle: true, Platform: api.PlatformNode, Format: api.FormatESModule, Target: api.ES2017})
	os.WriteFile("/tmp/cli.mjs", r.OutputFiles[0].Contents, 0o644)
}
