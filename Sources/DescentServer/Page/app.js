// Descent Navigator — the page behind `descent serve`.
//
// Everything numeric comes from the server (the library): the landscape grid, its contour
// lines and colours, the critical points, every trajectory point (the same `minimize` the CLI
// runs), the curvature reports and the basin map. The page only draws, animates and keeps
// the state (also in the URL, so a link reproduces the view).
'use strict';

const LR_MIN = -4; // log10 of the slider's ends
const LR_MAX = 1;
const RACER_COLORS = ['#ff5964', '#ffffff', '#ffb703', '#4cc9f0', '#80ed99', '#f15bb5', '#c77dff', '#fee440'];
const BASIN_COLORS = ['#4cc9f0', '#f72585', '#ffd166', '#06d6a0', '#ff9f1c', '#b8b8ff', '#ef476f', '#90be6d',
  '#00bbf9', '#fb5607', '#8338ec', '#e9ff70'];
const KIND_STYLE = { minimum: '#ffffff', saddle: '#ffd166', maximum: '#ff9f68', degenerate: '#c77dff' };

const $ = (id) => document.getElementById(id);

const S = {
  catalog: null,
  optimizers: {},          // name → form from the catalog
  fn: 'narrow-ravine',     // what the API resolves: a preset name or a formula
  preset: 'narrow-ravine', // the menu entry, or '' for a typed formula
  fnInfo: null,            // the resolved function (title, formula, window, start)
  view: null,              // {cx, cy, ppu}: centre and pixels per unit (same in x and y)
  start: [1.8, 0.5],
  steps: 500,
  tol: 1e-6,
  racers: [],
  selected: 0,
  k: 0,
  playing: false,
  speedLog: 1.3,
  landscape: null,
  critical: [],
  traj: null,
  curvature: null,
  basins: null,
  basinOverlay: false,
  basinRacer: 0,
  spacing: 'automatic', // contour levels: automatic, linear or logarithmic
};

// ---------------------------------------------------------------- formatting

/** The readout format: three decimals, or three significant digits in e-notation for very
 *  small or large values (what `descent run` shows, to the shown precision). */
function fmt3(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return v === null || v === undefined ? '—' : String(v);
  const a = Math.abs(v);
  if (a === 0) return '0.000';
  if (a >= 1e-3 && a < 1e5) return v.toFixed(3);
  return v.toExponential(2);
}
/** Four significant digits. */
function fmtSig(v, digits = 4) {
  if (v === null || v === undefined) return '—';
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(digits - 1);
  return String(Number(v.toPrecision(digits)));
}
function fmtRate(v) {
  if (!Number.isFinite(v)) return '—';
  return String(Number(v.toPrecision(3)));
}
function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// ---------------------------------------------------------------- API

class APIError extends Error {
  constructor(body, status) {
    super(body && body.error ? body.error.message : 'HTTP ' + status);
    this.info = (body && body.error) || { message: 'HTTP ' + status };
    this.status = status;
  }
}

let pending = 0;
function setPending(delta) {
  pending += delta;
  document.body.dataset.pending = String(pending); // for the browser tests: 0 when idle
}

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  };
  setPending(1);
  try {
    const response = await fetch(path, init);
    let json = null;
    try { json = await response.json(); } catch (_) { /* not JSON */ }
    if (!response.ok) throw new APIError(json, response.status);
    return json;
  } finally {
    setPending(-1);
  }
}

/** Calls `fn` at most once per `ms`, the last call always wins. */
function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

// ---------------------------------------------------------------- racers

function defaultRacer(name) {
  const form = S.optimizers[name] || S.optimizers.gd || Object.values(S.optimizers)[0];
  const hp = {};
  for (const f of form.fields) hp[f.key] = f.value;
  return { name: form.name, lr: form.learningRate, hp, schedule: 'constant', noise: 0, seed: 0 };
}

function defaultRacers() {
  const list = [];
  const want = [['gd', 0.04], ['momentum', 0.04], ['adam', 0.1]];
  for (const [name, lr] of want) {
    if (S.optimizers[name]) { const r = defaultRacer(name); r.lr = lr; list.push(r); }
  }
  if (list.length < 2 && S.optimizers.gd) {
    const r = defaultRacer('gd');
    r.lr = 0.09;
    list.push(r);
  }
  return list;
}

/** The run as the API takes it: an OptimizerSpec plus schedule and gradient noise. */
function runSpec(r) {
  const optimizer = { name: r.name };
  const form = S.optimizers[r.name];
  if (form && form.learningRate !== null && r.lr !== null && r.lr !== undefined) optimizer.learningRate = r.lr;
  if (form) for (const f of form.fields) if (r.hp[f.key] !== undefined && r.hp[f.key] !== '') optimizer[f.key] = Number(r.hp[f.key]);
  const run = { optimizer };
  if (r.schedule && r.schedule !== 'constant') run.schedule = r.schedule;
  if (r.noise > 0) { run.noise = r.noise; run.seed = r.seed; }
  return run;
}

function lrToSlider(lr) { return Math.max(0, Math.min(1000, Math.round((Math.log10(lr) - LR_MIN) / (LR_MAX - LR_MIN) * 1000))); }
function sliderToLr(v) {
  const lr = Math.pow(10, LR_MIN + (LR_MAX - LR_MIN) * v / 1000);
  return Number(lr.toPrecision(2));
}

function renderRacers() {
  const box = $('racers');
  box.innerHTML = '';
  S.racers.forEach((r, i) => box.appendChild(racerCard(r, i)));
  $('add-racer').disabled = S.racers.length >= (S.catalog ? S.catalog.limits.maximumRuns : 8);
  renderBasinRacerChoice();
  updateStabilityTracks();
  updateReadouts();
}

