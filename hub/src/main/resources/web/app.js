// Skerry hub console: a thin client of the REST API (/api/v1), no build step, no dependencies.
"use strict";

const TOKEN_KEY = "skerry.token";
const REFRESH_MS = 3000;
const $ = (id) => document.getElementById(id);
let selected = null;       // deployment shown in detail
let selectedDevice = null; // device shown in detail
let deviceCursor = null;   // continue token of the device list
let timer = null;

const ROLES = ["viewer", "operator", "admin"];
let role = null;           // the signed-in role, from /whoami

// A stored token (pasted, or #token= in the URL) is sent as a bearer token; without one the
// session cookie from the password sign-in is used, and writes carry X-Skerry-Csrf.
function token() {
  const fromHash = new URLSearchParams(location.hash.replace(/^#[^?]*\??/, "")).get("token");
  if (fromHash) {
    localStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, "", location.pathname + "#" + currentTab());
  }
  return localStorage.getItem(TOKEN_KEY);
}

function currentTab() {
  const tab = location.hash.replace(/^#/, "").split("?")[0];
  return ["devices", "deployments", "apply"].includes(tab) ? tab : "deployments";
}

async function api(method, path, body, contentType) {
  const headers = { "X-Skerry-Actor": "web console", "X-Skerry-Csrf": "1" };
  if (token()) headers["Authorization"] = "Bearer " + token();
  if (body !== undefined) headers["Content-Type"] = contentType || "application/json";
  const r = await fetch("/api/v1" + path, { method, headers, body });
  const text = await r.text();
  const json = text ? JSON.parse(text) : {};
  if (r.status === 401) {
    showLogin(token() ? "The hub refused the token." : "Sign in.");
    throw new Error("unauthorized");
  }
  if (r.status === 403 && json.error && json.error.required) {
    throw new Error("This needs the role " + json.error.required + "; you are " + role + ".");
  }
  if (!r.ok) {
    const e = json.error || {};
    const details = (e.details || []).map((d) => "\n  " + d).join("");
    throw new Error((e.message || r.statusText) + details);
  }
  return json;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === "") continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

const stateSpan = (s) => el("span", { class: "state state-" + s }, s);
const ago = (iso) => {
  if (!iso) return "never";
  const s = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (s < 60) return s + " s ago";
  if (s < 3600) return Math.round(s / 60) + " min ago";
  if (s < 86400) return Math.round(s / 3600) + " h ago";
  return Math.round(s / 86400) + " d ago";
};
const labels = (m) => Object.entries(m || {}).map(([k, v]) => el("span", { class: "label" }, k + "=" + v));

function selectorText(sel) {
  if (!sel) return "";
  const parts = Object.entries(sel.matchLabels || {}).map(([k, v]) => k + "=" + v);
  for (const x of sel.matchExpressions || []) {
    parts.push(x.key + " " + x.operator + (x.values ? " (" + x.values.join(", ") + ")" : ""));
  }
  return parts.length ? parts.join(", ") : "every device";
}

function showError(e) {
  $("error").textContent = e ? String(e.message || e) : "";
}

// ---- devices ----
async function loadDevices(append) {
  const q = new URLSearchParams({ limit: "100" });
  if ($("selector").value.trim()) q.set("labelSelector", $("selector").value.trim());
  if ($("state").value) q.set("state", $("state").value);
  if (append && deviceCursor) q.set("continue", deviceCursor);
  const page = await api("GET", "/devices?" + q);
  const rows = $("device-rows");
  if (!append) rows.replaceChildren();
  for (const d of page.items) {
    const wl = (d.workloads || []).map((w) =>
      el("div", {}, w.name + " r" + w.revision + " ", stateSpan(w.state),
        w.health && w.health !== "unknown" ? [" ", stateSpan(w.health)] : "",
        w.failedRevision ? " (rolled back from r" + w.failedRevision + ")" : "",
        w.message ? el("div", { class: "muted" }, w.message) : null));
    for (const v of d.volumes || []) {
      const mib = (b) => Math.round(b / 1048576);
      wl.push(el("div", { class: "muted" }, "volume " + v.name + ": " +
        (v.usedBytes == null ? "not mounted" : mib(v.usedBytes) + " MiB used") +
        " of " + mib(v.sizeBytes) + " MiB"));
    }
    rows.append(el("tr", { class: "clickable", "data-device": d.id,
      onclick: () => { selectedDevice = d.id; $("revoke-result").textContent = ""; loadDevice().catch(showError); } },
      el("td", {}, d.id, el("div", { class: "muted" }, d.agentVersion || "")),
      el("td", {}, stateSpan(d.online ? "online" : "offline")),
      el("td", {}, ...labels(d.labels)),
      el("td", {}, "applied " + d.appliedRevision + " / desired " + d.desiredRevision),
      el("td", {}, wl),
      el("td", {}, ago(d.lastSeen))));
  }
  deviceCursor = page.continue || null;
  $("more-devices").hidden = !deviceCursor;
  $("device-count").textContent = rows.children.length + " shown" + (deviceCursor ? ", more…" : "");
  if (selectedDevice) await loadDevice();
}

// The device's identity (GET /devices/{id}/identity, 404 when it never enrolled) and the Revoke action.
async function loadDevice() {
  const id = selectedDevice;
  let identity = null;
  try {
    identity = await api("GET", "/devices/" + encodeURIComponent(id) + "/identity");
  } catch (e) {
    if (e.message === "unauthorized") throw e;
  }
  if (id !== selectedDevice) return;
  $("device-detail").hidden = false;
  $("device-name").textContent = id;
  $("device-identity").replaceChildren(...(
    !identity ? [el("span", { class: "muted" }, "no enrolled identity (not enrolled, or through an external broker)")]
    : identity.revoked ? [stateSpan("revoked"), " since " + new Date(identity.revokedAt).toLocaleString() +
        "; its certificate is refused. A new join token enrolls it again."]
    : [stateSpan("enrolled"), " certificate " + identity.serial + ", valid until " +
        new Date(identity.expiresAt).toLocaleString()]));
  $("revoke-device").disabled = !identity || identity.revoked;
}

async function revokeDevice() {
  const id = selectedDevice;
  if (!id) return;
  if (!confirm("Revoke device " + id + "? It is disconnected at once and its certificate is refused from " +
      "then on; only a new join token enrolls it again.")) return;
  try {
    const r = await api("POST", "/devices/" + encodeURIComponent(id) + "/revoke", "{}");
    $("revoke-result").textContent = "device/" + r.deviceId + " revoked at " + new Date(r.revokedAt).toLocaleString();
    showError(null);
  } catch (e) {
    $("revoke-result").textContent = "";
    showError(e);
  }
  await loadDevice();
}

// ---- deployments ----
function progress(r) {
  if (!r) return "";
  const pct = r.targeted ? Math.round((100 * r.healthy) / r.targeted) : 0;
  return el("span", {},
    el("span", { class: "bar", title: pct + " % healthy" }, el("span", { style: "width:" + pct + "%" })),
    `${r.healthy}/${r.targeted} healthy, ${r.updated} updated, ${r.failed} failed, ${r.pending} pending`);
}

async function loadDeployments() {
  const list = await api("GET", "/deployments");
  const rows = $("deployment-rows");
  rows.replaceChildren();
  let online = 0;
  for (const d of list.items) {
    const r = d.rollout;
    rows.append(el("tr", { class: "clickable", onclick: () => { selected = d.name; loadDetail(); } },
      el("td", {}, d.name),
      el("td", {}, d.revision),
      el("td", {}, selectorText(d.selector)),
      el("td", {}, r ? [stateSpan(r.state), " wave " + r.wave + "/" + r.waves.length] : "—"),
      el("td", {}, progress(r))));
  }
  if (selected) await loadDetail();
  return online;
}

async function loadDetail() {
  const d = await api("GET", "/deployments/" + encodeURIComponent(selected)).catch((e) => {
    selected = null;
    $("deployment-detail").hidden = true;
    throw e;
  });
  const revs = await api("GET", "/deployments/" + encodeURIComponent(selected) + "/revisions");
  $("deployment-detail").hidden = false;
  $("detail-name").textContent = d.name + " · revision " + d.revision;
  const r = d.rollout;
  $("detail-rollout").replaceChildren(...(r ? [
    stateSpan(r.state), ` revision ${r.revision} (stable ${r.stableRevision || "none"}), ` +
      `${r.type}, wave ${r.wave} of ${r.waves.length} [${r.waves.join(", ")} %] · `,
    progress(r), r.message ? el("div", { class: "muted" }, r.message) : null] : ["no rollout"]));
  $("rollout-devices").replaceChildren(...((r && r.devices) || []).map((m) => el("tr", {},
    el("td", {}, m.id), el("td", {}, stateSpan(m.status)), el("td", {}, m.wave),
    el("td", {}, ago(m.since)), el("td", {}, m.message || ""))));
  $("rollout-events").replaceChildren(...((r && r.events) || []).slice().reverse().map((e) =>
    el("li", {}, el("span", { class: "muted" }, new Date(e.at).toLocaleString() + " "),
      el("b", {}, e.kind), " " + e.message)));
  $("revisions").replaceChildren(...revs.items.slice().reverse().map((v) => el("tr", {},
    el("td", {}, v.revision), el("td", {}, new Date(v.createdAt).toLocaleString()),
    el("td", {}, v.appliedBy || ""))));
  const spec = { name: d.name, selector: d.selector, workloads: d.workloads };
  if (d.strategy) spec.strategy = d.strategy;
  $("detail-spec").textContent = JSON.stringify(spec, null, 2);
  for (const b of document.querySelectorAll("#deployment-detail [data-action]")) {
    const a = b.dataset.action;
    const state = r ? r.state : "";
    b.disabled = (a === "pause" && state !== "progressing") || (a === "resume" && state !== "paused") ||
      (a === "rollback" && (!r || state === "rolledback" || !r.stableRevision));
  }
}

async function act(action) {
  if (!selected) return;
  const name = encodeURIComponent(selected);
  if (action === "delete") {
    if (!confirm("Delete deployment " + selected + "? Its workloads leave every device.")) return;
    await api("DELETE", "/deployments/" + name);
    selected = null;
    $("deployment-detail").hidden = true;
  } else {
    if (action === "rollback" && !confirm("Send every device of " + selected + " its stable revision?")) return;
    await api("POST", "/deployments/" + name + "/" + action);
  }
  await loadDeployments();
}

async function applyManifest() {
  const yaml = $("is-yaml").checked;
  const body = $("manifest").value;
  try {
    const r = await api("POST", "/deployments", body, yaml ? "application/yaml" : "application/json");
    $("apply-result").textContent = `deployment/${r.name} ${r.changed ? "configured" : "unchanged"} (revision ${r.revision})`;
    showError(null);
  } catch (e) {
    $("apply-result").textContent = "";
    showError(e);
  }
}

// ---- shell ----
function showLogin(message) {
  $("login").hidden = false;
  document.querySelector("main").hidden = true;
  $("login-error").textContent = message || "";
}

async function refresh() {
  const tab = currentTab();
  for (const s of document.querySelectorAll(".tab")) s.hidden = s.id !== tab;
  for (const a of document.querySelectorAll("nav a")) a.classList.toggle("active", a.dataset.tab === tab);
  try {
    if (tab === "devices") await loadDevices(false);
    if (tab === "deployments") await loadDeployments();
    const all = await api("GET", "/devices?limit=1000");
    const up = all.items.filter((d) => d.online).length;
    $("summary").textContent = `${up} of ${all.items.length}${all.continue ? "+" : ""} devices online`;
    showError(null);
  } catch (e) {
    if (e.message !== "unauthorized") showError(e);
  }
}

// Hides what the signed-in role may not do (the hub refuses it anyway).
function applyRole(me) {
  role = me.role;
  $("whoami").textContent = me.user + " (" + me.role + ")";
  for (const e of document.querySelectorAll("[data-needs]")) {
    e.hidden = ROLES.indexOf(role) < ROLES.indexOf(e.dataset.needs);
  }
}

async function start() {
  let me;
  try {
    me = await api("GET", "/whoami");
  } catch (e) {
    if (e.message !== "unauthorized") showLogin(e.message);
    return;
  }
  applyRole(me);
  $("login").hidden = true;
  document.querySelector("main").hidden = false;
  refresh();
  clearInterval(timer);
  timer = setInterval(() => { if (currentTab() !== "apply") refresh(); }, REFRESH_MS);
}

$("login-form").addEventListener("submit", (e) => {
  e.preventDefault();
  localStorage.setItem(TOKEN_KEY, $("token").value.trim());
  start();
});
$("password-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const r = await fetch("/api/v1/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: $("login-name").value.trim(), password: $("login-password").value }),
  });
  $("login-password").value = "";
  if (!r.ok) {
    const json = await r.json().catch(() => ({}));
    showLogin((json.error && json.error.message) || r.statusText);
    return;
  }
  localStorage.removeItem(TOKEN_KEY); // the session cookie is the credential now
  start();
});
$("logout").addEventListener("click", async () => {
  await api("POST", "/logout").catch(() => {});
  localStorage.removeItem(TOKEN_KEY);
  clearInterval(timer);
  showLogin();
});
$("device-filter").addEventListener("submit", (e) => { e.preventDefault(); loadDevices(false).catch(showError); });
$("more-devices").addEventListener("click", () => loadDevices(true).catch(showError));
$("apply-button").addEventListener("click", applyManifest);
$("revoke-device").addEventListener("click", () => revokeDevice().catch(showError));
for (const b of document.querySelectorAll("#deployment-detail [data-action]")) {
  b.addEventListener("click", () => act(b.dataset.action).catch(showError));
}
window.addEventListener("hashchange", () => { token(); refresh(); });
start();
