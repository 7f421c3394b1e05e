// Emits the merged SDL, descriptions included, as a module: the server needs no file access at
// run time, so the same code runs from a Lambda bundle.
const { printSchemaWithDirectives } = require("@graphql-tools/utils");

module.exports = {
  plugin(schema) {
    return `// Generated from schema/*.graphql by codegen.ts. Do not edit.\nexport const typeDefs = ${JSON.stringify(printSchemaWithDirectives(schema))};\n`;
  },
};
