import fc from "fast-check";

// Property tests run from a fixed seed so a CI run never fails by chance: a counterexample found once is found
// every time. `FC_SEED=random npm run test:unit` explores new inputs; `FC_SEED=<n>` replays a reported seed.
const seed = process.env.FC_SEED;
if (seed !== "random") fc.configureGlobal({ seed: seed ? Number(seed) : 20261203 });