function racerCard(r, i) {
  const color = RACER_COLORS[i % RACER_COLORS.length];
  const form = S.optimizers[r.name];
  const card = document.createElement('div');
  card.className = 'racer' + (i === S.selected ? ' selected' : '');
  card.id = 'racer-' + i;
  card.style.setProperty('--c', color);
  const options = Object.values(S.optimizers)
    .map((o) => `<option value="${esc(o.name)}"${o.name === r.name ? ' selected' : ''}>${esc(o.title)}</option>`).join('');
  let html = `<div class="racer-head"><span class="swatch"></span>
      <select class="opt-name" aria-label="Optimizer ${i + 1}">${options}</select>
      <button class="btn ghost remove" title="Remove"${S.racers.length <= 1 ? ' disabled' : ''}>✕</button></div>`;
  if (form && form.learningRate !== null) {
    html += `<div class="lr-row"><span class="label">η</span>
      <input type="range" class="lr-slider" min="0" max="1000" step="1" value="${lrToSlider(r.lr)}" aria-label="learning rate (log scale)">
      <input type="number" class="lr-input" step="any" min="0" value="${r.lr}" aria-label="learning rate"></div>
      <div class="lr-scale"><span>1e-4</span><span>1e-3</span><span>0.01</span><span>0.1</span><span>1</span><span>10</span></div>`;
  } else {
    html += `<div class="hint">Chooses its own step by line search: no learning rate.</div>`;
  }
  const hps = (form ? form.fields : []).map((f) => `<label class="hp"><span class="label">${esc(f.label)}</span>
      <input type="number" class="hp-input" data-key="${esc(f.key)}" min="${f.min}" max="${f.max}" step="${f.step}" value="${r.hp[f.key] ?? f.value}"></label>`).join('');
  const schedules = S.catalog.schedules.map((s) => `<option value="${esc(s.text)}"${s.text === r.schedule ? ' selected' : ''}>${esc(s.label)}</option>`).join('');
  const custom = !S.catalog.schedules.some((s) => s.text === r.schedule);
  html += `<div class="hp-row">${hps}
      <label class="hp"><span class="label">schedule</span><select class="schedule">${schedules}<option value="__custom"${custom ? ' selected' : ''}>custom…</option></select></label>
      <label class="hp" title="Gaussian noise added to each gradient component (σ), seeded"><span class="label">noise σ</span><input type="number" class="noise" min="0" step="0.1" value="${r.noise}"></label>
      <label class="hp"><span class="label">seed</span><input type="number" class="seed" min="0" step="1" value="${r.seed}"></label></div>`;
  if (custom) html += `<input type="text" class="custom-schedule" value="${esc(r.schedule)}" placeholder="e.g. warmup:steps=10+cosine:t-max=90" spellcheck="false">`;
  html += `<div class="racer-error" hidden></div>
    <div class="readout" aria-live="polite">
      <span class="k">step</span><span class="v readout-step">—</span>
      <span class="k">(x, y)</span><span class="v readout-xy">—</span>
      <span class="k">L(x, y)</span><span class="v readout-loss">—</span>
      <span class="k">‖∇L‖</span><span class="v readout-grad">—</span>
    </div><div class="status-line"></div>`;
  card.innerHTML = html;

  card.addEventListener('pointerdown', () => { if (S.selected !== i) { S.selected = i; markSelected(); requestCurvature(); } });
  card.querySelector('.opt-name').addEventListener('change', (e) => {
    const lr = S.racers[i].lr;
    S.racers[i] = defaultRacer(e.target.value);
    if (S.optimizers[e.target.value].learningRate !== null && lr) S.racers[i].lr = S.optimizers[e.target.value].learningRate;
    renderRacers(); racersChanged();
  });
  card.querySelector('.remove').addEventListener('click', (e) => {
    e.stopPropagation();
    S.racers.splice(i, 1);
    if (S.selected >= S.racers.length) S.selected = S.racers.length - 1;
    renderRacers(); racersChanged();
  });
  const slider = card.querySelector('.lr-slider');
  const lrInput = card.querySelector('.lr-input');
  if (slider) {
    slider.addEventListener('input', () => { r.lr = sliderToLr(Number(slider.value)); lrInput.value = r.lr; racersChangedSoon(); });
    lrInput.addEventListener('change', () => {
      const v = Number(lrInput.value);
      if (lrInput.value.trim() !== '' && Number.isFinite(v) && v >= 0) { r.lr = v; slider.value = lrToSlider(v); racersChanged(); }
    });
  }
  card.querySelectorAll('.hp-input').forEach((el) => el.addEventListener('change', () => {
    r.hp[el.dataset.key] = el.value === '' ? undefined : Number(el.value);
    racersChanged();
  }));
  card.querySelector('.schedule').addEventListener('change', (e) => {
    r.schedule = e.target.value === '__custom' ? 'cosine:t-max=' + S.steps : e.target.value;
    renderRacers(); racersChanged();
  });
  const customBox = card.querySelector('.custom-schedule');
  if (customBox) customBox.addEventListener('change', () => { r.schedule = customBox.value.trim() || 'constant'; racersChanged(); });
  card.querySelector('.noise').addEventListener('change', (e) => { r.noise = Math.max(0, Number(e.target.value) || 0); racersChanged(); });
  card.querySelector('.seed').addEventListener('change', (e) => { r.seed = Math.max(0, Math.floor(Number(e.target.value) || 0)); racersChanged(); });
  return card;
}

function markSelected() {
  document.querySelectorAll('.racer').forEach((el, j) => el.classList.toggle('selected', j === S.selected));
  updateStabilityWarning();
  draw();
}

function racersChanged() { saveState(); requestTrajectories(); }
const racersChangedSoon = debounce(racersChanged, 90);

// ---------------------------------------------------------------- landscape view

const canvas = $('landscape');
const ctx = canvas.getContext('2d');
let cssW = 0;
let cssH = 0;

function resizeCanvas() {
  const rect = $('canvas-wrap').getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  cssW = Math.max(100, rect.width);
  cssH = Math.max(100, rect.height);
  canvas.width = Math.round(cssW * dpr);
  canvas.height = Math.round(cssH * dpr);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
}

/** Fits a window [x0, x1] × [y0, y1] into the canvas with equal units on both axes. */
function fitWindow(win) {
  const ppu = Math.min(cssW / (win.x[1] - win.x[0]), cssH / (win.y[1] - win.y[0]));
  S.view = { cx: (win.x[0] + win.x[1]) / 2, cy: (win.y[0] + win.y[1]) / 2, ppu };
}

function visibleWindow() {
  const v = S.view;
  const hw = cssW / 2 / v.ppu;
  const hh = cssH / 2 / v.ppu;
  return { x: [v.cx - hw, v.cx + hw], y: [v.cy - hh, v.cy + hh] };
}

const toX = (x) => cssW / 2 + (x - S.view.cx) * S.view.ppu;
const toY = (y) => cssH / 2 - (y - S.view.cy) * S.view.ppu;
const fromX = (px) => S.view.cx + (px - cssW / 2) / S.view.ppu;
const fromY = (py) => S.view.cy - (py - cssH / 2) / S.view.ppu;
const clampPx = (v) => Math.max(-1e5, Math.min(1e5, v));

/** Rounds a coordinate to the precision one pixel resolves (clicks set tidy starts). */
function tidy(v) {
  const digits = Math.max(0, Math.min(12, Math.ceil(Math.log10(S.view.ppu)) + 1));
  return Number(v.toFixed(digits));
}

let landscapeImage = null; // {canvas, window}
let basinImage = null;

function buildLandscapeImage(data) {
  const n = data.grid.columns;
  const m = data.grid.rows;
  const off = document.createElement('canvas');
  off.width = n; off.height = m;
  const g = off.getContext('2d');
  const img = g.createImageData(n, m);
  const palette = data.palette.map((h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)]);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) {
      const s = data.shade[j * n + i];
      const o = ((m - 1 - j) * n + i) * 4;
      if (s === 255) { img.data[o] = 70; img.data[o + 1] = 70; img.data[o + 2] = 80; } else {
        const c = palette[s];
        img.data[o] = c[0]; img.data[o + 1] = c[1]; img.data[o + 2] = c[2];
      }
      img.data[o + 3] = 255;
    }
  }
  g.putImageData(img, 0, 0);
  landscapeImage = { canvas: off, window: data.window };
}

function drawColorbar(data) {
  const cb = $('colorbar-canvas');
  const g = cb.getContext('2d');
  for (let y = 0; y < cb.height; y++) {
    const idx = Math.round((1 - y / (cb.height - 1)) * 254);
    g.fillStyle = data.palette[idx];
    g.fillRect(0, y, cb.width, 1);
  }
  if (data.range) {
    $('cb-max').textContent = fmtSig(data.range[1], 3);
    $('cb-min').textContent = fmtSig(data.range[0], 3);
  }
  $('cb-scale').textContent = (data.logarithmic ? 'log' : 'linear') + (S.spacing === 'automatic' ? '' : ' ✓');
  $('colorbar').title = 'Contour spacing: ' + S.spacing + ' (click to change)';
}

