// The web chat: a thin client of the bot's HTTP API. Everything it shows comes from the Answer JSON.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  // me: who is signed in (null: nobody); csrf: the token every POST carries; signIn: which sign-ins the server offers
  const state = { me: null, csrf: '', signIn: { oidc: false, development: false } };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  }

  async function api(method, path, body) {
    const headers = body ? { 'content-type': 'application/json' } : {};
    if (method !== 'GET') headers['x-csrf-token'] = state.csrf;
    const response = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined, credentials: 'same-origin' });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error((data.error && data.error.message) || `request failed (${response.status})`);
    return data;
  }

  const council = () => $('council').value;
  const role = () => document.querySelector('input[name=role]:checked').value;

  // What a person reads first is the lead; the rest of the answer is behind "More".
  const OFFERED = new Set(['did-you-mean', 'did-you-mean-point', 'make-complaint', 'request-briefing']);
  const IN_MORE = new Set(['related-point', 'compare-councils']);
  const CITATIONS_SHOWN = 3;

  function renderAnswer(answer) {
    const item = el('li', { class: `bot${answer.outOfScope ? ' declined' : ''}` });
    const followUps = answer.followUps || [];
    item.append(el('p', { class: 'lead' }, answer.lead));
    // A question back ("is this about A or B?"): its choices and "Something else" as buttons, nothing to vote on.
    if (answer.clarify) {
      item.append(
        el(
          'div',
          { class: 'follow-ups', role: 'group', 'aria-label': 'Which do you mean?' },
          followUps.map((f) => followUpButton(f, answer)),
        ),
      );
      $('conversation').append(item);
      return;
    }
    const offered = followUps.filter((f) => OFFERED.has(f.kind));
    if (offered.length)
      item.append(
        el(
          'div',
          { class: 'follow-ups' },
          offered.map((f) => followUpButton(f, answer)),
        ),
      );
    if (answer.outOfScope) {
      item.append(
        el(
          'div',
          { class: 'follow-ups' },
          followUps.map((f) => followUpButton(f, answer)),
        ),
      );
    } else {
      const more = renderMore(
        answer,
        followUps.filter((f) => IN_MORE.has(f.kind)),
        offered,
      );
      if (more) item.append(more);
      item.append(
        el(
          'div',
          { class: 'follow-ups' },
          el('button', { type: 'button', class: 'secondary', 'aria-label': 'This answer was helpful', onclick: (e) => vote(answer, 'helpful', e.target) }, 'Helpful'),
          el('button', { type: 'button', class: 'secondary', 'aria-label': 'This answer was not helpful', onclick: (e) => vote(answer, 'not-helpful', e.target) }, 'Not helpful'),
        ),
      );
    }
    $('conversation').append(item);
  }

  /** The rest of an answer in an expander: its paragraphs, the first few cited paragraphs (the others behind "Show all"), buttons. */
  function renderMore(answer, buttons, offered) {
    const lines = new Set(offered.map((f) => f.label));
    const parts = answer.text
      .slice(answer.lead.length)
      .split('\n\n')
      .map((part) => part.trim())
      .filter((part) => part && !part.startsWith('Source:') && !part.split('\n').every((line) => lines.has(line)) && !/^(Related questions|Points on this):/.test(part));
    if (!parts.length && !answer.citations.length && !buttons.length) return null;
    const more = el('details', { class: 'more' }, el('summary', {}, 'More'));
    for (const part of parts) more.append(el('p', {}, part));
    if (answer.citations.length) {
      more.append(el('h3', {}, 'The protocol says'));
      const clause = (c) => el('details', { class: 'clause' }, el('summary', {}, `Paragraph ${c.section}: ${c.title}`), el('blockquote', {}, c.quote));
      more.append(...answer.citations.slice(0, CITATIONS_SHOWN).map(clause));
      const others = answer.citations.slice(CITATIONS_SHOWN);
      if (others.length) more.append(el('details', { class: 'all-clauses' }, el('summary', {}, `Show all ${answer.citations.length} paragraphs`), ...others.map(clause)));
    }
    if (buttons.length)
      more.append(
        el(
          'div',
          { class: 'follow-ups' },
          buttons.map((f) => followUpButton(f, answer)),
        ),
      );
    return more;
  }

  function followUpButton(f, answer) {
    return el('button', { type: 'button', class: 'secondary', onclick: () => followUp(f, answer) }, f.label);
  }

  async function vote(answer, value, button) {
    try {
      await api('POST', '/api/feedback', { council: answer.council, intent: answer.intent, vote: value });
      button.textContent = 'Thank you';
      button.disabled = true;
    } catch (error) {
      button.textContent = /sign in/i.test(error.message) ? 'Sign in to rate' : 'Not sent';
    }
  }

  async function followUp(f, answer) {
    if (f.kind === 'make-complaint') {
      await loadComplaintForm();
      return toggle('complaint-form', true);
    }
    if (f.kind === 'request-briefing') return toggle('briefing-form', true);
    if (f.kind === 'compare-councils') {
      const result = await api('GET', `/api/compare?topic=${encodeURIComponent(f.value)}`);
      const item = el('li', { class: 'bot' }, el('h3', {}, 'How the five protocols handle this'));
      for (const p of result.positions) {
        item.append(el('details', {}, el('summary', {}, p.councilName), el('p', {}, p.summary), ...p.citations.map((c) => el('blockquote', {}, `${c.section} ${c.title}: ${c.quote}`))));
      }
      $('conversation').append(item);
      return;
    }
    if (f.kind === 'did-you-mean' || f.kind === 'ask-example') {
      $('question').value = f.kind === 'ask-example' ? f.value : `${f.label.replace(/^Did you mean: |\?$/g, '')}`;
      return ask();
    }
    if (f.kind === 'did-you-mean-point' || f.kind === 'related-point') {
      const question = f.label.replace(/^Did you mean: /, '');
      $('conversation').append(el('li', { class: 'you' }, el('strong', {}, 'You: '), question));
      try {
        renderAnswer(await api('POST', '/api/ask', { council: answer.council, role: answer.role, point: f.value, question }));
      } catch (error) {
        $('ask-error').textContent = error.message;
        $('ask-error').hidden = false;
      }
    }
  }

  async function ask() {
    const question = $('question').value.trim();
    $('ask-error').hidden = true;
    if (!question) return;
    $('conversation').append(el('li', { class: 'you' }, el('strong', {}, 'You: '), question));
    try {
      renderAnswer(await api('POST', '/api/ask', { council: council(), role: role(), question }));
      $('question').value = '';
    } catch (error) {
      $('ask-error').textContent = error.message;
      $('ask-error').hidden = false;
    }
  }

  const PANELS = { 'complaint-form': 'open-complaint', 'briefing-form': 'open-briefing', cases: 'show-cases' };

  /** Shows one of the forms or the case list (or none), and says which is open to screen readers. */
  function toggle(id, show) {
    for (const [panel, button] of Object.entries(PANELS)) {
      $(panel).hidden = panel !== id || !show;
      $(button).setAttribute('aria-expanded', String(!$(panel).hidden));
    }
    if (show) ($(id).querySelector('input, select, textarea') || $(id)).focus();
  }

  /** Forgets everything the last person typed or was shown, when someone else signs in or they sign out. */
  function clearForPersonChange() {
    for (const id of ['complaint-form', 'briefing-form']) {
      const form = $(id);
      form.reset();
      delete form.dataset.key;
      form.querySelector('.result').textContent = '';
    }
    $('c-about').replaceChildren(el('option', { value: '' }, "Sign in to choose from your council's list"));
    $('cases').replaceChildren();
    toggle(null, false);
  }

  function formData(form) {
    const data = Object.fromEntries(new FormData(form).entries());
    data.idempotencyKey = form.dataset.key || (form.dataset.key = crypto.randomUUID());
    return data;
  }

  async function submitCase(event, path, describe) {
    event.preventDefault();
    const form = event.target;
    const result = form.querySelector('.result');
    try {
      const data = formData(form);
      if (path === '/api/briefings') data.nonCouncillorsPresent = form.querySelector('[name=nonCouncillorsPresent]').checked;
      const receipt = await api('POST', path, { ...data, council: council(), role: role() });
      result.textContent = describe(receipt);
      delete form.dataset.key;
    } catch (error) {
      result.textContent = `Not sent: ${error.message}`;
    }
    result.focus();
  }

  // Who a complaint can be about: the council's directory by title, then "someone not listed" (server-built).
  async function loadComplaintForm() {
    const form = await api('GET', '/api/complaint-form').catch(() => null);
    if (!form) return;
    $('c-about').replaceChildren(
      el('option', { value: '' }, 'Choose…'),
      ...form.subjects.map((g) => {
        const group = document.createElement('optgroup');
        group.label = g.title;
        group.append(...g.options.map((o) => el('option', { value: o.value }, o.label)));
        return group;
      }),
    );
    $('c-department').replaceChildren(el('option', { value: '' }, '(not known)'), ...form.departments.map((d) => el('option', { value: d }, d)));
  }

  // The case console: the person's cases with what they may do on each now, one case whole, its actions.
  // What is offered comes from the server (the same actions Slack and Teams show); this only renders it.
  async function showCases(openReference) {
    toggle('cases', true);
    const box = $('cases');
    box.textContent = 'Loading…';
    try {
      const { cards } = await api('GET', '/api/cases');
      const list = cards.length
        ? el(
            'ul',
            { class: 'case-list' },
            cards.map((c) =>
              el(
                'li',
                {},
                el('button', { type: 'button', class: 'case-link secondary', 'aria-controls': 'case-view', onclick: () => openCase(c.reference) }, c.reference),
                ` ${c.headline}${c.overdue ? ' (overdue)' : ''}`,
              ),
            ),
          )
        : el('p', {}, 'You have no cases.');
      box.replaceChildren(el('h3', {}, 'My cases'), list, el('div', { id: 'case-view', role: 'region', 'aria-live': 'polite', tabindex: '-1' }));
      const hr = await api('GET', '/api/hr/cases').catch(() => null);
      if (hr) {
        box.append(
          el('h3', {}, 'Complaints at your council (HR)'),
          hr.cases.length
            ? el(
                'ul',
                { class: 'case-list' },
                hr.cases.map((c) => el('li', {}, `${c.headline}${c.fields['Acknowledge by'] ? ` Acknowledge by ${c.fields['Acknowledge by']}.` : ''}`)),
              )
            : el('p', {}, 'There are no complaints.'),
        );
      }
      if (openReference) await openCase(openReference);
    } catch (error) {
      box.textContent = error.message;
    }
  }

  async function openCase(reference) {
    const view = $('case-view');
    try {
      renderCase(await api('GET', `/api/case?reference=${encodeURIComponent(reference)}`));
    } catch (error) {
      view.replaceChildren(el('p', { class: 'error' }, error.message));
    }
    view.focus();
  }

  function renderCase(details) {
    const c = details.card;
    const parts = el(
      'dl',
      { class: 'case-parts' },
      details.parts.flatMap((p) => [el('dt', {}, p.label), el('dd', {}, p.text)]),
    );
    const thread = details.thread.length
      ? [
          el('h4', {}, 'Messages'),
          el(
            'ul',
            { class: 'thread' },
            details.thread.map((m) => el('li', {}, el('strong', {}, `${m.from} (${m.at.slice(0, 16).replace('T', ' ')}): `), m.text)),
          ),
        ]
      : [];
    const history = details.history.length
      ? [
          el('h4', {}, 'History'),
          el(
            'ul',
            {},
            details.history.map((h) => el('li', {}, `${h.at.slice(0, 16).replace('T', ' ')}: ${h.what}`)),
          ),
        ]
      : [];
    const actions = el(
      'div',
      { class: 'follow-ups', role: 'group', 'aria-label': `What you can do on ${c.reference}` },
      c.actions.filter((a) => a.id !== 'view').map((a) => actionControl(c, a)),
    );
    $('case-view').replaceChildren(
      el('h3', {}, `${c.kind === 'complaint' ? 'Complaint' : 'Briefing request'} ${c.reference}`),
      el('p', { class: 'lead' }, c.headline),
      parts,
      ...thread,
      ...history,
      actions,
      el('div', { class: 'case-action-form' }),
      el('p', { class: 'result', role: 'status', tabindex: '-1' }),
    );
  }

  /** One action: a button that acts at once, or opens its small form (words, a person, or a confirmation). */
  function actionControl(card, action) {
    if (action.id === 'export') return el('a', { class: 'button', href: `/api/case/export?reference=${encodeURIComponent(card.reference)}`, download: `${card.reference}.json` }, action.label);
    const cls = action.emphasis === 'primary' ? '' : action.emphasis === 'danger' ? 'danger' : 'secondary';
    return el('button', { type: 'button', class: cls, onclick: () => (action.input || action.confirm ? openActionForm(card, action) : act(card, action, {})) }, action.label);
  }

  async function openActionForm(card, action) {
    const holder = document.querySelector('#case-view .case-action-form');
    const form = el('form', { class: 'case-form' });
    const spec = action.input;
    if (action.confirm) form.append(el('p', {}, action.confirm.text));
    if (spec && (spec.kind === 'text' || spec.kind === 'outcome')) {
      form.append(
        el('label', { for: 'ca-text' }, spec.label),
        el('textarea', { id: 'ca-text', name: 'text', rows: '3', maxlength: String(spec.maxLength), ...(spec.kind === 'outcome' || spec.required ? { required: '' } : {}) }),
      );
      if (spec.kind === 'outcome') form.append(el('label', { for: 'ca-notes' }, spec.notesLabel), el('textarea', { id: 'ca-notes', name: 'notes', rows: '3', maxlength: String(spec.maxLength) }));
    }
    if (spec && (spec.kind === 'person' || spec.kind === 'officer')) {
      const { groups } = await api('GET', `/api/case/choices?reference=${encodeURIComponent(card.reference)}&action=${encodeURIComponent(action.id)}`);
      form.append(
        el('label', { for: 'ca-person' }, spec.label),
        el(
          'select',
          { id: 'ca-person', name: 'personId', required: '' },
          el('option', { value: '' }, 'Choose…'),
          groups.map((g) => {
            const group = document.createElement('optgroup');
            group.label = g.title;
            group.append(...g.options.map((o) => el('option', { value: o.value }, o.label)));
            return group;
          }),
        ),
      );
    }
    form.append(
      el(
        'div',
        { class: 'follow-ups' },
        el('button', { type: 'submit', class: action.emphasis === 'danger' ? 'danger' : '' }, action.confirm ? action.confirm.yes : 'Send'),
        el('button', { type: 'button', class: 'secondary', onclick: () => holder.replaceChildren() }, action.confirm ? action.confirm.no : 'Cancel'),
      ),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      act(card, action, Object.fromEntries(new FormData(form).entries()));
    });
    holder.replaceChildren(form);
    (form.querySelector('textarea, select, button') || form).focus();
  }

  async function act(card, action, values) {
    try {
      await api('POST', '/api/case/action', { reference: card.reference, action: action.id, ...values });
      await openCase(card.reference);
      const result = document.querySelector('#case-view .result');
      result.textContent = `Done: ${action.label.toLowerCase()}.`;
    } catch (error) {
      const result = document.querySelector('#case-view .result');
      result.textContent = `Not done: ${error.message}`;
      result.focus();
    }
  }

  async function loadPeople() {
    if (!state.signIn.development) return;
    const dev = await api('GET', `/api/dev/people?council=${encodeURIComponent(council())}`).catch(() => null);
    if (!dev) return;
    $('dev-sign-in').hidden = false;
    $('person').replaceChildren(el('option', { value: '' }, '(not signed in)'), ...dev.people.map((p) => el('option', { value: p.id }, `${p.name} (${p.roles.join(', ')})`)));
    if (state.me && state.me.via === 'development' && state.me.council === council()) $('person').value = state.me.personId;
  }

  /** Who is signed in and this page's CSRF token, from the server; shows Sign in or Sign out to match. */
  async function loadSession() {
    const session = await api('GET', '/api/session');
    const before = state.me ? `${state.me.council}:${state.me.personId}` : null;
    state.me = session.signedIn;
    state.csrf = session.csrfToken;
    state.signIn = session.signIn;
    const after = state.me ? `${state.me.council}:${state.me.personId}` : null;
    if (before !== after) clearForPersonChange();
    $('who').textContent = state.me ? `Signed in as ${state.me.name}` : state.signIn.oidc ? 'Not signed in' : '';
    $('sign-in').hidden = !state.signIn.oidc && !state.me;
    $('sign-in-link').hidden = !state.signIn.oidc || !!state.me;
    $('sign-out').hidden = !state.me;
    updateSignInLink();
  }

  function updateSignInLink() {
    $('sign-in-link').href = `/auth/sign-in?council=${encodeURIComponent(council())}`;
  }

  async function init() {
    const councils = await api('GET', '/api/councils');
    $('council').replaceChildren(...councils.map((c) => el('option', { value: c.id }, c.name)));
    const saved = localStorage.getItem('council');
    if (saved && councils.some((c) => c.id === saved)) $('council').value = saved;
    await loadSession();
    // signed in: the council is the one the person signed in at
    if (state.me && councils.some((c) => c.id === state.me.council)) $('council').value = state.me.council;
    if (state.me && state.me.role) document.querySelector(`input[name=role][value=${state.me.role}]`).checked = true;
    $('council').addEventListener('change', () => {
      localStorage.setItem('council', council());
      updateSignInLink();
      loadPeople();
    });
    $('person').addEventListener('change', async () => {
      // one sign-in at a time: the provider's session ends before the development one starts
      if (state.me && state.me.via === 'oidc') await api('POST', '/auth/sign-out', {});
      const me = await api('POST', '/api/dev/sign-in', { council: council(), personId: $('person').value });
      await loadSession();
      $('signed-in').textContent = me.name ? `Signed in as ${me.name}` : 'Signed out';
      if (me.role) document.querySelector(`input[name=role][value=${me.role}]`).checked = true;
    });
    $('sign-out').addEventListener('click', async () => {
      await api('POST', '/auth/sign-out', {});
      if (state.signIn.development) $('person').value = '';
      await loadSession();
      $('signed-in').textContent = '';
      $('who').focus();
    });
    $('ask-form').addEventListener('submit', (e) => {
      e.preventDefault();
      ask();
    });
    $('question').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        ask();
      }
    });
    $('open-complaint').addEventListener('click', async () => {
      const opening = $('complaint-form').hidden;
      if (opening) await loadComplaintForm();
      toggle('complaint-form', opening);
    });
    $('open-briefing').addEventListener('click', async () => {
      const opening = $('briefing-form').hidden;
      // who the request goes to, in the council's own titles (the fields are the same everywhere)
      if (opening) $('b-intro').textContent = (await api('GET', `/api/briefing-form?council=${encodeURIComponent(council())}`).catch(() => ({ intro: '' }))).intro;
      toggle('briefing-form', opening);
    });
    $('show-cases').addEventListener('click', () => ($('cases').hidden ? showCases() : toggle('cases', false)));
    $('complaint-form').addEventListener('submit', (e) => submitCase(e, '/api/complaints', (r) => r.text));
    $('briefing-form').addEventListener('submit', (e) =>
      submitCase(
        e,
        '/api/briefings',
        (r) => `Received: your request is reference ${r.reference}, with ${r.gatekeeper.title} (${r.gatekeeper.name}).${r.preElectionWarning ? ` ${r.preElectionWarning}` : ''}`,
      ),
    );
    await loadPeople();
    // A link to a case (from a notification email) opens it in the console once the person is signed in.
    const linked = /^\/cases\/([CB]-[A-Z0-9]{4,16})$/.exec(location.pathname);
    if (linked && state.me) await showCases(linked[1]);
    else if (linked) {
      $('who').textContent = 'Sign in to see the case you were sent.';
    }
  }

  init().catch((error) => {
    $('ask-error').textContent = `The chat could not start: ${error.message}`;
    $('ask-error').hidden = false;
  });
})();
