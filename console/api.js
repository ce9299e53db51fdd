/**
 * The console's backend (same origin). Every call resolves — to the JSON answer, or to
 * { error: { message } } when the request failed — so callers show one kind of error.
 */

async function call(method, path, body) {
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (err) {
    return { error: { message: `The console backend cannot be reached (${err?.message ?? err}).` } };
  }
  const data = await res.json().catch(() => null);
  // a modal's field errors may come with any status: they are an answer, not a failure
  if (data && typeof data === 'object' && data.errors) return data;
  // the settings page's 400: messages per field
  if (data && typeof data === 'object' && data.fieldErrors) return data;
  if (!res.ok) return { error: { message: data?.error?.message ?? `${res.status} ${res.statusText || 'error'}` } };
  return data ?? {};
}

export const api = {
  session: () => call('GET', '/console/api/session'),
  feed: (since) => call('GET', `/console/api/feed?since=${encodeURIComponent(since)}`),
  send: (body) => call('POST', '/console/api/send', body),
  action: (body) => call('POST', '/console/api/action', body),
  submit: (body) => call('POST', '/console/api/submit', body),
  settings: (platform, lang) => call('GET', `/console/api/settings?platform=${encodeURIComponent(platform)}&lang=${encodeURIComponent(lang)}`),
  saveSettings: (platform, lang, body) => call('PATCH', `/console/api/settings?platform=${encodeURIComponent(platform)}&lang=${encodeURIComponent(lang)}`, body),
};
