// api.js - the only way the web app talks to genop: JSON over fetch to
// /api/v1, same origin, with the session cookie (HttpOnly: the app never
// sees it). Nothing is cached: every answer is fetched anew (the server
// says no-store too). An error answer (application/problem+json) becomes
// an ApiError whose message is the server's Danish `detail`, and whose
// `field` is the JSON path the server named ("$.date"), if any.

export class ApiError extends Error {
  constructor(status, problem, fallback) {
    super((problem && problem.detail) || fallback || fallbackMessage(status));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || null;
    this.field = (problem && problem.field) || null;
  }
}

function fallbackMessage(status) {
  if (status === 401) return 'Du er ikke logget ind, eller din session er udløbet. Log ind igen.';
  if (status === 403) return 'Din rolle giver ikke adgang til dette.';
  if (status === 404) return 'Det findes ikke, eller du har ikke adgang til det.';
  if (status >= 500) return 'Der opstod en fejl i genop. Prøv igen om lidt.';
  return `genop svarede med en fejl (${status}).`;
}

const listeners = new Set();

// f(error) is called when a request other than a login is answered 401:
// the session has ended, and the app shows the login again.
export function onUnauthorized(f) {
  listeners.add(f);
}

// Sends method path (under /api/v1) with body (an object) as JSON;
// resolves to the parsed answer (null for 204), rejects with ApiError.
export async function api(method, path, body) {
  const init = {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    redirect: 'error',
    headers: { Accept: 'application/json' },
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(`/api/v1${path}`, init);
  } catch {
    throw new ApiError(0, null, 'genop kunne ikke nås. Tjek forbindelsen, og prøv igen.');
  }
  let data = null;
  if (res.status !== 204 && /json/.test(res.headers.get('Content-Type') || '')) {
    try {
      data = await res.json();
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, data);
    const isLogin = path === '/session' && method === 'POST';
    if (res.status === 401 && !isLogin) for (const f of listeners) f(err);
    throw err;
  }
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body);
export const del = (path) => api('DELETE', path);