function niceStep(span, target) {
  const raw = span / target;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / p;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

function draw() {
  if (!S.view) return;
  ctx.clearRect(0, 0, cssW, cssH);
  ctx.fillStyle = '#0a0d1a';
  ctx.fillRect(0, 0, cssW, cssH);
  const L = S.landscape;
  if (landscapeImage) {
    const w = landscapeImage.window;
    const x0 = toX(w.x[0]); const x1 = toX(w.x[1]);
    const y0 = toY(w.y[1]); const y1 = toY(w.y[0]);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(landscapeImage.canvas, x0, y0, x1 - x0, y1 - y0);
    ctx.fillStyle = 'rgba(6, 8, 20, 0.18)';
    ctx.fillRect(0, 0, cssW, cssH);
  }
  if (S.basinOverlay && basinImage) {
    const w = basinImage.window;
    ctx.save();
    ctx.globalAlpha = 0.38;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(basinImage.canvas, toX(w.x[0]), toY(w.y[1]), toX(w.x[1]) - toX(w.x[0]), toY(w.y[0]) - toY(w.y[1]));
    ctx.restore();
  }
  if (L) {
    ctx.lineJoin = 'round';
    for (const c of L.contours) {
      const level = L.levels[c.level];
      ctx.beginPath();
      const p = c.points;
      ctx.moveTo(toX(p[0]), toY(p[1]));
      for (let i = 2; i < p.length; i += 2) ctx.lineTo(toX(p[i]), toY(p[i + 1]));
      if (c.closed) ctx.closePath();
      if (level.emphasized) {
        ctx.setLineDash([5, 4]);
        ctx.strokeStyle = 'rgba(255, 255, 255, 0.75)';
        ctx.lineWidth = 1.2;
      } else {
        ctx.setLineDash([]);
        ctx.strokeStyle = 'rgba(255, 255, 255, 0.32)';
        ctx.lineWidth = 1;
      }
      ctx.stroke();
    }
    ctx.setLineDash([]);
  }
  drawAxes();
  drawCriticalPoints();
  drawTrajectories();
  drawStart();
}

function drawAxes() {
  const win = visibleWindow();
  ctx.font = '11px ui-monospace, DejaVu Sans Mono, monospace';
  ctx.fillStyle = 'rgba(230, 233, 245, 0.6)';
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.07)';
  ctx.lineWidth = 1;
  const sx = niceStep(win.x[1] - win.x[0], 8);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  for (let x = Math.ceil(win.x[0] / sx) * sx; x <= win.x[1]; x += sx) {
    const px = Math.round(toX(x)) + 0.5;
    ctx.beginPath(); ctx.moveTo(px, cssH); ctx.lineTo(px, cssH - 6); ctx.stroke();
    if (px > 30 && px < cssW - 30) ctx.fillText(fmtSig(Math.abs(x) < sx / 1e6 ? 0 : x, 3), px, cssH - 8);
  }
  const sy = niceStep(win.y[1] - win.y[0], 6);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (let y = Math.ceil(win.y[0] / sy) * sy; y <= win.y[1]; y += sy) {
    const py = Math.round(toY(y)) + 0.5;
    ctx.beginPath(); ctx.moveTo(0, py); ctx.lineTo(6, py); ctx.stroke();
    if (py > 40 && py < cssH - 45) ctx.fillText(fmtSig(Math.abs(y) < sy / 1e6 ? 0 : y, 3), 9, py);
  }
  // The axes through the origin, faintly.
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.10)';
  ctx.beginPath();
  if (win.x[0] < 0 && win.x[1] > 0) { ctx.moveTo(toX(0), 0); ctx.lineTo(toX(0), cssH); }
  if (win.y[0] < 0 && win.y[1] > 0) { ctx.moveTo(0, toY(0)); ctx.lineTo(cssW, toY(0)); }
  ctx.stroke();
}

function drawMarker(kind, px, py, size = 6) {
  ctx.save();
  ctx.lineWidth = 2;
  ctx.strokeStyle = '#0a0d1a';
  ctx.fillStyle = KIND_STYLE[kind] || '#fff';
  if (kind === 'minimum') {
    ctx.beginPath(); ctx.arc(px, py, size, 0, Math.PI * 2); ctx.fill(); ctx.stroke();
    ctx.beginPath(); ctx.arc(px, py, size * 0.4, 0, Math.PI * 2); ctx.fillStyle = '#0a0d1a'; ctx.fill();
  } else if (kind === 'maximum') {
    ctx.beginPath(); ctx.moveTo(px, py - size * 1.2); ctx.lineTo(px + size, py + size * 0.8); ctx.lineTo(px - size, py + size * 0.8); ctx.closePath();
    ctx.fill(); ctx.stroke();
  } else if (kind === 'saddle') {
    ctx.lineCap = 'round';
    for (const [w, c] of [[5, '#0a0d1a'], [2.6, KIND_STYLE.saddle]]) {
      ctx.lineWidth = w; ctx.strokeStyle = c;
      ctx.beginPath();
      ctx.moveTo(px - size, py - size); ctx.lineTo(px + size, py + size);
      ctx.moveTo(px - size, py + size); ctx.lineTo(px + size, py - size);
      ctx.stroke();
    }
  } else {
    ctx.beginPath(); ctx.moveTo(px, py - size); ctx.lineTo(px + size, py); ctx.lineTo(px, py + size); ctx.lineTo(px - size, py); ctx.closePath();
    ctx.fill(); ctx.stroke();
  }
  ctx.restore();
}

function drawCriticalPoints() {
  for (const p of S.critical) drawMarker(p.kind, toX(p.x[0]), toY(p.x[1]));
}

function trajectoryIndex(run) {
  return Math.min(S.k, run.trajectory.step.length - 1);
}

function drawTrajectories() {
  if (!S.traj) return;
  S.traj.runs.forEach((run, i) => {
    const t = run.trajectory;
    const last = trajectoryIndex(run);
    const color = RACER_COLORS[i % RACER_COLORS.length];
    const xs = []; const ys = [];
    for (let s = 0; s <= last; s++) {
      if (t.x[s] === null || t.y[s] === null) break;
      xs.push(clampPx(toX(t.x[s]))); ys.push(clampPx(toY(t.y[s])));
    }
    if (!xs.length) return;
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    const selected = i === S.selected;
    for (const [w, c] of [[selected ? 5 : 4, 'rgba(6, 8, 20, 0.75)'], [selected ? 2.4 : 1.8, color]]) {
      ctx.beginPath();
      ctx.moveTo(xs[0], ys[0]);
      for (let s = 1; s < xs.length; s++) ctx.lineTo(xs[s], ys[s]);
      ctx.lineWidth = w; ctx.strokeStyle = c; ctx.stroke();
    }
    if (xs.length <= 400) {
      ctx.fillStyle = color;
      for (let s = 1; s < xs.length - 1; s++) { ctx.beginPath(); ctx.arc(xs[s], ys[s], 2, 0, Math.PI * 2); ctx.fill(); }
    }
    const px = xs[xs.length - 1]; const py = ys[ys.length - 1];
    ctx.beginPath(); ctx.arc(px, py, selected ? 6.5 : 5.5, 0, Math.PI * 2);
    ctx.fillStyle = color; ctx.fill();
    ctx.lineWidth = 2; ctx.strokeStyle = '#0a0d1a'; ctx.stroke();
  });
}

function drawStart() {
  const px = toX(S.start[0]); const py = toY(S.start[1]);
  ctx.beginPath(); ctx.arc(px, py, 8, 0, Math.PI * 2);
  ctx.lineWidth = 4; ctx.strokeStyle = 'rgba(6, 8, 20, 0.8)'; ctx.stroke();
  ctx.lineWidth = 2; ctx.strokeStyle = '#ffffff'; ctx.stroke();
  ctx.beginPath(); ctx.arc(px, py, 2, 0, Math.PI * 2); ctx.fillStyle = '#fff'; ctx.fill();
}

// ---------------------------------------------------------------- pointer: start, pan, zoom

let drag = null;

canvas.addEventListener('pointerdown', (e) => {
  const r = canvas.getBoundingClientRect();
  const px = e.clientX - r.left; const py = e.clientY - r.top;
  const nearStart = Math.hypot(px - toX(S.start[0]), py - toY(S.start[1])) <= 12;
  drag = { mode: nearStart ? 'start' : 'pan', x: px, y: py, cx: S.view.cx, cy: S.view.cy, moved: false };
  canvas.setPointerCapture(e.pointerId);
  if (!nearStart) canvas.classList.add('panning');
});

canvas.addEventListener('pointermove', (e) => {
  const r = canvas.getBoundingClientRect();
  const px = e.clientX - r.left; const py = e.clientY - r.top;
  $('hover-readout').textContent = `x ${fmtSig(fromX(px), 4)}   y ${fmtSig(fromY(py), 4)}`;
  if (!drag) {
    canvas.classList.toggle('over-start', Math.hypot(px - toX(S.start[0]), py - toY(S.start[1])) <= 12);
    return;
  }
  if (Math.hypot(px - drag.x, py - drag.y) > 3) drag.moved = true;
  if (drag.mode === 'start') {
    setStart([tidy(fromX(px)), tidy(fromY(py))], true);
  } else if (drag.moved) {
    S.view.cx = drag.cx - (px - drag.x) / S.view.ppu;
    S.view.cy = drag.cy + (py - drag.y) / S.view.ppu;
    draw();
    viewChanged();
  }
});

