// Integration: the real `cdktf synth` on bad input exits non-zero with one clear line per problem
// and leaves the previous good cdktf.out as it was.
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
  "container_definitions.json",
  "package-lock.json",
  "config",
  "stacks",
  "constructs",
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

function synth(dir: string) {
  const result = spawnSync(WITH_TERRAFORM, [CDKTF, "synth"], {
    cwd: dir,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1", FORCE_COLOR: "0" },
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe("cdktf synth on bad input (integration)", () => {
  let dir: string;
  let stackJson: string;
  let goodJson: string;
  let goodMtime: number;
  const note = fs.readFileSync(path.join(ROOT, "container_definitions.json"), "utf8");
  const main = fs.readFileSync(path.join(ROOT, "main.ts"), "utf8");

  beforeAll(() => {
    dir = copyProject();
    const good = synth(dir);
    expect(good.status).toBe(0);
    stackJson = path.join(dir, "cdktf.out", "stacks", "ecs-fargate", "cdk.tf.json");
    goodJson = fs.readFileSync(stackJson, "utf8");
    goodMtime = fs.statSync(stackJson).mtimeMs;
  });

  afterEach(() => {
    fs.writeFileSync(path.join(dir, "container_definitions.json"), note);
    fs.writeFileSync(path.join(dir, "main.ts"), main);
  });

  /** main.ts with extra stack props, as a user would edit them. */
  const withProps = (props: string) =>
    main.replace("settingsFromEnvironment(process.env)", `{ ...settingsFromEnvironment(process.env), ${props} }`);

  it.each<[string, { file?: string; main?: string }, string]>([
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
      { main: withProps("cpu: 256, memoryMiB: 4096") },
      "ecs-fargate/task_definition: `memoryMiB` must be one of 512, 1024, 2048 when `cpu` is 256, got: 4096",
    ],
    [
      "a container name mismatch",
      { main: withProps('loadBalancedContainer: { name: "nginx", port: 80 }') },
      'ecs-fargate/service: `loadBalancer.containerName` must name a container in container_definitions.json (example), got: "nginx"',
    ],
    [
      "a retired platform version",
      { main: withProps('platformVersion: "1.3.0"') },
      'ecs-fargate/service: `platformVersion` must be LATEST or 1.4.0: AWS retired 1.3.0 and older (1.3.0 on 2026-03-16), no new services or tasks run on them, got: "1.3.0"',
    ],
  ])("%s: one clear line, a non-zero exit and the previous cdktf.out kept", (_, change, line) => {
    if (change.file) fs.writeFileSync(path.join(dir, "container_definitions.json"), change.file);
    if (change.main) fs.writeFileSync(path.join(dir, "main.ts"), change.main);

    const { status, output } = synth(dir);

    expect(status).not.toBe(0);
    expect(output).toContain("1 problem in the stack's input; nothing was synthesized:");
    expect(output.split("\n").map((l) => l.trim())).toContain(line);
    expect(fs.readFileSync(stackJson, "utf8")).toBe(goodJson);
    expect(fs.statSync(stackJson).mtimeMs).toBe(goodMtime);
  });
});
