package importer

import "nianbao/internal/diag"

// Problem is an error or warning about one file, with the source line it
// concerns when there is one: the project's one diagnostic.
type Problem = diag.Diagnostic
