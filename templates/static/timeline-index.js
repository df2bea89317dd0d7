/* The timeline's front page. The timeline used to be one page, so links to it may name an event
   (timeline/#event-slug-2) or a year (timeline/#y2025): find the page that lists it now and go
   there, asking the small lookup file (timeline/events.json) only when a link names an event.
   Without JavaScript the page lists every year, so a reader can still find the event. Filters
   in the address (?entity=…&tag=…) are carried into the links to each year. */
(() => {
  "use strict";
  const status = document.getElementById("timeline-lookup");
  if (!status) return;
  const SECTIONS = { undated: "undated" }; // "#open-start" is a section of this page still
  const query = location.search;

  function go(section, hash) {
    const link = document.querySelector(`a[data-section="${CSS.escape(section)}"]`);
    if (link) location.replace(new URL(link.getAttribute("href"), location.href).pathname + query + hash);
  }

  if (query) {
    for (const a of document.querySelectorAll("a[data-section]")) {
      const target = new URL(a.href);
      target.search = query;
      a.href = target.href;
    }
  }
  const id = decodeURIComponent(location.hash.slice(1));
  const year = /^y(\d{4})$/.exec(id);
  const event = /^event-(.+)-(\d+)$/.exec(id);
  if (year) go(year[1], "");
  else if (SECTIONS[id]) go(SECTIONS[id], "");
  else if (event) {
    fetch(status.dataset.lookup)
      .then((response) => (response.ok ? response.json() : {}))
      .then((pages) => {
        const section = (pages[event[1]] || [])[Number(event[2]) - 1];
        if (section) go(section, location.hash);
      })
      .catch(() => {});
  }
})();