canvas.addEventListener('pointerup', (e) => {
  if (!drag) return;
  const r = canvas.getBoundingClientRect();
  const px = e.clientX - r.left; const py = e.clientY - r.top;
  if (drag.mode === 'pan' && !drag.moved) setStart([tidy(fromX(px)), tidy(fromY(py))]);
  if (drag.mode === 'start') setStart(S.start);
  drag = null;
  canvas.classList.remove('panning');
});
canvas.addEventListener('pointerleave', () => { $('hover-readout').textContent = ''; });

canvas.addEventListener('wheel', (e) => {
  e.preventDefault();
  const r = canvas.getBoundingClientRect();
  zoomAt(Math.pow(1.0015, -e.deltaY), e.clientX - r.left, e.clientY - r.top);
}, { passive: false });

function zoomAt(factor, px, py) {
  const x = fromX(px); const y = fromY(py);
  S.view.ppu *= factor;
  S.view.cx = x - (px - cssW / 2) / S.view.ppu;
  S.view.cy = y + (py - cssH / 2) / S.view.ppu;
  draw();
  viewChanged();
}

function setStart(p, live = false) {
  S.start = p;
  // Leave a box the user is typing in alone.
  if (document.activeElement !== $('start-x')) $('start-x').value = p[0];
  if (document.activeElement !== $('start-y')) $('start-y').value = p[1];
  S.k = live ? S.k : 0;
  draw();
  if (live) requestTrajectoriesThrottled(); else { saveState(); requestTrajectories(); }
}

// ---------------------------------------------------------------- fetching

let landscapeSeq = 0;
async function requestLandscape() {
  const seq = ++landscapeSeq;
  const win = visibleWindow();
  const resolution = Math.max(60, Math.min(220, Math.round(Math.max(cssW, cssH) / 3.5)));
  showBusy(true);
  try {
    const data = await api('/api/landscape', { function: S.fn, window: win, resolution, levels: 16, spacing: S.spacing, values: false });
    if (seq !== landscapeSeq) return;
    S.landscape = data;
    S.fnInfo = data.function;
    buildLandscapeImage(data);
    drawColorbar(data);
    clearFormulaError();
    setStatus('');
    draw();
  } catch (err) {
    if (seq !== landscapeSeq) return;
    if (err instanceof APIError && err.info.field === 'function') showFormulaError(err.info); else setStatus(err.message, true);
  } finally { if (seq === landscapeSeq) showBusy(false); }
}

let criticalSeq = 0;
async function requestCriticalPoints() {
  const seq = ++criticalSeq;
  try {
    const data = await api('/api/critical-points', { function: S.fn, window: visibleWindow() });
    if (seq !== criticalSeq) return;
    S.critical = data.points;
    draw();
    requestCurvature();
  } catch (err) { if (seq === criticalSeq) S.critical = []; }
}

let trajSeq = 0;
async function requestTrajectories() {
  const seq = ++trajSeq;
  if (!S.racers.length) return;
  try {
    const data = await api('/api/trajectories', {
      function: S.fn, start: S.start, steps: S.steps, tolerance: S.tol, runs: S.racers.map(runSpec),
    });
    if (seq !== trajSeq) return;
    S.traj = data;
    document.querySelectorAll('.racer-error').forEach((el) => { el.hidden = true; });
    setStatus('');
    if (S.k > maxStep()) S.k = maxStep();
    draw(); updateReadouts(); drawLossChart(); renderRace(); requestCurvature();
  } catch (err) {
    if (seq !== trajSeq) return;
    const m = err.info && err.info.field && /^runs\[(\d+)\]/.exec(err.info.field);
    if (m) {
      const el = document.querySelector(`#racer-${m[1]} .racer-error`);
      if (el) { el.textContent = err.message; el.hidden = false; }
    } else if (err.info && err.info.field === 'function') {
      showFormulaError(err.info);
    } else setStatus(err.message, true);
  }
}
let lastTrajRequest = 0;
let trailingTraj = null;
function requestTrajectoriesThrottled() {
  const now = performance.now();
  clearTimeout(trailingTraj);
  if (now - lastTrajRequest > 60) { lastTrajRequest = now; requestTrajectories(); } else trailingTraj = setTimeout(requestTrajectories, 70);
}

let curvSeq = 0;
let curvTimer = null;
let lastCurv = 0;
function requestCurvature() {
  clearTimeout(curvTimer);
  const wait = Math.max(0, 200 - (performance.now() - lastCurv));
  curvTimer = setTimeout(fetchCurvature, S.playing ? wait : 30);
}
async function fetchCurvature() {
  lastCurv = performance.now();
  const seq = ++curvSeq;
  const p = currentPoint(S.selected);
  if (!p || !Number.isFinite(p.x) || !Number.isFinite(p.y) || Math.abs(p.x) > 1e6 || Math.abs(p.y) > 1e6) {
    renderCurvature(null, p);
    return;
  }
  const body = { function: S.fn, point: [p.x, p.y], window: visibleWindow() };
  if (p.lr !== null && p.lr !== undefined && Number.isFinite(p.lr)) body.learningRate = p.lr;
  try {
    const data = await api('/api/curvature', body);
    if (seq !== curvSeq) return;
    S.curvature = data;
    renderCurvature(data, p);
  } catch (err) { if (seq === curvSeq) renderCurvature(null, p, err.message); }
}

function currentPoint(i) {
  const r = S.racers[i];
  if (!r) return null;
  const run = S.traj && S.traj.runs[i];
  const form = S.optimizers[r.name];
  const lr = form && form.learningRate !== null ? r.lr : null;
  if (!run) return { x: S.start[0], y: S.start[1], step: 0, lr };
  const s = trajectoryIndex(run);
  const t = run.trajectory;
  return { x: t.x[s], y: t.y[s], step: t.step[s], loss: t.loss[s], grad: t.gradientNorm[s], lr: lr === null ? null : t.learningRate[s] };
}

function maxStep() {
  if (!S.traj) return 0;
  return Math.max(0, ...S.traj.runs.map((r) => r.trajectory.step.length - 1));
}

// ---------------------------------------------------------------- readouts, race, chart

function updateReadouts() {
  $('step-counter').textContent = S.k;
  S.racers.forEach((r, i) => {
    const card = $('racer-' + i);
    if (!card) return;
    const run = S.traj && S.traj.runs[i];
    if (!run) return;
    const s = trajectoryIndex(run);
    const t = run.trajectory;
    card.querySelector('.readout-step').textContent = t.step[s];
    card.querySelector('.readout-xy').textContent = `(${fmt3(t.x[s])}, ${fmt3(t.y[s])})`;
    card.querySelector('.readout-loss').textContent = fmt3(t.loss[s]);
    card.querySelector('.readout-grad').textContent = fmt3(t.gradientNorm[s]);
    const line = card.querySelector('.status-line');
    const ended = s === t.step.length - 1 && S.k >= s;
    line.innerHTML = ended ? outcomeBadge(run) + ' <span>' + esc(run.settings) + '</span>' : '<span>' + esc(run.settings) + '</span>';
  });
}

function outcomeBadge(run, short = false) {
  if (run.diverged) return `<span class="badge bad" title="${esc(run.explanation)}">diverged${short ? '' : ' · step ' + run.steps}</span>`;
  if (run.stepsToTolerance !== null) {
    const kind = run.finalPoint ? run.finalPoint.kind : 'stationary';
    const cls = kind === 'minimum' ? 'ok' : 'warn';
    return `<span class="badge ${cls}">${esc(kind)}${short ? '' : ' · step ' + run.stepsToTolerance}</span>`;
  }
  if (run.stopReason === 'maxSteps') return `<span class="badge muted">${short ? 'budget' : 'budget spent'}</span>`;
  return `<span class="badge muted">${esc(run.stopReason)}</span>`;
}

