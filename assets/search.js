// The search page's script: the engine in search/ reads the index the
// build writes under search/index/ (see internal/search).
import "./search/main.js";
