/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // One temporary folder per run, removed at the end (KEEP_TEST_TMPDIR=1 keeps it for a post-mortem).
  globalSetup: "<rootDir>/__tests__/setup/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/setup/global-teardown.ts",
  // Integration files side by side: the longest start first (the run ends when its longest file does).
  testSequencer: "<rootDir>/__tests__/setup/sequencer.js",
  // CDKTF tokens record no creation stack in tests: formatting those through source maps was most of a synth's time.
  setupFiles: ["<rootDir>/__tests__/setup/token-stack-traces.ts"],
  // swc only strips types: `tsc --noEmit` is its own step of `npm test`.
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }] },
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
