// newsgraph's reader: a small hash-routed app over the public JSON API only, so it doubles
// as the reference client. API data is always put in the page as text nodes (never as
// HTML), and offsets are requested in UTF-16 units so they index JavaScript strings exactly.

const main = document.getElementById("main");
const KINDS = ["person", "organization", "location", "nationality", "date", "quantity"];

class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : `HTTP ${status}`);
    this.status = status;
  }
}

async function api(path, options = {}) {
  const r = await fetch(path, options);
  const type = r.headers.get("content-type") || "";
  const body = type.includes("json") ? await r.json() : await r.text();
  if (!r.ok) throw new ApiError(r.status, body);
  return body;
}

// el("p", {class: "x"}, "text", child...) -> element; strings become text nodes.
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function show(...nodes) {
  main.replaceChildren(...nodes);
  main.focus();
}

function failure(err) {
  show(el("p", { class: "error", role: "alert" }, err.message || String(err)));
}

// ------------------------------------------------------------------ articles list

async function listArticles(params) {
  const q = params.get("q") || "";
  const query = new URLSearchParams({ limit: "20" });
  if (q) query.set("q", q);
  if (params.get("cursor")) query.set("cursor", params.get("cursor"));
  const page = await api(`/v1/articles?${query}`);
  const form = el("form", { class: "search", role: "search",
                            onsubmit: (ev) => {
                              ev.preventDefault();
                              const v = form.querySelector("input").value.trim();
                              location.hash = v ? `#/?q=${encodeURIComponent(v)}` : "#/";
                            } },
    el("label", { for: "q" }, "Search articles"),
    el("input", { id: "q", type: "search", value: q, placeholder: "words, \"a phrase\", name*" }),
    el("button", { type: "submit" }, "Search"));
  const items = page.data.map((a) => el("li", {},
    el("a", { href: `#/articles/${a.id}` }, a.title || `Article ${a.id}`),
    el("div", { class: "meta" },
       [a.source, a.author, a.published_at].filter(Boolean).join(" · "),
       ` — ${a.counts.entities} entities, ${a.counts.statements} statements`)));
  const pager = el("nav", { class: "pager", "aria-label": "Pages" });
  if (params.get("cursor")) pager.append(el("a", { href: q ? `#/?q=${encodeURIComponent(q)}` : "#/" }, "First page"));
  if (page.next) {
    const next = new URL(page.next, location.origin).searchParams.get("cursor");
    const p = new URLSearchParams({ cursor: next });
    if (q) p.set("q", q);
    pager.append(el("a", { href: `#/?${p}` }, "Next page"));
  }
  show(el("h1", {}, q ? `Articles matching “${q}”` : "Articles"), form,
       items.length ? el("ul", { class: "articles" }, items)
                    : el("p", {}, q ? "No article matches." : "No articles yet. ",
                         q ? "" : el("a", { href: "#/new" }, "Add one.")),
       pager);
}

// ------------------------------------------------------------------ one article

// Text of body[a, b) with the mentions inside it as links to their entities.
function appendText(parent, body, a, b, mentions) {
  let pos = a;
  for (const m of mentions) {
    if (m.end <= a || m.start >= b || m.start < pos) continue;
    if (m.start > pos) parent.append(body.slice(pos, m.start));
    const e = Math.min(m.end, b);
    parent.append(el("a", { class: `ent ent-${m.kind}`, href: `#/entities/${m.entity.id}`,
                            "data-kind": m.kind,
                            title: `${m.entity.name} (${m.kind})` }, body.slice(m.start, e)));
    pos = e;
  }
  if (pos < b) parent.append(body.slice(pos, b));
}

function speakerLabel(st) {
  return st.speaker.name || st.speaker.text || "unknown speaker";
}

