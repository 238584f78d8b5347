// Writes the reference optimizer's model (fsrs-rs via the binding's
// nextStates) on random memory states, elapsed days, ratings and
// parameters, as JSON: quiz/fsrs/optimize's model is tested against it.
//
//   node vectors.mjs > ../../../quiz/fsrs/optimize/testdata/model-vectors.json
import { FSRSBinding, BindingMemoryState } from '@open-spaced-repetition/binding'

// A small seeded generator (mulberry32), so the file is reproducible.
let seed = 20261127
function rand() {
  seed |= 0; seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const DEFAULT = [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
  0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542]
const LO = [0.001, 0.001, 0.001, 0.001, 1, 0.001, 0.001, 0.001, 0, 0, 0.001, 0.001, 0.001, 0.001, 0, 0, 1, 0, 0, 0.01, 0.1]
const HI = [100, 100, 100, 100, 10, 4, 4, 0.75, 4.5, 0.8, 3.5, 5, 0.25, 0.9, 4, 1, 6, 2, 2, 0.8, 0.8]

const f32 = x => Math.fround(x)
const sets = []
for (let p = 0; p < 12; p++) {
  const w = p === 0 ? DEFAULT : DEFAULT.map((_, i) => f32(LO[i] + (HI[i] - LO[i]) * (0.1 + 0.8 * rand())))
  const fsrs = new FSRSBinding(w)
  const cases = []
  for (let c = 0; c < 60; c++) {
    const fresh = c < 4
    const S = f32(Math.exp(Math.log(0.01) + rand() * (Math.log(2000) - Math.log(0.01))))
    const D = f32(1 + 9 * rand())
    const t = fresh ? 0 : (rand() < 0.25 ? 0 : 1 + Math.floor(rand() * 400))
    const next = fsrs.nextStates(fresh ? null : new BindingMemoryState(S, D), 0.9, t)
    const out = ['again', 'hard', 'good', 'easy'].map(k => [next[k].memory.stability, next[k].memory.difficulty])
    cases.push(fresh ? { t, next: out } : { S, D, t, next: out })
  }
  sets.push({ w, cases })
}
process.stdout.write(JSON.stringify({ generator: 'cmd/fsrscompare/reference/vectors.mjs', binding: '@open-spaced-repetition/binding@0.5.0', sets }, null, 0) + '\n')
