#!/usr/bin/env node
// `npm run bench`: the inner loop's speed and memory on this machine, in one run so
// the figures compare. Each figure is the median of RUNS runs after a warm-up.
// Prints a table and writes .local/bench/<commit>.json; exits 1 when a target is missed.
"use strict";
const { spawnSync, execSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..", "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TIME = "/usr/bin/time"; // GNU time: peak RSS of the largest process in the tree
const hasTime = fs.existsSync(TIME);
const env = { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1", FORCE_COLOR: "0" };
const cdktf = path.join(root, "node_modules", ".bin", "cdktf");

/**
 * Runs a command once: wall seconds, CPU seconds (user + system, the command and its children:
 * what a shared machine's load does not inflate much) and peak RSS in MB (null without GNU time).
 */
function once(command, args, options = {}) {
  const rssFile = path.join(os.tmpdir(), `bench-rss-${process.pid}`);
  const [cmd, argv] = hasTime ? [TIME, ["-f", "%M %U %S", "-o", rssFile, command, ...args]] : [command, args];
  const start = process.hrtime.bigint();
  const result = spawnSync(cmd, argv, { cwd: root, env, encoding: "utf8", maxBuffer: 64 << 20, ...options });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  if (!hasTime) return { seconds, cpuSeconds: null, rssMb: null };
  const [rssKb, user, system] = fs.readFileSync(rssFile, "utf8").trim().split("\n").pop().split(" ").map(Number);
  return { seconds, cpuSeconds: user + system, rssMb: rssKb / 1024 };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Warm-up, then RUNS runs: median wall time, and the highest peak RSS seen. */
function measure(label, command, args, options) {
  process.stderr.write(`${label}: warm-up`);
  once(command, args, options);
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    process.stderr.write(` ${i + 1}`);
    runs.push(once(command, args, options));
  }
  process.stderr.write("\n");
  const rss = runs.map((r) => r.rssMb).filter((r) => r !== null);
  return {
    seconds: median(runs.map((r) => r.seconds)),
    runs: runs.map((r) => Number(r.seconds.toFixed(3))),
    cpuSeconds: hasTime ? median(runs.map((r) => r.cpuSeconds)) : null,
    peakRssMb: rss.length ? Math.max(...rss) : null,
  };
}

/**
 * Two commands measured in turns (warm-up of each, then a run of one, a run of the other, ...):
 * on a shared machine the load changes from second to second, and a ratio of two figures
 * measured minutes apart says more about the load than about the commands.
 */
function measurePair(a, b) {
  process.stderr.write(`${a.label} / ${b.label}: warm-up`);
  once(a.command, a.args, a.options);
  once(b.command, b.args, b.options);
  const runs = { a: [], b: [] };
  for (let i = 0; i < RUNS; i++) {
    process.stderr.write(` ${i + 1}`);
    runs.a.push(once(a.command, a.args, a.options));
    runs.b.push(once(b.command, b.args, b.options));
  }
  process.stderr.write("\n");
  const summary = (list) => {
    const rss = list.map((r) => r.rssMb).filter((r) => r !== null);
    return {
      seconds: median(list.map((r) => r.seconds)),
      runs: list.map((r) => Number(r.seconds.toFixed(3))),
      cpuSeconds: hasTime ? median(list.map((r) => r.cpuSeconds)) : null,
      peakRssMb: rss.length ? Math.max(...rss) : null,
    };
  };
  // The ratio's median over the pairs, each pair measured under the same load.
  const ratio = median(runs.a.map((r, i) => r.seconds / runs.b[i].seconds));
  return { a: summary(runs.a), b: summary(runs.b), ratio };
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
const appCommand = JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8")).app;

// The floor project: its own folder, the same app command pointed at scripts/bench/floor.ts.
const floorDir = path.join(scratch, "floor");
fs.mkdirSync(floorDir);
fs.writeFileSync(
  path.join(floorDir, "cdktf.json"),
  JSON.stringify({
    language: "typescript",
    app: `${appCommand.replace("scripts/run-app.js", path.join(root, "scripts/run-app.js"))} ${path.join(root, "scripts/bench/floor.ts")}`,
  }),
);
fs.symlinkSync(path.join(root, "node_modules"), path.join(floorDir, "node_modules"));

const results = {
  app: measure("1. the app alone", "bash", ["-c", appCommand], {
    env: { ...env, CDKTF_OUTDIR: path.join(scratch, "app.out") },
  }),
  ...(() => {
    const pair = measurePair(
      { label: "2. cdktf synth", command: cdktf, args: ["synth", "--output", path.join(scratch, "synth.out")] },
      {
        label: "3. cdktf synth, provider only",
        command: cdktf,
        args: ["synth", "--output", path.join(scratch, "floor.out")],
        options: { cwd: floorDir },
      },
    );
    return { synth: { ...pair.a, toFloor: pair.ratio }, floor: pair.b };
  })(),
  unitTests: measure("4. unit tests", path.join(root, "node_modules", ".bin", "jest"), [
    "--silent",
    "--testPathIgnorePatterns",
    "integration",
  ]),
};

// BENCH_PLAN=0 leaves out 5-7 (the emulator and Terraform: minutes on a shared machine).
const withPlan = process.env.BENCH_PLAN !== "0";
let stacks = [];
if (withPlan) {
  // 5-7. The plan of every stack against the local endpoint (npm run plan: synth, plan -out, show
  // -json, show, summary), and its floor: a plain `terraform plan` of the same synthesized JSON in
  // each stack's folder, one after the other (what running Terraform by hand costs) and, for
  // reference, all at once. The endpoint is the project's emulator; prod's zone lookup needs the zone.
  const emulatorUrl = execSync("scripts/emulator/start.sh", { cwd: root, encoding: "utf8" }).trim();
  const emulatorEnv = Object.fromEntries(
    execSync("scripts/emulator/env.sh", { cwd: root, encoding: "utf8" })
      .split(/\s+/)
      .filter((word) => word.includes("="))
      .map((word) => [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)]),
  );
  execSync(
    `${path.join(root, ".venv", "bin", "python")} -c "import boto3,os; boto3.client('route53', endpoint_url=os.environ['AWS_ENDPOINT_URL'], region_name='us-east-1', verify=os.environ['AWS_CA_BUNDLE']).create_hosted_zone(Name='example.com', CallerReference=str(os.getpid()))"`,
    { cwd: root, env: { ...env, ...emulatorEnv } },
  );
  const withTerraform = path.join(root, "scripts", "with-terraform.sh");
  const planEnv = { ...env, ...emulatorEnv };
  const planOut = path.join(root, ".local", "cdktf.out");
  const prepare = (command, args) => spawnSync(command, args, { cwd: root, env: planEnv, encoding: "utf8" });
  prepare("npm", ["run", "-s", "plan"]); // synthesizes and initializes every stack once
  stacks = Object.keys(JSON.parse(fs.readFileSync(path.join(planOut, "manifest.json"), "utf8")).stacks);
  const plainPlan = (stack) =>
    `${withTerraform} terraform -chdir=${path.join(planOut, "stacks", stack)} plan -input=false -no-color >/dev/null`;
  results.plan = measure("5. npm run plan, every stack", "bash", ["-c", "npm run -s plan >/dev/null; test $? -ne 1"], {
    env: planEnv,
  });
  results.planFloor = measure(
    "6. plain terraform plan of each stack, one after the other",
    "bash",
    ["-c", stacks.map(plainPlan).join(" && ")],
    {
      env: planEnv,
    },
  );
  results.planFloorConcurrent = measure(
    "7. plain terraform plan of every stack at once",
    "bash",
    ["-c", `${stacks.map((s) => `(${plainPlan(s)}) &`).join(" ")} wait`],
    {
      env: planEnv,
    },
  );
  // 8-9. plan:verify of one stack against the comment `npm run plan` wrote (the same plan: exit 0),
  // and its floor, one plain `terraform plan` of that stack.
  const verifyStack = stacks[0];
  const reviewedFile = path.join(scratch, "reviewed.md");
  fs.copyFileSync(path.join(planOut, "stacks", verifyStack, "plan.md"), reviewedFile);
  results.verify = measure(
    `8. npm run plan:verify -- ${verifyStack}`,
    "bash",
    ["-c", `npm run -s plan:verify -- ${verifyStack} ${reviewedFile} >/dev/null`],
    { env: planEnv },
  );
  results.verifyFloor = measure(`9. plain terraform plan of ${verifyStack}`, "bash", ["-c", plainPlan(verifyStack)], {
    env: planEnv,
  });
  execSync("scripts/emulator/stop.sh", { cwd: root });
  void emulatorUrl;
}
fs.rmSync(scratch, { recursive: true, force: true });

const ratio = results.synth.toFloor;
const planRatio = withPlan ? results.plan.seconds / results.planFloor.seconds : null;
const targets = [
  ["the app alone, every stack", `${results.app.seconds.toFixed(2)} s`, "<= 1.0 s", results.app.seconds <= 1.0],
  [
    "the app alone, peak RSS",
    mb(results.app.peakRssMb),
    "<= 400 MB",
    results.app.peakRssMb === null || results.app.peakRssMb <= 400,
  ],
  [
    "cdktf synth / floor",
    `${ratio.toFixed(2)} (${results.synth.seconds.toFixed(2)} s / ${results.floor.seconds.toFixed(2)} s)`,
    "<= 1.1",
    ratio <= 1.1,
  ],
  ...(withPlan ? planTargets() : []),
  ["cdktf synth / floor, CPU time", cpuRatio(results.synth, results.floor), "(reported)", true],
  ["unit tests, wall time", `${results.unitTests.seconds.toFixed(1)} s`, "<= 20 s", results.unitTests.seconds <= 20],
  [
    "unit tests, CPU time",
    results.unitTests.cpuSeconds === null ? "n/a" : `${results.unitTests.cpuSeconds.toFixed(1)} s`,
    "(reported)",
    true,
  ],
  ["unit tests, peak RSS", mb(results.unitTests.peakRssMb), "(reported)", true],
];
function planTargets() {
  return [
    [
      `npm run plan / floor (${stacks.length} stacks)`,
      `${planRatio.toFixed(2)} (${results.plan.seconds.toFixed(2)} s / ${results.planFloor.seconds.toFixed(2)} s)`,
      "(reported)",
      true,
    ],
    [
      "npm run plan / plain plans at once",
      `${(results.plan.seconds / results.planFloorConcurrent.seconds).toFixed(2)} (${results.plan.seconds.toFixed(2)} s / ${results.planFloorConcurrent.seconds.toFixed(2)} s)`,
      "<= 1.2",
      results.plan.seconds / results.planFloorConcurrent.seconds <= 1.2,
    ],
    [
      "npm run plan:verify / one plain plan",
      `${(results.verify.seconds / results.verifyFloor.seconds).toFixed(2)} (${results.verify.seconds.toFixed(2)} s / ${results.verifyFloor.seconds.toFixed(2)} s)`,
      "<= 1.2",
      results.verify.seconds / results.verifyFloor.seconds <= 1.2,
    ],
  ];
}
function cpuRatio(a, b) {
  if (a.cpuSeconds === null || b.cpuSeconds === null) return "n/a (no /usr/bin/time)";
  return `${(a.cpuSeconds / b.cpuSeconds).toFixed(2)} (${a.cpuSeconds.toFixed(2)} s / ${b.cpuSeconds.toFixed(2)} s)`;
}
function mb(value) {
  return value === null ? "n/a (no /usr/bin/time)" : `${Math.round(value)} MB`;
}

const commit = (() => {
  try {
    return execSync("git rev-parse --short HEAD", { cwd: root, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
})();
const machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model ?? "?"}, Node.js ${process.version}`;

const width = Math.max(...targets.map((t) => t[0].length));
console.log(`\nmedian of ${RUNS} runs after a warm-up; ${machine}; commit ${commit}\n`);
console.log(`${"measure".padEnd(width)}  ${"figure".padEnd(34)}  ${"target".padEnd(10)}  verdict`);
for (const [name, figure, target, ok] of targets) {
  console.log(`${name.padEnd(width)}  ${figure.padEnd(34)}  ${target.padEnd(10)}  ${ok ? "ok" : "MISSED"}`);
}

const outDir = path.join(root, ".local", "bench");
fs.mkdirSync(outDir, { recursive: true });
const outFile = path.join(outDir, `${commit}.json`);
const report = {
  commit,
  date: new Date().toISOString(),
  machine,
  runs: RUNS,
  results,
  synthToFloorRatio: ratio,
  planToFloorRatio: planRatio,
};
fs.writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nfigures written to ${path.relative(root, outFile)}`);
process.exitCode = targets.every((t) => t[3]) ? 0 : 1;
