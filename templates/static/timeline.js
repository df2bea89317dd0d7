/* Timeline filters: entity type, entity, tag and year, kept in the URL (?type=person&year=2025)
   so a filtered view can be shared. Each event carries what it is filtered on in data-*
   attributes and filtering only toggles `hidden`: nothing is re-rendered, so it stays fast with
   thousands of events. Nothing is read from the page until a reader uses the filters (or opens
   a filtered URL), so a page view costs nothing. Without JavaScript the form stays hidden
   (style.css shows it only under html.js) and the full list shows. The timeline has a page a
   year: links to the other pages carry the filters, so a filtered view follows a reader from
   year to year. */
(() => {
  "use strict";
  const form = document.getElementById("timeline-filters");
  if (!form) return;
  const FIELDS = ["type", "entity", "tag", "year"];
  const status = document.getElementById("timeline-status");
  const entityInput = form.elements.entity;
  const text = JSON.parse(document.getElementById("ui-text").textContent);
  const fill = (message, values) => message.replace(/\{(\w+)\}/g, (_, name) =>
    typeof values[name] === "number" ? values[name].toLocaleString(document.documentElement.lang) : values[name],
  );
  let index = null;

  /* Every event with what it is filtered on, and entity names from the links the events show. */
  function buildIndex() {
    const names = new Map();
    for (const chip of document.querySelectorAll(".timeline .chip")) {
      const id = chip.getAttribute("href").split("/").filter(Boolean).pop();
      if (!names.has(id)) names.set(id, chip.textContent);
    }
    const sections = [...document.querySelectorAll(".timeline-section")];
    const events = [];
    for (const section of sections) {
      for (const li of section.querySelectorAll("li.event")) {
        const data = li.dataset;
        events.push({
          li,
          section,
          year: data.year.split(" "),
          type: data.type.split(" "),
          entity: data.entity.split(" ").filter(Boolean),
          tag: data.tag.split(" "),
        });
      }
    }
    const idByName = new Map([...names].map(([id, name]) => [name.toLowerCase(), id]));
    return { names, idByName, sections, events };
  }

  function ready() {
    if (!index) index = buildIndex();
    return index;
  }

  /* The entity box takes a name (or an id, from a shared URL); other text matches names in part. */
  function entityTest(text) {
    const { names, idByName } = ready();
    const wanted = text.trim().toLowerCase();
    if (!wanted) return null;
    const id = names.has(text.trim()) ? text.trim() : idByName.get(wanted);
    if (id) return (e) => e.entity.includes(id);
    return (e) => e.entity.some((i) => (names.get(i) || i).toLowerCase().includes(wanted));
  }

  function chosen() {
    const values = {};
    for (const name of FIELDS) values[name] = form.elements[name].value.trim();
    return values;
  }

  function apply() {
    const { events, sections, idByName } = ready();
    const values = chosen();
    const byEntity = entityTest(values.entity);
    let shown = 0;
    const open = new Set();
    for (const e of events) {
      const keep =
        (!values.type || e.type.includes(values.type)) &&
        (!values.tag || e.tag.includes(values.tag)) &&
        (!values.year || e.year.includes(values.year)) &&
        (!byEntity || byEntity(e));
      if (e.li.hidden === keep) e.li.hidden = !keep;
      if (keep) {
        shown += 1;
        open.add(e.section);
      }
    }
    for (const section of sections) {
      const hide = !open.has(section);
      if (section.hidden !== hide) section.hidden = hide;
    }
    const filtered = FIELDS.some((name) => values[name]);
    status.textContent = filtered
      ? fill(text.showing, { shown, total: events.length }) + (shown ? "" : ` ${text.showingNone}`)
      : "";
    const url = new URL(location.href);
    for (const name of FIELDS) {
      let value = values[name];
      if (name === "entity" && idByName.has(value.toLowerCase())) value = idByName.get(value.toLowerCase());
      if (value) url.searchParams.set(name, value);
      else url.searchParams.delete(name);
    }
    if (url.href !== location.href) history.replaceState(null, "", url);
    carryFilters(url.searchParams);
  }

  /* The other timeline pages open with the same filters (but their own years). */
  function carryFilters(params) {
    const carried = new URLSearchParams(params);
    carried.delete("year");
    const query = carried.toString();
    for (const a of document.querySelectorAll(".jump a[data-section]")) {
      const target = new URL(a.href);
      target.search = query;
      a.href = target.href;
    }
  }

  /* An event permalink always shows its event: clear filters that hide it, then go to it. */
  function revealTarget(scroll) {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target || !target.classList.contains("event")) return;
    if (target.hidden || target.closest("section").hidden) {
      for (const name of FIELDS) form.elements[name].value = "";
      apply();
      scroll = true;
    }
    if (scroll === true) target.scrollIntoView({ block: "start" });
  }

  let listed = false;
  entityInput.addEventListener("focus", () => {
    if (listed) return;
    listed = true;
    const names = [...ready().names.values()].sort((a, b) => a.localeCompare(b));
    document.getElementById("filter-entity-names").append(...names.map((name) => new Option(name)));
  });
  let timer = 0;
  form.addEventListener("input", (event) => {
    clearTimeout(timer);
    timer = setTimeout(apply, event.target === entityInput ? 150 : 0);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  form.addEventListener("reset", () => setTimeout(apply));
  window.addEventListener("hashchange", revealTarget);

  const params = new URLSearchParams(location.search);
  if (FIELDS.some((name) => params.get(name))) {
    for (const name of FIELDS) {
      const value = params.get(name) || "";
      const names = ready().names;
      form.elements[name].value = name === "entity" && names.has(value) ? names.get(value) : value;
    }
    apply();
    revealTarget(true); // the filters moved it after the browser scrolled to it
  } else if (location.hash) {
    // Events off screen are laid out only when near (style.css), at an estimated height until
    // then: once those around the target have their real height, scroll to it again.
    requestAnimationFrame(() => requestAnimationFrame(() => revealTarget(true)));
  }
})();
