// Every temporary folder a test run makes (CDKTF's Testing.app() outdirs, Terraform working
// directories, copies of the project) goes under one folder of the run's own, which
// global-teardown.ts removes: the system temp directory is left as it was found.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export default function globalSetup(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-fargate-tests-"));
  process.env.ECS_FARGATE_TEST_TMPDIR = dir;
  // os.tmpdir() reads TMPDIR on every call; jest's workers inherit it.
  process.env.TMPDIR = dir;
}