function renderRace() {
  const body = $('race-table').querySelector('tbody');
  if (!S.traj) { body.innerHTML = ''; return; }
  const runs = S.traj.runs;
  let best = -1;
  runs.forEach((r, i) => {
    if (r.stepsToTolerance !== null && r.finalPoint && r.finalPoint.kind === 'minimum' &&
      (best < 0 || r.stepsToTolerance < runs[best].stepsToTolerance)) best = i;
  });
  body.innerHTML = runs.map((r, i) => `<tr class="${i === best ? 'winner' : ''}">
      <td><span class="dot" style="background:${RACER_COLORS[i % RACER_COLORS.length]}"></span></td>
      <td class="settings">${esc(r.settings)}${i === best ? ' <span class="star" title="fastest to a minimum">★</span>' : ''}</td>
      <td class="num">${r.stepsToTolerance === null ? (r.diverged ? '@' + r.steps : '—') : r.stepsToTolerance}</td>
      <td class="num">${fmtSig(r.finalLoss, 3)}</td>
      <td>${outcomeBadge(r, true)}</td></tr>`).join('');
  $('race-sub').textContent = `arrived: ‖∇L‖ ≤ ${S.tol.toExponential(0)} · budget ${S.steps}`;
}

const lossCanvas = $('loss-chart');
function drawLossChart() {
  const rect = lossCanvas.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  lossCanvas.width = Math.round(rect.width * dpr);
  lossCanvas.height = Math.round(rect.height * dpr);
  const g = lossCanvas.getContext('2d');
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  const W = rect.width; const H = rect.height;
  g.clearRect(0, 0, W, H);
  if (!S.traj) return;
  const runs = S.traj.runs;
  const finite = [];
  for (const r of runs) for (const v of r.trajectory.loss) if (v !== null && Number.isFinite(v)) finite.push(v);
  if (!finite.length) return;
  let lo = Math.min(...finite.slice(0, 200000));
  let hi = Math.max(...runs.map((r) => r.trajectory.loss[0]).filter(Number.isFinite));
  const useLog = lo > 0;
  const starts = runs.map((r) => r.trajectory.loss[0]).filter(Number.isFinite);
  const scale0 = Math.max(1e-12, ...starts.map(Math.abs));
  let symlog = false;
  if (useLog) { hi = Math.max(hi, lo * 10); lo = Math.max(lo, hi * 1e-14); } else {
    hi = Math.max(hi, ...finite.slice(0, 200000).filter((v) => v < 1e3 * scale0));
    if (hi <= lo) hi = lo + 1;
    symlog = (hi - lo) > 1e3 * scale0; // a run that falls without bound: compress it
  }
  const fy = useLog ? (v) => Math.log10(Math.max(v, lo))
    : symlog ? (v) => Math.sign(v) * Math.log10(1 + Math.abs(v) / scale0) : (v) => v;
  const ylo = fy(lo); const yhi = fy(hi) + (fy(hi) - fy(lo)) * 0.05;
  const nmax = Math.max(1, maxStep());
  const left = 50; const right = W - 8; const top = 8; const bottom = H - 20;
  const X = (s) => left + (right - left) * s / nmax;
  const Y = (v) => bottom - (bottom - top) * (Math.min(fy(v), yhi * 1.0) - ylo) / (yhi - ylo || 1);
  g.font = '10.5px ui-monospace, DejaVu Sans Mono, monospace';
  g.fillStyle = 'rgba(230,233,245,.55)';
  g.strokeStyle = 'rgba(255,255,255,.07)';
  g.textAlign = 'right'; g.textBaseline = 'middle';
  if (useLog) {
    const d0 = Math.ceil(ylo); const d1 = Math.floor(yhi);
    const every = Math.max(1, Math.ceil((d1 - d0 + 1) / 5));
    for (let d = d0; d <= d1; d += every) {
      const py = bottom - (bottom - top) * (d - ylo) / (yhi - ylo);
      g.beginPath(); g.moveTo(left, py); g.lineTo(right, py); g.stroke();
      g.fillText('1e' + d, left - 4, py);
    }
  } else if (symlog) {
    const marks = [0];
    for (let e = Math.ceil(Math.log10(scale0)); e <= 300; e += 3) {
      const v = Math.pow(10, e);
      if (v <= Math.abs(lo) * 1.0001 || v <= Math.abs(hi) * 1.0001) marks.push(v, -v); else break;
    }
    for (const v of marks) {
      if (fy(v) < ylo || fy(v) > yhi) continue;
      const py = Y(v);
      g.beginPath(); g.moveTo(left, py); g.lineTo(right, py); g.stroke();
      g.fillText(v === 0 ? '0' : (v < 0 ? '−' : '') + '1e' + Math.round(Math.log10(Math.abs(v))), left - 4, py);
    }
  } else {
    const st = niceStep(yhi - ylo, 4);
    for (let v = Math.ceil(ylo / st) * st; v <= yhi; v += st) {
      const py = Y(v);
      g.beginPath(); g.moveTo(left, py); g.lineTo(right, py); g.stroke();
      g.fillText(fmtSig(v, 2), left - 4, py);
    }
  }
  g.textAlign = 'center'; g.textBaseline = 'top';
  const sx = niceStep(nmax, 5);
  for (let s = 0; s <= nmax; s += sx) g.fillText(String(s), X(s), bottom + 4);
  runs.forEach((r, i) => {
    const t = r.trajectory;
    const color = RACER_COLORS[i % RACER_COLORS.length];
    for (const [alpha, upto] of [[0.25, t.loss.length - 1], [1, trajectoryIndex(r)]]) {
      g.beginPath();
      let started = false;
      for (let s = 0; s <= upto; s++) {
        const v = t.loss[s];
        if (v === null || !Number.isFinite(v)) break;
        const px = X(t.step[s]); const py = Math.max(top, Math.min(bottom, Y(v)));
        if (!started) { g.moveTo(px, py); started = true; } else g.lineTo(px, py);
      }
      g.globalAlpha = alpha; g.strokeStyle = color; g.lineWidth = i === S.selected ? 2 : 1.5; g.stroke();
    }
    g.globalAlpha = 1;
  });
  g.strokeStyle = 'rgba(126, 224, 195, .6)';
  g.setLineDash([3, 3]);
  g.beginPath(); g.moveTo(X(S.k), top); g.lineTo(X(S.k), bottom); g.stroke();
  g.setLineDash([]);
  $('loss-scale').textContent = useLog ? 'L, log scale' : symlog ? 'L, symmetric log scale' : 'L, linear scale';
}

// ---------------------------------------------------------------- curvature

