import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { ROOT } from "./terraform";

const PYTHON = path.join(ROOT, ".venv", "bin", "python");
const LAUNCHER = path.join(ROOT, "scripts", "emulator", "moto_server.py");

/** A moto server of the test's own on 127.0.0.1, stopped by the test. */
export interface Emulator {
  readonly url: string;
  /** SDK client settings for it. */
  readonly client: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  /** Environment for Terraform and the app: the endpoint and test credentials. */
  readonly env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the project's moto launcher (scripts/emulator/moto_server.py) and waits until it answers.
 * `plain` runs moto unchanged, without the launcher's fix for ECS service fields.
 */
export async function startEmulator(options: { plain?: boolean } = {}): Promise<Emulator> {
  if (!fs.existsSync(PYTHON)) {
    throw new Error("the emulator is not installed: run scripts/emulator/install.sh (npm test does)");
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(PYTHON, [LAUNCHER, "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true", MOTO_ECS_PLAIN: options.plain ? "1" : "0" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the emulator exited (${child.exitCode}):\n${log}`);
    try {
      const response = await fetch(`${url}/moto-api/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the emulator did not answer within 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const credentials = { accessKeyId: "test", secretAccessKey: "test" };
  return {
    url,
    client: { endpoint: url, region: "ap-northeast-1", credentials },
    env: {
      AWS_ENDPOINT_URL: url,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_REGION: "ap-northeast-1",
    },
    stop,
  };
}
