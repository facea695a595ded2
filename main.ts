import { App } from "cdktf";
import { ENVIRONMENTS, runtimeFromEnvironment } from "./config";
import { addEnvironmentStacks } from "./stacks/app";
import { runApp } from "./stacks/synthesize";

runApp(() => {
  const app = new App({ skipValidation: true, stackTraces: false });
  addEnvironmentStacks(app, ENVIRONMENTS, runtimeFromEnvironment(process.env));
  return app;
});