function renderBody(art) {
  const body = art.body;
  const mentions = [];
  for (const e of art.entities) for (const m of e.mentions) mentions.push({ ...m, kind: e.kind, entity: e });
  mentions.sort((x, y) => x.start - y.start || y.end - x.end);
  // quotations (or whole statements without one), first come first served on overlaps
  const spans = art.statements
    .map((s) => ({ st: s, start: s.quote_start ?? s.start, end: s.quote_end ?? s.end }))
    .sort((x, y) => x.start - y.start);
  const container = el("div", { class: "body" });
  let lineStart = 0;
  for (const line of body.split("\n")) {
    const ps = lineStart, pe = lineStart + line.length;
    lineStart = pe + 1;
    if (!line.trim()) continue;
    const p = el("p");
    let pos = ps;
    for (const s of spans) {
      if (s.end <= pos || s.start >= pe || s.start < ps) continue;
      appendText(p, body, pos, s.start, mentions);
      // the quotation leads to its statement in the panel, and from there to the speaker
      const goToStatement = () => {
        const item = document.getElementById(`item-${s.st.id}`);
        if (!item) return;
        item.scrollIntoView({ behavior: "smooth", block: "nearest" });
        const who = item.querySelector(".who");
        if (who) who.focus();
        item.classList.add("flash");
        setTimeout(() => item.classList.remove("flash"), 1500);
      };
      const q = el("span", { class: "quote", id: `st-${s.st.id}`, tabindex: "0", role: "link",
                             title: `${s.st.kind} statement by ${speakerLabel(s.st)}`,
                             "aria-label": `Quotation by ${speakerLabel(s.st)}: show the statement`,
                             onclick: goToStatement,
                             onkeydown: (ev) => { if (ev.key === "Enter") goToStatement(); } });
      appendText(q, body, s.start, Math.min(s.end, pe), mentions);
      p.append(q);
      pos = Math.min(s.end, pe);
    }
    appendText(p, body, pos, pe, mentions);
    container.append(p);
  }
  return container;
}

function statementItem(st, { withArticle = false } = {}) {
  const who = st.speaker.entity_id
    ? el("a", { class: "who", href: `#/entities/${st.speaker.entity_id}` }, speakerLabel(st))
    : el("span", { class: "who", tabindex: "-1" }, speakerLabel(st));
  const jump = withArticle
    ? el("a", { href: `#/articles/${st.article_id}` }, "in its article")
    : el("button", { class: "link", type: "button",
                     onclick: () => {
                       const target = document.getElementById(`st-${st.id}`);
                       if (!target) return;
                       target.scrollIntoView({ behavior: "smooth", block: "center" });
                       target.focus();
                       target.classList.add("flash");
                       setTimeout(() => target.classList.remove("flash"), 1500);
                     } }, "Show in text");
  return el("li", { class: "statement", id: `item-${st.id}`, "data-speaker": speakerLabel(st) },
    who, st.cue ? ` ${st.cue}` : "", el("span", { class: "kind" }, st.kind),
    el("blockquote", {}, st.content), jump);
}

function legend() {
  return el("ul", { class: "legend", "aria-label": "Entity kinds" },
    KINDS.map((k) => el("li", {}, el("span", { class: `ent-${k}` }, k))));
}

async function showArticle(id) {
  const { article: art } = await api(`/v1/articles/${encodeURIComponent(id)}?include=entities,statements&offsets=utf16`);
  const meta = [art.source, art.author, art.published_at].filter(Boolean).join(" · ");
  show(el("article", {},
    el("h1", {}, art.title || `Article ${art.id}`),
    meta ? el("p", { class: "meta" }, meta) : null,
    legend(),
    el("div", { class: "layout" },
      renderBody(art),
      el("aside", { class: "statements", "aria-labelledby": "st-head" },
        el("h2", { id: "st-head" }, `Statements (${art.statements.length})`),
        art.statements.length
          ? el("ol", { class: "statement-list" }, art.statements.map((s) => statementItem(s)))
          : el("p", {}, "No statements found.")))));
}

// ------------------------------------------------------------------ one entity

