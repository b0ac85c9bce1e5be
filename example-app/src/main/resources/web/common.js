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
  // Any stored value must render: a date outside what the browser's Date can hold (years past
  // 275760, a malformed string) is shown as the server sent it instead of throwing a RangeError.
  function format(fmt, iso) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return String(iso);
    try { return fmt.format(d); } catch (e) { return String(iso); }
  }
  const when = (iso) => iso ? format(dateFmt, iso) : null;
  const time = (iso) => iso ? format(timeFmt, iso) : '';

  // Status icons as inline SVG (no emoji font needed): a line drawing on a 24-unit grid.
  const ICONS = {
    check: ['M5 12.5l4.5 4.5L19 7.5'],
    link: ['M10 14a4.5 4.5 0 0 0 6.4 0l3-3a4.5 4.5 0 0 0-6.4-6.4l-1.2 1.2', 'M14 10a4.5 4.5 0 0 0-6.4 0l-3 3a4.5 4.5 0 0 0 6.4 6.4l1.2-1.2'],
    blocked: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M5.6 5.6l12.8 12.8'],
    clock: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M12 7v5l3.5 2'],
  };
  function icon(name, size) {
    const NS = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(NS, 'svg');
    for (const [k, v] of Object.entries({ viewBox: '0 0 24 24', width: size || 20, height: size || 20, fill: 'none',
      stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round',
      'aria-hidden': 'true', class: 'icon-svg', 'data-icon': name })) svg.setAttribute(k, String(v));
    for (const d of ICONS[name] || []) {
      const path = document.createElementNS(NS, 'path');
      path.setAttribute('d', d);
      svg.append(path);
    }
    return svg;
  }

  function windowText(from, until) {
    if (!from && !until) return 'Valid now, never expires';
    if (from && until) return when(from) + ' – ' + when(until);
    if (from) return 'From ' + when(from) + ', never expires';
    return 'Until ' + when(until);
  }

  const label = (s) => (s || '').toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

  // A DOOR_UNLOCKED whose lock answered after the visitor was told it did not: its detail ends with
  // " late:<ms>ms". Any other value (or none) gives ''.
  function lateText(detail) {
    const m = typeof detail === 'string' ? /(?:^| )late:(\d{1,12})ms$/.exec(detail) : null;
    return m ? 'opened, but the lock answered ' + (Number(m[1]) / 1000).toFixed(1) + ' s after the visitor was told it did not' : '';
  }

  return { el, api, when, time, windowText, label, icon, lateText };
})();
