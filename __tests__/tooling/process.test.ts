// The one way the tooling runs other programs (tooling/process.ts), tried on Node itself.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { COMMAND_ENV, run, runChecked, synthesize } from "../../tooling/process";

const NODE = process.execPath;
/** `node -e <script>`: a command whose output and exit code the test chooses. */
const node = (script: string) => [NODE, ["-e", script]] as const;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "process-"));

describe("run", () => {
  it("captures the output and the exit code, and does not fail on a code other than 0", async () => {
    await expect(
      run(...node("process.stdout.write('out'); process.stderr.write('err'); process.exit(3)")),
    ).resolves.toEqual({
      code: 3,
      stdout: "out",
      stderr: "err",
    });
  });

  it("passes arguments as they are, without a shell", async () => {
    const { stdout } = await run(NODE, [
      "-e",
      "process.stdout.write(JSON.stringify(process.argv.slice(1)))",
      "$HOME",
      "a b",
      "'q'",
    ]);
    expect(JSON.parse(stdout)).toEqual(["$HOME", "a b", "'q'"]);
  });

  it("gives every command Terraform's automation settings, then the caller's variables over them", async () => {
    const print =
      "process.stdout.write(JSON.stringify([process.env.CHECKPOINT_DISABLE, process.env.TF_IN_AUTOMATION, process.env.EXTRA]))";
    expect(COMMAND_ENV).toEqual({ CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" });
    expect(JSON.parse((await run(...node(print))).stdout)).toEqual(["1", "1", null]);
    expect(JSON.parse((await run(...node(print), { env: { EXTRA: "x", TF_IN_AUTOMATION: "" } })).stdout)).toEqual([
      "1",
      "",
      "x",
    ]);
  });

  it("runs in the folder it is given", async () => {
    const dir = fs.realpathSync(tmp());
    expect((await run(...node("process.stdout.write(process.cwd())"), { cwd: dir })).stdout).toBe(dir);
  });

  it("writes the standard output to a file when asked, and captures the errors still", async () => {
    const file = path.join(tmp(), "out.json");
    const result = await run(...node("process.stdout.write('{\"big\":true}'); process.stderr.write('note')"), {
      stdoutFile: file,
    });
    expect(result).toEqual({ code: 0, stdout: "", stderr: "note" });
    expect(fs.readFileSync(file, "utf8")).toBe('{"big":true}');
  });

  it("captures nothing when the output passes through", async () => {
    await expect(run(...node("process.exit(4)"), { passThrough: true })).resolves.toEqual({
      code: 4,
      stdout: "",
      stderr: "",
    });
  });

  it("gives 128 for a command a signal ended", async () => {
    expect((await run(...node("process.kill(process.pid, 'SIGTERM')"))).code).toBe(128);
  });

  it("rejects a command that cannot start", async () => {
    await expect(run("no-such-command-here", [])).rejects.toThrow(/ENOENT/);
  });
});

describe("runChecked", () => {
  it("resolves with the run when the code is 0", async () => {
    await expect(runChecked(...node("process.stdout.write('ok')"))).resolves.toEqual({
      code: 0,
      stdout: "ok",
      stderr: "",
    });
  });

  it("fails naming the command line, the code and the output", async () => {
    await expect(runChecked(NODE, ["-e", "console.error('broken'); process.exit(2)"])).rejects.toThrow(
      `${NODE} -e console.error('broken'); process.exit(2) exited 2:\nbroken`,
    );
  });
});

describe("synthesize", () => {
  /** A project whose app command is `app`, in a folder of its own. */
  const project = (app: string) => {
    const root = tmp();
    fs.writeFileSync(path.join(root, "cdktf.json"), JSON.stringify({ app }));
    return root;
  };

  it("runs the app command of cdktf.json in the project, into the output folder, making its parents", async () => {
    const root = project(
      `node -e "require('fs').mkdirSync(process.env.CDKTF_OUTDIR); require('fs').writeFileSync(process.env.CDKTF_OUTDIR + '/manifest.json', process.cwd())"`,
    );
    const out = path.join(tmp(), "not", "yet", "cdktf.out");
    await synthesize(root, out, { UNUSED: "1" });
    expect(fs.readFileSync(path.join(out, "manifest.json"), "utf8")).toBe(fs.realpathSync(root));
  });

  it("fails with the app's problems when the app fails", async () => {
    const root = project(`node -e "console.error('1 problem in the stack\\'s input'); process.exit(1)"`);
    await expect(synthesize(root, path.join(tmp(), "cdktf.out"))).rejects.toThrow(
      "synth failed (exit 1):\n1 problem in the stack's input",
    );
  });
});
