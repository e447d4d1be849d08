// The Goodwill ops console: plain JavaScript over the platform's own REST APIs, no build step.
// The read side (ledger, KPIs, alerts, timelines) is audit-service, which serves this page; approvals and budgets
// are decision-service's, whose address audit-service tells the page (GET /api/console/config).
'use strict';

const state = { decisionUrl: null, lastSequence: null, flow: [], pending: [], review: null };
const FLOW_ROWS = 200;
const POLL_MS = 2000;
const INCIDENT_CLASSES = ['DELAY', 'PREDICTED_DELAY', 'STALLED', 'LOST', 'DAMAGED', 'FAILED_DELIVERY_ATTEMPT',
  'CUSTOMS_HOLD', 'ADDRESS_PROBLEM', 'RETURNED_TO_SENDER', 'MISSING_ITEM', 'WRONG_ITEM', 'NOT_RECEIVED',
  'DELAYED_DISPATCH', 'NO_FIRST_SCAN', 'INVALID_TRACKING_ID'];
const INSTRUMENTS = ['PARTIAL_REFUND', 'FULL_REFUND', 'REPLACEMENT', 'EXPRESS_REPLACEMENT', 'STORE_CREDIT', 'VOUCHER',
  'EXPRESS_UPGRADE', 'SUBSCRIPTION_EXTENSION', 'APOLOGY', 'APOLOGY_WITH_MICRO_COMPENSATION'];

const $ = (selector, root = document) => root.querySelector(selector);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
};

// Money is integer minor units plus currency everywhere on the platform; only the page turns it into text.
function money(m) {
  if (!m || m.amountMinor === undefined || m.amountMinor === null) return '';
  return formatMinor(m.amountMinor, m.currency);
}
function formatMinor(minor, currency) {
  let digits = 2;
  try { digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits; } catch (e) { /* unknown code: 2 */ }
  return (Number(minor) / 10 ** digits).toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }) + ' ' + currency;
}
function toMinor(text, currency) {
  let digits = 2;
  try { digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits; } catch (e) { /* 2 */ }
  const value = Number(String(text).replace(',', '.'));
  if (!Number.isFinite(value) || value < 0) return null;
  return Math.round(value * 10 ** digits);
}
const time = iso => iso ? new Date(iso).toLocaleString() : '';
const pct = share => share === null || share === undefined ? 'n/a' : (share * 100).toFixed(1) + ' %';
const humanSeconds = s => s === null || s === undefined ? 'n/a' : s < 120 ? s + ' s' : s < 7200 ? Math.round(s / 60) + ' min' : (s / 3600).toFixed(1) + ' h';
const remedies = list => (list || []).map(r => r.instrument.replaceAll('_', ' ').toLowerCase()
  + (r.amount && r.amount.amountMinor ? ' ' + money(r.amount) : '') + (r.memoryAnchor ? ' (extra)' : '')).join(' + ');

function status(text, error = false) {
  const node = $('#status');
  node.textContent = text;
  node.classList.toggle('error', error);
}

async function call(url, options = {}) {
  const response = await fetch(url, { headers: { 'Accept': 'application/json', 'Content-Type': 'application/json' }, ...options });
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    // RFC 9457 problem bodies name the field; show that, not just the status.
    const fields = body && body.errors ? body.errors.map(e => (e.field || e.pointer || '') + ' ' + (e.message || e.detail || '')).join('; ') : '';
    const error = new Error((body && (body.detail || body.title)) || response.statusText);
    error.detail = fields;
    error.status = response.status;
    throw error;
  }
  return body;
}

// ---- Tabs -------------------------------------------------------------------------------------------------------

const loaders = {};
function show(tab) {
  document.querySelectorAll('nav button').forEach(b => b.classList.toggle('active', b.dataset.tab === tab));
  document.querySelectorAll('.tab').forEach(s => s.classList.toggle('active', s.id === tab));
  history.replaceState(null, '', '#' + tab);
  if (loaders[tab]) loaders[tab]().catch(e => status(e.message, true));
}

// ---- Live flow ---------------------------------------------------------------------------------------------------

function kindOf(entry) {
  const type = entry.type;
  const data = entry.data || {};
  if (type.includes('.incident.')) return 'incident';
  if (type.includes('.decision.reviewed')) return 'review';
  if (type.includes('.decision.') || type.includes('.policy.')) return 'decision';
  if (type.includes('fulfilment.recorded') && data.status === 'FAILED') return 'failure';
  if (type.includes('.compensation.') || type.includes('.fulfilment.')) return 'compensation';
  return 'input';
}

