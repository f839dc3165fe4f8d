// Talking to the entitygraph API (/api/v1). Every failure becomes an
// ApiError carrying the RFC 9457 problem fields, so the page can say what
// went wrong in one place (messageFor).

const BASE = "/api/v1";

export class ApiError extends Error {
  constructor(status, problem = {}) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem.title || "";
    this.detail = problem.detail || "";
    this.param = problem.param || "";
  }
}

// url builds an API URL from a path and the params that are set (empty
// strings, null and undefined are left out).
export function url(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "") continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return BASE + path + (s ? "?" + s : "");
}

// getJSON fetches an API URL and returns its JSON body; it throws an
// ApiError (status 0 when the server could not be reached at all) and lets
// an AbortError through untouched.
export async function getJSON(u, { signal } = {}) {
  let res;
  try {
    res = await fetch(u, { signal, headers: { Accept: "application/json" } });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(0, { title: "Cannot reach the server", detail: err.message });
  }
  if (!res.ok) {
    let problem = {};
    try {
      problem = await res.json();
    } catch {
      problem = { title: res.statusText };
    }
    throw new ApiError(res.status, problem);
  }
  if (!(res.headers.get("Content-Type") || "").includes("json")) {
    throw new ApiError(res.status, { title: "Unexpected answer", detail: `${u} did not answer with JSON; is this an entitygraph server?` });
  }
  return res.json();
}

// sendJSON sends method to BASE + path with body as JSON (none when
// undefined) and returns the JSON answer; it throws an ApiError as getJSON
// does. Writes are same-origin requests, which the server accepts without
// an API key.
export async function sendJSON(method, path, body) {
  let res;
  try {
    res = await fetch(BASE + path, {
      method,
      headers: { Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, { title: "Cannot reach the server", detail: err.message });
  }
  let answer = {};
  try {
    answer = await res.json();
  } catch {
    answer = { title: res.statusText };
  }
  if (!res.ok) throw new ApiError(res.status, answer);
  return answer;
}

// Cached GETs: reads are idempotent and the graph changes rarely while a page
// is open, and back/forward rebuilds the graph from the same requests. The
// cache keeps promises, so two callers asking at once share one request;
// failed requests are forgotten so a retry asks again.
export class Client {
  constructor(max = 200) {
    this.max = max;
    this.cache = new Map();
  }

  get(path, params) {
    const u = url(path, params);
    const hit = this.cache.get(u);
    if (hit) {
      this.cache.delete(u);
      this.cache.set(u, hit);
      return hit;
    }
    const p = getJSON(u);
    p.catch(() => this.cache.delete(u));
    this.cache.set(u, p);
    if (this.cache.size > this.max) this.cache.delete(this.cache.keys().next().value);
    return p;
  }

  // clear forgets every answer: after a correction, any of them may have
  // changed.
  clear() {
    this.cache.clear();
  }
}

// messageFor turns any error into the sentence the page shows.
export function messageFor(err) {
  if (!(err instanceof ApiError)) return `Something went wrong: ${err.message || err}`;
  if (err.status === 503) return `The graph store is unavailable: ${err.detail || err.title}`;
  if (err.status === 0) return `Cannot reach the entitygraph server: ${err.detail}`;
  if (err.detail && err.title) return `${err.title}: ${err.detail}`;
  return err.message;
}
