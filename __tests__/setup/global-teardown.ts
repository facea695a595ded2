import * as fs from "fs";

export default function globalTeardown(): void {
  const dir = process.env.ECS_FARGATE_TEST_TMPDIR;
  if (dir && process.env.KEEP_TEST_TMPDIR !== "1") fs.rmSync(dir, { recursive: true, force: true });
}
