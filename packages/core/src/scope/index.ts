export {
  type AnswerBudget,
  DEFAULT_SETTINGS,
  type JwtSettings,
  MAX_ANSWER_BYTES,
  type Scope,
  type Settings,
} from "./scope.ts";
export { inTransaction, transaction } from "./transaction.ts";
