/* Briefing search: the header box on every page and the search page.
   Pagefind's index (pagefind/ at the site root) is loaded only when a reader starts to search,
   so a page view costs nothing for it. Without JavaScript the header form still submits to the
   search page, which says what to use instead. Its words come from the page (#ui-text), in
   the site's language. */
(() => {
  "use strict";
  const root = new URL("../", document.currentScript.src); // this file is assets/search.js
  const TEXT = JSON.parse(document.getElementById("ui-text").textContent);
  const fill = (message, values) => message.replace(/\{(\w+)\}/g, (_, name) =>
    typeof values[name] === "number" ? values[name].toLocaleString(document.documentElement.lang) : values[name],
  );
  const KINDS = Object.fromEntries(
    ["brief", "person", "organization", "place", "event", "programme", "other"].map((k) => [k, TEXT[k]]),
  );
  let loading = null;

  /* The index may come in shards (pagefind/shards.json lists them): the first is loaded as
     Pagefind's own and the others merged into it, so one search covers them all. */
  function loadPagefind() {
    if (!loading) {
      const bundle = new URL("pagefind/", root);
      const options = { baseUrl: root.pathname, excerptLength: 24 };
      loading = fetch(new URL("shards.json", bundle))
        .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.status))))
        .then(async ({ shards }) => {
          const [first, ...others] = shards.map((shard) => new URL(shard.path, bundle));
          const pagefind = await import(new URL("pagefind.js", first).href);
          await pagefind.options(options);
          for (const shard of others) await pagefind.mergeIndex(shard.pathname, options);
          await pagefind.init();
          return pagefind;
        });
      loading.catch(() => {}); // reported where a search awaits it
    }
    return loading;
  }

  function unavailable() {
    if (location.protocol === "file:") {
      return TEXT.file;
    }
    return TEXT.noIndex;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  /* Pagefind's excerpt is HTML with <mark>; keep only its text and the marks. */
  function excerpt(html) {
    const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body;
    const out = el("p", { class: "search-excerpt" });
    for (const node of parsed.firstChild ? parsed.firstChild.childNodes : []) {
      out.append(node.nodeName === "MARK" ? el("mark", {}, node.textContent) : node.textContent);
    }
    return out;
  }

  function resultItem(data) {
    const meta = data.meta || {};
    const facts = [KINDS[meta.kind], meta.date].filter(Boolean);
    return el(
      "li",
      { class: "search-result" },
      el("a", { href: data.url }, meta.title || data.url),
      facts.length ? el("span", { class: "meta" }, " · " + facts.join(" · ")) : "",
      excerpt(data.excerpt || ""),
    );
  }

  async function runSearch(query, debounce) {
    const pagefind = await loadPagefind();
    return debounce ? pagefind.debouncedSearch(query, {}, 200) : pagefind.search(query);
  }


  /* The header box: up to six results under it, then a link to all of them. */
  function headerBox(form) {
    const input = form.querySelector("input[type=search]");
    const popup = form.querySelector(".search-popup");
    let status = null; // the live region, added on first focus so a page view costs nothing
    const prepare = () => {
      if (!status) form.append((status = el("p", { class: "visually-hidden", role: "status" })));
    };
    const announce = (text) => {
      prepare();
      status.textContent = text;
    };
    const close = () => { popup.hidden = true; };
    const open = () => { popup.hidden = false; };

    input.addEventListener("focus", () => { prepare(); loadPagefind(); }, { once: true });
    let dismissed = false;
    input.addEventListener("input", async () => {
      dismissed = false;
      const query = input.value.trim();
      if (!query) { close(); announce(""); return; }
      let found;
      try {
        found = await runSearch(query, true);
      } catch {
        popup.replaceChildren(el("p", { class: "search-note" }, unavailable()));
        open();
        return;
      }
      if (found === null || input.value.trim() !== query) return; // a newer search is on its way
      const shown = await Promise.all(found.results.slice(0, 6).map((r) => r.data()));
      const all = new URL(form.action);
      all.searchParams.set("q", query);
      popup.replaceChildren(
        shown.length
          ? el("ol", { class: "search-results" }, ...shown.map(resultItem))
          : el("p", { class: "search-note" }, fill(TEXT.nothing, { query })),
        found.results.length > shown.length
          ? el("p", { class: "search-more" }, el("a", { href: all.href }, fill(TEXT.allResults, { count: found.results.length })))
          : "",
      );
      announce(fill(TEXT.results, { query, count: found.results.length }));
      open();
    });

    const links = () => [...popup.querySelectorAll("a")];
    form.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !popup.hidden) {
        event.preventDefault(); // the first Escape closes the results; the next clears the box
        close();
        dismissed = true;
        input.focus();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        const items = links();
        if (popup.hidden || !items.length) return;
        const at = items.indexOf(document.activeElement);
        const next = event.key === "ArrowDown" ? at + 1 : at - 1;
        event.preventDefault();
        (next < 0 ? input : items[Math.min(next, items.length - 1)]).focus();
      }
    });
    form.addEventListener("focusout", (event) => {
      if (!form.contains(event.relatedTarget)) close();
    });
    input.addEventListener("focus", () => {
      if (!dismissed && input.value.trim() && popup.childNodes.length) open();
    });
  }

  /* The search page: every result, twenty at a time, with the query and kind in the URL. */
  function searchPage(form) {
    const input = form.querySelector("input[name=q]");
    const kind = form.querySelector("select[name=kind]");
    const status = document.getElementById("search-status");
    const list = document.getElementById("search-results");
    const more = document.getElementById("search-more");
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    if (kind && params.get("kind") in KINDS) kind.value = params.get("kind");
    let results = [];
    let next = 0; // the next result to look at
    let shown = 0;

    /* Twenty more results of the chosen kind. A result's kind is in its data (Pagefind's own
       filters would make the index differ from build to build), so data is read in batches. */
    async function showMore() {
      const wanted = kind && kind.value;
      const current = results;
      const batch = [];
      while (next < current.length && batch.length < 20) {
        const page = await Promise.all(current.slice(next, next + 20).map((r) => r.data()));
        if (current !== results) return 0; // a newer search replaced these
        next += page.length;
        batch.push(...page.filter((data) => !wanted || (data.meta || {}).kind === wanted));
      }
      shown += batch.length;
      list.append(...batch.map(resultItem));
      more.hidden = next >= results.length;
      return batch.length;
    }

    async function update(debounce) {
      const query = input.value.trim();
      const url = new URL(location.href);
      url.search = "";
      if (query) url.searchParams.set("q", query);
      if (kind && kind.value) url.searchParams.set("kind", kind.value);
      history.replaceState(null, "", url);
      if (!query) {
        list.replaceChildren();
        more.hidden = true;
        status.textContent = TEXT.typeSomething;
        return;
      }
      let found;
      try {
        found = await runSearch(query, debounce);
      } catch {
        status.textContent = unavailable();
        return;
      }
      if (found === null) return;
      results = found.results;
      next = shown = 0;
      list.replaceChildren();
      await showMore();
      if (found.results !== results) return;
      if (!shown) {
        status.textContent = fill(TEXT.nothingPage, { query });
      } else if (kind && kind.value) {
        status.textContent = fill(more.hidden ? TEXT.results : TEXT.resultsMore, { query, count: shown });
      } else {
        status.textContent = fill(TEXT.results, { query, count: results.length });
      }
    }

    form.addEventListener("submit", (event) => { event.preventDefault(); update(false); });
    input.addEventListener("input", () => update(true));
    if (kind) kind.addEventListener("change", () => update(false));
    more.addEventListener("click", showMore);
    loadPagefind();
    update(false);
  }

  for (const form of document.querySelectorAll("form[data-search-box]")) headerBox(form);
  for (const form of document.querySelectorAll("form[data-search-page]")) searchPage(form);
})();
