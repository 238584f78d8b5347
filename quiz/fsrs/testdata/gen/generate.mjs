// Generates reference test vectors for steppe's FSRS-6 scheduler (quiz/fsrs)
// from ts-fsrs 5.4.2 (the reference implementation).
//
//   cd quiz/fsrs/testdata/gen && npm install && node generate.mjs
//
// Writes ../vectors.json (review histories) and ../formulas.json (per-formula
// tables). The output is fully deterministic: all randomness comes from a
// seeded mulberry32 PRNG (one stream per history, seeded from its name), never
// Math.random, and nothing depends on the wall clock or the machine time zone.
// See ../README.md for the file layouts.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as T from 'ts-fsrs';

const EXPECTED_VERSION = '5.4.2';
const GENERATOR = `ts-fsrs ${EXPECTED_VERSION}`;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT_DIR = path.resolve(HERE, '..');

// ---------------------------------------------------------------------------
// ts-fsrs plumbing

const require = createRequire(import.meta.url);
// 'ts-fsrs' resolves to <pkg>/dist/index.cjs (package.json is not an exported subpath).
const PKG_DIR = path.dirname(path.dirname(require.resolve('ts-fsrs', { paths: [HERE] })));
{
  const pkg = JSON.parse(readFileSync(path.join(PKG_DIR, 'package.json'), 'utf8'));
  if (pkg.version !== EXPECTED_VERSION) {
    throw new Error(`expected ts-fsrs ${EXPECTED_VERSION}, found ${pkg.version} (run npm install)`);
  }
  if (T.FSRSVersion !== `v${EXPECTED_VERSION} using FSRS-6.0`) {
    throw new Error(`unexpected FSRSVersion ${T.FSRSVersion}`);
  }
}

// ts-fsrs logs on 17/19-value migration (console.debug) and invalid lengths
// (console.warn); keep the generator output clean.
console.debug = () => {};
const realWarn = console.warn;
console.warn = () => {};

// ts-fsrs does not export its Alea PRNG. Load the exact implementation shipped
// in dist/index.mjs (class Alea, function Mash, function alea) and evaluate it.
function loadAlea() {
  const src = readFileSync(path.join(PKG_DIR, 'dist', 'index.mjs'), 'utf8');
  const start = src.indexOf('class Alea {');
  const fnStart = src.indexOf('function alea(seed) {');
  const end = src.indexOf('\n}\n', fnStart);
  if (start < 0 || fnStart < start || end < 0 || src.indexOf('function Mash()', start) > fnStart) {
    throw new Error('could not locate Alea implementation in ts-fsrs dist');
  }
  const code = src.slice(start, end + 2);
  // eslint-disable-next-line no-new-func
  return new Function(`${code}\nreturn alea;`)();
}
const alea = loadAlea();

const DAY = 86_400_000;
const MINUTE = 60_000;
const W21_DEFAULT = Array.from(T.default_w);
const W19_FSRS5_DEFAULT = [
  0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575, 0.1192,
  1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621,
];
const W17_FSRS45_DEFAULT = [
  0.4872, 1.4003, 3.7145, 13.8206, 5.1618, 1.2298, 0.8975, 0.031, 1.6474, 0.1367,
  1.0461, 2.1072, 0.0793, 0.3246, 1.587, 0.2272, 2.8755,
];
// Static clipping bounds (w17/w18 ceiling 2, short-term on) used to draw in-bounds values.
const BOUNDS = T.CLAMP_PARAMETERS(T.W17_W18_Ceiling, true);

// ---------------------------------------------------------------------------
// Deterministic PRNG

