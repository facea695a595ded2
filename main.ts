import { App } from "cdktf";
import { settingsFromEnvironment, STACK_NAME } from "./config";
import { EcsFargateStack } from "./stacks/ecs-fargate-stack";
import { synthesizeOrExplain } from "./stacks/synthesize";

const app = new App();
new EcsFargateStack(app, STACK_NAME, settingsFromEnvironment(process.env));
synthesizeOrExplain(app);
