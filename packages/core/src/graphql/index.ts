export type { GraphQLContext, Services } from "./context.ts";
export { createContext } from "./context.ts";
export { fieldCosts } from "./cost.ts";
export { typeDefs } from "./generated/type-defs.ts";
export { createHttpHandler, maxBodyBytes } from "./http.ts";
export { resolvers } from "./resolvers/index.ts";
export { createApolloServer, createSchema } from "./server.ts";
