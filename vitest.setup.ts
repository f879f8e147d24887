// Property-based tests (*.fuzz.test.ts) run 1,000 cases each from a fixed seed, so `npm test`
// gives the same verdict on every run and machine. FUZZ_SEED=random (or a number) explores
// other inputs, and FUZZ_RUNS multiplies the cases: `FUZZ_SEED=random FUZZ_RUNS=20 npx vitest run fuzz`.
// A failure prints its seed and a counterexample: keep that as a plain test once it is fixed.
import fc from 'fast-check'

const seed = process.env.FUZZ_SEED
fc.configureGlobal({
  seed: seed == 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(seed) || 20261122,
  numRuns: 1000 * (Number(process.env.FUZZ_RUNS) || 1),
})
