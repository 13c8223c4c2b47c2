// Harness glue for Pagefind: ?q=QUERY&bundle=DIR/ (the bundle directory
// under the site's base path). Runs pagefind.search(q) and loads the data
// of the first ten results (our engine's page size), then sets
// <html data-state="first">; a click on #all loads the data of the other
// results and writes every result to #out as JSON (data-state="done").
const BASE = "{{BASE}}";
const params = new URLSearchParams(location.search);
const out = document.getElementById("out");
const state = (s) => document.documentElement.setAttribute("data-state", s);
const brief = (d) => ({
  url: d.url,
  title: d.meta && d.meta.title,
  subs: (d.sub_results || []).map((s) => s.url),
});

async function main() {
  const pagefind = await import(BASE + params.get("bundle") + "pagefind.js");
  await pagefind.options({ baseUrl: BASE });
  const search = await pagefind.search(params.get("q"));
  const results = search.results;
  const first = await Promise.all(results.slice(0, 10).map((r) => r.data()));
  out.textContent = JSON.stringify({ total: results.length, first: first.map(brief) });
  state("first");
  document.getElementById("all").addEventListener("click", async () => {
    try {
      const rest = await Promise.all(results.slice(10).map((r) => r.data()));
      out.textContent = JSON.stringify({ total: results.length, results: first.concat(rest).map(brief) });
      state("done");
    } catch (e) {
      out.textContent = JSON.stringify({ error: String(e) });
      state("error");
    }
  });
}

main().catch((e) => {
  out.textContent = JSON.stringify({ error: String(e && e.message ? e.message : e) });
  state("error");
});
