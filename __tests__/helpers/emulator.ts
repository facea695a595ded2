import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { ROOT } from "./terraform";

const PYTHON = path.join(ROOT, ".venv", "bin", "python");
const LAUNCHER = path.join(ROOT, "scripts", "emulator", "moto_server.py");
const TLS_DIR = path.join(ROOT, ".local", "emulator-tls");

/** A moto server of the test's own on 127.0.0.1, stopped by the test. */
export interface Emulator {
  readonly url: string;
  /** SDK client settings for it, trusting its certificate. */
  readonly client: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
    requestHandler: NodeHttpHandler;
  };
  /** Environment for Terraform, the app and the project's scripts: the endpoint, test credentials, the certificate. */
  readonly env: NodeJS.ProcessEnv;
  /**
   * Makes moto check every request against the caller's IAM policies after `afterRequests`
   * more requests (0: from now on; "never": off again), as INITIAL_NO_AUTH_ACTION_COUNT does
   * at start. What moto then checks: docs/decisions/0018-ci-roles-and-least-privilege.md.
   */
  enforceIam(afterRequests: number | "never"): Promise<void>;
  /** Empties it, as if just started (moto's own reset): for tests that share one emulator in turn. */
  reset(): Promise<void>;
  /** The launcher's test-only hold control (see `hold_requests_for_tests` in moto_server.py). */
  readonly control: HoldControl;
  stop(): Promise<void>;
}

/** A call for the launcher to hold: the query API's `Action` and parameters (`CidrBlock`). */
export interface HoldRule {
  readonly action: string;
  readonly params?: Record<string, string>;
  /** Whether AWS performs the held call before it is held (the resource exists, its id never reaches the client). */
  readonly perform: boolean;
}

export interface HoldState {
  readonly armed: boolean;
  readonly held: number;
  readonly busy: number;
}

/** Holds one AWS call open (then freezes the others), so that a test interrupts Terraform inside it. */
export interface HoldControl {
  hold(rule: HoldRule): Promise<HoldState>;
  state(): Promise<HoldState>;
  /** Waits until the rule's call is held and no other call is under way: the moment to interrupt. */
  caught(timeoutMs?: number): Promise<HoldState>;
  release(): Promise<{ released: number }>;
}

function controlRequest<T>(url: string, ca: string | undefined, method: string, body?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const options = { method, ca, timeout: 5_000, headers: data ? { "Content-Length": Buffer.byteLength(data) } : {} };
    const request = (url.startsWith("https:") ? https : http).request(url, options, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        if (response.statusCode !== 200) reject(new Error(`${method} ${url}: HTTP ${response.statusCode} ${text}`));
        else resolve(JSON.parse(text) as T);
      });
    });
    request.on("error", reject);
    request.end(data);
  });
}

function holdControl(url: string, ca: string | undefined): HoldControl {
  const state = () => controlRequest<HoldState>(`${url}/_test/hold`, ca, "GET");
  return {
    hold: (rule) => controlRequest<HoldState>(`${url}/_test/hold`, ca, "POST", rule),
    state,
    caught: async (timeoutMs = 180_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const now = await state();
        if (now.held > 0 && now.busy === 0) return now;
        if (Date.now() > deadline)
          throw new Error(`the held call did not come within ${timeoutMs} ms: ${JSON.stringify(now)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    release: () => controlRequest<{ released: number }>(`${url}/_test/release`, ca, "POST", {}),
  };
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The emulator's certificate (made once per checkout by scripts/emulator/tls.py). */
export function emulatorCertificate(): string {
  const made = spawnSync(PYTHON, [path.join(ROOT, "scripts", "emulator", "tls.py"), TLS_DIR], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(`scripts/emulator/tls.py failed:\n${made.stderr}`);
  return made.stdout.trim();
}

function answers(url: string, ca: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (response: http.IncomingMessage) => {
      response.resume();
      resolve(response.statusCode === 200);
    };
    const request = url.startsWith("https:")
      ? https.get(`${url}/moto-api/`, { ca, timeout: 2_000 }, done)
      : http.get(`${url}/moto-api/`, { timeout: 2_000 }, done);
    request.on("error", () => resolve(false));
  });
}

/**
 * Starts the project's moto launcher (scripts/emulator/moto_server.py) and waits until it answers.
 * `plain` runs moto unchanged, without the launcher's fixes; `http` serves plain HTTP instead of
 * HTTPS (to show what AWS does to a request without TLS); `env` sets moto's own settings, such as
 * `MOTO_ACM_VALIDATION_WAIT`; `holds` turns on the launcher's test-only hold control (`control`).
 */
export async function startEmulator(
  options: { plain?: boolean; http?: boolean; holds?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<Emulator> {
  if (!fs.existsSync(PYTHON)) {
    throw new Error("the emulator is not installed: run scripts/emulator/install.sh (npm test does)");
  }
  const cert = emulatorCertificate();
  const ca = fs.readFileSync(cert, "utf8");
  const port = await freePort();
  const url = `${options.http ? "http" : "https"}://127.0.0.1:${port}`;
  const tls = options.http ? [] : ["-c", cert, "-k", path.join(TLS_DIR, "key.pem")];
  // moto logs every request. Into a file, not a pipe: while a test waits on a synchronous
  // Terraform run, nothing would drain a pipe, and a full one blocks moto mid-request.
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "emulator-")), "moto.log");
  const logFd = fs.openSync(logFile, "w");
  const child: ChildProcess = spawn(PYTHON, [LAUNCHER, "-H", "127.0.0.1", "-p", String(port), ...tls], {
    env: {
      ...process.env,
      MOTO_IAM_LOAD_MANAGED_POLICIES: "true",
      MOTO_PLAIN: options.plain ? "1" : "0",
      MOTO_TEST_CONTROL: options.holds ? "1" : "0",
      ...options.env,
    },
    stdio: ["ignore", logFd, logFd],
  });
  fs.closeSync(logFd);
  const log = () => fs.readFileSync(logFile, "utf8").slice(-4000);

  const deadline = Date.now() + 60_000;
  while (!(await answers(url, ca))) {
    if (child.exitCode !== null) throw new Error(`the emulator exited (${child.exitCode}):\n${log()}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the emulator did not answer within 60 s:\n${log()}`);
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

  /** A POST to moto's own API (`/moto-api/<name>`), which must answer 200. */
  const motoApi = (name: string, body: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const options = { method: "POST", ca, headers: { "content-length": Buffer.byteLength(body) } };
      const done = (response: http.IncomingMessage) => {
        response.resume();
        response.on("end", () =>
          response.statusCode === 200 ? resolve() : reject(new Error(`${name} answered ${response.statusCode}`)),
        );
      };
      const request = (url.startsWith("https:") ? https : http).request(`${url}/moto-api/${name}`, options, done);
      request.on("error", reject);
      request.end(body);
    });
  const enforceIam = (afterRequests: number | "never"): Promise<void> =>
    motoApi("reset-auth", afterRequests === "never" ? "inf" : String(afterRequests));

  const credentials = { accessKeyId: "test", secretAccessKey: "test" };
  return {
    url,
    client: {
      endpoint: url,
      region: "ap-northeast-1",
      credentials,
      requestHandler: new NodeHttpHandler({ httpsAgent: new https.Agent({ ca }) }),
    },
    env: {
      AWS_ENDPOINT_URL: url,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_REGION: "ap-northeast-1",
      AWS_CA_BUNDLE: cert,
      NODE_EXTRA_CA_CERTS: cert,
    },
    enforceIam,
    reset: () => motoApi("reset", ""),
    control: holdControl(url, options.http ? undefined : ca),
    stop,
  };
}
