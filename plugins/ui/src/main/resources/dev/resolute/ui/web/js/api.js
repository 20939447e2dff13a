// The fetch wrapper every view uses: JSON in and out, the server's error message surfaced, the admin token sent.
const TOKEN = 'resolute-admin-token';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function authHeaders() {
  const token = sessionStorage.getItem(TOKEN);
  return token ? { authorization: 'Bearer ' + token } : {};
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN, token);
  else sessionStorage.removeItem(TOKEN);
}

/**
 * Calls the admin API. A plain object body is sent as JSON; `raw: true` returns the Response (downloads, streams).
 * Rejects with an ApiError carrying the server's message; a 401 also asks the app for a token.
 */
export async function api(path, { method = 'GET', body, headers = {}, raw = false, signal } = {}) {
  const sent = { ...authHeaders(), ...headers };
  if (body !== undefined && typeof body !== 'string' && !(body instanceof Blob)) {
    sent['content-type'] = 'application/json';
    body = JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers: sent, body, signal });
  if (!response.ok) {
    if (response.status === 401) dispatchEvent(new CustomEvent('resolute-unauthorized'));
    let message = `${response.status} ${response.statusText}`;
    try {
      const error = await response.json();
      if (error && error.message) message = error.message;
    } catch { /* not JSON: keep the status line */ }
    throw new ApiError(response.status, message);
  }
  if (raw) return response;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}
