// fit.mjs runs the reference FSRS-6 optimizer (fsrs-rs 6.5.0, through
// @open-spaced-repetition/binding 0.5.0) on a review log and prints one JSON
// object on stdout.
//
//   node fit.mjs FILE.csv                  fit the parameters
//   node fit.mjs FILE.csv --params w0,...  evaluate the given 21 parameters
//                                          instead of fitting
//
// FILE.csv has a header naming the columns card_id, review_time (ms since the
// epoch, UTC) and rating (1-4; review_rating is accepted too), and optionally
// user_id, in any order: the format cmd/fsrsim writes.
//
// The binding's CSV converter wants a different file: exactly the columns
// card_id,review_time,review_rating,review_state,review_duration. This script
// writes that file in memory: card_id becomes "user:card" when there is a
// user_id, review_duration is 0, and review_state is 0 (New) for each card's
// first review and 2 (Review) for the others. The converter uses the states
// only to drop whatever comes before a card's last block of New/Learning
// reviews; with these states nothing is dropped, so every card's whole
// history is used.
//
// Conversion: next day starts at 0:00 in time zone "UTC" (offset 0), so
// delta_t is the difference of UTC calendar dates. Fit:
// computeParameters(items, { enableShortTerm: true }) with every other option
// at the binding's default.
//
// Output: {"params": [21 numbers], "items": training items from the
// converter, "reviews": rows read, "convert_ms": conversion wall time,
// "fit_ms": wall time of the computeParameters call alone, "log_loss" and
// "rmse_bins": FSRSBinding(params).evaluate(items), computed after the fit
// and not included in fit_ms}. With --params, "fit_ms" is absent.

import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import {
  FSRSBinding,
  computeParameters,
  convertCsvToFsrsItems,
} from '@open-spaced-repetition/binding'

function usage(msg) {
  if (msg) process.stderr.write(`fit.mjs: ${msg}\n`)
  process.stderr.write('usage: node fit.mjs FILE.csv [--params w0,...,w20]\n')
  process.exit(2)
}

const args = process.argv.slice(2)
let file
let given
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--params') {
    if (i + 1 >= args.length) usage('--params needs a value')
    given = args[++i].split(',').map(Number)
    if (given.length !== 21 || given.some((x) => !Number.isFinite(x))) {
      usage('--params wants 21 comma-separated numbers')
    }
  } else if (file === undefined && !args[i].startsWith('-')) {
    file = args[i]
  } else {
    usage(`unexpected argument ${args[i]}`)
  }
}
if (file === undefined) usage()

// Read our CSV and rewrite it in the binding's format.
const lines = readFileSync(file, 'utf8').split(/\r?\n/)
const header = lines[0].split(',').map((s) => s.trim())
const col = (...names) => {
  for (const n of names) {
    const i = header.indexOf(n)
    if (i >= 0) return i
  }
  return -1
}
const iCard = col('card_id')
const iTime = col('review_time')
const iRating = col('rating', 'review_rating')
const iUser = col('user_id')
if (iCard < 0 || iTime < 0 || iRating < 0) {
  usage(`${file}: header ${JSON.stringify(lines[0])} lacks card_id, review_time or rating`)
}

const rows = []
for (let n = 1; n < lines.length; n++) {
  const line = lines[n]
  if (line === '') continue
  const f = line.split(',')
  const time = Number(f[iTime])
  const rating = Number(f[iRating])
  if (!Number.isSafeInteger(time) || !(rating >= 1 && rating <= 4 && Number.isInteger(rating))) {
    usage(`${file}:${n + 1}: bad row ${JSON.stringify(line)}`)
  }
  const card = iUser >= 0 ? `${f[iUser]}:${f[iCard]}` : f[iCard]
  rows.push({ card, time, rating })
}
// Each card's first review (by time) is its New review.
const order = rows.map((_, i) => i).sort((a, b) => rows[a].time - rows[b].time || a - b)
const seen = new Set()
const state = new Array(rows.length)
for (const i of order) {
  state[i] = seen.has(rows[i].card) ? 2 : 0
  seen.add(rows[i].card)
}
const out = ['card_id,review_time,review_rating,review_state,review_duration']
rows.forEach((r, i) => out.push(`${r.card},${r.time},${r.rating},${state[i]},0`))
const csv = Buffer.from(out.join('\n') + '\n')

let t0 = performance.now()
const items = convertCsvToFsrsItems(csv, 0, 'UTC', () => 0)
const convertMs = performance.now() - t0

const result = {}
if (given === undefined) {
  t0 = performance.now()
  const params = await computeParameters(items, { enableShortTerm: true })
  const fitMs = performance.now() - t0
  result.params = params
  result.items = items.length
  result.reviews = rows.length
  result.convert_ms = convertMs
  result.fit_ms = fitMs
} else {
  result.params = given
  result.items = items.length
  result.reviews = rows.length
  result.convert_ms = convertMs
}
const ev = new FSRSBinding(result.params).evaluate(items)
result.log_loss = ev.logLoss
result.rmse_bins = ev.rmseBins
process.stdout.write(JSON.stringify(result) + '\n')