function summary(entry) {
  const d = entry.data || {};
  const type = entry.type;
  if (type.includes('.incident.')) {
    return `${d.incidentClass} (${(d.severity || '').toLowerCase()}): ${d.reason || ''}`;
  }
  if (type.endsWith('decision.made.v1')) {
    const what = d.outcome === 'NO_COMPENSATION' ? 'no compensation' : remedies(d.remedies);
    const pending = d.outcome === 'PENDING_APPROVAL' ? ` — waiting for ${d.requiredRole || 'approval'}` : '';
    return `${what}${pending}. ${d.narrative || ''}`;
  }
  if (type.endsWith('decision.reviewed.v1')) {
    return `${d.action.toLowerCase().replace('_', ' ')} by ${d.actor}${d.role ? ' (' + d.role + ')' : ''}${d.note ? ': ' + d.note : ''}`;
  }
  if (type.endsWith('compensation.requested.v1')) return `execute ${remedies([{ instrument: d.instrument, amount: d.amount }])}`;
  if (type.endsWith('fulfilment.recorded.v1')) {
    return `${d.status.toLowerCase().replaceAll('_', ' ')}: ${remedies([{ instrument: d.instrument, amount: d.amount }])}${d.detail ? ' — ' + d.detail : ''}`;
  }
  if (type.endsWith('customer-notified.v1')) return `customer told (${d.kind}, ${d.language})`;
  if (type.endsWith('policy.activated.v1')) return `policy ${d.version} active for ${d.market}`;
  if (type.includes('.order.')) return `order ${type.split('.')[3]}`;
  if (type.includes('.carrier.')) return `${d.carrier || ''} ${d.status || d.format || ''}`;
  return '';
}

function matches(entry, filter) {
  const d = entry.data || {};
  const facts = entry.facts || {};
  const market = facts.market || (d.order && d.order.market) || (d.facts && d.facts.market);
  const carrier = facts.carrier || d.carrier || (d.facts && d.facts.carrier);
  const incidentClass = facts.incidentClass || d.incidentClass || (d.facts && d.facts.incidentClass);
  if (filter.market && (market || '').toUpperCase() !== filter.market.toUpperCase()) return false;
  if (filter.carrier && (carrier || '').toUpperCase() !== filter.carrier.toUpperCase()) return false;
  if (filter.incidentClass && incidentClass !== filter.incidentClass) return false;
  const kind = kindOf(entry);
  if (filter.kind === 'failure') return kind === 'failure';
  if (filter.kind === 'decision') return kind === 'decision' || kind === 'review';
  if (filter.kind) return kind === filter.kind || (filter.kind === 'compensation' && kind === 'failure');
  return true;
}

function flowFilter() {
  const form = $('#flow-filter');
  return { market: form.market.value.trim(), carrier: form.carrier.value.trim(), incidentClass: form.incidentClass.value, kind: form.kind.value };
}

function renderFlow(fresh = new Set()) {
  const filter = flowFilter();
  const body = $('#flow-table tbody');
  body.replaceChildren(...state.flow.filter(e => matches(e, filter)).slice(0, FLOW_ROWS).map(entry => {
    const kind = kindOf(entry);
    const orderId = entry.facts && entry.facts.orderId || entry.subject;
    return el('tr', { class: fresh.has(entry.sequence) ? 'new' : null, 'data-type': entry.type, 'data-order': orderId },
      el('td', { class: 'muted' }, time(entry.time)),
      el('td', {}, el('span', { class: 'badge ' + kind }, entry.type.replace('com.goodwill.', '').replace(/\.v\d+$/, ''))),
      el('td', {}, el('a', { href: '#case', onclick: () => openCase(orderId) }, orderId || '')),
      el('td', {}, summary(entry)),
      el('td', { class: 'muted' }, (entry.source || '').replace('/goodwill/', '')));
  }));
}

