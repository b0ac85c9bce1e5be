'use strict';
/* The visitor page: shows the link and one button per door. Loading it never unlocks anything;
   only pressing a button sends a POST. Its texts come with the link, in the link's language
   (the server falls back to English key by key); until then, and for an unknown link, English. */
(() => {
  const { el, api, icon } = AL;
  const $ = (id) => document.getElementById(id);
  const secret = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
  const base = '/api/links/' + encodeURIComponent(secret);

  let texts = {};
  let vars = {};
  // t('key', { door: 'Front' }) fills {placeholders}; values go into textContent, never into HTML
  function t(key, extra, english) {
    let s = typeof texts[key] === 'string' ? texts[key] : english;
    const all = Object.assign({}, vars, extra || {});
    Object.keys(all).forEach((k) => { s = s.split('{' + k + '}').join(String(all[k])); });
    return s;
  }

  const NOTICES = {
    UNKNOWN: ['link', 'This link is not valid', 'Check that you have the whole link, or ask the person who sent it for a new one.'],
    REVOKED: ['blocked', 'revoked.title', 'ended.text'],
    EXPIRED: ['clock', 'expired.title', 'ended.text'],
    USED_UP: ['blocked', 'usedUp.title', 'usedUp.text'],
  };

  function notice(kind, extra) {
    const [iconName, title, text] = NOTICES[kind];
    $('card').classList.add('hidden');
    $('notice').classList.remove('hidden');
    $('notice').dataset.status = kind;
    $('notice-icon').replaceChildren(icon(iconName, 44));
    $('notice-title').textContent = kind === 'UNKNOWN' ? title : t(title);
    const body = kind === 'UNKNOWN' ? text : t(text);
    $('notice-text').textContent = extra ? extra + ' ' + body : body;
  }

  function message(kind, text) {
    $('message').className = 'banner ' + kind;
    $('message').textContent = text;
  }

  function windowText(v) {
    if (v.validFromText && v.validUntilText) return t('window.between');
    if (v.validFromText) return t('window.from');
    if (v.validUntilText) return t('window.until');
    return t('window.always');
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
    texts = (v.texts && typeof v.texts === 'object') ? v.texts : {};
    if (typeof v.language === 'string') document.documentElement.lang = v.language;
    vars = { name: v.recipientName, org: v.organizationName, group: v.groupName,
      from: v.validFromText || '', until: v.validUntilText || '' };
    vars.sender = v.issuerName ? t('sender.named', { sender: v.issuerName }) : v.organizationName;
    document.title = t('title');
    $('foot').textContent = t('footer');
    $('greeting').textContent = t('greeting');
    $('place').textContent = placeText(v.status);
    if (v.issuerName) $('hello').append(el('p', { class: 'small', id: 'sent-by', text: t('sentBy') }));
    $('card').dataset.status = v.status;
    if (v.status === 'REVOKED') return notice('REVOKED');
    if (v.status === 'USED_UP') return notice('USED_UP');
    if (v.status === 'EXPIRED') {
      return notice('EXPIRED', v.activeUntilText ? t('expired.activeExtra', { activeUntil: v.activeUntilText })
        : v.validUntilText ? t('expired.extra') : null);
    }
    $('validity').replaceChildren(...[el('span', { class: 'pill ' + v.status, text: t('pill.' + v.status) }),
      el('span', { class: 'muted', text: windowText(v) }),
      typeof v.usesLeft === 'number' ? el('span', { class: 'muted', id: 'uses-left', text: usesLeftText(v.usesLeft) }) : null,
      v.activeUntilText ? el('span', { class: 'muted', text: t('rules.activeUntil', { activeUntil: v.activeUntilText }) }) : null,
      !v.activeUntilText && v.activeMinutesAfterFirstUse ? el('span', { class: 'muted',
        text: t('rules.activeMinutes', { minutes: v.activeMinutesAfterFirstUse }) }) : null]
      .filter((c) => c !== null));
    if (v.status === 'NOT_YET_VALID') {
      message('warn', v.nextOpeningText ? t('notYet.next', { next: v.nextOpeningText }) : t('notYet.message'));
    } else if (v.schedule) {
      showNextOpening(v);
    }
    $('doors').replaceChildren(...(v.doors || []).map(doorButton));
    $('help').textContent = v.doors.length ? t('help.doors') : t('help.none');
  }

  // Only a link that opens doors now says so; a revoked or expired one says what it was for.
  function placeText(status) {
    if (status === 'ACTIVE') return t('place.active');
    if (status === 'NOT_YET_VALID') return t('place.notYet');
    return t('place.ended');
  }

  // A link with set times: inside a slot the doors open now; outside, the page says when they open next.
  function showNextOpening(v) {
    if (!v.nextOpening) {
      message('warn', t('schedule.none'));
    } else if (new Date(v.nextOpening).getTime() > Date.now() + 1000) {
      message('warn', t('schedule.next', { next: v.nextOpeningText }));
    }
  }

  function usesLeftText(n) {
    return n === 1 ? t('uses.one') : t('uses.many', { uses: n });
  }

  function doorButton(d) {
    if (d.linkAccess === false) {
      // closed to access links by the organization: shown, never pressable
      return el('button', { type: 'button', class: 'door-btn closed', 'data-door': d.id, disabled: true },
        el('span', { text: d.name }), el('span', { class: 'state', text: t('door.closed') }));
    }
    const state = el('span', { class: 'state', text: t('door.unlock') });
    const b = el('button', { type: 'button', class: 'door-btn', 'data-door': d.id }, el('span', { text: d.name }), state);
    b.addEventListener('click', async () => {
      b.disabled = true;
      b.classList.remove('unlocked', 'refused');
      state.textContent = t('door.unlocking');
      const r = await api('POST', base + '/doors/' + encodeURIComponent(d.id) + '/unlock');
      b.disabled = false;
      if (r.status === 200) {
        b.classList.add('unlocked');
        state.replaceChildren(document.createTextNode(t('door.unlocked') + ' '), icon('check', 14));
        message('ok', t('unlocked.message', { door: d.name }));
        refreshUses();
        setTimeout(() => { b.classList.remove('unlocked'); state.textContent = t('door.unlock'); }, 6000);
        return;
      }
      b.classList.add('refused');
      const reason = r.data && r.data.reason;
      state.textContent = r.status === 503 ? (r.data && r.data.outcome === 'BUSY' ? t('door.busy') : t('door.noAnswer'))
        : r.status === 429 ? t('door.wait') : t('door.refused');
      const denied = typeof reason === 'string' && typeof texts['denied.' + reason] === 'string' ? texts['denied.' + reason] : null;
      if (reason === 'REVOKED' || reason === 'EXPIRED' || reason === 'USE_LIMIT_REACHED') {
        const status = reason === 'USE_LIMIT_REACHED' ? 'USED_UP' : reason;
        message('bad', (denied || r.data.message) + ' ' + t('noLongerOpens'));
        $('card').dataset.status = status;
        $('place').textContent = t('noLongerOpens');
        $('validity').replaceChildren(el('span', { class: 'pill ' + status, text: t('pill.' + status) }));
        document.querySelectorAll('.door-btn').forEach((other) => { if (other !== b) other.disabled = true; });
      } else if (reason === 'OUTSIDE_SCHEDULE') {
        const again = await api('GET', base);
        const next = again.status === 200 && again.data ? again.data.nextOpeningText : null;
        message('bad', next ? t('schedule.closedNow', { next }) : (denied || r.data.message));
      } else if (r.status === 404) {
        message('bad', t('unknown'));
      } else if (r.status === 503) {
        message('bad', r.data && r.data.outcome === 'BUSY' ? t('busy.message') : t('unreachable.message'));
      } else {
        message('bad', denied || (r.data && (r.data.message || (r.data.error && r.data.error.message))) || t('failed'));
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
      shown.textContent = usesLeftText(r.data.usesLeft);
    }
  }

  load();
})();
