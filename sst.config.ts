import type { SSTConfig } from "sst";
import { Api } from "./stacks/Api.ts";
import { LAMBDA_RUNTIME, NODEJS_BUNDLING } from "./stacks/bundling.ts";
import { Database } from "./stacks/Database.ts";

export default {
  config() {
    return {
      name: "poet-api",
      region: "eu-west-2",
    };
  },
  stacks(app) {
    // Ephemeral stages (feature branches, personal dev stages) clean up after themselves;
    // production keeps its resources if the stack is ever removed.
    if (app.stage !== "prod") app.setDefaultRemovalPolicy("destroy");

    app.setDefaultFunctionProps({
      runtime: LAMBDA_RUNTIME,
      architecture: "arm_64",
      nodejs: NODEJS_BUNDLING,
      logRetention: "one_month",
      tracing: "active",
      environment: {
        NODE_ENV: "production",
        POET_STAGE: app.stage,
      },
    });

    app.stack(Database).stack(Api);
  },
} satisfies SSTConfig;
