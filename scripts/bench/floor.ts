// The benchmark's floor: a stack holding only the AWS provider, run by the same app
// command as main.ts, so that `cdktf synth` of main.ts divided by this shows what the
// project itself adds.
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack } from "cdktf";

const app = new App();
const stack = new TerraformStack(app, "floor");
new AwsProvider(stack, "aws", { region: "ap-northeast-1" });
app.synth();
