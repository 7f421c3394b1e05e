export { DEMO_SEED, generateDemoResponses } from "./generate.ts";
export { seedDemoData } from "./seed.ts";