function renderCurvature(data, p, error) {
  const box = $('curvature');
  const r = S.racers[S.selected];
  $('curvature-for').innerHTML = r ? `<span class="dot" style="display:inline-block;width:9px;height:9px;border-radius:50%;background:${RACER_COLORS[S.selected % RACER_COLORS.length]}"></span> ${esc(r.name)} at step ${p ? p.step : 0}` : '';
  if (!data) {
    box.innerHTML = `<p class="hint">${esc(error || 'The current point is off the map (the run diverged).')}</p>`;
    updateStabilityTracks(); updateStabilityWarning();
    return;
  }
  const col = (title, rep, where) => {
    if (!rep) return `<div class="curv-col"><h4>${title}</h4><p class="hint">No minimum in view.</p></div>`;
    const ev = rep.eigenvalues.map((v) => fmtSig(v, 3)).join(', ');
    return `<div class="curv-col"><h4>${title} <span class="mono">${where}</span></h4><dl>
      <dt>type</dt><dd><span class="kind ${rep.kind}">${esc(rep.kind)}</span></dd>
      <dt>λ</dt><dd>${ev}</dd>
      <dt>κ</dt><dd>${fmtSig(rep.conditionNumber, 4)}</dd>
      <dt>2/λmax</dt><dd>${fmtSig(rep.maxStableLearningRate, 4)}</dd>
      <dt title="the best fixed rate for GD, 2/(λmin + λmax)">η*</dt><dd>${fmtSig(rep.optimalLearningRate, 4)}</dd>
      <dt>‖∇L‖</dt><dd>${fmtSig(rep.gradientNorm, 3)}</dd>
      ${rep.heavyBall ? `<dt title="optimal heavy-ball momentum (Polyak)">best μ, η</dt><dd>${fmtSig(rep.heavyBall.momentum, 3)}, ${fmtSig(rep.heavyBall.learningRate, 3)}</dd>` : ''}
    </dl></div>`;
  };
  const here = data.point;
  const nm = data.nearestMinimum;
  let html = col('here', here, `(${fmtSig(here.x[0], 3)}, ${fmtSig(here.x[1], 3)})`) +
    col('at minimum', nm && nm.report, nm ? `(${fmtSig(nm.x[0], 3)}, ${fmtSig(nm.x[1], 3)})` : '');
  const ref = stabilityReference();
  if (ref && p && p.lr !== null && p.lr !== undefined) {
    const pos = (v) => Math.max(0, Math.min(100, (Math.log10(v) - LR_MIN) / (LR_MAX - LR_MIN) * 100));
    const thr = ref.maxStableLearningRate;
    const opt = ref.optimalLearningRate;
    html += `<div class="stability"><div class="stab-bar" style="--s:${pos(thr)}%">
      ${opt ? `<span class="tick opt" style="left:${pos(opt)}%" title="η* = ${fmtSig(opt)}"></span>` : ''}
      <span class="tick eta" style="left:${pos(p.lr)}%" title="η = ${fmtSig(p.lr)}"></span></div>
      <div class="stab-labels"><span>η = ${fmtSig(p.lr, 3)}</span><span>stable for GD below 2/λmax = ${fmtSig(thr, 3)}</span></div></div>`;
  }
  box.innerHTML = html;
  updateStabilityTracks();
  updateStabilityWarning();
}

/** The report whose 2/λmax colours the sliders: the nearest minimum's (where the run ends
 *  up), else the current point's when it has λmax > 0. */
function stabilityReference() {
  const c = S.curvature;
  if (!c) return null;
  if (c.nearestMinimum && c.nearestMinimum.report.maxStableLearningRate) return c.nearestMinimum.report;
  if (c.point.maxStableLearningRate) return c.point;
  return null;
}

function updateStabilityTracks() {
  const ref = stabilityReference();
  document.querySelectorAll('.lr-slider').forEach((el) => {
    if (!ref) { el.style.removeProperty('--track'); el.title = ''; return; }
    const p = Math.max(0, Math.min(100, (Math.log10(ref.maxStableLearningRate) - LR_MIN) / (LR_MAX - LR_MIN) * 100));
    el.style.setProperty('--track', `linear-gradient(90deg, #2f9e6e 0%, #3fbf85 ${p}%, #d8434f ${p}%, #a32a39 100%)`);
    el.title = `green: stable for gradient descent (η < 2/λmax = ${fmtSig(ref.maxStableLearningRate)}); red: diverges`;
  });
}

function updateStabilityWarning() {
  const box = $('stability-warning');
  const ref = stabilityReference();
  const r = S.racers[S.selected];
  const p = currentPoint(S.selected);
  const lr = p ? p.lr : null;
  if (!ref || !r || lr === null || lr === undefined || !(lr > ref.maxStableLearningRate)) { box.hidden = true; return; }
  const gd = r.name === 'gd' || r.name === 'sgd';
  box.innerHTML = `<b>η = ${fmtSig(lr, 3)} &gt; 2/λmax = ${fmtSig(ref.maxStableLearningRate, 3)}</b>: ` +
    (gd ? 'gradient descent overshoots along the steepest direction and diverges; lower η below the green part of the track.'
      : `plain gradient descent would diverge at this rate; ${esc(r.name)} may still converge thanks to its momentum or scaling.`);
  box.hidden = false;
}

// ---------------------------------------------------------------- basins

function renderBasinRacerChoice() {
  const sel = $('basin-racer');
  if (S.basinRacer >= S.racers.length) S.basinRacer = 0;
  sel.innerHTML = S.racers.map((r, i) => `<option value="${i}"${i === S.basinRacer ? ' selected' : ''}>${i + 1}. ${esc(r.name)}${S.optimizers[r.name] && S.optimizers[r.name].learningRate !== null ? ' η=' + r.lr : ''}</option>`).join('');
}

async function requestBasins() {
  const resolution = Number($('basin-resolution').value);
  const maxSteps = Math.floor(S.catalog.limits.maximumBasinWork / (resolution * resolution));
  const steps = Math.max(1, Math.min(S.steps, maxSteps, S.catalog.limits.basinSteps[1]));
  const r = S.racers[S.basinRacer];
  if (!r) return;
  $('basin-run').disabled = true;
  $('basin-run').textContent = 'Mapping…';
  try {
    const data = await api('/api/basins', {
      function: S.fn, window: visibleWindow(), resolution, steps, tolerance: S.tol, run: runSpec(r),
    });
    S.basins = data;
    renderBasins();
    saveState();
  } catch (err) {
    $('basin-legend').innerHTML = `<p class="racer-error">${esc(err.message)}</p>`;
  } finally {
    $('basin-run').disabled = false;
    $('basin-run').textContent = 'Map basins';
  }
}

function basinColor(label) {
  if (label === -1) return [92, 26, 34];
  if (label === -2) return [62, 68, 96];
  const h = BASIN_COLORS[label % BASIN_COLORS.length];
  return [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
}

function renderBasins() {
  const data = S.basins;
  if (!data) return;
  const n = data.resolution;
  const off = document.createElement('canvas');
  off.width = n; off.height = n;
  const g = off.getContext('2d');
  const img = g.createImageData(n, n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const c = basinColor(data.labels[j * n + i]);
      const o = ((n - 1 - j) * n + i) * 4;
      img.data[o] = c[0]; img.data[o + 1] = c[1]; img.data[o + 2] = c[2]; img.data[o + 3] = 255;
    }
  }
  g.putImageData(img, 0, 0);
  basinImage = { canvas: off, window: data.window };
  const bc = $('basin-canvas');
  const rect = bc.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  bc.width = Math.round(rect.width * dpr); bc.height = Math.round(rect.height * dpr);
  const b = bc.getContext('2d');
  b.imageSmoothingEnabled = false;
  // Keep the window's aspect inside the square thumbnail.
  const w = data.window;
  const aspect = (w.x[1] - w.x[0]) / (w.y[1] - w.y[0]);
  let dw = bc.width; let dh = bc.height;
  if (aspect > 1) dh = bc.height / aspect; else dw = bc.width * aspect;
  const ox = (bc.width - dw) / 2; const oy = (bc.height - dh) / 2;
  b.drawImage(off, ox, oy, dw, dh);
  data.attractors.forEach((a) => {
    if (!a.count) return;
    const px = ox + (a.x[0] - w.x[0]) / (w.x[1] - w.x[0]) * dw;
    const py = oy + (1 - (a.x[1] - w.y[0]) / (w.y[1] - w.y[0])) * dh;
    b.save(); b.scale(dpr, dpr); drawMarkerOn(b, a.kind, px / dpr, py / dpr); b.restore();
  });
  const total = n * n;
  const rows = data.attractors.map((a, i) => ({ a, i })).filter(({ a }) => a.count > 0)
    .sort((p, q) => q.a.count - p.a.count)
    .map(({ a, i }) => `<div class="row"><span class="sw" style="background:${BASIN_COLORS[i % BASIN_COLORS.length]}"></span>
      <span class="kind ${esc(a.kind)}">${esc(a.kind === 'minimum' ? 'min' : a.kind)}</span><span class="mono">(${fmtSig(a.x[0], 3)}, ${fmtSig(a.x[1], 3)})</span>
      <span class="count">${(100 * a.count / total).toFixed(1)}%</span></div>`);
  if (data.diverged) rows.push(`<div class="row"><span class="sw" style="background:rgb(92,26,34)"></span>diverged<span class="count">${(100 * data.diverged / total).toFixed(1)}%</span></div>`);
  if (data.unfinished) rows.push(`<div class="row"><span class="sw" style="background:rgb(62,68,96)"></span>still moving after ${data.steps} steps<span class="count">${(100 * data.unfinished / total).toFixed(1)}%</span></div>`);
  const r = S.racers[S.basinRacer];
  rows.push(`<p class="hint">${n}×${n} starts · ${esc(r ? r.name : '')} · ${data.steps} steps · ${(data.seconds * 1000).toFixed(0)} ms</p>`);
  $('basin-legend').innerHTML = rows.join('');
  draw();
}