async function showEntity(id) {
  // the entity with the articles it appears in and the entities most often beside it
  const { entity: e, articles, cooccurring } = await api(`/v1/entities/${encodeURIComponent(id)}`);
  const [said, about] = await Promise.all([
    api(`/v1/entities/${e.id}/statements?limit=50`),
    api(`/v1/statements?about=${e.id}&limit=50`),
  ]);
  const others = about.data.filter((s) => s.speaker.entity_id !== e.id);
  show(el("h1", {}, e.name, " ", el("span", { class: `kind ent-${e.kind}` }, e.kind)),
    el("dl", { class: "facts" },
      el("dt", {}, "Also written"), el("dd", {}, e.aliases.length ? e.aliases.join(", ") : "—"),
      el("dt", {}, "Titles"), el("dd", {}, e.titles.length ? e.titles.join(", ") : "—"),
      e.value ? [el("dt", {}, "Value"), el("dd", {}, [e.qualifier, e.value].filter(Boolean).join(" "))] : null,
      el("dt", {}, "Mentions"), el("dd", {}, `${e.counts.mentions} in ${e.counts.articles} article(s)`)),
    el("h2", {}, "Articles"),
    el("ul", { class: "articles" }, articles.map((a) =>
      el("li", {}, el("a", { href: `#/articles/${a.id}` }, a.title || `Article ${a.id}`),
        ` — ${a.mentions} mention${a.mentions === 1 ? "" : "s"}`,
        a.published_at ? `, ${a.published_at}` : ""))),
    el("h2", {}, "Often beside it"),
    cooccurring.length
      ? el("ul", { class: "cooccurring" }, cooccurring.map((c) =>
          el("li", {}, el("a", { class: `ent ent-${c.kind}`, href: `#/entities/${c.id}` }, c.name),
            ` (${c.kind}, ${c.shared_articles} article${c.shared_articles === 1 ? "" : "s"})`)))
      : el("p", {}, "Alone so far."),
    el("h2", {}, `What ${e.name} said`),
    said.data.length ? el("ol", { class: "statement-list" }, said.data.map((s) => statementItem(s, { withArticle: true })))
                     : el("p", {}, "Nothing attributed."),
    el("h2", {}, `What others said about ${e.name}`),
    others.length ? el("ol", { class: "statement-list" }, others.map((s) => statementItem(s, { withArticle: true })))
                  : el("p", {}, "Nothing found."));
}

// ------------------------------------------------------------------ ingest

function newArticle() {
  const status = el("p", { role: "status", "aria-live": "polite" });
  const key = el("input", { id: "key", type: "password", autocomplete: "off",
                            value: sessionStorage.getItem("newsgraph-key") || "" });
  const text = el("textarea", { id: "text", required: true,
                                placeholder: "Title line\n\nFirst paragraph…\n\nSecond paragraph…" });
  const file = el("input", { id: "file", type: "file", accept: ".txt,text/plain",
                             onchange: async () => { if (file.files[0]) text.value = await file.files[0].text(); } });
  const form = el("form", { class: "ingest", onsubmit: async (ev) => {
      ev.preventDefault();
      status.textContent = "Extracting…";
      const headers = { "Content-Type": "text/plain; charset=utf-8" };
      if (key.value) {
        headers.Authorization = `Bearer ${key.value}`;
        sessionStorage.setItem("newsgraph-key", key.value);
      }
      try {
        const r = await api("/v1/articles", { method: "POST", headers, body: text.value });
        location.hash = `#/articles/${r.article.id}`;
      } catch (err) {
        status.textContent = err.status === 401 ? "The API key is missing or wrong." : err.message;
        status.className = "error";
      }
    } },
    el("label", { for: "text" }, "Article text (title on the first line)"), text,
    el("label", { for: "file" }, "…or a text file"), file,
    el("label", { for: "key" }, "API key (only when the server requires one)"), key,
    el("button", { type: "submit" }, "Ingest"), status);
  show(el("h1", {}, "Add an article"), form);
}

// ------------------------------------------------------------------ routing

async function route() {
  const hash = location.hash.slice(1) || "/";
  const [path, query] = hash.split("?");
  const params = new URLSearchParams(query || "");
  const parts = path.split("/").filter(Boolean);
  try {
    if (parts.length === 0) await listArticles(params);
    else if (parts[0] === "articles" && parts[1]) await showArticle(parts[1]);
    else if (parts[0] === "entities" && parts[1]) await showEntity(parts[1]);
    else if (parts[0] === "new") newArticle();
    else show(el("p", { class: "error" }, "No such page."));
  } catch (err) {
    failure(err);
  }
}

window.addEventListener("hashchange", route);
route();
