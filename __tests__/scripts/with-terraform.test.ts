// scripts/with-terraform.sh: the environment every Terraform run of the project gets.
import { spawnSync } from "child_process";
import * as path from "path";

const SCRIPT = path.resolve(__dirname, "..", "..", "scripts", "with-terraform.sh");

/** Runs `printenv GOGC` through the script with only PATH, HOME and `extra`. */
const gogc = (extra: NodeJS.ProcessEnv = {}) =>
  spawnSync("bash", [SCRIPT, "printenv", "GOGC"], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TF_PROVIDER_MIRROR: "none", ...extra },
    encoding: "utf8",
  });

describe("with-terraform.sh", () => {
  it("gives Terraform and its provider a garbage-collection target of 400", () => {
    expect(gogc()).toMatchObject({ status: 0, stdout: "400\n" });
  });

  it("keeps a GOGC of the user's own", () => {
    expect(gogc({ GOGC: "100" })).toMatchObject({ status: 0, stdout: "100\n" });
  });
});