function drawMarkerOn(g, kind, px, py) {
  g.save();
  g.lineWidth = 1.5;
  g.strokeStyle = '#0a0d1a';
  g.fillStyle = KIND_STYLE[kind] || '#fff';
  g.beginPath();
  if (kind === 'saddle') {
    g.strokeStyle = KIND_STYLE.saddle; g.lineWidth = 2;
    g.moveTo(px - 4, py - 4); g.lineTo(px + 4, py + 4); g.moveTo(px - 4, py + 4); g.lineTo(px + 4, py - 4); g.stroke();
  } else {
    g.arc(px, py, 4, 0, Math.PI * 2); g.fill(); g.stroke();
  }
  g.restore();
}

// ---------------------------------------------------------------- function box

function clearFormulaError() {
  $('formula-error').hidden = true;
  $('formula').classList.remove('invalid');
  const info = S.fnInfo;
  if (info) {
    const preset = S.catalog.functions.find((f) => f.name === info.name);
    $('function-summary').textContent = preset ? preset.summary : `variables ${info.variables.join(', ')}`;
  }
}

function showFormulaError(info) {
  const box = $('formula-error');
  box.querySelector('.error-message').textContent = info.column ? `${info.message} (column ${info.column})` : info.message;
  const pre = box.querySelector('.error-excerpt');
  if (info.column) {
    const text = $('formula').value;
    const chars = Array.from(text);
    const col = info.column - 1;
    const len = Math.max(1, info.length || 1);
    let from = 0; let to = chars.length;
    if (chars.length > 72) { from = Math.max(0, Math.min(col - 36, chars.length - 72)); to = Math.min(chars.length, from + 72); }
    const seg = (a, b) => esc(chars.slice(a, b).join(''));
    const badEnd = Math.min(to, col + len);
    const excerpt = (from > 0 ? '…' : '') + seg(from, col) +
      `<span class="bad">${col < chars.length ? seg(col, badEnd) : ' '}</span>` + seg(badEnd, to) + (to < chars.length ? '…' : '');
    const caret = ' '.repeat(col - from + (from > 0 ? 1 : 0)) + '^' + '~'.repeat(Math.max(0, Math.min(len, to - col) - 1));
    pre.innerHTML = excerpt + '\n<span class="caret">' + caret + '</span>';
    pre.hidden = false;
  } else {
    pre.hidden = true;
  }
  box.hidden = false;
  $('formula').classList.add('invalid');
  $('function-summary').textContent = '';
}

function applyFormula() {
  const text = $('formula').value.trim();
  const preset = S.catalog.functions.find((f) => f.formula === text || f.name === text.toLowerCase());
  if (preset) { choosePreset(preset.name, false); return; }
  S.preset = '';
  $('preset').value = '';
  S.fn = text;
  S.k = 0;
  stopPlaying();
  reloadFunction(false);
}

function choosePreset(name, fit = true) {
  const preset = S.catalog.functions.find((f) => f.name === name);
  if (!preset) return;
  S.preset = name;
  S.fn = name;
  $('preset').value = name;
  $('formula').value = preset.formula;
  if (fit) {
    fitWindow(preset.window);
    setStart(preset.start.slice());
    S.spacing = preset.spacing || 'automatic';
  }
  S.k = 0;
  stopPlaying();
  reloadFunction(fit);
}

function reloadFunction() {
  S.basins = null; basinImage = null;
  $('basin-legend').innerHTML = '<p class="hint">Colour every start point by where the chosen optimizer ends: which minimum, a saddle, or divergence.</p>';
  const bc = $('basin-canvas'); bc.getContext('2d').clearRect(0, 0, bc.width, bc.height);
  S.critical = [];
  requestLandscape();
  requestCriticalPoints();
  requestTrajectories();
  saveState();
}

const viewChanged = debounce(() => { requestLandscape(); requestCriticalPoints(); saveState(); }, 160);

// ---------------------------------------------------------------- playback

let lastFrame = 0;
let carry = 0;
function stepsPerSecond() { return Math.round(Math.pow(10, S.speedLog)); }

function frame(t) {
  if (!S.playing) return;
  const dt = lastFrame ? Math.min(0.1, (t - lastFrame) / 1000) : 0;
  lastFrame = t;
  carry += dt * stepsPerSecond();
  const advance = Math.floor(carry);
  if (advance > 0) {
    carry -= advance;
    S.k = Math.min(maxStep(), S.k + advance);
    draw(); updateReadouts(); drawLossChart(); requestCurvature();
    if (S.k >= maxStep()) { stopPlaying(); saveState(); return; }
  }
  requestAnimationFrame(frame);
}

function startPlaying() {
  if (S.k >= maxStep()) S.k = 0;
  S.playing = true; lastFrame = 0; carry = 0;
  $('play').querySelector('.icon').textContent = '❚❚';
  $('play').querySelector('.text').textContent = 'Pause';
  requestAnimationFrame(frame);
}
function stopPlaying() {
  S.playing = false;
  $('play').querySelector('.icon').textContent = '▶';
  $('play').querySelector('.text').textContent = 'Run';
}
function stepOnce() {
  stopPlaying();
  if (S.k < maxStep()) S.k += 1;
  afterStepChange();
}
function resetSteps() {
  stopPlaying();
  S.k = 0;
  afterStepChange();
}
function afterStepChange() {
  draw(); updateReadouts(); drawLossChart(); requestCurvature(); saveState();
}

// ---------------------------------------------------------------- URL state

function saveStateNow() {
  const p = new URLSearchParams();
  p.set('f', S.fn);
  const w = visibleWindow();
  p.set('view', [w.x[0], w.x[1], w.y[0], w.y[1]].map((v) => Number(v.toPrecision(6))).join(','));
  p.set('start', S.start.join(','));
  p.set('steps', S.steps);
  p.set('tol', S.tol);
  p.set('k', S.k);
  p.set('sel', S.selected);
  p.set('speed', S.speedLog);
  p.set('racers', JSON.stringify(S.racers.map((r) => {
    const o = { name: r.name };
    if (r.lr !== null && r.lr !== undefined) o.lr = r.lr;
    if (Object.keys(r.hp).length) o.hp = r.hp;
    if (r.schedule !== 'constant') o.schedule = r.schedule;
    if (r.noise) { o.noise = r.noise; o.seed = r.seed; }
    return o;
  })));
  if (S.basins) { p.set('basins', $('basin-resolution').value + ',' + S.basinRacer); }
  if (S.basinOverlay) p.set('overlay', '1');
  p.set('spacing', S.spacing);
  history.replaceState(null, '', '#' + p.toString());
}
const saveState = debounce(saveStateNow, 120);