async function pollFlow() {
  if ($('#flow-filter').paused.checked) return;
  if (state.lastSequence === null) {
    const head = await call('/api/ledger/tree-head');
    state.lastSequence = Math.max(0, head.treeSize - FLOW_ROWS);
  }
  const fresh = new Set();
  for (let more = true; more;) {
    const page = await call(`/api/ledger/entries?after=${state.lastSequence}&limit=500`);
    for (const entry of page.entries) {
      state.flow.unshift(entry);
      fresh.add(entry.sequence);
      state.lastSequence = entry.sequence;
    }
    more = page.next !== null && page.next !== undefined;
  }
  state.flow.length = Math.min(state.flow.length, 2000);
  if (fresh.size) renderFlow(fresh);
  status('live · ledger at #' + state.lastSequence);
}

// ---- Approvals -------------------------------------------------------------------------------------------------

function reviewer() {
  const form = $('#reviewer');
  return { actor: form.actor.value.trim(), role: form.role.value };
}

loaders.approvals = async function () {
  const form = $('#reviewer');
  const query = new URLSearchParams();
  if (form.tier.value) query.set('tier', form.tier.value);
  if (form.market.value.trim()) query.set('market', form.market.value.trim().toUpperCase());
  const body = await call(`${state.decisionUrl}/api/approvals?${query}`);
  state.pending = Array.isArray(body) ? body : (body.pending || body.decisions || body.items || []);
  $('#approval-count').textContent = state.pending.length || '';
  const list = $('#approval-list');
  if (!state.pending.length) {
    list.replaceChildren(el('p', { class: 'muted' }, 'Nothing waits for approval.'));
    return;
  }
  // The queue is polled while it is open. Cards whose decision has not changed keep their element, so a reviewer
  // who is about to click a button never has it replaced under the pointer by an identical one.
  const rendered = new Map([...list.querySelectorAll('article.pending')].map(a => [a.dataset.decision, a]));
  list.replaceChildren(...state.pending.map(p => {
    const fingerprint = JSON.stringify(p);
    const existing = rendered.get(p.decisionId);
    if (existing && existing.dataset.fingerprint === fingerprint) return existing;
    const card = pendingCard(p);
    card.dataset.fingerprint = fingerprint;
    return card;
  }));
};

function pendingCard(p) {
  const risk = p.risk || { score: null, factors: [] };
    return el('article', { class: 'pending', 'data-decision': p.decisionId },
      el('h3', {}, `${remedies(p.remedies)} for order ${p.orderId}`),
      el('div', { class: 'muted' }, `${p.tier} tier · waits for ${p.requiredRole || '?'} · ${p.market || ''} · segment ${p.segment || 'n/a'}`
        + ` · pending since ${time(p.pendingSince || p.decidedAt)}` + (p.reviewDueAt || p.dueAt ? ` · due ${time(p.reviewDueAt || p.dueAt)}` : '')),
      el('p', {}, p.narrative || ''),
      el('div', {}, el('b', {}, 'Why: '), p.reasonCode || ''),
      risk.score !== null ? el('div', {}, el('b', {}, `Risk ${risk.score}/100`),
        el('ul', { class: 'factors' }, (risk.factors || []).map(f => el('li', {}, `${f.detail} (+${f.points})`)))) : null,
      (p.alternatives || []).length ? el('div', { class: 'prices' }, el('b', {}, 'Customer may choose instead'
        + (p.choiceHours ? ' (within ' + p.choiceHours + ' h of the approval; an adjustment offers no choice)' : '') + ': '),
        remedies(p.alternatives)) : null,
      el('div', { class: 'actions' },
        el('button', { class: 'primary', 'data-action': 'approve', onclick: () => openReview(p, 'approve') }, 'Approve'),
        el('button', { 'data-action': 'adjust', onclick: () => openReview(p, 'adjust') }, 'Adjust…'),
        el('button', { class: 'danger', 'data-action': 'reject', onclick: () => openReview(p, 'reject') }, 'Reject…')));
}

