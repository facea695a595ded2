// Integration: the real `cdktf synth` on bad input exits non-zero with one clear line per problem
// and leaves the previous good cdktf.out as it was (most rows run the app command cdktf synth runs).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "../helpers/terraform";

jest.setTimeout(120_000);

const CDKTF = path.join(ROOT, "node_modules", ".bin", "cdktf");
const WITH_TERRAFORM = path.join(ROOT, "scripts", "with-terraform.sh");
const SOURCES = [
  "main.ts",
  "cdktf.json",
  // every environment's container definitions: the web service's, the other services', the scheduled tasks'
  ...fs.readdirSync(ROOT).filter((file) => /^container_definitions(\.[\w-]+)*\.json$/.test(file)),
  "package-lock.json",
  "config",
  "stacks",
  "constructs",
  "checks",
  "scripts/run-app.js",
];

/** A copy of the project (sharing node_modules) to break in different ways. */
function copyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-cli-"));
  for (const source of SOURCES) {
    fs.cpSync(path.join(ROOT, source), path.join(dir, source), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

/** A JavaScript stack trace's frame line: `    at Network.validate (/.../main.ts.js:89479:22)`. */
const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;

function synth(dir: string) {
  const result = spawnSync(WITH_TERRAFORM, [CDKTF, "synth"], {
    cwd: dir,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1", FORCE_COLOR: "0" },
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/**
 * The app command of cdktf.json, run as `cdktf synth` runs it (into `cdktf.out`): the CLI passes its
 * output and exit code through, so the bad inputs that are the app's own concern need not start the
 * CLI each time (about 2.3 s of CPU a run).
 */
function appSynth(dir: string) {
  const { app } = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.json"), "utf8")) as { app: string };
  const result = spawnSync("bash", ["-c", app], {
    cwd: dir,
    env: { ...process.env, CDKTF_OUTDIR: path.join(dir, "cdktf.out"), FORCE_COLOR: "0" },
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** The rows that go through the real `cdktf synth` (a file's problem, a setting's problem); the rest run the app command. */
const THROUGH_THE_CLI = new Set(["a typo in the JSON", "a wrong cpu/memory pair"]);

describe("cdktf synth on bad input (integration)", () => {
  let dir: string;
  /** Every stack's cdk.tf.json after a good synth: its path, bytes and modification time. */
  let good: { file: string; json: string; mtime: number }[];
  const note = fs.readFileSync(path.join(ROOT, "container_definitions.json"), "utf8");
  const devFile = path.join("config", "environments", "dev.ts");
  const devSettings = fs.readFileSync(path.join(ROOT, devFile), "utf8");

  const readGood = () =>
    ["ecs-fargate-dev", "ecs-fargate-prod"].map((stack) => {
      const file = path.join(dir, "cdktf.out", "stacks", stack, "cdk.tf.json");
      return { file, json: fs.readFileSync(file, "utf8"), mtime: fs.statSync(file).mtimeMs };
    });
  const expectGoodOutputKept = () => {
    for (const { file, json, mtime } of good) {
      expect(fs.readFileSync(file, "utf8")).toBe(json);
      expect(fs.statSync(file).mtimeMs).toBe(mtime);
    }
  };

  beforeAll(() => {
    dir = copyProject();
    expect(synth(dir).status).toBe(0);
    good = readGood();
  });

  afterEach(() => {
    fs.writeFileSync(path.join(dir, "container_definitions.json"), note);
    fs.writeFileSync(path.join(dir, devFile), devSettings);
  });

  /** The dev environment's settings with one value edited, as a user would edit them. */
  const devWith = (from: string, to: string): string => {
    if (!devSettings.includes(from)) throw new Error(`${devFile} has no ${from}`);
    return devSettings.replace(from, to);
  };

  it.each<[string, { file?: string; dev?: string }, string]>([
    [
      "a typo in the JSON",
      { file: note.replace('"essential": true,', '"essential": true') },
      'container_definitions.json:6:5: JSON syntax error: a comma is expected, got: "\\"logConfiguration\\""',
    ],
    [
      "a container port that is not a number",
      { file: note.replace('"containerPort": 80', '"containerPort": "80a"') },
      'container_definitions.json[0].portMappings[0].containerPort: must be a whole number from 1 to 65535, got: "80a"',
    ],
    [
      "a wrong cpu/memory pair",
      { dev: devWith("memoryMiB: 512", "memoryMiB: 4096") },
      "config/environments/dev.ts: `taskDefinition.memoryMiB` must be one of 512, 1024, 2048 when `cpu` is 256, got: 4096",
    ],
    [
      "a container name mismatch",
      { dev: devWith('containerName: "example"', 'containerName: "nginx"') },
      'config/environments/dev.ts: `service.targets[0].containerName` must name a container in container_definitions.json (example), got: "nginx"',
    ],
    [
      "a retired platform version",
      { dev: devWith('platformVersion: "1.4.0"', 'platformVersion: "1.3.0"') },
      'config/environments/dev.ts: `service.platformVersion` must be LATEST or 1.4.0: AWS retired 1.3.0 and older (1.3.0 on 2026-03-16), no new services or tasks run on them, got: "1.3.0"',
    ],
    [
      "an environment name that is not a valid stack name",
      { dev: devWith('environment: "dev"', 'environment: "dev env"') },
      'config/environments/*.ts: `environment` must be 1 to 32 lowercase letters, digits and hyphens, starting with a letter, got: "dev env"',
    ],
    [
      "a missing region",
      { dev: devWith('region: "ap-northeast-1",', 'region: "",') },
      'config/environments/dev.ts: `region` must be an AWS region such as ap-northeast-1, got: ""',
    ],
    [
      "CIDRs that overlap between settings",
      { dev: devWith('privateSubnetCidrs: ["10.0.65.0/24"', 'privateSubnetCidrs: ["10.0.2.0/24"') },
      'config/environments/dev.ts: `network.privateSubnetCidrs[0]` must not overlap publicSubnetCidrs[1] (10.0.2.0/24), got: "10.0.2.0/24"',
    ],
    [
      "a state bucket name that S3 would reject",
      { dev: devWith("state: {},", 'state: { bucket: "Team_State" },') },
      "config/environments/dev.ts: `state.bucket` must be 3 to 63 characters of lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit, not an IP address, without '..' or a reserved prefix or suffix, got: \"Team_State\"",
    ],
    [
      "a string where the settings' type has a list",
      { dev: devWith('publicSubnetCidrs: ["10.0.1.0/24", "10.0.2.0/24"]', 'publicSubnetCidrs: "10.0.1.0/24"') },
      'config/environments/dev.ts: `network.publicSubnetCidrs` must be a list of strings, got: "10.0.1.0/24" (a string, expected a list)',
    ],
    [
      "an image with an empty tag in the settings",
      { dev: devWith("memoryMiB: 512,", 'memoryMiB: 512,\n    image: "nginx:",') },
      'config/environments/dev.ts: `taskDefinition.image` must have a tag of 1 to 128 letters, digits and _.- after its ":" (nginx:1.27.3), or no ":" at all, got: "nginx:"',
    ],
    [
      "a container larger than its task",
      { file: note.replace('"essential": true,', '"essential": true,\n    "memory": 1024,') },
      "container_definitions.json[0].memory: must be at most the task's `memoryMiB` (512), got: 1024",
    ],
    [
      "a container port of 70000, which three constructs receive",
      { dev: devWith("containerPort: 80 }", "containerPort: 70000 }") },
      "config/environments/dev.ts: `service.targets[0].containerPort` must be a whole number from 1 to 65535, got: 70000",
    ],
  ])("%s: one clear line, a non-zero exit and every stack's previous cdktf.out kept", (name, change, line) => {
    if (change.file) fs.writeFileSync(path.join(dir, "container_definitions.json"), change.file);
    if (change.dev) fs.writeFileSync(path.join(dir, devFile), change.dev);

    const { status, output } = THROUGH_THE_CLI.has(name) ? synth(dir) : appSynth(dir);

    expect(status).not.toBe(0);
    expect(output).toContain("1 problem in the stack's input; nothing was synthesized:");
    expect(output.split("\n").map((l) => l.trim())).toContain(line);
    expect(output).not.toMatch(STACK_TRACE);
    expectGoodOutputKept();
  });

  it("a settings file that fails when it loads: one line, no stack trace, a non-zero exit and cdktf.out kept", () => {
    fs.writeFileSync(
      path.join(dir, devFile),
      devWith("export const dev", "const broken = undefinedSetting.name;\nexport const dev"),
    );

    const { status, output } = synth(dir);

    expect(status).not.toBe(0);
    expect(output.split("\n").map((l) => l.trim())).toContain(
      "main.ts stopped: undefinedSetting is not defined (run with DEBUG_SYNTH=1 for the stack trace)",
    );
    expect(output).not.toMatch(STACK_TRACE);
    expectGoodOutputKept();
  });

  it("a syntax error in a settings file: esbuild's message with the position, one line more, no stack trace", () => {
    fs.writeFileSync(path.join(dir, devFile), devWith("desiredCount: 2,", "desiredCount: 2 +,"));

    const { status, output } = synth(dir);

    expect(status).not.toBe(0);
    const line = devSettings.split("\n").findIndex((l) => l.includes("desiredCount: 2,")) + 1;
    expect(output).toContain(`${devFile}:${line}:`);
    expect(output.split("\n").map((l) => l.trim())).toContain("main.ts could not be bundled: fix the error above");
    expect(output).not.toMatch(STACK_TRACE);
    expectGoodOutputKept();
  });

  it("an acknowledgement that accepts nothing any more: a warning saying what to remove, and the synth goes on", () => {
    fs.writeFileSync(
      path.join(dir, devFile),
      devWith("memoryMiB: 512,", 'memoryMiB: 512,\n    image: "nginx:1.27.3",'),
    );

    const { status, output } = synth(dir);

    expect(status).toBe(0);
    expect(output).toContain(
      'config/environments/dev.ts: `checks.acknowledgements[1]` ("container-image-tag" on aws_ecs_task_definition.example) accepts no finding of ecs-fargate-dev any more: nothing there breaks the rule now, so remove that entry from config/environments/dev.ts',
    );
    expect(output).not.toMatch(STACK_TRACE);
    const synthesized = JSON.parse(
      fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "ecs-fargate-dev", "cdk.tf.json"), "utf8"),
    ) as { resource: Record<string, Record<string, { container_definitions?: string }>> };
    const containers = synthesized.resource.aws_ecs_task_definition?.example?.container_definitions ?? "[]";
    expect((JSON.parse(containers) as { image: string }[])[0]?.image).toBe("nginx:1.27.3");
    // The good output is back for the tests that follow.
    fs.writeFileSync(path.join(dir, devFile), devSettings);
    expect(synth(dir).status).toBe(0);
    good = readGood();
  });
});
