package importer

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"nianbao/internal/region"
)

func TestZZResolve(t *testing.T) {
	for _, s := range strings.Split(os.Getenv("NAMES"), ",") {
		town, err := region.Default().Resolve(s)
		fmt.Println(s, "=>", town.Code, town.FullName(), err)
	}
}
