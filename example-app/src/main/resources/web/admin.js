'use strict';
/* The admin page: send, list, resend/rotate, re-date and revoke access links; quota, doors closed to
   links, link policy, door log and demo outbox. */
(() => {
  const { el, api, when, time, windowText, label, lateText } = AL;
  const ORG = new URLSearchParams(location.search).get('org') || 'demo';
  const base = '/api/orgs/' + encodeURIComponent(ORG);
  const $ = (id) => document.getElementById(id);
  const PAGE = 20;
  let token = null;
  let groups = [];
  let shown = PAGE;
  let poll = null;
  let refFilter = ''; // the external reference the list is filtered by, or '' for all links

  // A token in the URL fragment (the start-up banner's link) is moved into this tab's storage at once.
  const m = location.hash.match(/token=([^&]+)/);
  if (m) {
    sessionStorage.setItem('accesslink.token', decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  token = sessionStorage.getItem('accesslink.token');

  function showLogin(message) {
    token = null;
    sessionStorage.removeItem('accesslink.token');
    if (poll) clearInterval(poll);
    $('app').classList.add('hidden');
    $('sign-out').classList.add('hidden');
    $('login').classList.remove('hidden');
    $('login-error').textContent = message || '';
    $('login-error').classList.toggle('hidden', !message);
    $('token').focus();
  }

  async function call(method, path, body) {
    const r = await api(method, path, { token, body });
    if (r.status === 401) {
      showLogin('The admin token was not accepted. Enter it again.');
      throw new Error('unauthorized');
    }
    return r;
  }

  async function start() {
    const r = await api('GET', base + '/groups', { token });
    if (r.status === 401) return showLogin(token ? 'That admin token is not valid.' : null);
    if (r.status !== 200) return showLogin((r.data && r.data.error && r.data.error.message) || 'The app did not answer.');
    groups = r.data;
    $('groupId').replaceChildren(...groups.map((g) =>
      el('option', { value: g.id, text: g.name + ' — ' + g.doors.map((d) => d.name).join(', ') })));
    renderDoors();
    loadPolicy();
    $('login').classList.add('hidden');
    $('app').classList.remove('hidden');
    $('sign-out').classList.remove('hidden');
    await refresh();
    poll = setInterval(() => refresh().catch(() => {}), 4000);
  }

  $('login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    token = $('token').value.trim();
    if (!token) return;
    sessionStorage.setItem('accesslink.token', token);
    $('token').value = '';
    start();
  });
  $('sign-out').addEventListener('click', () => showLogin(null));

  // ---- the send form ----
  const channel = () => document.querySelector('input[name=channel]:checked').value;
  function channelChanged() {
    const c = channel();
    $('email-row').classList.toggle('hidden', c !== 'EMAIL');
    $('phone-row').classList.toggle('hidden', c !== 'SMS');
    $('manual-row').classList.toggle('hidden', c !== 'MANUAL');
    $('send-submit').textContent = c === 'MANUAL' ? 'Create link' : 'Send link';
  }
  document.querySelectorAll('input[name=channel]').forEach((r) => r.addEventListener('change', () => {
    $('type').value = channel();
    channelChanged();
  }));
  // The Type select and "Send link via" are two ways to choose the same channel: kept in step.
  $('type').addEventListener('change', () => {
    document.querySelector('input[name=channel][value=' + $('type').value + ']').checked = true;
    channelChanged();
  });
  $('never-expires').addEventListener('change', () => $('window-row').classList.toggle('hidden', $('never-expires').checked));

  // ---- rules: uses, minutes after first use, weekly time slots ----
  const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
  const DAY_NAMES = { MON: 'Mon', TUE: 'Tue', WED: 'Wed', THU: 'Thu', FRI: 'Fri', SAT: 'Sat', SUN: 'Sun' };
  function addSlot(days, from, until) {
    const n = $('slots').children.length;
    const dayBoxes = DAYS.map((d) => el('label', {}, el('input', { type: 'checkbox', value: d, checked: days.includes(d) }), DAY_NAMES[d]));
    const remove = el('button', { type: 'button', class: 'danger', text: 'Remove', 'aria-label': 'Remove this time slot' });
    const slot = el('div', { class: 'slot' }, el('div', { class: 'days', role: 'group', 'aria-label': 'Days' }, dayBoxes),
      el('div', { class: 'times' },
        el('div', {}, el('label', { for: 'slot-from-' + n, text: 'From' }), el('input', { type: 'time', id: 'slot-from-' + n, class: 'from', value: from })),
        el('div', {}, el('label', { for: 'slot-until-' + n, text: 'Until' }), el('input', { type: 'time', id: 'slot-until-' + n, class: 'until', value: until })),
        remove));
    remove.addEventListener('click', () => {
      slot.remove();
      if (!$('slots').children.length) {
        $('use-schedule').checked = false;
        $('schedule-row').classList.add('hidden');
      }
    });
    $('slots').append(slot);
  }
  function resetRules() {
    $('slots').replaceChildren();
    $('schedule-row').classList.add('hidden');
    $('rules').open = false;
  }
  $('use-schedule').addEventListener('change', () => {
    const on = $('use-schedule').checked;
    $('schedule-row').classList.toggle('hidden', !on);
    if (on && !$('slots').children.length) addSlot(['MON', 'TUE', 'WED', 'THU', 'FRI'], '08:00', '18:00');
  });
  $('add-slot').addEventListener('click', () => addSlot([], '08:00', '18:00'));
  // A number field the browser could not read (letters, a decimal) is sent as it is, for the server to refuse.
  const numberOf = (input) => {
    const v = input.value.trim();
    if (v === '') return input.validity && input.validity.badInput ? 'invalid' : undefined;
    return /^[0-9]+$/.test(v) ? Number(v) : v;
  };
  function rulesOf(body) {
    const uses = numberOf($('maxUses'));
    const minutes = numberOf($('activeMinutes'));
    if (uses !== undefined) body.maxUses = uses;
    if (minutes !== undefined) body.activeMinutesAfterFirstUse = minutes;
    if ($('use-schedule').checked) {
      body.schedule = { slots: [...$('slots').children].map((s) => ({
        days: [...s.querySelectorAll('.days input:checked')].map((i) => i.value),
        from: s.querySelector('.from').value,
        until: s.querySelector('.until').value })) };
    }
  }

  function clearErrors() {
    document.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
    ['send-error', 'send-ok'].forEach((id) => $(id).classList.add('hidden'));
  }
  function showError(error) {
    const target = error && error.field && document.querySelector('.field-error[data-for="' + error.field + '"]');
    if (target) {
      target.textContent = error.message;
    } else {
      $('send-error').textContent = (error && error.message) || 'The link could not be sent.';
      $('send-error').classList.remove('hidden');
    }
  }
  const localToIso = (v) => v ? new Date(v).toISOString() : undefined;

  $('send-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors();
    const c = channel();
    const body = { recipientName: $('recipientName').value, channel: c, groupId: $('groupId').value };
    if (c === 'EMAIL') body.email = $('email').value;
    if (c === 'SMS') body.phone = $('phone').value;
    if ($('externalRef').value.trim()) body.externalRef = $('externalRef').value;
    if ($('language').value) body.language = $('language').value;
    if (!$('never-expires').checked) {
      body.validFrom = localToIso($('validFrom').value);
      body.validUntil = localToIso($('validUntil').value);
    }
    rulesOf(body);
    $('send-submit').disabled = true;
    try {
      const r = await call('POST', base + '/access-links', body);
      if (r.status === 201 || r.status === 200) {
        $('send-form').reset();
        $('type').value = channel();
        channelChanged();
        $('window-row').classList.add('hidden');
        resetRules();
        if (r.data.url) {
          openManual(r.data.recipientName, r.data.url, r.data.qrCode);
        } else {
          $('send-ok').textContent = 'Access link sent to ' + r.data.recipientName + ' by '
            + (r.data.channel === 'SMS' ? 'text message' : 'e-mail') + '.';
          $('send-ok').classList.remove('hidden');
        }
        await refresh();
      } else {
        showError(r.data && r.data.error);
      }
    } finally {
      $('send-submit').disabled = false;
    }
  });

  // ---- the manual link, shown once ----
  function openManual(name, url, qrCode) {
    $('manual-name').textContent = name;
    $('manual-url').value = url;
    // only a PNG data URL from our own answer becomes the image's source
    if (typeof qrCode === 'string' && qrCode.startsWith('data:image/png;base64,')) {
      $('manual-qr').src = qrCode;
      $('manual-qr').classList.remove('hidden');
    } else {
      $('manual-qr').classList.add('hidden');
    }
    $('manual-copied').classList.add('hidden');
    $('manual-dialog').showModal();
    $('manual-url').select();
  }
  $('manual-copy').addEventListener('click', async () => {
    const input = $('manual-url');
    try {
      await navigator.clipboard.writeText(input.value);
    } catch (e) {
      input.select();
      document.execCommand('copy');
    }
    $('manual-copied').classList.remove('hidden');
  });
  $('manual-dialog').addEventListener('close', () => { $('manual-url').value = ''; $('manual-qr').removeAttribute('src'); });
  $('manual-close').addEventListener('click', () => $('manual-dialog').close());

  // ---- lists ----
  async function refresh() {
    await Promise.all([loadLinks(), loadQuota(), loadEvents(), loadOutbox(), loadWebhooks()]);
  }

  const groupName = (id) => (groups.find((g) => g.id === id) || { name: id }).name;
  const channelName = { EMAIL: 'Email', SMS: 'Text message', MANUAL: 'Manual' };

  async function loadLinks() {
    const r = await call('GET', base + '/access-links?limit=' + Math.min(shown, 200)
      + (refFilter ? '&externalRef=' + encodeURIComponent(refFilter) : ''));
    const searchError = document.querySelector('.field-error[data-for="ref-search"]');
    if (r.status === 400 && refFilter) {
      searchError.textContent = (r.data && r.data.error && r.data.error.message) || 'That reference cannot be searched for.';
      return;
    }
    if (r.status !== 200) return;
    searchError.textContent = '';
    const rows = r.data.items.map(linkRow);
    $('links').querySelector('tbody').replaceChildren(...rows);
    $('links-empty').textContent = refFilter ? 'No access links with that external reference.'
      : 'No access links yet. Send one with the form.';
    $('links-empty').classList.toggle('hidden', rows.length > 0);
    $('links').classList.toggle('hidden', rows.length === 0);
    $('links-more').classList.toggle('hidden', !r.data.nextCursor || shown >= 200);
    $('links-count').textContent = rows.length ? rows.length + (r.data.nextCursor ? '+' : '') + ' shown' : '';
  }
  // One row per link; on a phone the CSS lays each row out as a card, with data-label as the caption.
  // A link whose values this page cannot show still gets a row with its Revoke button.
  function linkRow(l) {
    const delivery = l.delivery || {};
    const cells = () => [
      el('td', { 'data-label': 'Recipient' }, el('b', { text: l.recipientName }),
        el('div', { class: 'small muted', text: l.email || l.phone || '' }),
        l.externalRef ? el('div', { class: 'small muted ref', text: 'Ref. ' + l.externalRef }) : null),
      el('td', { 'data-label': 'Channel', text: channelName[l.channel] || l.channel }),
      el('td', { 'data-label': 'Group', text: groupName(l.groupId) }),
      el('td', { 'data-label': 'Valid', class: 'small', text: windowText(l.validFrom, l.validUntil) }),
      el('td', { 'data-label': 'Status' }, el('span', { class: 'pill ' + l.status, text: label(l.status) })),
      el('td', { 'data-label': 'Rules', class: 'small rules-text', text: rulesText(l) }),
      el('td', { 'data-label': 'Delivery' }, delivery.status === 'NOT_REQUIRED' ? el('span', { class: 'muted small', text: '—' })
        : el('span', { class: 'pill ' + delivery.status, title: delivery.lastError || '', text: label(delivery.status) }))];
    let shownCells;
    try {
      shownCells = cells();
    } catch (e) {
      shownCells = [el('td', { 'data-label': 'Recipient', colspan: 7, text: String(l.recipientName || l.id) })];
    }
    return el('tr', { 'data-link': l.id }, shownCells,
      el('td', { class: 'row-actions' }, l.status === 'REVOKED' ? null
        : [l.status === 'EXPIRED' ? null : resendButton(l), editButton(l), revokeButton(l)]));
  }
  $('links-more').addEventListener('click', () => { shown += PAGE; loadLinks(); });
  $('links-search').addEventListener('submit', (e) => {
    e.preventDefault();
    refFilter = $('ref-search').value.trim();
    shown = PAGE;
    loadLinks();
  });
  // clearing the box (or its own clear button) lists every link again
  $('ref-search').addEventListener('input', () => {
    if ($('ref-search').value.trim() === '' && refFilter) {
      refFilter = '';
      shown = PAGE;
      loadLinks();
    }
  });

  // "2 of 3 uses left · 15 min after first use · Mon, Tue 08:00–18:00 · next opening ..."
  function slotText(s) {
    const days = Array.isArray(s.days) ? s.days.map((d) => DAY_NAMES[d] || String(d)).join(', ') : '';
    return days + ' ' + String(s.from) + '–' + String(s.until);
  }
  function rulesText(l) {
    const parts = [];
    if (l.maxUses !== null && l.maxUses !== undefined) parts.push(l.usesLeft + ' of ' + l.maxUses + ' uses left');
    if (l.activeMinutesAfterFirstUse) {
      parts.push(l.activeUntil ? 'works until ' + when(l.activeUntil)
        : l.activeMinutesAfterFirstUse + ' min after first use');
    }
    if (l.schedule && Array.isArray(l.schedule.slots)) parts.push(l.schedule.slots.map(slotText).join('; '));
    if (l.schedule && l.nextOpening && (l.status === 'ACTIVE' || l.status === 'NOT_YET_VALID')) {
      parts.push('next opening ' + when(l.nextOpening));
    }
    return parts.length ? parts.join(' · ') : '—';
  }

  // ---- doors closed to access links ----
  function renderDoors() {
    const seen = new Map();
    for (const g of groups) for (const d of g.doors || []) if (!seen.has(d.id)) seen.set(d.id, d);
    const items = [...seen.values()].map((d) => {
      const open = d.linkAccess !== false;
      const b = el('button', { type: 'button', class: open ? 'secondary' : 'primary', 'data-door': d.id,
        text: open ? 'Close to links' : 'Open to links', 'aria-label': (open ? 'Close ' : 'Open ') + d.name + ' to links' });
      b.addEventListener('click', async () => {
        b.disabled = true;
        $('door-panel-error').classList.add('hidden');
        const r = await call('PUT', base + '/doors/' + encodeURIComponent(d.id) + '/link-access', { allowed: !open });
        if (r.status !== 200) {
          $('door-panel-error').textContent = (r.data && r.data.error && r.data.error.message) || 'The door could not be changed.';
          $('door-panel-error').classList.remove('hidden');
        }
        const g = await call('GET', base + '/groups');
        if (g.status === 200) groups = g.data;
        renderDoors();
      });
      return el('li', { 'data-door': d.id }, el('b', { text: d.name }),
        el('span', { class: 'pill ' + (open ? 'OPEN' : 'CLOSED'), text: open ? 'Links open it' : 'Closed to links' }), b);
    });
    $('door-panel').replaceChildren(...items);
  }

  // ---- the organization's link policy ----
  async function loadPolicy() {
    const r = await call('GET', base + '/policy');
    if (r.status !== 200) return;
    $('maxValidityDays').value = r.data.maxValidityDays === null || r.data.maxValidityDays === undefined ? '' : String(r.data.maxValidityDays);
    $('requireExpiry').checked = r.data.requireExpiry === true;
  }
  $('policy-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    ['policy-error', 'policy-ok'].forEach((id) => $(id).classList.add('hidden'));
    const days = numberOf($('maxValidityDays'));
    $('policy-submit').disabled = true;
    try {
      const r = await call('PUT', base + '/policy', { maxValidityDays: days === undefined ? null : days,
        requireExpiry: $('requireExpiry').checked });
      if (r.status === 200) {
        $('policy-ok').textContent = 'Policy saved. It applies to links sent from now on.';
        $('policy-ok').classList.remove('hidden');
      } else {
        $('policy-error').textContent = (r.data && r.data.error && r.data.error.message) || 'The policy could not be saved.';
        $('policy-error').classList.remove('hidden');
      }
    } finally {
      $('policy-submit').disabled = false;
    }
  });

  // The list re-renders every few seconds; the armed ("Confirm revoke") state lives here, keyed by
  // link id, so a refresh between the two clicks does not silently disarm the button.
  const armedUntil = new Map();
  const isArmed = (id) => (armedUntil.get(id) || 0) > Date.now();

  function revokeButton(l) {
    const b = el('button', { class: 'danger revoke', type: 'button', text: isArmed(l.id) ? 'Confirm revoke' : 'Revoke',
      'aria-label': 'Revoke ' + l.recipientName });
    b.addEventListener('click', async () => {
      if (!isArmed(l.id)) {
        armedUntil.set(l.id, Date.now() + 5000);
        b.textContent = 'Confirm revoke';
        setTimeout(() => { if (!isArmed(l.id) && b.isConnected) b.textContent = 'Revoke'; }, 5050);
        return;
      }
      armedUntil.delete(l.id);
      b.disabled = true;
      const r = await call('DELETE', base + '/access-links/' + encodeURIComponent(l.id));
      if (r.status !== 204) alert((r.data && r.data.error && r.data.error.message) || 'Could not revoke.');
      await refresh();
    });
    return b;
  }

  // Resend (EMAIL/SMS) or rotate (MANUAL): every earlier link of the recipient stops working, so it
  // asks for a second click, like Revoke.
  function resendButton(l) {
    const verb = l.channel === 'MANUAL' ? 'Rotate' : 'Resend';
    const key = 'resend:' + l.id;
    const b = el('button', { class: 'secondary resend', type: 'button', text: isArmed(key) ? 'Confirm ' + verb.toLowerCase() : verb,
      'aria-label': verb + ' ' + l.recipientName, title: l.channel === 'MANUAL'
        ? 'A new link replaces the old one, which stops working at once' : 'Send a new link; the old one stops working at once' });
    b.addEventListener('click', async () => {
      if (!isArmed(key)) {
        armedUntil.set(key, Date.now() + 5000);
        b.textContent = 'Confirm ' + verb.toLowerCase();
        setTimeout(() => { if (!isArmed(key) && b.isConnected) b.textContent = verb; }, 5050);
        return;
      }
      armedUntil.delete(key);
      b.disabled = true;
      const r = await call('POST', base + '/access-links/' + encodeURIComponent(l.id) + '/resend');
      if (r.status === 200 && r.data.url) {
        openManual(r.data.recipientName, r.data.url, r.data.qrCode);
      } else if (r.status !== 200) {
        alert((r.data && r.data.error && r.data.error.message) || 'Could not ' + verb.toLowerCase() + '.');
      }
      await refresh();
    });
    return b;
  }

  // ---- change the dates of a link ----
  let editing = null;
  const pad = (n) => String(n).padStart(2, '0');
  function isoToLocal(iso) {
    const d = iso ? new Date(iso) : null;
    if (!d || isNaN(d.getTime()) || d.getFullYear() > 9999) return '';
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  }
  function editButton(l) {
    const b = el('button', { class: 'secondary edit-window', type: 'button', text: 'Dates', 'aria-label': 'Change the dates of ' + l.recipientName });
    b.addEventListener('click', () => {
      editing = l.id;
      $('window-name').textContent = l.recipientName;
      $('edit-validFrom').value = isoToLocal(l.validFrom);
      $('edit-validUntil').value = isoToLocal(l.validUntil);
      $('window-error').classList.add('hidden');
      $('window-dialog').showModal();
    });
    return b;
  }
  $('window-cancel').addEventListener('click', () => $('window-dialog').close());
  $('window-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!editing) return;
    const body = { validFrom: localToIso($('edit-validFrom').value) || null, validUntil: localToIso($('edit-validUntil').value) || null };
    $('window-save').disabled = true;
    try {
      const r = await call('PATCH', base + '/access-links/' + encodeURIComponent(editing), body);
      if (r.status === 200) {
        $('window-dialog').close();
        await refresh();
      } else {
        $('window-error').textContent = (r.data && r.data.error && r.data.error.message) || 'The dates could not be changed.';
        $('window-error').classList.remove('hidden');
      }
    } finally {
      $('window-save').disabled = false;
    }
  });

  async function loadQuota() {
    const r = await call('GET', base + '/quota');
    if (r.status !== 200) return;
    const box = (title, q, note) => {
      const pct = q.limit ? Math.min(100, Math.round(100 * q.used / q.limit)) : 0;
      const bar = el('i');
      bar.style.width = pct + '%';
      return el('div', { class: 'q' }, el('span', { class: 'small muted', text: title }),
        el('b', { text: q.used + (q.limit === null ? '' : ' / ' + q.limit) }),
        el('div', { class: 'small muted', text: q.limit === null ? 'no limit' : note }),
        q.limit === null ? null : el('div', { class: 'bar' }, bar));
    };
    $('quota').replaceChildren(
      box('Email', r.data.email, 'links at the same time'),
      box('Text message', r.data.sms, 'this month' + (r.data.sms.resetsAt ? ', resets ' + when(r.data.sms.resetsAt) : '')),
      box('Manual', r.data.manual, 'links at the same time'));
  }

  const DOOR_EVENTS = ['DOOR_UNLOCKED', 'UNLOCK_REFUSED', 'DOOR_UNREACHABLE', 'UNLOCK_OUTCOME_UNKNOWN'];
  const eventText = { DOOR_UNLOCKED: 'Unlocked', UNLOCK_REFUSED: 'Refused', DOOR_UNREACHABLE: 'Unreachable',
    UNLOCK_OUTCOME_UNKNOWN: 'Outcome unknown (app stopped)' };

  async function loadEvents() {
    const r = await call('GET', base + '/events?limit=200');
    if (r.status !== 200) return;
    const items = r.data.filter((e) => DOOR_EVENTS.includes(e.type)).slice(0, 30).map((e) => el('li', { 'data-type': e.type },
      el('time', { datetime: e.at, text: time(e.at) }),
      el('span', { class: 'pill ' + e.type, text: eventText[e.type] }),
      el('span', {}, el('b', { text: e.doorName || e.doorId || '' }), ' by ' + e.actor.name),
      e.type === 'UNLOCK_REFUSED' && e.detail ? el('span', { class: 'small muted', text: label(e.detail.split(':')[0]) }) : null,
      e.type === 'DOOR_UNLOCKED' && lateText(e.detail) ? el('span', { class: 'small muted late', text: lateText(e.detail) }) : null));
    $('door-log').replaceChildren(...items);
    $('door-log-empty').classList.toggle('hidden', items.length > 0);
  }

  async function loadOutbox() {
    const r = await call('GET', '/api/demo/outbox');
    if (r.status === 404) { $('outbox-card').classList.add('hidden'); return; }
    if (r.status !== 200) return;
    const items = r.data.slice(0, 20).map((m) => el('div', { class: 'outbox-item', 'data-link': m.linkId },
      el('div', {}, el('span', { class: 'pill', text: m.channel === 'SMS' ? 'Text message' : 'Email' }),
        ' to ', el('b', { text: m.to }), el('span', { class: 'small muted', text: ' · ' + time(m.at) })),
      m.subject ? el('div', { class: 'small' }, el('b', { text: 'Subject: ' }), m.subject) : null,
      el('pre', { text: m.body }),
      el('a', { class: 'outbox-link', href: m.url, target: '_blank', rel: 'noopener noreferrer', text: 'Open the link as the recipient →' })));
    $('outbox').replaceChildren(...items);
    $('outbox-empty').classList.toggle('hidden', items.length > 0);
  }

  // ---- webhooks ----
  const WEBHOOK_EVENTS = ['link.sent', 'link.delivered', 'link.delivery_failed', 'link.revoked', 'link.expired',
    'door.unlocked', 'door.unlock_refused', 'door.unreachable'];
  $('webhook-events').append(...WEBHOOK_EVENTS.map((name) => el('label', {},
    el('input', { type: 'checkbox', value: name, checked: name === 'link.sent' || name === 'door.unlocked' }),
    el('span', { text: name }))));
  const openLogs = new Set();
  const webhookArmed = new Map();

  $('webhook-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    document.querySelectorAll('#webhook-form .field-error').forEach((x) => { x.textContent = ''; });
    $('webhook-error').classList.add('hidden');
    $('webhook-secret-box').classList.add('hidden');
    const events = [...document.querySelectorAll('#webhook-events input:checked')].map((i) => i.value);
    $('webhook-submit').disabled = true;
    try {
      const r = await call('POST', base + '/webhooks', { url: $('webhook-url').value, events });
      if (r.status === 201) {
        $('webhook-url').value = '';
        $('webhook-secret-url').textContent = r.data.url;
        $('webhook-secret').value = r.data.secret;
        $('webhook-secret-box').classList.remove('hidden');
        await loadWebhooks();
      } else {
        const error = r.data && r.data.error;
        const field = error && ({ url: 'webhook-url', events: 'webhook-events' })[error.field];
        if (field) {
          document.querySelector('#webhook-form .field-error[data-for="' + field + '"]').textContent = error.message;
        } else {
          $('webhook-error').textContent = (error && error.message) || 'The endpoint could not be added.';
          $('webhook-error').classList.remove('hidden');
        }
      }
    } finally {
      $('webhook-submit').disabled = false;
    }
  });

  async function loadWebhooks() {
    const r = await call('GET', base + '/webhooks');
    if (r.status !== 200) return;
    const items = await Promise.all(r.data.map(webhookItem));
    $('webhooks').replaceChildren(...items);
    $('webhooks-empty').classList.toggle('hidden', items.length > 0);
  }

  async function webhookItem(w) {
    let log = null;
    if (openLogs.has(w.id)) {
      const r = await call('GET', base + '/webhooks/' + encodeURIComponent(w.id) + '/deliveries?limit=10');
      if (r.status === 200) {
        log = el('ul', { class: 'webhook-deliveries' }, r.data.length === 0 ? el('li', { class: 'muted', text: 'Nothing sent yet.' })
          : r.data.map((d) => el('li', {},
            el('time', { datetime: d.createdAt, text: time(d.createdAt) }),
            el('span', { class: 'pill ' + d.status, text: label(d.status) }),
            el('span', { text: String(d.type) }),
            el('span', { class: 'small muted', text: (d.attempts ? d.attempts + ' attempt' + (d.attempts === 1 ? '' : 's') : '')
              + (d.lastError ? ' · ' + d.lastError : '') }))));
      }
    }
    const toggle = el('button', { class: 'secondary', type: 'button', text: openLogs.has(w.id) ? 'Hide deliveries' : 'Deliveries' });
    toggle.addEventListener('click', async () => {
      if (openLogs.has(w.id)) openLogs.delete(w.id); else openLogs.add(w.id);
      await loadWebhooks();
    });
    const armed = (webhookArmed.get(w.id) || 0) > Date.now();
    const del = el('button', { class: 'danger', type: 'button', text: armed ? 'Confirm delete' : 'Delete',
      'aria-label': 'Delete webhook ' + w.url });
    del.addEventListener('click', async () => {
      if (!((webhookArmed.get(w.id) || 0) > Date.now())) {
        webhookArmed.set(w.id, Date.now() + 5000);
        del.textContent = 'Confirm delete';
        return;
      }
      webhookArmed.delete(w.id);
      del.disabled = true;
      const r = await call('DELETE', base + '/webhooks/' + encodeURIComponent(w.id));
      if (r.status !== 204) alert((r.data && r.data.error && r.data.error.message) || 'Could not delete.');
      await loadWebhooks();
    });
    const rotate = el('button', { class: 'secondary rotate', type: 'button', text: 'New secret' });
    rotate.addEventListener('click', async () => {
      rotate.disabled = true;
      const r = await call('POST', base + '/webhooks/' + encodeURIComponent(w.id) + '/rotate-secret');
      if (r.status === 200) {
        // the old secret stays valid for 24 hours: events carry a signature for each meanwhile
        $('webhook-secret-url').textContent = r.data.url + ' (the previous secret stays valid for 24 hours)';
        $('webhook-secret').value = r.data.secret;
        $('webhook-secret-box').classList.remove('hidden');
      } else {
        alert((r.data && r.data.error && r.data.error.message) || 'Could not make a new secret.');
      }
      await loadWebhooks();
    });
    let enable = null;
    if (!w.enabled) {
      enable = el('button', { class: 'secondary', type: 'button', text: 'Enable again' });
      enable.addEventListener('click', async () => {
        await call('POST', base + '/webhooks/' + encodeURIComponent(w.id) + '/enable');
        await loadWebhooks();
      });
    }
    return el('div', { class: 'webhook-item', 'data-webhook': w.id },
      el('div', {}, el('b', { text: String(w.url) }), ' ',
        el('span', { class: 'pill ' + (w.enabled ? 'ACTIVE' : 'REVOKED'), text: w.enabled ? 'Enabled' : 'Disabled' })),
      el('div', { class: 'small muted', text: Array.isArray(w.events) ? w.events.join(', ') : '' }),
      el('div', { class: 'row-actions' }, toggle, rotate, enable, del),
      log);
  }

  channelChanged();
  if (token) start(); else showLogin(null);
})();