function openReview(pending, action) {
  const who = reviewer();
  if (!who.actor) {
    status('Enter your user id before reviewing', true);
    $('#reviewer').actor.focus();
    return;
  }
  state.review = { pending, action };
  const form = $('#review-form');
  form.reset();
  $('#review-title').textContent = { approve: 'Approve', adjust: 'Adjust', reject: 'Reject' }[action] + ' decision for order ' + pending.orderId;
  $('#review-summary').textContent = `${remedies(pending.remedies)} — ${pending.narrative || ''}`;
  $('#adjust-fields').hidden = action !== 'adjust';
  $('#note-label').textContent = action === 'approve' ? 'Note (optional)' : action === 'adjust' ? 'Note (required)' : 'Reason (required)';
  const first = (pending.remedies || [])[0] || { instrument: 'STORE_CREDIT', amount: { amountMinor: 0, currency: 'EUR' } };
  form.instrument.replaceChildren(...INSTRUMENTS.map(i => el('option', { value: i, selected: i === first.instrument ? 'selected' : null }, i)));
  const currency = first.amount ? first.amount.currency : 'EUR';
  form.amount.value = first.amount ? (first.amount.amountMinor / 100).toFixed(2) : '';
  $('#review-currency').textContent = currency;
  $('#review-error').textContent = '';
  $('#review-dialog').showModal();
}

async function submitReview(event) {
  event.preventDefault();
  if (event.submitter && event.submitter.value === 'cancel') {
    $('#review-dialog').close();
    return;
  }
  const { pending, action } = state.review;
  const form = $('#review-form');
  const who = reviewer();
  const note = form.note.value.trim();
  const body = { actor: who.actor, role: who.role };
  if (action === 'reject') body.reason = note; else body.note = note;
  if (action === 'adjust') {
    const currency = $('#review-currency').textContent;
    body.instrument = form.instrument.value;
    body.amount = { amountMinor: toMinor(form.amount.value, currency), currency };
  }
  try {
    await call(`${state.decisionUrl}/api/approvals/${encodeURIComponent(pending.decisionId)}/${action}`,
      { method: 'POST', body: JSON.stringify(body) });
    $('#review-dialog').close();
    status(`${action}d decision ${pending.decisionId}`);
    await loaders.approvals();
  } catch (e) {
    $('#review-error').textContent = e.message + (e.detail ? ': ' + e.detail : '');
  }
}

// ---- Budgets -----------------------------------------------------------------------------------------------------

