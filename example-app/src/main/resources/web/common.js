'use strict';
/* Shared helpers of the admin and visitor pages. No framework, no build step. */
const AL = (() => {
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  async function api(method, path, { token, body } = {}) {
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res;
    try {
      res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    } catch (e) {
      return { status: 0, data: { error: { code: 'network', message: 'The app cannot be reached. Is it still running?' } } };
    }
    let data = null;
    if (res.status !== 204) {
      try { data = await res.json(); } catch (e) { data = null; }
    }
    return { status: res.status, data };
  }

  const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const timeFmt = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
  const when = (iso) => iso ? dateFmt.format(new Date(iso)) : null;
  const time = (iso) => iso ? timeFmt.format(new Date(iso)) : '';

  function windowText(from, until) {
    if (!from && !until) return 'Valid now, never expires';
    if (from && until) return when(from) + ' – ' + when(until);
    if (from) return 'From ' + when(from) + ', never expires';
    return 'Until ' + when(until);
  }

  const label = (s) => (s || '').toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

  return { el, api, when, time, windowText, label };
})();