function loadState() {
  const hash = location.hash.slice(1);
  if (!hash) return false;
  const p = new URLSearchParams(hash);
  try {
    if (p.has('f')) S.fn = p.get('f');
    const preset = S.catalog.functions.find((f) => f.name === S.fn.toLowerCase() || f.aliases.includes(S.fn.toLowerCase()));
    S.preset = preset ? preset.name : '';
    if (preset) S.fn = preset.name;
    if (p.has('view')) {
      const v = p.get('view').split(',').map(Number);
      if (v.length === 4 && v.every(Number.isFinite)) fitWindow({ x: [v[0], v[1]], y: [v[2], v[3]] });
    }
    if (!S.view) fitWindow(preset ? preset.window : { x: [-2, 2], y: [-2, 2] });
    if (p.has('start')) {
      const s = p.get('start').split(',').map(Number);
      if (s.length === 2 && s.every(Number.isFinite)) S.start = s;
    } else if (preset) S.start = preset.start.slice();
    if (p.has('steps')) S.steps = Math.max(1, Math.min(20000, Number(p.get('steps')) || 500));
    if (p.has('tol')) S.tol = Number(p.get('tol')) || 1e-6;
    if (p.has('k')) S.k = Math.max(0, Number(p.get('k')) || 0);
    if (p.has('speed')) S.speedLog = Number(p.get('speed')) || 1.3;
    if (p.has('racers')) {
      const list = JSON.parse(p.get('racers'));
      S.racers = list.filter((o) => S.optimizers[o.name]).slice(0, 8).map((o) => {
        const r = defaultRacer(o.name);
        if (o.lr !== undefined) r.lr = o.lr;
        if (o.hp) Object.assign(r.hp, o.hp);
        if (o.schedule) r.schedule = o.schedule;
        if (o.noise) { r.noise = o.noise; r.seed = o.seed || 0; }
        return r;
      });
    }
    if (p.has('sel')) S.selected = Math.max(0, Math.min(S.racers.length - 1, Number(p.get('sel')) || 0));
    if (p.has('basins')) {
      const [res, racer] = p.get('basins').split(',').map(Number);
      S.pendingBasins = { res, racer };
    }
    S.basinOverlay = p.get('overlay') === '1';
    if (['linear', 'logarithmic', 'automatic'].includes(p.get('spacing'))) S.spacing = p.get('spacing');
    else if (!p.has('spacing')) S.spacing = 'automatic';
    return true;
  } catch (err) {
    setStatus('This link could not be read completely: ' + err.message, true);
    return false;
  }
}

// ---------------------------------------------------------------- misc UI

function setStatus(text, error = false) {
  const el = $('status');
  el.textContent = text;
  el.classList.toggle('error', error);
}
function showBusy(on) { $('busy').hidden = !on; }
function toast(text) {
  const el = $('toast');
  el.textContent = text; el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 1800);
}

function wireControls() {
  $('preset').addEventListener('change', (e) => { if (e.target.value) choosePreset(e.target.value); });
  $('formula').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); applyFormula(); } });
  $('formula-apply').addEventListener('click', applyFormula);
  $('play').addEventListener('click', () => (S.playing ? stopPlaying() : startPlaying()));
  $('step').addEventListener('click', stepOnce);
  $('reset').addEventListener('click', resetSteps);
  $('speed').addEventListener('input', (e) => { S.speedLog = Number(e.target.value); $('speed-value').textContent = stepsPerSecond() + ' steps/s'; saveState(); });
  $('zoom-in').addEventListener('click', () => zoomAt(1.4, cssW / 2, cssH / 2));
  $('zoom-out').addEventListener('click', () => zoomAt(1 / 1.4, cssW / 2, cssH / 2));
  $('zoom-fit').addEventListener('click', () => {
    const win = (S.fnInfo && S.fnInfo.window) || { x: [-2, 2], y: [-2, 2] };
    fitWindow(win); draw(); viewChanged();
  });
  const startInput = () => {
    const tx = $('start-x').value.trim(); const ty = $('start-y').value.trim();
    const x = Number(tx); const y = Number(ty);
    if (tx !== '' && ty !== '' && Number.isFinite(x) && Number.isFinite(y)) setStart([x, y]);
  };
  $('start-x').addEventListener('change', startInput);
  $('start-y').addEventListener('change', startInput);
  $('steps').addEventListener('change', (e) => { S.steps = Number(e.target.value); racersChanged(); });
  $('tolerance').addEventListener('change', (e) => { S.tol = Number(e.target.value); racersChanged(); });
  $('add-racer').addEventListener('click', () => {
    const names = ['momentum', 'nesterov', 'adam', 'rmsprop', 'lion', 'adagrad', 'gd'];
    const used = new Set(S.racers.map((r) => r.name));
    const next = names.find((n) => S.optimizers[n] && !used.has(n)) || 'gd';
    const r = defaultRacer(next);
    S.racers.push(r);
    S.selected = S.racers.length - 1;
    renderRacers(); racersChanged();
  });
  $('basin-racer').addEventListener('change', (e) => { S.basinRacer = Number(e.target.value); });
  $('basin-run').addEventListener('click', requestBasins);
  $('colorbar').addEventListener('click', () => {
    const order = ['automatic', 'logarithmic', 'linear'];
    S.spacing = order[(order.indexOf(S.spacing) + 1) % order.length];
    requestLandscape(); saveState();
  });
  $('basin-overlay').addEventListener('change', (e) => { S.basinOverlay = e.target.checked; draw(); saveState(); });
  $('share').addEventListener('click', async () => {
    saveStateNow();
    try { await navigator.clipboard.writeText(location.href); toast('Link copied: it reproduces this view.'); } catch (_) { toast('Copy the address bar: it holds the whole view.'); }
  });
  document.addEventListener('keydown', (e) => {
    if (e.target.closest('input, select, textarea')) return;
    if (e.key === ' ') { e.preventDefault(); S.playing ? stopPlaying() : startPlaying(); } else if (e.key === 'ArrowRight') stepOnce(); else if (e.key === 'Home') resetSteps();
  });
  window.addEventListener('resize', debounce(() => {
    const win = visibleWindow();
    resizeCanvas(); fitWindow(win); draw(); drawLossChart(); viewChanged();
  }, 150));
}

async function init() {
  resizeCanvas();
  try {
    S.catalog = await api('/api/catalog');
  } catch (err) {
    setStatus('Could not reach the server: ' + err.message, true);
    return;
  }
  for (const o of S.catalog.optimizers) S.optimizers[o.name] = o;
  $('preset').innerHTML = S.catalog.functions.map((f) => `<option value="${esc(f.name)}">${esc(f.title)}</option>`).join('') +
    '<option value="">Custom formula</option>';
  S.racers = defaultRacers();
  const restored = loadState();
  if (!restored) {
    const first = S.catalog.functions[0];
    S.fn = first.name; S.preset = first.name;
    S.spacing = first.spacing || 'automatic';
    fitWindow(first.window);
    S.start = first.start.slice();
  }
  const preset = S.catalog.functions.find((f) => f.name === S.preset);
  $('preset').value = S.preset;
  $('formula').value = preset ? preset.formula : S.fn;
  $('start-x').value = S.start[0];
  $('start-y').value = S.start[1];
  $('steps').value = String(S.steps);
  if (![...$('steps').options].some((o) => Number(o.value) === S.steps)) {
    $('steps').insertAdjacentHTML('beforeend', `<option>${S.steps}</option>`); $('steps').value = String(S.steps);
  }
  $('tolerance').value = [...$('tolerance').options].find((o) => Number(o.value) === S.tol)?.value || '1e-6';
  $('speed').value = S.speedLog;
  $('speed-value').textContent = stepsPerSecond() + ' steps/s';
  $('basin-overlay').checked = S.basinOverlay;
  wireControls();
  renderRacers();
  draw();
  await Promise.all([requestLandscape(), requestTrajectories()]);
  requestCriticalPoints();
  if (S.pendingBasins) {
    $('basin-resolution').value = String(S.pendingBasins.res || 48);
    S.basinRacer = Math.min(S.racers.length - 1, S.pendingBasins.racer || 0);
    renderBasinRacerChoice();
    S.pendingBasins = null;
    requestBasins();
  }
  document.body.dataset.ready = '1';
}

init();
