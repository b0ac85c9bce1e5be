'use strict';
/* The visitor page: shows the link and one button per door. Loading it never unlocks anything;
   only pressing a button sends a POST. */
(() => {
  const { el, api, when, windowText, icon } = AL;
  const $ = (id) => document.getElementById(id);
  const secret = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
  const base = '/api/links/' + encodeURIComponent(secret);

  const NOTICES = {
    UNKNOWN: ['link', 'This link is not valid', 'Check that you have the whole link, or ask the person who sent it for a new one.'],
    REVOKED: ['blocked', 'This link has been revoked', 'It no longer opens any door. Ask the person who sent it for a new one.'],
    EXPIRED: ['clock', 'This link has expired', 'It no longer opens any door. Ask the person who sent it for a new one.'],
    USED_UP: ['blocked', 'This link has been used up', 'It opened the doors as many times as it allows. Ask the person who sent it for a new one.'],
  };

  function notice(kind, extra) {
    const [iconName, title, text] = NOTICES[kind];
    $('card').classList.add('hidden');
    $('notice').classList.remove('hidden');
    $('notice').dataset.status = kind;
    $('notice-icon').replaceChildren(icon(iconName, 44));
    $('notice-title').textContent = title;
    $('notice-text').textContent = extra ? extra + ' ' + text : text;
  }

  function message(kind, text) {
    $('message').className = 'banner ' + kind;
    $('message').textContent = text;
  }

  async function load() {
    const r = await api('GET', base);
    if (r.status === 404) {
      $('greeting').textContent = 'Access link';
      $('place').textContent = '';
      return notice('UNKNOWN');
    }
    if (r.status !== 200) {
      $('place').textContent = '';
      return message('bad', (r.data && r.data.error && r.data.error.message) || 'The page could not be loaded. Try again.');
    }
    const v = r.data;
    document.title = 'Access link · ' + v.organizationName;
    $('greeting').textContent = 'Hello, ' + v.recipientName;
    $('place').textContent = placeText(v.status, v.groupName, v.organizationName, v.validFrom);
    $('card').dataset.status = v.status;
    if (v.status === 'REVOKED') return notice('REVOKED');
    if (v.status === 'USED_UP') return notice('USED_UP');
    if (v.status === 'EXPIRED') {
      return notice('EXPIRED', v.activeUntil ? 'It worked until ' + when(v.activeUntil) + '.'
        : v.validUntil ? 'It was valid until ' + when(v.validUntil) + '.' : null);
    }
    $('validity').replaceChildren(...[el('span', { class: 'pill ' + v.status, text: v.status === 'ACTIVE' ? 'Active' : 'Not yet valid' }),
      el('span', { class: 'muted', text: windowText(v.validFrom, v.validUntil) }),
      typeof v.usesLeft === 'number' ? el('span', { class: 'muted', id: 'uses-left', text: '· ' + v.usesLeft + (v.usesLeft === 1 ? ' use left' : ' uses left') }) : null,
      v.activeUntil ? el('span', { class: 'muted', text: '· works until ' + when(v.activeUntil) }) : null,
      !v.activeUntil && v.activeMinutesAfterFirstUse ? el('span', { class: 'muted',
        text: '· works for ' + v.activeMinutesAfterFirstUse + ' min after the first door opens' }) : null]
      .filter((c) => c !== null));
    if (v.status === 'NOT_YET_VALID') {
      message('warn', 'This link is not valid yet. It opens the doors from ' + when(v.nextOpening || v.validFrom) + '.');
    } else if (v.schedule) {
      showNextOpening(v.nextOpening);
    }
    $('doors').replaceChildren(...(v.doors || []).map(doorButton));
    $('help').textContent = v.doors.length ? 'Press a door to unlock it. It locks again by itself.' : 'This link opens no doors.';
  }

  // Only a link that opens doors now says so; a revoked or expired one says what it was for.
  function placeText(status, groupName, organizationName, validFrom) {
    const doors = 'the doors of ' + groupName + ' at ' + organizationName;
    if (status === 'ACTIVE') return 'You can open ' + doors + '.';
    if (status === 'NOT_YET_VALID') return 'From ' + when(validFrom) + ' you can open ' + doors + '.';
    return 'This link was for ' + doors + '.';
  }

  // A link with set times: inside a slot the doors open now; outside, the page says when they open next.
  function showNextOpening(next) {
    if (!next) {
      message('warn', 'This link does not open doors at this time, and no later time is left in its validity.');
    } else if (new Date(next).getTime() > Date.now() + 1000) {
      message('warn', 'This link opens doors at set times only. Next opening: ' + when(next) + '.');
    }
  }

  function doorButton(d) {
    if (d.linkAccess === false) {
      // closed to access links by the organization: shown, never pressable
      return el('button', { type: 'button', class: 'door-btn closed', 'data-door': d.id, disabled: true },
        el('span', { text: d.name }), el('span', { class: 'state', text: 'Not with a link' }));
    }
    const state = el('span', { class: 'state', text: 'Unlock' });
    const b = el('button', { type: 'button', class: 'door-btn', 'data-door': d.id }, el('span', { text: d.name }), state);
    b.addEventListener('click', async () => {
      b.disabled = true;
      b.classList.remove('unlocked', 'refused');
      state.textContent = 'Unlocking…';
      const r = await api('POST', base + '/doors/' + encodeURIComponent(d.id) + '/unlock');
      b.disabled = false;
      if (r.status === 200) {
        b.classList.add('unlocked');
        state.replaceChildren(document.createTextNode('Unlocked '), icon('check', 14));
        message('ok', d.name + ' is unlocked. Go ahead!');
        refreshUses();
        setTimeout(() => { b.classList.remove('unlocked'); state.textContent = 'Unlock'; }, 6000);
        return;
      }
      b.classList.add('refused');
      const reason = r.data && r.data.reason;
      state.textContent = r.status === 503 ? (r.data && r.data.outcome === 'BUSY' ? 'Busy' : 'No answer')
        : r.status === 429 ? 'Wait' : 'Refused';
      if (reason === 'REVOKED' || reason === 'EXPIRED' || reason === 'USE_LIMIT_REACHED') {
        const status = reason === 'USE_LIMIT_REACHED' ? 'USED_UP' : reason;
        message('bad', r.data.message + ' It no longer opens any door.');
        $('card').dataset.status = status;
        $('place').textContent = 'This link no longer opens any door.';
        $('validity').replaceChildren(el('span', { class: 'pill ' + status,
          text: reason === 'REVOKED' ? 'Revoked' : reason === 'EXPIRED' ? 'Expired' : 'Used up' }));
        document.querySelectorAll('.door-btn').forEach((other) => { if (other !== b) other.disabled = true; });
      } else if (reason === 'OUTSIDE_SCHEDULE') {
        const v = await api('GET', base);
        const next = v.status === 200 && v.data ? v.data.nextOpening : null;
        message('bad', next ? 'This link does not open doors at this time. Next opening: ' + when(next) + '.'
          : r.data.message);
      } else if (r.status === 404) {
        message('bad', 'This link is not valid.');
      } else {
        message('bad', (r.data && (r.data.message || (r.data.error && r.data.error.message))) || 'The door could not be opened.');
      }
    });
    return b;
  }

  // After an opening, the uses left go down: read them again (nothing else on the page changes).
  async function refreshUses() {
    const shown = $('uses-left');
    if (!shown) return;
    const r = await api('GET', base);
    if (r.status === 200 && r.data && typeof r.data.usesLeft === 'number') {
      shown.textContent = '· ' + r.data.usesLeft + (r.data.usesLeft === 1 ? ' use left' : ' uses left');
    }
  }

  load();
})();