function bars(items, { label, value, max, format, warnAt = 0.8 }) {
  const width = 640, row = 22, left = 220;
  const height = Math.max(row * items.length + 10, 30);
  const svg = `<svg viewBox="0 0 ${width} ${height}" role="img">` + items.map((item, i) => {
    const v = value(item), m = max ? max(item) : Math.max(...items.map(value), 1);
    const share = m > 0 ? Math.min(v / m, 1) : 0;
    const colour = max && share >= 1 ? '#cf222e' : max && share >= warnAt ? '#9a6700' : '#1f6feb';
    return `<text x="0" y="${i * row + 15}">${escapeXml(label(item))}</text>`
      + `<rect x="${left}" y="${i * row + 4}" width="${(width - left - 90) * share}" height="14" fill="${colour}" rx="2"/>`
      + `<text x="${width - 85}" y="${i * row + 15}">${escapeXml(format(item))}</text>`;
  }).join('') + '</svg>';
  return svg;
}
const escapeXml = s => String(s).replace(/[<>&"]/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' }[c]));

loaders.budgets = async function () {
  const month = $('#budget-filter').month.value || new Date().toISOString().slice(0, 7);
  $('#budget-filter').month.value = month;
  const body = await call(`${state.decisionUrl}/api/budgets?month=${month}`);
  const budgets = Array.isArray(body) ? body : (body.budgets || []);
  $('#budget-chart').innerHTML = budgets.length ? bars(budgets, {
    label: b => b.budgetId, value: b => b.reservedMinor + b.consumedMinor, max: b => b.limitMinor,
    format: b => b.limitMinor ? Math.round(100 * (b.reservedMinor + b.consumedMinor) / b.limitMinor) + ' %' : 'n/a'
  }) : '<p class="muted">No budget has been drawn on this month.</p>';
  $('#budget-table tbody').replaceChildren(...budgets.map(b => el('tr', { 'data-budget': b.budgetId },
    el('td', {}, b.budgetId), el('td', {}, b.owner || ''),
    el('td', { class: 'num' }, formatMinor(b.limitMinor, b.currency)),
    el('td', { class: 'num' }, formatMinor(b.reservedMinor, b.currency)),
    el('td', { class: 'num' }, formatMinor(b.consumedMinor, b.currency)),
    el('td', { class: 'num' }, formatMinor(b.availableMinor ?? (b.limitMinor - b.reservedMinor - b.consumedMinor), b.currency)),
    el('td', { class: 'num' }, b.limitMinor ? (100 * (b.reservedMinor + b.consumedMinor) / b.limitMinor).toFixed(1) + ' %' : 'n/a'))));
};

// ---- KPIs --------------------------------------------------------------------------------------------------------

loaders.kpis = async function () {
  const days = Number($('#kpi-filter').days.value);
  const to = new Date();
  const from = new Date(to.getTime() - days * 86400000);
  const k = await call(`/api/kpis?from=${from.toISOString()}&to=${to.toISOString()}`);
  const r = k.resolution;
  const card = (value, label) => el('div', { class: 'card' }, el('b', {}, value), el('span', {}, label));
  $('#kpi-cards').replaceChildren(
    card(r.cases, 'cases'), card(pct(r.automatedShare), 'resolved automatically'),
    card(pct(r.resolvedWithin1hShare), 'resolved within 1 h'), card(pct(r.resolvedWithin24hShare), 'resolved within 24 h'),
    card(humanSeconds(r.p50Seconds), 'median time to resolution'), card(humanSeconds(r.p90Seconds), 'p90 time to resolution'),
    card(k.reopen && k.reopen.rate !== null ? pct(k.reopen.rate) : 'n/a', 'reopen rate'),
    card(k.repurchase && k.repurchase.rate !== null ? pct(k.repurchase.rate) : 'n/a', 'repurchase within 90 days'));
  const histogram = r.histogram || [];
  $('#kpi-histogram').innerHTML = histogram.length
    ? bars(histogram, { label: b => b.le === '+Inf' ? 'longer' : '≤ ' + b.le.replace('PT', '').toLowerCase(), value: b => b.count, format: b => b.count + ' cases' })
    : '<p class="muted">No resolved cases in the window.</p>';
  $('#kpi-cost tbody').replaceChildren(...(k.cost || []).map(c => el('tr', {},
    el('td', {}, c.currency), el('td', { class: 'num' }, c.cases), el('td', { class: 'num' }, c.compensatedCases),
    el('td', { class: 'num' }, formatMinor(c.totalMinor, c.currency)),
    el('td', { class: 'num' }, c.perCaseMinor === null ? 'n/a' : formatMinor(c.perCaseMinor, c.currency)),
    el('td', { class: 'num' }, c.perThousandOrdersMinor === null ? 'n/a' : formatMinor(c.perThousandOrdersMinor, c.currency)))));
  const breakdown = k.breakdown || {};
  $('#kpi-breakdown').replaceChildren(...['carrier', 'market', 'reasonCode', 'channel'].map(dim => {
    const segments = (breakdown[dim] || []).slice(0, 12);
    const box = el('div', { class: 'chart' }, el('h4', {}, dim === 'reasonCode' ? 'reason code' : dim));
    box.insertAdjacentHTML('beforeend', segments.length
      ? bars(segments, { label: s => s.value || 'unknown', value: s => s.cases, format: s => s.cases + ' cases' })
      : '<p class="muted">none</p>');
    return box;
  }));
};

// ---- Alerts ------------------------------------------------------------------------------------------------------

loaders.alerts = async function () {
  const body = await call('/api/kpis/alerts');
  const alerts = body.alerts || [];
  $('#alert-count').textContent = alerts.length || '';
  $('#alert-table tbody').replaceChildren(...alerts.map(a => el('tr', {},
    el('td', {}, time(a.raisedAt || a.createdAt)), el('td', {}, a.dimension), el('td', {}, a.value),
    el('td', { class: 'num' }, pct(a.rate)), el('td', { class: 'num' }, pct(a.limit)),
    el('td', { class: 'num' }, `${a.incidents} / ${a.orders}`),
    el('td', { class: 'muted' }, `${time(a.windowStart)} – ${time(a.windowEnd)}`))));
};

// ---- Ledger ------------------------------------------------------------------------------------------------------

loaders.ledger = async function () {
  const head = await call('/api/ledger/tree-head');
  let checkpoint = null;
  try { checkpoint = await call('/api/ledger/checkpoints/latest'); } catch (e) { /* none yet */ }
  const card = (value, label) => el('div', { class: 'card' }, el('b', {}, value), el('span', {}, label));
  $('#ledger-cards').replaceChildren(card(head.treeSize.toLocaleString(), 'entries'),
    card(head.rootHash ? head.rootHash.slice(0, 12) + '…' : 'n/a', 'Merkle root'),
    card(checkpoint ? checkpoint.treeSize.toLocaleString() : 'none', 'last signed checkpoint (entries)'),
    card(checkpoint ? time(checkpoint.createdAt) : 'n/a', 'signed at'));
};

async function verifyNow() {
  const node = $('#verification');
  node.className = 'verdict';
  node.textContent = 'Verifying…';
  const v = await call('/api/ledger/verification');
  node.className = 'verdict ' + (v.intact ? 'ok' : 'bad');
  node.textContent = v.intact
    ? `Intact: all ${v.entriesChecked.toLocaleString()} entries verify (${new Date().toLocaleTimeString()}).`
    : `BROKEN at entry #${v.firstBrokenSequence} (event ${v.firstBrokenEventId}): ${v.reason}`;
}

// ---- Case timeline -----------------------------------------------------------------------------------------------

async function openCase(orderId) {
  $('#case-form').orderId.value = orderId;
  show('case');
  const body = await call(`/api/timeline/orders/${encodeURIComponent(orderId)}`);
  $('#case-timeline').replaceChildren(...body.entries.map(e => el('li', {},
    el('div', { class: 'muted' }, `${time(e.time)} · ${(e.source || '').replace('/goodwill/', '')} · #${e.sequence}`),
    el('span', { class: 'badge ' + kindOf(e) }, e.type.replace('com.goodwill.', '').replace(/\.v\d+$/, '')), ' ', summary(e))));
  if (!body.entries.length) $('#case-timeline').replaceChildren(el('li', {}, 'Nothing recorded for this order.'));
}

// ---- Start -------------------------------------------------------------------------------------------------------

async function start() {
  $('#flow-filter').incidentClass.append(...INCIDENT_CLASSES.map(c => el('option', { value: c }, c)));
  $('#reviewer').actor.value = localStorage.getItem('goodwill.actor') || '';
  $('#reviewer').role.value = localStorage.getItem('goodwill.role') || 'supervisor';
  $('#reviewer').addEventListener('change', () => {
    localStorage.setItem('goodwill.actor', $('#reviewer').actor.value.trim());
    localStorage.setItem('goodwill.role', $('#reviewer').role.value);
    loaders.approvals().catch(e => status(e.message, true));
  });
  document.querySelectorAll('nav button').forEach(b => b.addEventListener('click', () => show(b.dataset.tab)));
  $('#flow-filter').addEventListener('input', () => renderFlow());
  $('#budget-filter').addEventListener('change', () => loaders.budgets().catch(e => status(e.message, true)));
  $('#kpi-filter').addEventListener('change', () => loaders.kpis().catch(e => status(e.message, true)));
  $('#approvals-refresh').addEventListener('click', () => loaders.approvals().catch(e => status(e.message, true)));
  $('#verify-now').addEventListener('click', () => verifyNow().catch(e => status(e.message, true)));
  $('#review-form').addEventListener('submit', submitReview);
  $('#case-form').addEventListener('submit', event => { event.preventDefault(); openCase($('#case-form').orderId.value.trim()).catch(e => status(e.message, true)); });

  const config = await call('/api/console/config');
  state.decisionUrl = config.decisionServiceUrl.replace(/\/$/, '');
  const tabFromAddress = () => {
    const tab = location.hash.slice(1);
    return document.getElementById(tab) && document.querySelector(`nav button[data-tab="${tab}"]`) ? tab : 'flow';
  };
  show(tabFromAddress());
  // A link or bookmark to another tab of an open console changes only the fragment: no reload, so follow it here.
  window.addEventListener('hashchange', () => show(tabFromAddress()));
  const tick = async () => {
    try {
      await pollFlow();
      if ($('#approvals').classList.contains('active') && !$('#review-dialog').open) await loaders.approvals();
    } catch (e) {
      status('cannot reach the platform: ' + e.message, true);
    }
    setTimeout(tick, POLL_MS);
  };
  tick();
  // The approval badge counts even when another tab is open.
  setInterval(() => call(`${state.decisionUrl}/api/approvals`).then(b => {
    const n = (Array.isArray(b) ? b : (b.pending || b.decisions || b.items || [])).length;
    $('#approval-count').textContent = n || '';
  }).catch(() => {}), 10000);
}

start().catch(e => status('console failed to start: ' + e.message, true));
