// The order test files start in. Integration files run side by side on few cores, and the run ends
// when its longest file does: the longest (measured on a 2-core machine; README, "Tests") start first,
// always. Jest's own order (the last run's durations from its cache, else file size, and the files that
// failed last before all) changes with the machine and with what failed before.
const Sequencer = require("@jest/test-sequencer").default;

/** Integration files, longest first: the rest follow in Jest's own order. */
const LONGEST_FIRST = [
  "dev-stack",
  "dev-stack-review",
  "prod-stack",
  "plan-verify",
  "release",
  "adoption",
  "ci-roles",
  "plan-review",
  "emulator",
  "plan-secrets",
  "secrets",
  "local-mode",
  "synth-cli",
];

const rank = (test) => {
  const name = test.path
    .split("/")
    .pop()
    .replace(/\.integration\.test\.ts$/, "");
  const index = LONGEST_FIRST.indexOf(name);
  return index < 0 ? LONGEST_FIRST.length : index;
};

class LongestFirst extends Sequencer {
  sort(tests) {
    // Array.prototype.sort is stable: files not in the list keep Jest's order among themselves.
    return [...super.sort(tests)].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = LongestFirst;