function fnv1a(str) {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function makeRng(name) {
  let a = fnv1a(`steppe-fsrs-vectors-v1/${name}`);
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = () => next();
  rng.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  rng.chance = (p) => next() < p;
  rng.pick = (arr) => arr[Math.floor(next() * arr.length)];
  rng.weighted = (weights) => {
    // weights: array of [value, weight]
    const total = weights.reduce((s, [, w]) => s + w, 0);
    let x = next() * total;
    for (const [v, w] of weights) {
      if ((x -= w) < 0) return v;
    }
    return weights[weights.length - 1][0];
  };
  rng.normal = () => {
    const u = Math.max(next(), 1e-12);
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return rng;
}

const round4 = (x) => Math.round(x * 1e4) / 1e4;
const clampN = (x, lo, hi) => Math.min(Math.max(x, lo), hi);

// ---------------------------------------------------------------------------
// Parameter generators

const LEARNING_STEP_SETS = [
  [], ['1m'], ['1m', '10m'], ['5m', '1d'], ['10m', '1h', '1d'], ['2d'], ['30m', '12h'],
  ['3m', '20m'], ['15m'], ['1m', '5m', '15m', '1h'], ['1h', '3d'],
];
const RELEARNING_STEP_SETS = [
  [], ['1m'], ['10m'], ['2d'], ['30m'],
  ['5m', '1d'], ['10m', '1h', '1d'], ['30m', '12h'], ['5m', '30m'], ['10m', '1h', '6h'], ['1m', '1d'],
];

function randomSteps(rng, sets) {
  return [...rng.pick(sets)];
}

// Random in-bounds 21-value FSRS-6 parameter vector.
function randomW21(rng) {
  return W21_DEFAULT.map((d, i) => {
    const [lo, hi] = BOUNDS[i];
    let v;
    if (rng.chance(0.25)) {
      v = lo + rng() * (hi - lo);
    } else {
      v = d * Math.exp(rng.normal() * 0.5);
    }
    return clampN(round4(v), lo, hi);
  });
}

function perturb(base, rng, sigma) {
  return base.map((d) => round4(d * Math.exp(rng.normal() * sigma)));
}

// Out-of-bounds value for index i.
function outOfBounds(rng, i) {
  const [lo, hi] = BOUNDS[i];
  return rng.pick([
    -1, -0.5, -1000, -1e-4, 0, lo > 0 ? round4(lo / 2) || -0.0001 : -0.01,
    round4(hi + 0.5), hi * 10, 1e6, 123.456, round4(hi + 1e-3),
  ]);
}

function baseParams(overrides = {}) {
  return {
    w: [...W21_DEFAULT],
    request_retention: 0.9,
    maximum_interval: 36500,
    enable_fuzz: false,
    enable_short_term: true,
    learning_steps: ['1m', '10m'],
    relearning_steps: ['10m'],
    ...overrides,
  };
}

// ---------------------------------------------------------------------------
// Review-time and rating generation

const PROFILES = {
  normal: {
    ratings: [[1, 15], [2, 15], [3, 55], [4, 15]],
    modes: [['ontime', 40], ['late', 12], ['early_same_day', 9], ['early_days', 6], ['overdue', 9], ['midnight', 10], ['dawn', 5]],
  },
  again_heavy: {
    ratings: [[1, 45], [2, 15], [3, 32], [4, 8]],
    modes: [['ontime', 45], ['late', 12], ['early_same_day', 12], ['early_days', 5], ['overdue', 10], ['midnight', 10], ['dawn', 6]],
  },
  cram: {
    ratings: [[1, 20], [2, 20], [3, 45], [4, 15]],
    modes: [['ontime', 25], ['late', 5], ['early_same_day', 45], ['early_days', 10], ['overdue', 3], ['midnight', 8], ['dawn', 4]],
  },
  overdue: {
    ratings: [[1, 20], [2, 15], [3, 50], [4, 15]],
    modes: [['ontime', 25], ['late', 20], ['early_same_day', 5], ['early_days', 5], ['overdue', 30], ['midnight', 10], ['dawn', 5]],
  },
  easy_heavy: {
    ratings: [[1, 8], [2, 10], [3, 42], [4, 40]],
    modes: [['ontime', 40], ['late', 12], ['early_same_day', 10], ['early_days', 8], ['overdue', 10], ['midnight', 10], ['dawn', 5]],
  },
};

function pickProfile(rng) {
  return rng.weighted([['normal', 55], ['again_heavy', 20], ['cram', 10], ['overdue', 10], ['easy_heavy', 5]]);
}

const dayStart = (t) => Math.floor(t / DAY) * DAY;

function randomStart(rng) {
  const lo = Date.UTC(2025, 0, 1);
  const hi = Date.UTC(2027, 11, 31);
  const day = dayStart(lo + Math.floor(rng() * (hi - lo + DAY)));
  const kind = rng.weighted([['any', 70], ['late_evening', 18], ['just_after_midnight', 12]]);
  let tod;
  if (kind === 'late_evening') tod = (23 * 60 + rng.int(30, 59)) * MINUTE + rng.int(0, 59) * 1000;
  else if (kind === 'just_after_midnight') tod = rng.int(0, 4) * MINUTE + rng.int(0, 59) * 1000;
  else tod = rng.int(0, 86_399) * 1000;
  return day + tod;
}

// Next review time, strictly after prev. card is the card after the previous review.
function nextTime(prev, card, rng, profile, st) {
  const due = card.due.getTime();
  const isStep = card.scheduled_days === 0; // (re)learning step measured in minutes
  const sec = () => rng.int(0, 59) * 1000;
  let t;

  if (st.afterMidnight) {
    st.afterMidnight = false;
    if (rng.chance(0.75)) {
      // 23:59 -> 00:00:30..00:01:59 next UTC day (elapsed 1)
      t = dayStart(prev) + DAY + rng.int(30, 119) * 1000;
      if (rng.chance(0.2)) t += rng.int(1, 999); // some millisecond noise
      return t > prev ? t : prev + 1000;
    }
  }
  if (st.dawn) {
    st.dawn = false;
    if (rng.chance(0.65)) {
      // 00:0x -> 23:58..23:59 of the same UTC day (elapsed 0 though ~24 h later)
      t = dayStart(prev) + (23 * 60 + rng.int(58, 59)) * MINUTE + sec();
      if (t > prev) return t;
    }
  }

  let mode = rng.weighted(profile.modes);
  for (let attempt = 0; attempt < 2; attempt++) {
    switch (mode) {
      case 'ontime': {
        if (rng.chance(0.15)) t = due;
        else if (isStep) t = due + rng.int(0, 20) * MINUTE + sec();
        else t = due + rng.int(0, 240) * MINUTE + sec();
        break;
      }
      case 'late': {
        if (isStep) t = due + rng.int(1, 14) * 3_600_000 + rng.int(0, 59) * MINUTE;
        else t = due + rng.int(1, 5) * DAY + rng.int(0, 86_399) * 1000;
        break;
      }
      case 'early_same_day': {
        const end = dayStart(prev) + DAY - 1000;
        if (end - prev >= 2000) {
          const span = Math.min(end - prev, 6 * 3_600_000);
          t = prev + 1000 + Math.floor(rng() * (span - 1000));
          t -= t % 1000;
          if (t <= prev) t = prev + 1000;
        }
        break;
      }
      case 'early_days': {
        const d0 = dayStart(prev);
        const nd = Math.floor((dayStart(due) - d0) / DAY);
        if (nd >= 2) t = d0 + rng.int(1, nd - 1) * DAY + rng.int(0, 86_399) * 1000;
        break;
      }
      case 'overdue': {
        t = due + rng.int(7, 200) * DAY + rng.int(-43_200, 43_200) * 1000;
        break;
      }
      case 'midnight': {
        const base = dayStart(Math.max(due, prev)) + rng.pick([-1, 0, 0, 0, 1]) * DAY;
        t = base + (23 * 60 + 59) * MINUTE + sec();
        if (t <= prev) t = dayStart(prev) + (23 * 60 + 59) * MINUTE + sec();
        if (t <= prev) t = dayStart(prev) + DAY + (23 * 60 + 59) * MINUTE + sec();
        st.afterMidnight = true;
        break;
      }
      case 'dawn': {
        const base = dayStart(Math.max(due, prev)) + rng.pick([0, 0, 1]) * DAY;
        t = base + rng.int(0, 4) * MINUTE + sec();
        if (t <= prev) t = dayStart(prev) + DAY + rng.int(0, 4) * MINUTE + sec();
        st.dawn = true;
        break;
      }
      default:
        throw new Error(mode);
    }
    if (t !== undefined && t > prev) return t;
    t = undefined;
    mode = 'ontime';
  }
  return Math.max(prev + 1000, due);
}

// ---------------------------------------------------------------------------
// History runner

function sameNumbers(a, b) {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

function effectiveW(params) {
  const f = T.fsrs(params);
  const w = Array.from(f.parameters.w);
  // Cross-check: migration + clipping as generatorParameters/prepare_parameters do it.
  const n = params.relearning_steps.length;
  const expected = T.clipParameters(T.migrateParameters(params.w, n, params.enable_short_term), n, params.enable_short_term);
  if (!sameNumbers(w, expected) || w.length !== 21) {
    throw new Error(`effective w mismatch ${w} vs ${expected}`);
  }
  return { f, w };
}

function runHistory(name, params, rng) {
  const { f, w } = effectiveW(params);
  const profile = PROFILES[pickProfile(rng)];
  const start = randomStart(rng);
  const n = rng.int(8, 30);
  let card = T.createEmptyCard(new Date(start));
  const reviews = [];
  const st = { afterMidnight: false, dawn: false };
  let prev = start;
  for (let i = 0; i < n; i++) {
    let t;
    if (i === 0) {
      t = rng.chance(0.4) ? start : start + rng.int(1, 20 * 60) * 1000;
      // Late-evening / just-after-midnight starts: steer the next review across
      // (or up to the end of) the UTC day while the card is still learning.
      const tod = t % DAY;
      if (tod >= (23 * 60 + 30) * MINUTE && rng.chance(0.5)) st.afterMidnight = true;
      else if (tod < 10 * MINUTE && rng.chance(0.5)) st.dawn = true;
    } else {
      t = nextTime(prev, card, rng, profile, st);
    }
    if (!(t >= prev) || !Number.isInteger(t)) throw new Error(`${name}: time went backwards`);
    const rating = rng.weighted(profile.ratings);
    let retrievability = null;
    let elapsed = 0;
    if (card.state !== T.State.New) {
      elapsed = T.dateDiffInDays(card.last_review, new Date(t));
      retrievability = T.forgetting_curve(w[20], elapsed, card.stability);
    }
    const res = f.next(card, new Date(t), rating);
    const c = res.card;
    if (c.elapsed_days !== elapsed || c.last_review.getTime() !== t) {
      throw new Error(`${name}: elapsed mismatch ${c.elapsed_days} vs ${elapsed}`);
    }
    reviews.push({
      time_ms: t,
      rating,
      state: c.state,
      step: c.learning_steps,
      stability: c.stability,
      difficulty: c.difficulty,
      due_ms: c.due.getTime(),
      elapsed_days: c.elapsed_days,
      scheduled_days: c.scheduled_days,
      reps: c.reps,
      lapses: c.lapses,
      retrievability,
    });
    card = c;
    prev = t;
  }
  return {
    name,
    params: {
      w: [...params.w],
      request_retention: params.request_retention,
      maximum_interval: params.maximum_interval,
      enable_fuzz: params.enable_fuzz,
      enable_short_term: params.enable_short_term,
      learning_steps: [...params.learning_steps],
      relearning_steps: [...params.relearning_steps],
    },
    effective_w: w,
    start_ms: start,
    reviews,
  };
}

// ---------------------------------------------------------------------------
// Categories

const pad = (i) => String(i).padStart(3, '0');

function randomRetention(rng) {
  return round4(0.7 + rng() * 0.29);
}

const CATEGORIES = [
  ['defaults', 90, () => baseParams()],
  ['shortterm-off', 45, (rng) => {
    const p = baseParams({ enable_short_term: false });
    if (rng.chance(0.5)) {
      p.learning_steps = randomSteps(rng, LEARNING_STEP_SETS);
      p.relearning_steps = randomSteps(rng, RELEARNING_STEP_SETS);
    }
    if (rng.chance(0.3)) p.w = randomW21(rng);
    if (rng.chance(0.3)) p.request_retention = randomRetention(rng);
    if (rng.chance(0.25)) p.maximum_interval = rng.pick([30, 100, 365]);
    return p;
  }],
  ['custom', 80, (rng) => {
    const p = baseParams({
      w: randomW21(rng),
      request_retention: randomRetention(rng),
      maximum_interval: rng.pick([30, 100, 365, 36500]),
      learning_steps: randomSteps(rng, LEARNING_STEP_SETS),
      relearning_steps: randomSteps(rng, RELEARNING_STEP_SETS),
    });
    if (rng.chance(0.1)) p.enable_short_term = false;
    return p;
  }],
  ['w17', 30, (rng, i) => {
    let w = i < 3 ? [...W17_FSRS45_DEFAULT] : perturb(W17_FSRS45_DEFAULT, rng, 0.35);
    if (i >= 3 && rng.chance(0.2)) {
      const k = rng.int(0, 16);
      w[k] = outOfBounds(rng, k);
    }
    const p = baseParams({ w });
    if (rng.chance(0.25)) p.enable_short_term = false;
    if (rng.chance(0.5)) {
      p.learning_steps = randomSteps(rng, LEARNING_STEP_SETS);
      p.relearning_steps = randomSteps(rng, RELEARNING_STEP_SETS);
    }
    if (rng.chance(0.3)) p.request_retention = randomRetention(rng);
    if (rng.chance(0.2)) p.maximum_interval = rng.pick([30, 100, 365]);
    return p;
  }],
  ['w19', 30, (rng, i) => {
    let w = i < 3 ? [...W19_FSRS5_DEFAULT] : perturb(W19_FSRS5_DEFAULT, rng, 0.35);
    if (i >= 3 && rng.chance(0.2)) {
      const k = rng.int(0, 18);
      w[k] = outOfBounds(rng, k);
    }
    const p = baseParams({ w });
    if (i === 1 || (i >= 3 && rng.chance(0.3))) p.enable_short_term = false;
    if (rng.chance(0.5)) {
      p.learning_steps = randomSteps(rng, LEARNING_STEP_SETS);
      p.relearning_steps = randomSteps(rng, RELEARNING_STEP_SETS);
    }
    if (rng.chance(0.3)) p.request_retention = randomRetention(rng);
    if (rng.chance(0.2)) p.maximum_interval = rng.pick([30, 100, 365]);
    return p;
  }],
  ['clip', 25, (rng, i) => {
    const w = rng.chance(0.5) ? [...W21_DEFAULT] : randomW21(rng);
    const k = rng.int(3, 8);
    for (let j = 0; j < k; j++) {
      const idx = rng.int(0, 20);
      w[idx] = outOfBounds(rng, idx);
    }
    // Make sure the interesting indices get hit across the category.
    if (i % 5 === 0) { w[17] = rng.pick([5, 100, 1e6]); w[18] = rng.pick([3, 50, -1]); }
    if (i % 5 === 1) w[19] = rng.pick([-1, 0, 0.005, 2]);
    if (i % 5 === 2) w[20] = rng.pick([-0.5, 0, 0.05, 0.9, 5]);
    if (i % 5 === 3) { w[0] = -3; w[3] = 500; w[4] = 0; }
    if (i % 5 === 4) { w[11] = rng.pick([0, 1e-4, 50]); w[13] = rng.pick([-1, 0, 3]); w[14] = rng.pick([-2, 10]); }
    const p = baseParams({ w });
    if (rng.chance(0.5)) p.relearning_steps = rng.pick([['10m', '1h'], ['5m', '30m', '2h'], ['10m', '1h', '1d']]);
    if (rng.chance(0.3)) p.learning_steps = randomSteps(rng, LEARNING_STEP_SETS);
    if (rng.chance(0.3)) p.enable_short_term = false;
    if (rng.chance(0.3)) p.request_retention = randomRetention(rng);
    return p;
  }],
  ['fuzz', 80, (rng, i) => {
    if (i < 40) {
      const p = baseParams({ enable_fuzz: true });
      if (i >= 32) p.enable_short_term = false;
      return p;
    }
    const p = baseParams({
      enable_fuzz: true,
      w: rng.chance(0.7) ? randomW21(rng) : [...W21_DEFAULT],
      request_retention: rng.chance(0.7) ? randomRetention(rng) : 0.9,
      maximum_interval: rng.pick([30, 100, 365, 36500]),
      learning_steps: randomSteps(rng, LEARNING_STEP_SETS),
      relearning_steps: randomSteps(rng, RELEARNING_STEP_SETS),
    });
    if (rng.chance(0.2)) p.enable_short_term = false;
    return p;
  }],
];

function generateVectors() {
  const histories = [];
  for (const [cat, count, make] of CATEGORIES) {
    for (let i = 0; i < count; i++) {
      const name = `${cat}/${pad(i)}`;
      const rng = makeRng(name);
      const params = make(rng, i);
      histories.push(runHistory(name, params, rng));
    }
  }
  return { generator: GENERATOR, histories };
}

// ---------------------------------------------------------------------------
// Formula tables

function wSets() {
  const r = makeRng('formulas/wsets');
  const custom1 = randomW21(r);
  const custom2 = randomW21(r);
  const lowInit = [...W21_DEFAULT];
  lowInit[0] = 0.05; // below the 0.1 init-stability floor
  lowInit[1] = 0.001;
  lowInit[4] = 1.2; // D0raw(g) < 1 for several grades
  lowInit[5] = 1.5;
  const strongShort = [...W21_DEFAULT];
  strongShort[17] = 1.2; strongShort[18] = 0.8; strongShort[19] = 0.5; strongShort[20] = 0.5;
  return [
    ['default', W21_DEFAULT],
    ['fsrs5_default_migrated', T.fsrs({ w: W19_FSRS5_DEFAULT }).parameters.w],
    ['custom_1', custom1],
    ['custom_2', custom2],
    ['low_init', lowInit],
    ['strong_short_term', strongShort],
  ].map(([name, w]) => {
    const f = T.fsrs({ w: [...w] });
    return { name, f, w: Array.from(f.parameters.w) };
  });
}

function generateFormulas() {
  const out = { generator: GENERATOR };
  const WS = wSets();

  // forgetting_curve
  {
    const cases = [];
    for (const w20 of [0.1, 0.1542, 0.2, 0.3, 0.5, 0.8]) {
      for (const t of [0, 0.5, 1, 2, 3, 7, 10, 30, 100, 365, 1000, 36500]) {
        for (const s of [0.001, 0.1, 0.5, 1, 2.5, 10, 100, 1000, 36500]) {
          cases.push({ w20, t, s, r: T.forgetting_curve(w20, t, s) });
        }
      }
    }
    out.forgetting_curve = {
      function: 'forgetting_curve(w20, t, s)',
      description: 'R(t,S) = r8((1 + factor*t/S)^(-w20)), factor = r8(0.9^(-1/w20) - 1); t in days (may be fractional), s = stability in days',
      cases,
    };
  }

  // decay factor
  {
    const cases = [0.1, 0.1542, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8].map((w20) => {
      const { decay, factor } = T.computeDecayFactor(w20);
      return { w20, decay, factor };
    });
    out.decay_factor = {
      function: 'computeDecayFactor(w20)',
      description: 'decay = -w20; factor = r8(exp(ln(0.9)/decay) - 1)',
      cases,
    };
  }

  // next_interval
  {
    const cases = [];
    for (const w20 of [0.1542, 0.5, 0.1, 0.8]) {
      for (const request_retention of [0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99, 1]) {
        for (const maximum_interval of [30, 100, 365, 36500]) {
          const w = [...W21_DEFAULT];
          w[20] = w20;
          const f = T.fsrs({ w, request_retention, maximum_interval, enable_fuzz: false });
          for (const s of [0.001, 0.1, 0.4, 0.5, 1, 1.49, 1.5, 2.5, 3.7, 10, 50.2, 100, 365, 1000, 36500]) {
            cases.push({
              s, request_retention, maximum_interval, w20,
              interval_modifier: f.interval_modifier,
              interval: f.next_interval(s, 0),
            });
          }
        }
      }
    }
    out.next_interval = {
      function: 'fsrs({w: default w with w20 replaced, request_retention, maximum_interval, enable_fuzz: false}).next_interval(s, 0); .interval_modifier',
      description: 'interval_modifier = r8((request_retention^(1/decay) - 1)/factor); interval = min(max(1, round(s*interval_modifier)), maximum_interval) whole days (fuzz off, elapsed irrelevant)',
      cases,
    };
  }

  // init stability / difficulty
  {
    const groups = WS.map(({ name, f, w }) => ({
      name, w,
      cases: [1, 2, 3, 4].map((grade) => {
        const ns = f.next_state(null, 0, grade);
        return {
          grade,
          init_stability: f.init_stability(grade),
          init_difficulty_raw: f.init_difficulty(grade),
          init_difficulty: ns.difficulty,
          next_state_stability: ns.stability,
        };
      }),
    }));
    out.init = {
      function: 'init_stability(g), init_difficulty(g), next_state(null, 0, g)',
      description: 'init_stability = max(w[g-1], 0.1); init_difficulty_raw = r8(w4 - exp((g-1)*w5) + 1) (unclamped, as used by mean reversion); init_difficulty = clamp(raw, 1, 10) (what a new card gets); next_state_stability = stability of next_state for a new card',
      groups,
    };
  }

  // next_difficulty
  {
    const groups = WS.map(({ name, f, w }) => {
      const cases = [];
      for (const d of [1, 1.5, 2, 3.3, 4.93, 5, 5.5, 7.25, 9, 9.99, 10]) {
        for (const grade of [1, 2, 3, 4]) cases.push({ d, grade, next_d: f.next_difficulty(d, grade) });
      }
      return { name, w, cases };
    });
    out.next_difficulty = {
      function: 'next_difficulty(d, g)',
      description: 'damped = d + r8(-w6*(g-3)*(10-d)/9); next_d = clamp(r8(w7*init_difficulty_raw(4) + (1-w7)*damped), 1, 10)',
      groups,
    };
  }

  const D_GRID = [1, 2.5, 5.5, 7.25, 10];
  const S_GRID = [0.001, 0.01, 0.5, 2.3, 10, 100, 1000, 30000];
  const R_GRID = [0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1];

  // Recall/forget stability do not depend on w17-w20; four parameter sets suffice.
  const WS_MEM = WS.filter((x) => ['default', 'fsrs5_default_migrated', 'custom_1', 'custom_2'].includes(x.name));

  // next_recall_stability
  {
    const groups = WS_MEM.map(({ name, f, w }) => {
      const cases = [];
      for (const d of D_GRID) for (const s of S_GRID) for (const r of R_GRID) for (const grade of [2, 3, 4]) {
        cases.push({ d, s, r, grade, next_s: f.next_recall_stability(d, s, r, grade) });
      }
      return { name, w, cases };
    });
    out.next_recall_stability = {
      function: 'next_recall_stability(d, s, r, g)',
      description: 'r8(clamp(s*(1 + exp(w8)*(11-d)*s^(-w9)*(exp((1-r)*w10)-1)*(w15 if g=2)*(w16 if g=4)), 0.001, 36500))',
      groups,
    };
  }

  // next_forget_stability
  {
    const groups = WS_MEM.map(({ name, f, w }) => {
      const cases = [];
      for (const d of D_GRID) for (const s of S_GRID) for (const r of R_GRID) {
        cases.push({ d, s, r, next_s: f.next_forget_stability(d, s, r) });
      }
      return { name, w, cases };
    });
    out.next_forget_stability = {
      function: 'next_forget_stability(d, s, r)',
      description: 'r8(clamp(w11*d^(-w12)*((s+1)^w13 - 1)*exp((1-r)*w14), 0.001, 36500)); the min(., S/exp(w17*w18)) cap is NOT applied here (it is in next_state)',
      groups,
    };
  }

  // next_short_term_stability
  {
    const groups = WS.map(({ name, f, w }) => {
      const cases = [];
      for (const s of [0.001, 0.01, 0.1, 0.5, 1, 2.3, 10, 100, 1000, 36500]) {
        for (const grade of [1, 2, 3, 4]) cases.push({ s, grade, next_s: f.next_short_term_stability(s, grade) });
      }
      return { name, w, cases };
    });
    out.next_short_term_stability = {
      function: 'next_short_term_stability(s, g)',
      description: 'sinc = s^(-w19)*exp(w17*(g-3+w18)); if g>=2 sinc = max(sinc, 1); r8(clamp(s*sinc, 0.001, 36500))',
      groups,
    };
  }

  // next_state (full memory-state update incl. lapse cap, short-term switch)
  {
    const groups = [];
    for (const { name, w } of WS.filter((x) => ['default', 'custom_1', 'strong_short_term'].includes(x.name))) {
      for (const enable_short_term of [true, false]) {
        const f = T.fsrs({ w: [...w], enable_short_term });
        const cases = [];
        for (const [d, s] of [[0, 0], [1, 0.1], [5, 1], [5, 10], [7.5, 50], [10, 400], [3, 3000]]) {
          for (const t of [0, 1, 3, 10, 100]) {
            for (const grade of [1, 2, 3, 4]) {
              const ns = f.next_state({ difficulty: d, stability: s }, t, grade);
              cases.push({ d, s, t, grade, next_d: ns.difficulty, next_s: ns.stability });
            }
          }
        }
        groups.push({ name, enable_short_term, w: Array.from(f.parameters.w), cases });
      }
    }
    out.next_state = {
      function: 'next_state({difficulty: d, stability: s}, t, g)',
      description: 'memory-state update with R = forgetting_curve(t, s) computed internally; d = s = 0 means a new card; t = whole elapsed days; w is the effective (clipped) w for that enable_short_term',
      groups,
    };
  }

  // parameter migration (17/19 -> 21) and clipping
  {
    const r = makeRng('formulas/migration');
    const inputs = [
      ['fsrs45_default', [...W17_FSRS45_DEFAULT]],
      ['fsrs45_perturbed', perturb(W17_FSRS45_DEFAULT, r, 0.4)],
      ['fsrs45_out_of_bounds', (() => { const w = [...W17_FSRS45_DEFAULT]; w[4] = 9.5; w[5] = 3; w[6] = 3.9; w[0] = -1; w[16] = 100; return w; })()],
      ['fsrs45_zero', new Array(17).fill(0)],
      ['fsrs5_default', [...W19_FSRS5_DEFAULT]],
      ['fsrs5_perturbed', perturb(W19_FSRS5_DEFAULT, r, 0.4)],
      ['fsrs5_out_of_bounds', (() => { const w = [...W19_FSRS5_DEFAULT]; w[17] = 5; w[18] = 5; w[7] = 2; w[12] = -1; return w; })()],
      ['fsrs6_default', [...W21_DEFAULT]],
      ['fsrs6_out_of_bounds', (() => { const w = [...W21_DEFAULT]; w[19] = -1; w[20] = 2; w[17] = 3; w[18] = 3; w[3] = 1000; return w; })()],
      ['invalid_length_5', [1, 2, 3, 4, 5]],
    ];
    const cases = [];
    for (const [name, w] of inputs) {
      for (const relearning_steps of [['10m'], ['10m', '1h'], ['10m', '1h', '1d']]) {
        for (const enable_short_term of [true, false]) {
          let check_ok = true;
          try { T.checkParameters(w); } catch { check_ok = false; }
          const n = relearning_steps.length;
          cases.push({
            name,
            input_w: w,
            num_relearning_steps: n,
            enable_short_term,
            check_parameters_ok: check_ok,
            migrated: T.migrateParameters(w, n, enable_short_term),
            effective: Array.from(T.fsrs({ w: [...w], relearning_steps, enable_short_term }).parameters.w),
          });
        }
      }
    }
    out.migration = {
      function: 'migrateParameters(input_w, num_relearning_steps, enable_short_term); fsrs({w: input_w, relearning_steps (length n), enable_short_term}).parameters.w; checkParameters(input_w)',
      description: 'migrated = raw migrateParameters output (17/19 -> 21; for 17/19 the appended values are NOT re-clipped yet); effective = what the scheduler uses (clipParameters applied again to the 21 values); invalid lengths fall back to the defaults (checkParameters throws -> check_parameters_ok false)',
      cases,
    };

    const clipCases = [];
    const cr = makeRng('formulas/clip');
    const clipInputs = [
      ['default', [...W21_DEFAULT]],
      ['all_zero', new Array(21).fill(0)],
      ['all_negative', new Array(21).fill(-1)],
      ['all_huge', new Array(21).fill(1e6)],
    ];
    for (let i = 0; i < 8; i++) {
      const w = randomW21(cr);
      for (let j = 0; j < 6; j++) { const k = cr.int(0, 20); w[k] = outOfBounds(cr, k); }
      clipInputs.push([`random_oob_${i}`, w]);
    }
    for (const [name, w] of clipInputs) {
      for (const n of [0, 1, 2, 3, 5]) {
        for (const enable_short_term of [true, false]) {
          clipCases.push({ name, input_w: w, num_relearning_steps: n, enable_short_term, clipped: T.clipParameters([...w], n, enable_short_term) });
        }
      }
    }
    out.clip = {
      function: 'clipParameters(input_w, num_relearning_steps, enable_short_term)',
      description: 'per-index clamp(w[i] || 0, lo, hi); w19 lower bound 0.01 with short-term on, 0 off; w17/w18 upper bound from the relearning-steps ceiling when num_relearning_steps > 1',
      cases: clipCases,
    };

    const ceilCases = [];
    for (const w11 of [0.001, 0.5, 1.4835, 2.1, 5]) {
      for (const w13 of [0.001, 0.2629, 0.5, 0.9]) {
        for (const w14 of [0, 1.6483, 4]) {
          for (const n of [2, 3, 4]) {
            const w = [...W21_DEFAULT];
            w[11] = w11; w[13] = w13; w[14] = w14; w[17] = 100; w[18] = 100;
            const c = T.clipParameters(w, n, true);
            ceilCases.push({ w11, w13, w14, num_relearning_steps: n, ceiling: c[17] });
          }
        }
      }
    }
    out.w17_w18_ceiling = {
      function: 'clipParameters(w with w17 = w18 = 100, n)[17]',
      description: 'ceiling = clamp(r8(sqrt(max(-(ln(w11) + ln(2^w13 - 1) + 0.3*w14)/n, 0))), 0.01, 2) for n = num_relearning_steps > 1 (w11, w13, w14 already in bounds here)',
      cases: ceilCases,
    };
  }

  // Learning-steps strategy
  {
    const cases = [];
    for (const steps of [[], ['1m'], ['1m', '10m'], ['5m', '1d'], ['10m', '1h', '1d'], ['2d'], ['30m', '12h'], ['1.5h', '90m']]) {
      const params = T.generatorParameters({ learning_steps: steps, relearning_steps: steps });
      for (const state of [0, 1, 2, 3]) {
        for (const cur_step of [0, 1, 2, 3]) {
          const res = T.BasicLearningStepsStrategy(params, state, cur_step);
          const grades = {};
          for (const g of [1, 2, 3, 4]) grades[g] = res[g] ? { scheduled_minutes: res[g].scheduled_minutes, next_step: res[g].next_step } : null;
          cases.push({ steps, state, cur_step, again: grades[1], hard: grades[2], good: grades[3], easy: grades[4] });
        }
      }
    }
    out.learning_steps_strategy = {
      function: 'BasicLearningStepsStrategy({learning_steps: steps, relearning_steps: steps}, state, cur_step)',
      description: 'per grade {scheduled_minutes, next_step} or null (no entry -> graduate with an FSRS interval); steps is the list for that state (learning_steps for New/Learning, relearning_steps for Review/Relearning)',
      cases,
    };
    const stepCases = ['1m', '10m', '59m', '1h', '12h', '1d', '2d', '30m', '1.5h', '90m', '0m', '100d'].map((step) => ({ step, minutes: T.ConvertStepUnitToMinutes(step) }));
    out.step_minutes = {
      function: 'ConvertStepUnitToMinutes(step)',
      description: 'integer prefix parsed with parseInt (so "1.5h" = 60), unit m/h/d = x1/x60/x1440',
      cases: stepCases,
    };
  }

  // Calendar-day difference
  {
    const pairs = [
      ['2026-01-05T23:59:00Z', '2026-01-06T00:01:00Z'],
      ['2026-01-05T00:01:00Z', '2026-01-05T23:59:00Z'],
      ['2026-01-05T12:00:00Z', '2026-01-05T12:00:00Z'],
      ['2026-01-05T12:00:00Z', '2026-01-06T11:59:59.999Z'],
      ['2026-01-05T00:00:00Z', '2026-01-06T00:00:00Z'],
      ['2026-01-05T23:59:59.999Z', '2026-01-06T00:00:00Z'],
      ['2024-02-28T10:00:00Z', '2024-03-01T09:00:00Z'],
      ['2025-02-28T10:00:00Z', '2025-03-01T09:00:00Z'],
      ['2025-12-31T23:00:00Z', '2026-01-01T01:00:00Z'],
      ['2025-03-30T00:30:00Z', '2025-03-31T00:30:00Z'],
      ['2025-10-26T00:30:00Z', '2025-10-27T23:30:00Z'],
      ['2025-01-01T00:00:00Z', '2027-12-31T23:59:59Z'],
      ['2026-06-15T08:00:00Z', '2126-06-15T08:00:00Z'],
      ['2027-07-01T18:00:00Z', '2027-06-30T06:00:00Z'],
    ];
    out.date_diff_in_days = {
      function: 'dateDiffInDays(new Date(last_ms), new Date(now_ms))',
      description: 'difference of UTC calendar dates in days (may be negative if now < last)',
      cases: pairs.map(([a, b]) => {
        const last_ms = Date.parse(a);
        const now_ms = Date.parse(b);
        return { last_ms, now_ms, days: T.dateDiffInDays(new Date(last_ms), new Date(now_ms)) };
      }),
    };
  }

  // Fuzz: range, seed string, apply_fuzz, alea
  {
    const cases = [];
    for (const interval of [1, 2, 3, 4, 5, 7, 8, 15, 20, 21, 50, 100, 365, 1000, 36500]) {
      for (const elapsed_days of [0, 1, 5, 30, 400]) {
        for (const maximum_interval of [30, 100, 365, 36500]) {
          const { min_ivl, max_ivl } = T.get_fuzz_range(interval, elapsed_days, maximum_interval);
          cases.push({ interval, elapsed_days, maximum_interval, min_ivl, max_ivl });
        }
      }
    }
    out.fuzz_range = {
      function: 'get_fuzz_range(interval, elapsed_days, maximum_interval)',
      description: 'delta = 1 + 0.15*max(min(ivl,7)-2.5,0) + 0.10*max(min(ivl,20)-7,0) + 0.05*max(ivl-20,0); ivl2 = min(ivl, max); min = max(2, round(ivl2-delta)); max = min(round(ivl2+delta), maximum); if ivl2 > elapsed: min = max(min, elapsed+1); min = min(min, max)',
      cases,
    };

    const sr = makeRng('formulas/seeds');
    const seedCases = [];
    const seedInputs = [
      [1767605400000, 1, 0, 0],
      [1767605400000, 2, 5.31457783, 2.3065],
      [1767606000000, 3, 6.4133, 0.212],
      [1735689600000, 10, 10, 36500],
      [1735689600000, 4, 1, 0.001],
      [1798761599000, 7, 7.04049553, 12.83940612],
      [1798761599123, 12, 3.3, 0.1],
    ];
    for (let i = 0; i < 13; i++) {
      seedInputs.push([
        Date.UTC(2025, 0, 1) + sr.int(0, 3 * 365) * DAY + sr.int(0, 86_399_999),
        sr.int(2, 30),
        Math.round((1 + sr() * 9) * 1e8) / 1e8,
        Math.round(Math.exp(sr() * 10 - 3) * 1e8) / 1e8,
      ]);
    }
    for (const [now_ms, reps, d, s] of seedInputs) {
      const seed = T.DefaultInitSeedStrategy.call({ review_time: new Date(now_ms), current: { reps, difficulty: d, stability: s } });
      seedCases.push({ now_ms, reps, d, s, seed });
    }
    out.fuzz_seed = {
      function: 'DefaultInitSeedStrategy (this.review_time = now_ms, this.current = {reps, difficulty: d, stability: s})',
      description: 'seed = `${now_ms}_${reps}_${d*s}` with JS String(number) formatting; in the scheduler reps is the count after this review (+1) and d, s are the card values before it',
      cases: seedCases,
    };

    const fuzzCases = [];
    const fuzzSeeds = seedCases.slice(0, 10).map((c) => c.seed);
    for (const seed of fuzzSeeds) {
      for (const [ivl, elapsed_days, maximum_interval] of [[1, 0, 36500], [2, 0, 36500], [3, 0, 36500], [8, 2, 36500], [8, 10, 36500], [25, 20, 36500], [120, 90, 36500], [400, 30, 365], [36500, 5000, 36500], [29, 10, 30]]) {
        const f = T.fsrs({ enable_fuzz: true, maximum_interval });
        f.seed = seed;
        fuzzCases.push({ seed, ivl, elapsed_days, maximum_interval, fuzzed: f.apply_fuzz(ivl, elapsed_days) });
      }
    }
    out.apply_fuzz = {
      function: 'fsrs({enable_fuzz: true, maximum_interval}); f.seed = seed; f.apply_fuzz(ivl, elapsed_days)',
      description: 'ivl < 2.5 -> round(ivl); else floor(alea(seed)() * (max_ivl - min_ivl + 1) + min_ivl) with get_fuzz_range(ivl, elapsed_days, maximum_interval)',
      cases: fuzzCases,
    };

    const aleaSeeds = [
      '', ' ', '0', '1', 'a', 'hello', 'steppe',
      '1767605400000_1_0', '1767605400000_2_12.25641632', '1735689600000_10_365000',
      ...seedCases.slice(6, 14).map((c) => c.seed),
      '日本語', 'emoji 😀 seed',
    ];
    const aleaCases = aleaSeeds.map((seed) => {
      const g = alea(seed);
      return { seed, outputs: [g(), g(), g()] };
    });
    // Cross-check the extracted Alea against the scheduler's own use of it.
    for (const c of fuzzCases) {
      if (c.ivl < 2.5) continue;
      const { min_ivl, max_ivl } = T.get_fuzz_range(c.ivl, c.elapsed_days, c.maximum_interval);
      const expect = Math.floor(alea(c.seed)() * (max_ivl - min_ivl + 1) + min_ivl);
      if (expect !== c.fuzzed) throw new Error(`alea cross-check failed for ${c.seed}`);
    }
    out.alea = {
      function: 'alea(seed) from ts-fsrs dist/index.mjs (not exported; evaluated from the shipped source)',
      description: 'first three outputs of the Alea PRNG (Baagoe / seedrandom) seeded with the string; strings are hashed per UTF-16 code unit',
      cases: aleaCases,
    };
  }
  return out;
}

// ---------------------------------------------------------------------------
// Deterministic JSON output: containers that fit on one line (<= 400 chars)
// are written compactly, larger ones are expanded one element per line.

function format(value, indent = '') {
  const compact = JSON.stringify(value);
  if (compact.length <= 400 || value === null || typeof value !== 'object') return compact;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => inner + format(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`);
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

function writeJson(file, value) {
  const text = `${format(value)}\n`;
  writeFileSync(path.join(OUT_DIR, file), text);
  return text;
}

// ---------------------------------------------------------------------------
// Main + sanity checks

const MIN_COUNTS = { defaults: 80, 'shortterm-off': 40, custom: 70, w17: 25, w19: 25, clip: 20, fuzz: 70 };

function sanity(vectorsText, formulasText) {
  const v = JSON.parse(vectorsText);
  JSON.parse(formulasText);
  const counts = {};
  let reviews = 0;
  for (const h of v.histories) {
    const cat = h.name.split('/')[0];
    counts[cat] = (counts[cat] || 0) + 1;
    if (h.reviews.length < 8 || h.reviews.length > 30) throw new Error(`${h.name}: ${h.reviews.length} reviews`);
    if (h.effective_w.length !== 21) throw new Error(`${h.name}: effective_w length`);
    if (![17, 19, 21].includes(h.params.w.length)) throw new Error(`${h.name}: w length`);
    let prev = h.start_ms;
    h.reviews.forEach((r, i) => {
      if (r.time_ms < prev) throw new Error(`${h.name}: time goes backwards`);
      if (r.reps !== i + 1) throw new Error(`${h.name}: reps`);
      if ((i === 0) !== (r.retrievability === null)) throw new Error(`${h.name}: retrievability null-ness`);
      prev = r.time_ms;
    });
    reviews += h.reviews.length;
  }
  for (const [cat, min] of Object.entries(MIN_COUNTS)) {
    if ((counts[cat] || 0) < min) throw new Error(`category ${cat}: ${counts[cat]} < ${min}`);
  }
  return { counts, histories: v.histories.length, reviews };
}

const vectors = generateVectors();
const formulas = generateFormulas();
const vText = writeJson('vectors.json', vectors);
const fText = writeJson('formulas.json', formulas);
const summary = sanity(vText, fText);
console.warn = realWarn;
console.log(`histories: ${summary.histories}, reviews: ${summary.reviews}`);
console.log(`per category: ${JSON.stringify(summary.counts)}`);
console.log(`vectors.json: ${vText.length} bytes, formulas.json: ${fText.length} bytes`);
