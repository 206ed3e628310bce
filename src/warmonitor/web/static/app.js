// The map page: events on an offline map, a timeline of events per day, a list, and one
// event's evidence with its review form. Filters update the map, the timeline and the list
// together. Everything shown is built from text nodes (textContent), never from HTML strings:
// an article may say anything.
"use strict";

(function () {
  const COLOURS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2471a3",
    "Riots": "#148f77",
    "Strategic developments": "#707b7c",
  };
  const LIST_PAGE = 50;
  // The map shows at most this many events, the newest: a browser draws a few thousand
  // markers well, not a million. The timeline counts every matching event on the server.
  const MAP_LIMIT = 5000;
  const TOKEN_KEY = "warmonitor-token";

  const $ = (id) => document.getElementById(id);
  const filtersForm = $("filters");
  const statusLine = $("status");
  const list = $("event-list");
  const moreButton = $("more");
  const view = $("event-view");
  const reviewForm = $("review-form");
  let nextPage = null;
  let shownEventId = null;

  // -- the map ---------------------------------------------------------------------------

  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([30, 30], 3);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Basemap: Natural Earth");
  const markers = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 30 });
  map.addLayer(markers);

  fetch("/basemap.geojson")
    .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
    .then((countries) => {
      L.geoJSON(countries, {
        interactive: false,
        style: { color: "#9a9a9a", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
      }).addTo(map).bringToBack();
    })
    .catch(() => say("The basemap could not be loaded; events are still shown."));

  function radius(fatalities) {
    return 5 + 2.5 * Math.sqrt(Math.max(0, fatalities || 0));
  }

  function drawMarkers(features) {
    markers.clearLayers();
    const layers = [];
    for (const feature of features) {
      const [lon, lat] = feature.geometry.coordinates;
      const p = feature.properties;
      const colour = COLOURS[p.event_type] || "#333333";
      const marker = L.circleMarker([lat, lon], {
        radius: radius(p.fatalities),
        color: "#222222",
        weight: 1,
        fillColor: colour,
        fillOpacity: 0.8,
        className: "event-marker",
      });
      marker.bindTooltip(textElement("span", `${p.event_date || "undated"} · ${p.sub_event_type} · ${p.location}` +
        (p.fatalities ? ` · ${p.fatalities} killed` : "")));
      marker.on("click", () => showEvent(p.event_id));
      layers.push(marker);
    }
    markers.addLayers(layers);
    if (layers.length) {
      map.fitBounds(markers.getBounds(), { maxZoom: 8, padding: [20, 20] });
    }
  }

  function drawLegend() {
    const legend = $("legend");
    for (const [type, colour] of Object.entries(COLOURS)) {
      const item = document.createElement("span");
      const swatch = svgElement("svg", { width: 12, height: 12, class: "swatch" });
      swatch.appendChild(svgElement("circle", { cx: 6, cy: 6, r: 5, fill: colour }));
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(" " + type));
      legend.appendChild(item);
    }
    legend.appendChild(textElement("span", "Size: fatalities"));
  }

  // -- the timeline ----------------------------------------------------------------------

  function drawTimeline(counts) {
    const svg = $("timeline");
    svg.replaceChildren();
    const perDay = new Map(counts.map((row) => [row.day, row.events]));
    const days = [...perDay.keys()].sort();
    if (!days.length) return;
    const first = Date.parse(days[0]);
    const span = Math.round((Date.parse(days[days.length - 1]) - first) / 86400000) + 1;
    const width = svg.clientWidth || 600;
    const height = 80;
    const most = Math.max(...perDay.values());
    const barWidth = Math.max(2, width / span - 1);
    svg.setAttribute("viewBox", `0 0 ${width} ${height + 14}`);
    for (const day of days) {
      const offset = Math.round((Date.parse(day) - first) / 86400000);
      const count = perDay.get(day);
      const barHeight = Math.max(2, (count / most) * height);
      const bar = svgElement("rect", {
        x: (offset * width) / span,
        y: height - barHeight,
        width: barWidth,
        height: barHeight,
        class: "day",
        "data-day": day,
      });
      const title = svgElement("title", {});
      title.textContent = `${day}: ${count} event${count === 1 ? "" : "s"}`;
      bar.appendChild(title);
      bar.addEventListener("click", () => {
        filtersForm.elements.since.value = day;
        filtersForm.elements.until.value = day;
        reload();
      });
      svg.appendChild(bar);
    }
    const label = (x, text, anchor) => {
      const t = svgElement("text", { x, y: height + 12, "text-anchor": anchor, class: "axis" });
      t.textContent = text;
      svg.appendChild(t);
    };
    label(0, days[0], "start");
    if (days.length > 1) label(width, days[days.length - 1], "end");
  }

  // -- the list --------------------------------------------------------------------------

  function listItem(event) {
    const item = document.createElement("li");
    item.className = "event-item";
    item.dataset.eventId = event.event_id;
    const button = document.createElement("button");
    button.type = "button";
    const killed = (event.figures || [])
      .filter((f) => f.kind === "killed" && f.best !== null)
      .reduce((most, f) => Math.max(most, f.best), 0);
    const actors = [event.actor1, event.actor2].filter(Boolean).map((a) => a.name).join(" vs ");
    button.appendChild(textElement("span", event.date && event.date.start ? event.date.start : "undated", "when"));
    button.appendChild(textElement("strong", ` ${event.sub_event_type}`));
    button.appendChild(textElement("span", event.location ? ` · ${event.location.name}` : " · (no place)"));
    if (actors) button.appendChild(textElement("span", ` · ${actors}`, "actors"));
    if (killed) button.appendChild(textElement("span", ` · ${killed} killed`, "killed"));
    if (event.review_status !== "unreviewed") {
      button.appendChild(textElement("span", ` ${event.review_status}`, `status ${event.review_status}`));
    }
    button.addEventListener("click", () => showEvent(event.event_id));
    item.appendChild(button);
    return item;
  }

  async function loadList(params, append) {
    const query = new URLSearchParams(params);
    query.set("limit", LIST_PAGE);
    query.set("fields", "event_id,sub_event_type,date,location,actor1,actor2,figures,review_status");
    if (append && nextPage) query.set("page", nextPage);
    const body = await getJSON("/api/events?" + query);
    if (!append) list.replaceChildren();
    for (const event of body.events) list.appendChild(listItem(event));
    nextPage = body.next;
    moreButton.hidden = !nextPage;
    return body.count;
  }

  // -- loading with the filters ----------------------------------------------------------

  function currentFilters() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(filtersForm)) {
      if (String(value).trim()) params.set(name, String(value).trim());
    }
    return params;
  }

  async function reload() {
    const params = currentFilters();
    say("Loading…");
    try {
      const mapped = new URLSearchParams(params);
      mapped.set("limit", MAP_LIMIT);
      const [collection, timeline] = await Promise.all([
        getJSON("/api/events.geojson?" + mapped),
        getJSON("/api/timeline?" + params),
      ]);
      drawMarkers(collection.features);
      drawTimeline(timeline.days);
      const listed = await loadList(params, false);
      const more = nextPage ? "+" : "";
      const capped = collection.features.length >= MAP_LIMIT ? " (the newest; narrow the filters for others)" : "";
      say(`${collection.features.length} events on the map${capped}; ${listed}${more} listed.`);
    } catch (error) {
      say(String(error.message || error));
    }
  }

  // -- one event -------------------------------------------------------------------------

  async function showEvent(eventId) {
    try {
      const event = await getJSON("/api/events/" + encodeURIComponent(eventId));
      const article = await getJSON("/api/articles/" + encodeURIComponent(event.article_id));
      shownEventId = event.event_id;
      renderEvent(event, article);
      view.hidden = false;
      document.body.classList.add("viewing");
      view.scrollIntoView({ block: "start" });
    } catch (error) {
      say(String(error.message || error));
    }
  }

  function renderEvent(event, article) {
    $("event-title").textContent = `${event.event_type} — ${event.sub_event_type}`;
    const facts = $("event-facts");
    facts.replaceChildren();
    const fact = (name, value) => {
      if (value === null || value === undefined || value === "") return;
      facts.appendChild(textElement("dt", name));
      facts.appendChild(textElement("dd", String(value)));
    };
    const date = event.date;
    fact("Date", date ? `${date.start || "?"}${date.end && date.end !== date.start ? " to " + date.end : ""} (precision ${date.precision})` : "not found in the report");
    const place = event.location;
    if (place) {
      fact("Place", `${place.name}${place.sub_place ? ", " + place.sub_place : ""}` +
        `${place.admin1 ? " (" + place.admin1 + ")" : ""} ${place.country_code || ""} · precision ${place.precision}`);
    }
    fact("Actor 1", event.actor1 && `${event.actor1.name}${event.actor1.type ? " (" + event.actor1.type + ")" : ""}`);
    fact("Actor 2", event.actor2 && `${event.actor2.name}${event.actor2.type ? " (" + event.actor2.type + ")" : ""}`);
    fact("According to", event.according_to && `${event.according_to.name} (${event.according_to.type || "source"})`);
    fact("Modality", event.modality);
    for (const figure of event.figures || []) {
      const range = figure.low === figure.high || figure.high === null
        ? `${figure.best}${figure.high === null && figure.approximate ? "+" : ""}`
        : `${figure.best} (${figure.low}–${figure.high})`;
      const who = figure.who ? ` ${figure.who}` : "";
      const claimant = figure.according_to ? `, according to ${figure.according_to.name}` : "";
      fact(`Figure: ${figure.kind}`, `${range}${who}${claimant}`);
    }
    fact("Independent sources", event.independent_sources);
    fact("Review status", event.review_status);
    if (event.reviewed_fields && event.reviewed_fields.length) {
      fact("Corrected by an analyst", event.reviewed_fields.join(", "));
    }
    renderArticle(article.text, event);
    const reports = $("reports");
    reports.replaceChildren();
    for (const report of event.reports) {
      const item = document.createElement("li");
      const label = [report.outlet || report.agency || "report", report.published].filter(Boolean).join(", ");
      if (report.url && /^https?:\/\//i.test(report.url)) {
        const link = textElement("a", label);
        link.href = report.url;
        link.rel = "noopener noreferrer";
        link.target = "_blank";
        item.appendChild(link);
      } else {
        item.appendChild(textElement("span", label));
      }
      if (report.figures.length) {
        item.appendChild(textElement("span", " — " + report.figures.map((f) => `${f.kind} ${f.best}`).join(", ")));
      }
      if (report.sentence) item.appendChild(textElement("q", report.sentence.text, "report-sentence"));
      reports.appendChild(item);
    }
    const history = $("review-history");
    history.replaceChildren();
    for (const review of event.reviews) {
      const changes = review.changes ? " " + JSON.stringify(review.changes) : "";
      const note = review.note ? ` — “${review.note}”` : "";
      history.appendChild(textElement("li", `${review.created_at} ${review.user}: ${review.action}${changes}${note}`));
    }
    if (!event.reviews.length) history.appendChild(textElement("li", "not reviewed yet"));
    $("review-status").textContent = "";
  }

  // The article's text with the event's evidence marked: actors, place, figures, claimants,
  // the date and the trigger; the event's sentence is shaded.
  function renderArticle(text, event) {
    const reading = event.machine || event; // offsets come from the machine's reading
    const spans = [];
    const add = (item, kind) => {
      if (item && Number.isInteger(item.start) && Number.isInteger(item.end) && item.end > item.start) {
        spans.push({ start: item.start, end: item.end, kind });
      }
    };
    add(reading.trigger, "trigger");
    add(reading.actor1, "actor");
    add(reading.actor2, "actor");
    add(reading.location, "place");
    add(reading.according_to, "claimant");
    for (const figure of reading.figures || []) {
      add(figure, "figure");
      add(figure.according_to, "claimant");
    }
    const sentence = reading.sentence;
    if (reading.date && reading.date.text) {
      const at = text.indexOf(reading.date.text, sentence.start);
      if (at >= 0 && at < sentence.end) add({ start: at, end: at + reading.date.text.length }, "when");
    }
    const cuts = new Set([0, text.length, sentence.start, sentence.end]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].filter((n) => n >= 0 && n <= text.length).sort((a, b) => a - b);
    const box = $("article-text");
    box.replaceChildren();
    let sentenceNode = null;
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      if (a === b) continue;
      const covering = spans.find((s) => s.start <= a && b <= s.end);
      const piece = covering ? textElement("mark", text.slice(a, b), covering.kind) : document.createTextNode(text.slice(a, b));
      const inSentence = sentence.start <= a && b <= sentence.end;
      if (inSentence) {
        if (!sentenceNode) {
          sentenceNode = textElement("span", "", "sentence");
          box.appendChild(sentenceNode);
        }
        sentenceNode.appendChild(piece);
      } else {
        box.appendChild(piece);
      }
    }
    if (sentenceNode) sentenceNode.scrollIntoView({ block: "nearest" });
  }

  // -- review ----------------------------------------------------------------------------

  function corrections(form) {
    const value = (name) => String(form.elements[name].value || "").trim();
    const changes = {};
    if (value("event_type")) changes.event_type = value("event_type");
    if (value("sub_event_type")) changes.sub_event_type = value("sub_event_type");
    if (value("place_name")) {
      changes.location = { name: value("place_name"), lat: Number(value("lat")), lon: Number(value("lon")) };
      if (value("place_country")) changes.location.country_code = value("place_country");
    }
    if (value("date_start")) {
      changes.date = { start: value("date_start") };
      if (value("date_end")) changes.date.end = value("date_end");
    }
    const figures = [];
    for (const kind of ["killed", "wounded"]) {
      if (value(kind) !== "") figures.push({ kind, best: Number(value(kind)) });
    }
    if (figures.length) changes.figures = figures;
    return changes;
  }

  reviewForm.addEventListener("submit", async (submitted) => {
    submitted.preventDefault();
    const action = reviewForm.elements.action.value;
    const body = { event_id: shownEventId, action };
    if (action === "correct") body.changes = corrections(reviewForm);
    const note = reviewForm.elements.note.value.trim();
    if (note) body.note = note;
    const status = $("review-status");
    status.textContent = "Saving…";
    try {
      const response = await fetch("/api/reviews", {
        method: "POST",
        headers: { "Content-Type": "application/json", ...authorization() },
        body: JSON.stringify(body),
      });
      const answer = await response.json();
      if (!response.ok) throw new Error(answer.error || `error ${response.status}`);
      for (const field of reviewForm.querySelectorAll("#corrections input, #corrections select, textarea")) {
        field.value = "";
      }
      const keep = shownEventId;
      await reload();
      await showEvent(keep);
      $("review-status").textContent = `Saved: ${answer.review.action} by ${answer.review.user}.`;
    } catch (error) {
      status.textContent = String(error.message || error);
    }
  });

  // -- helpers ---------------------------------------------------------------------------

  // The token signed in with (for reviews, and for reads on a server that asks for one) lives
  // in this tab's session storage only.
  function authorization() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json", ...authorization() } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const hint = response.status === 401 ? " Sign in with your token above." : "";
      throw new Error((body.error || `error ${response.status}`) + hint);
    }
    return body;
  }

  function textElement(tag, text, className) {
    const element = document.createElement(tag);
    element.textContent = text;
    if (className) element.className = className;
    return element;
  }

  function svgElement(tag, attributes) {
    const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    return element;
  }

  function say(message) {
    statusLine.textContent = message;
  }

  const signIn = $("sign-in");
  signIn.elements.token.value = sessionStorage.getItem(TOKEN_KEY) || "";
  signIn.addEventListener("submit", (submitted) => {
    submitted.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, signIn.elements.token.value.trim());
    reload();
  });
  filtersForm.addEventListener("submit", (submitted) => {
    submitted.preventDefault();
    reload();
  });
  filtersForm.addEventListener("reset", () => setTimeout(reload, 0));
  moreButton.addEventListener("click", () => loadList(currentFilters(), true));
  $("close-event").addEventListener("click", () => {
    view.hidden = true;
    document.body.classList.remove("viewing");
  });

  drawLegend();
  reload();
})();
