import { App } from "cdktf";
import { ENVIRONMENTS, runtimeFromEnvironment } from "./config";
import { addEnvironmentStacks } from "./stacks/app";
import { synthesizeOrExplain } from "./stacks/synthesize";

const app = new App();
addEnvironmentStacks(app, ENVIRONMENTS, runtimeFromEnvironment(process.env));
synthesizeOrExplain(app);
