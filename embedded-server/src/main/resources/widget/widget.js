/*! Parley website widget. Vanilla JavaScript, no build step.
 * Embed: <script src="{base}/widget.js" data-bot-id="{id}" data-key="wk_..." async></script>
 * Studio preview: data-preview-draft="{draft_id}" data-token="{bearer}" [data-open="true"] [data-embedded="true"].
 * Everything renders in a Shadow DOM. Text from the model, the knowledge base or the server is only
 * ever inserted as text nodes (textContent): never as HTML.
 */
(function () {
  'use strict';
  var script = document.currentScript ||
    document.querySelector('script[src*="widget.js"][data-bot-id],script[src*="widget.js"][data-preview-draft]');
  if (!script) return;
  var ds = script.dataset;
  var api = script.src.replace(/\/widget\.js(?:[?#].*)?$/, '') + '/api/v1';
  var draft = ds.previewDraft;
  var botId = ds.botId || '';
  var auth = draft ? ds.token : ds.key;
  var embedded = ds.embedded === 'true';
  var noBubble = embedded || ds.open === 'true';
  var enc = encodeURIComponent;
  var urls = draft ? {
    config: api + '/chatbots/draft/' + enc(draft) + '/widget-config',
    chat: api + '/chatbots/draft/' + enc(draft) + '/preview'
  } : {
    config: api + '/bots/' + enc(botId) + '/config',
    chat: api + '/bots/' + enc(botId) + '/chat',
    feedback: api + '/bots/' + enc(botId) + '/feedback',
    lead: api + '/leads/capture'
  };
  var storeKey = 'parley:' + (draft ? 'preview:' + draft : botId);
  var NS = 'http://www.w3.org/2000/svg';
  var ICONS = {
    chat: 'M4 5h16v11H9l-5 4z',
    close: 'M6 6l12 12M18 6L6 18',
    send: 'M4 12l16-8-6 16-2.5-5.5z',
    up: 'M7 10v10H4V10zM7 10l4-7c1.5 0 2.6 1.2 2.2 3L12.5 10H18c1.2 0 2.2 1.1 1.9 2.3l-1.6 6.2c-.3 1-1.1 1.5-2 1.5H7',
    down: 'M7 14V4H4v10zM7 14l4 7c1.5 0 2.6-1.2 2.2-3l-.7-4H18c1.2 0 2.2-1.1 1.9-2.3l-1.6-6.2c-.3-1-1.1-1.5-2-1.5H7',
    reset: 'M4 12a8 8 0 1 0 2.4-5.7M4 4v4h4'
  };
  var T = {
    network: 'Cannot reach the chat service. Check your connection and try again.',
    generic: 'Something went wrong. Please try again.',
    cut: 'The answer was interrupted. Please try again.',
    domain: 'This chat is not available on this website: its address is not in the bot\'s allowed domains.',
    key: 'This chat is not set up correctly (its key was not accepted).',
    gone: 'This chat is no longer available.'
  };

  var saved = load();
  var state = {
    session: saved.session_id || null,
    messages: Array.isArray(saved.messages) ? saved.messages : [],
    lead: !!saved.lead,
    vars: saved.vars || {},
    busy: false,
    config: null,
    failure: null
  };
  var ui = {};

  // ---- DOM helpers: attributes and text only, never markup ----
  function h(tag, attrs, kids) {
    var el = document.createElement(tag);
    for (var k in attrs || {}) {
      var v = attrs[k];
      if (v == null || v === false) continue;
      if (k === 'text') el.textContent = v;
      else if (k === 'class') el.className = v;
      else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : v);
    }
    (kids || []).forEach(function (c) {
      if (c != null) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return el;
  }
  function icon(name) {
    var svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var p = document.createElementNS(NS, 'path');
    p.setAttribute('d', ICONS[name]);
    svg.appendChild(p);
    return svg;
  }
  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }
  function safeUrl(u) {
    try {
      var url = new URL(u, api);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  // ---- Markdown subset -> DOM nodes ----
  var INLINE = /`([^`\n]+)`|\*\*([^\n]+?)\*\*|\*([^*\s](?:[^*\n]*[^*\s])?)\*|\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)|\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]|(https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"])|\n/g;

  function inline(el, text, ctx) {
    var re = new RegExp(INLINE.source, 'g');
    var last = 0;
    var m;
    while ((m = re.exec(text))) {
      if (m.index > last) el.appendChild(document.createTextNode(text.slice(last, m.index)));
      last = re.lastIndex;
      if (m[1] != null) el.appendChild(h('code', { text: m[1] }));
      else if (m[2] != null) el.appendChild(inline(h('strong'), m[2], ctx));
      else if (m[3] != null) el.appendChild(inline(h('em'), m[3], ctx));
      else if (m[4] != null) el.appendChild(link(m[5], m[4]));
      else if (m[6] != null) cite(el, m[6], m[0], ctx);
      else if (m[7] != null) el.appendChild(link(m[7], m[7]));
      else el.appendChild(h('br'));
    }
    if (last < text.length) el.appendChild(document.createTextNode(text.slice(last)));
    return el;
  }
  function link(href, label) {
    var url = safeUrl(href);
    if (!url || !/^https?:/i.test(href)) return document.createTextNode(label);
    return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: label });
  }
  function cite(el, list, raw, ctx) {
    var ns = list.split(/\s*,\s*/);
    var known = ns.every(function (n) { return ctx.sources && ctx.sources[n]; });
    if (!ctx.streaming && !known) {
      el.appendChild(document.createTextNode(raw));
      return;
    }
    ns.forEach(function (n) {
      var src = known && ctx.sources[n];
      var sup = h('sup', { class: 'c' });
      if (src) {
        sup.appendChild(h('a', {
          href: '#', 'data-n': n, text: n,
          'aria-label': 'Source ' + n + ': ' + srcLabel(src),
          onclick: function (e) { e.preventDefault(); ctx.show(n); }
        }));
      } else {
        sup.textContent = n;
      }
      el.appendChild(sup);
    });
  }
  function markdown(text, ctx) {
    var frag = document.createDocumentFragment();
    var lines = String(text || '').replace(/\r\n?/g, '\n').split('\n');
    var para = [];
    var list = null;
    function flush() {
      if (para.length) frag.appendChild(inline(h('p'), para.join('\n'), ctx));
      para = [];
    }
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      var m;
      if (/^\s*```/.test(line)) {
        flush();
        list = null;
        var code = [];
        while (++i < lines.length && !/^\s*```/.test(lines[i])) code.push(lines[i]);
        frag.appendChild(h('pre', null, [h('code', { text: code.join('\n') })]));
      } else if ((m = /^\s*(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/.exec(line))) {
        flush();
        var ordered = !m[1];
        if (!list || list.ordered !== ordered) {
          list = { ordered: ordered, el: h(ordered ? 'ol' : 'ul') };
          if (ordered && m[2] !== '1') list.el.setAttribute('start', String(parseInt(m[2], 10)));
          frag.appendChild(list.el);
        }
        list.el.appendChild(inline(h('li'), m[3], ctx));
      } else if (!line.trim()) {
        flush();
        list = null;
      } else if (list && /^\s{2,}\S/.test(line)) {
        var li = list.el.lastChild;
        li.appendChild(document.createTextNode(' '));
        inline(li, line.trim(), ctx);
      } else if ((m = /^#{1,6}\s+(.*)$/.exec(line))) {
        flush();
        list = null;
        frag.appendChild(inline(h('p', { class: 'hd' }), m[1], ctx));
      } else {
        list = null;
        para.push(line);
      }
    }
    flush();
    return frag;
  }
  function srcLabel(s) {
    var name = s.document_name || s.title || 'Document';
    return s.page != null && s.page !== '' ? name + ', p. ' + s.page : name;
  }

  // ---- storage: one entry per bot, so a reload continues the conversation ----
  function load() {
    try {
      return JSON.parse(localStorage.getItem(storeKey)) || {};
    } catch (e) {
      return {};
    }
  }
  function save() {
    try {
      localStorage.setItem(storeKey, JSON.stringify({
        session_id: state.session, messages: state.messages.slice(-60), lead: state.lead, vars: state.vars
      }));
    } catch (e) { /* storage may be disabled; the chat still works */ }
  }

  // ---- HTTP ----
  function headers(extra) {
    var hs = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (auth) hs.Authorization = 'Bearer ' + auth;
    for (var k in extra || {}) hs[k] = extra[k];
    return hs;
  }
  function failure(res) {
    return res.text().then(function (t) {
      var body = null;
      try { body = JSON.parse(t); } catch (e) { /* not JSON */ }
      return errorText(res.status, body, res.headers.get('Retry-After'));
    }, function () { return errorText(res.status, null, res.headers.get('Retry-After')); });
  }
  function errorText(status, body, retryAfter) {
    var e = (body && body.error) || {};
    if (e.message && window.console) console.warn('[Parley widget]', status || '', e.code || '', e.message);
    if (e.code === 'conversation_limit' || e.code === 'daily_limit') return e.message;
    if (status === 429 || e.code === 'rate_limited') {
      var s = parseInt(retryAfter, 10);
      if (!(s > 0)) s = parseInt(e.details && (e.details.retry_after_seconds || e.details.retry_after), 10);
      if (!(s > 0)) s = 60;
      return 'Too many messages, try again in ' + (s < 120 ? s + ' s' : Math.ceil(s / 60) + ' min');
    }
    if (status === 403 && !draft) return T.domain;
    if (status === 401) return T.key;
    if (status === 404) return T.gone;
    return e.message || T.generic;
  }
  function post(url, body) {
    return fetch(url, { method: 'POST', headers: headers(), body: JSON.stringify(body) }).then(function (res) {
      if (res.ok) return res.status === 204 ? {} : res.json();
      return failure(res).then(function (msg) { throw new Error(msg); });
    }, function () { throw new Error(T.network); });
  }
  // POST with Accept: text/event-stream; parses start/delta/done/error events as they arrive.
  function stream(body, on) {
    return fetch(urls.chat, {
      method: 'POST', headers: headers({ Accept: 'text/event-stream' }), body: JSON.stringify(body)
    }).then(function (res) {
      if (!res.ok) return failure(res).then(on.error);
      var type = res.headers.get('Content-Type') || '';
      if (type.indexOf('text/event-stream') < 0 || !res.body) return res.json().then(on.done);
      var reader = res.body.getReader();
      var dec = new TextDecoder();
      var buf = '';
      var ended = false;
      function dispatch(block) {
        var name = 'message';
        var data = [];
        block.split('\n').forEach(function (l) {
          var c = l.indexOf(':');
          if (c === 0) return;
          var field = c < 0 ? l : l.slice(0, c);
          var value = c < 0 ? '' : l.slice(c + 1).replace(/^ /, '');
          if (field === 'event') name = value;
          else if (field === 'data') data.push(value);
        });
        if (!data.length || ended) return;
        var d;
        try { d = JSON.parse(data.join('\n')); } catch (e) { return; }
        if (name === 'error') {
          ended = true;
          on.error(errorText(0, d));
        } else if (name === 'done') {
          ended = true;
          on.done(d);
        } else if (on[name]) {
          on[name](d);
        }
      }
      function pump() {
        return reader.read().then(function (r) {
          if (r.done) {
            buf += dec.decode();
            if (buf.trim()) dispatch(buf.trim());
            if (!ended) on.error(T.cut);
            return;
          }
          buf = (buf + dec.decode(r.value, { stream: true })).replace(/\r\n/g, '\n');
          var i;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            dispatch(buf.slice(0, i));
            buf = buf.slice(i + 2);
          }
          return pump();
        });
      }
      return pump();
    }).catch(function () { on.error(T.network); });
  }

  // ---- messages ----
  function scrollDown() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }
  function addRow(el) {
    ui.log.insertBefore(el, ui.end);
    scrollDown();
    return el;
  }
  function userRow(text) {
    return addRow(h('div', { class: 'm u', text: text }));
  }
  function errorRow(text) {
    return addRow(h('div', { class: 'm e', role: 'alert', text: text }));
  }
  function botRow(msg, streaming) {
    var row = addRow(h('div', { class: 'm b' }));
    render(row, msg, streaming);
    return row;
  }
  function render(row, msg, streaming) {
    var cfg = state.config || {};
    var features = cfg.features || {};
    var sources = {};
    var citing = features.enable_citations !== false;
    (citing && msg.sources || []).forEach(function (s, i) { sources[String(s.n != null ? s.n : i + 1)] = s; });
    clear(row);
    row.setAttribute('aria-busy', streaming ? 'true' : 'false');
    if (streaming && !msg.text) {
      row.classList.add('typing');
      row.setAttribute('aria-label', 'The assistant is typing');
      row.appendChild(h('span'));
      row.appendChild(h('span'));
      row.appendChild(h('span'));
      return;
    }
    row.classList.remove('typing');
    row.removeAttribute('aria-label');
    var list = null;
    var ctx = {
      sources: sources, streaming: streaming, show: function (n) {
        var li = list && list.querySelector('[data-n="' + n + '"]');
        if (!li) return;
        list.querySelectorAll('.hl').forEach(function (x) { x.classList.remove('hl'); });
        li.classList.add('hl');
        li.focus();
      }
    };
    var body = h('div', { class: 'md' });
    body.appendChild(markdown(msg.text, ctx));
    row.appendChild(body);
    if (streaming) return;
    (msg.parts || []).forEach(function (p) {
      var src = p.type === 'image' && safeUrl(p.url);
      if (src) row.appendChild(h('img', { class: 'pic', src: src, alt: p.alt || '' }));
    });
    var keys = Object.keys(sources);
    if (keys.length) {
      list = h('ol', { class: 'sl' });
      keys.forEach(function (n) {
        var s = sources[n];
        var path = (s.heading_path || []).join(' \u203a ');
        list.appendChild(h('li', { 'data-n': n, tabindex: '-1', title: s.snippet || null }, [
          h('span', { class: 'sn', text: n + '.' }), ' ' + srcLabel(s),
          path ? h('span', { class: 'sp', text: ' \u2014 ' + path }) : null
        ]));
      });
      row.appendChild(h('div', { class: 'srcs' }, [h('div', { class: 'st', text: 'Sources' }), list]));
    }
    var acts = h('div', { class: 'acts' });
    if (msg.mode === 'offline') acts.appendChild(h('span', { class: 'note', text: 'Answered from the documents (no AI model)' }));
    if (features.enable_feedback && msg.id && urls.feedback) {
      acts.appendChild(h('span', { class: 'grow' }));
      ['up', 'down'].forEach(function (kind) {
        var rating = kind === 'up' ? 'positive' : 'negative';
        var b = h('button', {
          type: 'button', class: 'fb ' + kind, 'aria-label': kind === 'up' ? 'Helpful' : 'Not helpful',
          title: kind === 'up' ? 'Helpful' : 'Not helpful', 'aria-pressed': String(msg.feedback === rating),
          onclick: function () { feedback(msg, rating, acts); }
        }, [icon(kind)]);
        acts.appendChild(b);
      });
    }
    if (acts.firstChild) row.appendChild(acts);
    var last = msg === state.messages[state.messages.length - 1];
    var choices = [];
    (msg.parts || []).forEach(function (p) { if (p.type === 'buttons') choices = choices.concat(p.buttons || []); });
    if (msg.input && msg.input.choices && msg.input.choices.length) choices = msg.input.choices;
    if (last && choices.length) {
      row.appendChild(chips(choices, 'Choose an answer'));
    } else if (features.enable_follow_up_suggestions !== false && msg.suggestions && msg.suggestions.length && last) {
      row.appendChild(chips(msg.suggestions, 'More questions'));
    }
  }
  function feedback(msg, rating, acts) {
    msg.feedback = rating;
    save();
    acts.querySelectorAll('.fb').forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.classList.contains(rating === 'positive' ? 'up' : 'down')));
    });
    post(urls.feedback, { message_id: msg.id, rating: rating }).then(function () {
      acts.setAttribute('data-sent', rating);
    }, function (e) { errorRow(e.message); });
  }
  // prompts: strings, or a chatflow's choices {label, value} (the label is shown, the value sent)
  function chips(prompts, label) {
    var box = h('div', { class: 'chips', role: 'group', 'aria-label': label });
    prompts.forEach(function (p) {
      var text = p && typeof p === 'object' ? p.label : p;
      var value = p && typeof p === 'object' ? p.value || p.label : p;
      if (typeof text === 'string' && text.trim()) {
        box.appendChild(h('button', { type: 'button', class: 'chip', text: text, onclick: function () { send(value, text); } }));
      }
    });
    return box;
  }
  function clearChips() {
    ui.log.querySelectorAll('.chips').forEach(function (c) { c.parentNode.removeChild(c); });
  }

  // ---- sending ----
  // shown: what the visitor pressed (a choice's label) when the text sent is its value
  function send(text, shown) {
    text = String(text || '').trim();
    if (!text || state.busy || ui.input.disabled) return;
    clearChips();
    ui.input.value = '';
    grow();
    userRow(shown || text);
    state.messages.push({ role: 'user', text: shown || text });
    save();
    setBusy(true);
    var msg = { role: 'bot', text: '' };
    var row = botRow(msg, true);
    var deltas = 0;
    var pending = false;
    var body = { message: text };
    if (state.session) body.session_id = state.session;
    if (Object.keys(state.vars).length) body.metadata = { variables: state.vars };
    return stream(body, {
      start: function (d) {
        if (d.session_id) state.session = d.session_id;
        msg.id = d.message_id;
        save();
      },
      delta: function (d) {
        msg.text += d.text || '';
        row.setAttribute('data-deltas', String(++deltas));
        if (pending) return;
        pending = true;
        setTimeout(function () {
          pending = false;
          if (row.getAttribute('aria-busy') === 'true') {
            render(row, msg, true);
            row.setAttribute('data-renders', String(+(row.getAttribute('data-renders') || 0) + 1));
            scrollDown();
          }
        }, 30);
      },
      done: function (d) {
        if (typeof d.response === 'string') msg.text = d.response;
        msg.id = d.message_id || msg.id;
        msg.sources = d.sources || [];
        msg.suggestions = d.suggestions || [];
        msg.mode = d.metadata && d.metadata.mode;
        if (Array.isArray(d.messages)) msg.parts = d.messages;
        msg.input = d.input || null;
        if (d.session_id) state.session = d.session_id;
        state.messages.push(msg);
        save();
        render(row, msg, false);
        row.setAttribute('data-done', 'true');
        scrollDown();
        setBusy(false);
        afterAnswer();
      },
      error: function (text) {
        row.parentNode.removeChild(row);
        errorRow(text);
        setBusy(false);
      }
    });
  }
  function setBusy(busy) {
    state.busy = busy;
    ui.send.disabled = busy;
    ui.reset.disabled = busy; // starting over mid-answer would mix two conversations
    ui.log.setAttribute('aria-busy', String(busy));
  }
  function grow() {
    ui.input.style.height = 'auto';
    ui.input.style.height = Math.min(ui.input.scrollHeight + 2, 120) + 'px';
  }

  // ---- forms: lead capture and pre-chat variables ----
  var LABELS = { email: 'Email', name: 'Name', phone: 'Phone' };
  var TYPES = { email: 'email', phone: 'tel' };
  function fieldsFor(before) {
    var cfg = state.config || {};
    var lc = cfg.lead_capture || {};
    var fields = [];
    var seen = {};
    function add(name, required, kind) {
      if (typeof name !== 'string' || !name || seen[name]) return;
      seen[name] = true;
      fields.push({ name: name, required: required, kind: kind });
    }
    if (lc.enabled && !state.lead && (lc.timing || 'before_chat') === (before ? 'before_chat' : 'after_first_message')) {
      (lc.required_fields || []).forEach(function (f) { add(f, true, 'lead'); });
      (lc.optional_fields || []).forEach(function (f) { add(f, false, 'lead'); });
    }
    if (before && !Object.keys(state.vars).length) {
      (cfg.variables || []).forEach(function (v) { add(v.name, !!v.required, 'var'); });
    }
    return fields;
  }
  function form(fields, before) {
    var lead = fields.some(function (f) { return f.kind === 'lead'; });
    var inputs = [];
    var status = h('div', { class: 'fs', role: 'status' });
    var el = h('form', { class: 'form', novalidate: true, 'aria-label': lead ? 'Your contact details' : 'About you' }, [
      h('div', { class: 'ft', text: before ? 'Before we start, please tell us a little about you.'
        : 'Want us to follow up? Leave your details.' })
    ]);
    fields.forEach(function (f) {
      var label = LABELS[f.name] || f.name.replace(/_/g, ' ').replace(/^./, function (c) { return c.toUpperCase(); });
      var input = h('input', {
        name: f.name, type: TYPES[f.name] || 'text', required: f.required,
        autocomplete: f.name === 'email' ? 'email' : f.name === 'phone' ? 'tel' : f.name === 'name' ? 'name' : null
      });
      inputs.push({ f: f, input: input });
      el.appendChild(h('label', null, [h('span', { text: label + (f.required ? ' *' : ' (optional)') }), input]));
    });
    var submit = h('button', { type: 'submit', class: 'btn', text: before ? 'Start chatting' : 'Send' });
    var row = h('div', { class: 'fa' }, [submit]);
    if (!before) {
      row.appendChild(h('button', {
        type: 'button', class: 'lnk', text: 'No thanks',
        onclick: function () { state.lead = true; save(); done(); }
      }));
    }
    el.appendChild(row);
    el.appendChild(status);
    function done() {
      el.parentNode.removeChild(el);
      unblock();
    }
    el.addEventListener('submit', function (e) {
      e.preventDefault();
      for (var i = 0; i < inputs.length; i++) {
        var inp = inputs[i].input;
        var bad = inp.required && !inp.value.trim() || inp.type === 'email' && inp.value && !/^\S+@\S+\.\S+$/.test(inp.value);
        inp.setAttribute('aria-invalid', String(!!bad));
        if (bad) {
          status.textContent = inp.value ? 'Please enter a valid email address.' : 'Please fill in the required fields.';
          inp.focus();
          return;
        }
      }
      var body = { bot_id: botId };
      var custom = {};
      var vars = {};
      if (state.session) body.session_id = state.session;
      inputs.forEach(function (x) {
        var v = x.input.value.trim();
        if (!v) return;
        if (x.f.kind === 'var') vars[x.f.name] = v;
        else if (LABELS[x.f.name]) body[x.f.name] = v;
        else custom[x.f.name] = v;
      });
      if (Object.keys(custom).length) body.custom_fields = custom;
      state.vars = Object.assign({}, state.vars, vars);
      submit.disabled = true;
      status.textContent = 'Sending\u2026';
      var sending = lead && urls.lead ? post(urls.lead, body) : Promise.resolve({});
      sending.then(function () {
        if (lead) state.lead = true;
        save();
        done();
        if (lead) {
          addRow(h('div', { class: 'm i', role: 'status',
            text: urls.lead ? 'Thanks! We received your details.' : 'Preview: contact details are not saved.' }));
        }
      }, function (err) {
        submit.disabled = false;
        status.textContent = err.message;
      });
    });
    return el;
  }
  function block(fields, before) {
    var el = form(fields, before);
    if (before) {
      ui.input.disabled = true;
      ui.input.placeholder = 'Please fill in the form above first';
      ui.send.disabled = true;
    }
    addRow(el);
    // Only a form that blocks the chat takes the focus; one after an answer must not pull the reader away.
    if (before && ui.panel.hidden === false) el.querySelector('input').focus();
    return el;
  }
  function unblock() {
    if (state.failure) return;
    ui.input.disabled = false;
    ui.input.placeholder = 'Type your message\u2026';
    ui.send.disabled = state.busy;
    if (!ui.panel.hidden) ui.input.focus();
  }
  function afterAnswer() {
    if (ui.log.querySelector('form')) return;
    var fields = fieldsFor(false);
    if (fields.length) block(fields, false);
  }

  // ---- the widget ----
  var STYLE = ':host{all:initial!important;display:block!important;position:static!important;width:0!important;height:0!important;margin:0!important;padding:0!important;border:0!important;float:none!important;transform:none!important;filter:none!important;visibility:visible!important;opacity:1!important;z-index:2147483000!important}' +
    ':host(.pw-in){position:relative!important;width:100%!important;height:100%!important}' +
    '.pw{--p:#4f46e5;--pt:#fff;--bg:#fff;--fg:#1e2130;--mu:#646a7d;--bd:#e2e4ec;--bot:#f1f2f7;--sh:0 12px 40px rgba(15,20,40,.2);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);text-align:left;letter-spacing:normal;word-spacing:normal;text-transform:none;direction:ltr;-webkit-font-smoothing:antialiased}' +
    '.pw.dark{--bg:#1a1c23;--fg:#e8e9ef;--mu:#a3a7b7;--bd:#333745;--bot:#262934}' +
    ':where(.pw *){box-sizing:border-box;margin:0;padding:0;font:inherit;color:inherit;border:0;background:none}' +
    'svg{width:24px;height:24px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round;display:block}' +
    'button{cursor:pointer}:focus{outline:none}:focus-visible{outline:2px solid var(--p);outline-offset:2px}header :focus-visible,.bubble:focus-visible{outline-color:var(--fg)}' +
    '.bubble{position:fixed;bottom:20px;right:20px;width:56px;height:56px;border-radius:50%;background:var(--p);color:var(--pt);box-shadow:var(--sh);display:flex;align-items:center;justify-content:center;z-index:2147483000;transition:transform .15s}.bubble:hover{transform:scale(1.06)}.bubble svg{width:26px;height:26px}' +
    '.left .bubble{right:auto;left:20px}' +
    '.panel{position:fixed;bottom:88px;right:20px;width:380px;height:600px;max-height:calc(100vh - 108px);background:var(--bg);border:1px solid var(--bd);border-radius:16px;box-shadow:var(--sh);display:flex;flex-direction:column;overflow:hidden;z-index:2147483000}' +
    '.panel[hidden]{display:none}.left .panel{right:auto;left:20px}.nob .panel{bottom:20px;max-height:calc(100vh - 40px)}' +
    '.emb .panel{top:0;left:0;right:0;bottom:0;width:auto;height:auto;max-height:none;border-radius:0;border:0;box-shadow:none}.in .panel{position:absolute}' +
    'header{display:flex;align-items:center;gap:10px;padding:12px 12px 12px 14px;background:var(--p);color:var(--pt);flex:none}' +
    '.av{width:36px;height:36px;border-radius:50%;flex:none;object-fit:cover;background:rgba(255,255,255,.22);display:flex;align-items:center;justify-content:center;font-weight:700;font-size:16px}' +
    '.ti{flex:1;min-width:0}.tn{font-weight:650;font-size:15px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}.tsub{font-size:12px;opacity:.85}' +
    '.ib[hidden]{display:none}.ib:disabled{opacity:.5;cursor:default}.ib{width:34px;height:34px;border-radius:8px;display:flex;align-items:center;justify-content:center;flex:none}.ib:hover{background:rgba(255,255,255,.18)}.ib svg{width:20px;height:20px}' +
    '.log{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:10px;background:var(--bg)}' +
    '.m{max-width:86%;padding:9px 12px;border-radius:14px;overflow-wrap:anywhere;flex:none}' +
    '.m.u{align-self:flex-end;background:var(--p);color:var(--pt);border-bottom-right-radius:4px;white-space:pre-wrap}' +
    '.m.b{align-self:flex-start;background:var(--bot);border-bottom-left-radius:4px}' +
    '.m.i{align-self:center;font-size:12px;color:var(--mu);padding:2px}' +
    '.m.e{align-self:stretch;max-width:none;background:#fdeeee;color:#8a1c1c;border:1px solid #f3c4c4}.dark .m.e{background:#3a1f23;color:#ffb7b7;border-color:#6d2d33}' +
    '.md>*+*{margin-top:8px}.md ul,.md ol{padding-left:20px}.md li+li{margin-top:2px}.md strong,.hd{font-weight:700}.md em{font-style:italic}' +
    '.md a{color:var(--p);text-decoration:underline}.dark .md a{color:inherit}' +
    '.md code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;background:rgba(127,127,127,.16);padding:1px 4px;border-radius:4px}' +
    '.md pre{background:#1e2130;color:#e8e9ef;padding:10px;border-radius:8px;overflow-x:auto}.md pre code{background:none;padding:0;white-space:pre}' +
    'sup.c{font-size:11px;line-height:0;vertical-align:super;margin-left:2px;font-weight:700}sup.c a{color:var(--p);text-decoration:none;padding:0 4px;border-radius:6px;background:rgba(127,127,127,.18)}.dark sup.c a{color:inherit}' +
    '.srcs{margin-top:8px;border-top:1px solid var(--bd);padding-top:6px;font-size:12px;color:var(--mu)}.st{font-weight:650;margin-bottom:2px}.srcs ol{list-style:none}.srcs li{padding:1px 4px;border-radius:4px}.sn{font-weight:700}.srcs li.hl{color:var(--fg);background:rgba(250,204,21,.3)}' +
    '.acts{display:flex;gap:2px;margin-top:6px;align-items:center}.grow{flex:1}.note{font-size:11px;color:var(--mu)}' +
    '.fb{width:28px;height:28px;border-radius:6px;color:var(--mu);display:flex;align-items:center;justify-content:center}.fb:hover{background:rgba(127,127,127,.15)}.fb svg{width:16px;height:16px}.fb[aria-pressed=true]{color:var(--p);background:rgba(127,127,127,.15)}.fb[aria-pressed=true] svg{fill:currentColor;fill-opacity:.25}' +
    '.chips{display:flex;flex-wrap:wrap;gap:6px;margin-top:2px;flex:none}.m .chips{margin-top:8px}' +
    '.chip{border:1px solid var(--p);color:var(--p);background:var(--bg);border-radius:16px;padding:5px 12px;font-size:13px;text-align:left;line-height:1.35}.chip:hover{background:var(--p);color:var(--pt)}.dark .chip{color:var(--fg)}.pic{display:block;max-width:100%;border-radius:8px;margin-top:6px}' +
    '.composer{display:flex;gap:8px;padding:10px;border-top:1px solid var(--bd);background:var(--bg);align-items:flex-end;flex:none}' +
    'textarea{flex:1;resize:none;border:1px solid var(--bd);border-radius:10px;padding:9px 11px;height:40px;max-height:120px;background:var(--bg);color:var(--fg);line-height:1.4}textarea:focus-visible{outline-offset:0}textarea:disabled{opacity:.6}' +
    '.send{width:40px;height:40px;border-radius:10px;background:var(--p);color:var(--pt);display:flex;align-items:center;justify-content:center;flex:none}.send:disabled{opacity:.45;cursor:default}.send svg{width:20px;height:20px}' +
    '.form{align-self:stretch;border:1px solid var(--bd);border-radius:12px;padding:12px;display:flex;flex-direction:column;gap:8px;flex:none}.ft{font-weight:600}' +
    '.form label{display:flex;flex-direction:column;gap:3px;font-size:12px;color:var(--mu)}' +
    '.form input{border:1px solid var(--bd);border-radius:8px;padding:8px 10px;font-size:14px;color:var(--fg);background:var(--bg)}.form input[aria-invalid=true]{border-color:#d33}' +
    '.fa{display:flex;gap:12px;align-items:center}.btn{background:var(--p);color:var(--pt);border-radius:8px;padding:8px 14px;font-weight:600}.btn:disabled{opacity:.6}.lnk{color:var(--mu);text-decoration:underline;font-size:12px}.fs{font-size:12px;color:#c0262d}.fs:empty{display:none}' +
    '.foot{text-align:center;font-size:11px;color:var(--mu);padding:0 0 6px;background:var(--bg);flex:none}' +
    '.typing{display:flex;gap:4px;padding:13px 14px}.typing span{width:7px;height:7px;border-radius:50%;background:var(--mu);animation:pwb 1s infinite}.typing span+span{animation-delay:.15s}.typing span+span+span{animation-delay:.3s}' +
    '@keyframes pwb{0%,80%,100%{opacity:.25}40%{opacity:1}}' +
    '@media (max-width:480px){.panel{top:0;left:0;right:0;bottom:0;width:auto;height:auto;max-height:none;border-radius:0;border:0}.open .bubble{display:none}.m{max-width:92%}}' +
    '@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}';

  function textOn(color) {
    var m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color || '');
    if (!m) return '#fff';
    var x = m[1].length === 3 ? m[1].replace(/./g, '$&$&') : m[1];
    var c = [0, 2, 4].map(function (i) {
      var v = parseInt(x.substr(i, 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] > 0.4 ? '#111' : '#fff';
  }

  function build() {
    var host = document.createElement('parley-widget');
    var parent = script.parentNode;
    var inContainer = embedded && parent && parent !== document.body && parent !== document.head;
    if (inContainer) {
      host.className = 'pw-in';
      parent.insertBefore(host, script);
    } else {
      (document.body || document.documentElement).appendChild(host);
    }
    var root = host.attachShadow({ mode: 'open' });
    root.appendChild(h('style', { text: STYLE }));
    ui.root = h('div', { class: 'pw' + (noBubble ? ' nob' : '') + (embedded ? ' emb' : '') + (inContainer ? ' in' : '') });
    root.appendChild(ui.root);
    ui.host = host;
    ui.shadow = root;

    ui.bubble = h('button', {
      type: 'button', class: 'bubble', 'aria-label': 'Open chat', 'aria-expanded': 'false',
      'aria-controls': 'pw-panel', onclick: function () { toggle(); }
    }, [icon('chat')]);
    ui.avatar = h('div', { class: 'av', 'aria-hidden': 'true' });
    ui.name = h('div', { class: 'tn', text: 'Chat' });
    ui.close = h('button', { type: 'button', class: 'ib', 'aria-label': 'Close chat', title: 'Close', onclick: function () { close(); } }, [icon('close')]);
    ui.reset = h('button', { type: 'button', class: 'ib', 'aria-label': 'New conversation', title: 'New conversation', onclick: reset }, [icon('reset')]);
    ui.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
    ui.end = h('div', { 'aria-hidden': 'true' });
    ui.log.appendChild(ui.end);
    ui.input = h('textarea', { rows: '1', 'aria-label': 'Message', placeholder: 'Type your message\u2026', maxlength: '4000' });
    ui.send = h('button', { type: 'submit', class: 'send', 'aria-label': 'Send message', title: 'Send' }, [icon('send')]);
    ui.input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        send(ui.input.value);
      }
    });
    ui.input.addEventListener('input', grow);
    var composer = h('form', { class: 'composer', onsubmit: function (e) { e.preventDefault(); send(ui.input.value); } },
      [ui.input, ui.send]);
    ui.panel = h('div', { id: 'pw-panel', class: 'panel', role: 'dialog', 'aria-modal': 'false', hidden: true }, [
      h('header', null, [ui.avatar, h('div', { class: 'ti' }, [ui.name, draft ? h('div', { class: 'tsub', text: 'Preview of the draft' }) : null]),
        ui.reset, noBubble ? null : ui.close]),
      ui.log, composer, h('div', { class: 'foot', text: 'Powered by Parley' })
    ]);
    ui.panel.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && !noBubble) {
        e.stopPropagation();
        close();
      } else if (e.key === 'Tab' && fullScreen()) {
        // A full-screen panel hides the page: Tab cycles inside it instead of into what cannot be seen.
        var all = [].filter.call(ui.panel.querySelectorAll('button,textarea,input,a[href]'), function (x) {
          return !x.disabled && x.offsetParent !== null;
        });
        var first = all[0];
        var last = all[all.length - 1];
        var at = ui.shadow.activeElement;
        if (e.shiftKey ? at === first : at === last) {
          e.preventDefault();
          (e.shiftKey ? last : first).focus();
        }
      }
    });
    if (!noBubble) ui.root.appendChild(ui.bubble);
    ui.root.appendChild(ui.panel);
    theme({});
  }

  function theme(cfg) {
    var ap = cfg.appearance || {};
    var color = ap.primary_color;
    if (typeof color === 'string' && window.CSS && CSS.supports && CSS.supports('color', color)) {
      ui.root.style.setProperty('--p', color);
      ui.root.style.setProperty('--pt', textOn(color));
    }
    ui.root.classList.toggle('dark', ap.theme === 'dark');
    ui.root.classList.toggle('left', ap.position === 'bottom-left');
    var name = cfg.name || 'Chat';
    ui.name.textContent = name;
    ui.panel.setAttribute('aria-label', 'Chat with ' + name);
    ui.bubble.setAttribute('aria-label', 'Open chat with ' + name);
    clear(ui.avatar);
    var src = ap.avatar_url && safeUrl(ap.avatar_url);
    if (src) {
      var img = h('img', { class: 'av', src: src, alt: '' });
      img.addEventListener('error', function () { img.parentNode && img.parentNode.replaceChild(h('div', { class: 'av', 'aria-hidden': 'true', text: name.charAt(0).toUpperCase() }), img); });
      ui.avatar.replaceWith(img);
      ui.avatar = img;
    } else {
      ui.avatar.textContent = name.charAt(0).toUpperCase();
    }
  }

  function start() {
    var cfg = state.config || {};
    var ap = cfg.appearance || {};
    if (state.failure) {
      errorRow(state.failure);
      ui.reset.hidden = true;
      ui.input.placeholder = 'Chat unavailable';
      ui.input.disabled = true;
      ui.send.disabled = true;
      return;
    }
    if (ap.welcome_message) botRow({ role: 'bot', text: ap.welcome_message }, false).classList.add('welcome');
    state.messages.forEach(function (m) {
      if (m.role === 'user') userRow(m.text);
      else botRow(m, false);
    });
    if (!state.messages.length && ap.suggested_prompts && ap.suggested_prompts.length) {
      addRow(chips(ap.suggested_prompts, 'Suggested questions'));
    }
    var before = fieldsFor(true);
    if (before.length) block(before, true);
    else if (state.messages.length) afterAnswer();
  }

  function reset() {
    state.session = null;
    state.messages = [];
    save();
    ui.log.querySelectorAll('.m,.chips,.form').forEach(function (x) { x.parentNode.removeChild(x); });
    unblock();
    start();
  }

  function fullScreen() {
    return embedded || !!(window.matchMedia && matchMedia('(max-width: 480px)').matches);
  }
  function open() {
    if (!ui.panel) return;
    ui.panel.setAttribute('aria-modal', String(fullScreen()));
    ui.panel.hidden = false;
    ui.root.classList.add('open');
    ui.bubble.setAttribute('aria-expanded', 'true');
    ui.bubble.setAttribute('aria-label', 'Close chat');
    ui.bubble.replaceChild(icon('close'), ui.bubble.firstChild);
    scrollDown();
    var target = ui.log.querySelector('form input') || (ui.input.disabled ? ui.close : ui.input);
    target.focus();
  }
  function close() {
    if (!ui.panel || noBubble) return;
    ui.panel.hidden = true;
    ui.root.classList.remove('open');
    ui.bubble.setAttribute('aria-expanded', 'false');
    ui.bubble.setAttribute('aria-label', 'Open chat with ' + ui.name.textContent);
    ui.bubble.replaceChild(icon('chat'), ui.bubble.firstChild);
    ui.bubble.focus();
  }
  function toggle() {
    if (ui.panel.hidden) open();
    else close();
  }

  function init() {
    build();
    window.ParleyWidget = { open: open, close: close };
    fetch(urls.config, { headers: headers() }).then(function (res) {
      if (res.ok) return res.json();
      return failure(res).then(function (msg) { throw new Error(msg); });
    }, function () { throw new Error(T.network); }).then(function (cfg) {
      state.config = cfg || {};
      if (!botId && cfg && cfg.bot_id) botId = cfg.bot_id;
      theme(state.config);
    }, function (e) {
      state.failure = e.message;
    }).then(function () {
      start();
      if (noBubble) open();
      ui.root.setAttribute('data-ready', 'true');
    });
  }

  if (document.body) init();
  else document.addEventListener('DOMContentLoaded', init);
})();
