export { forgetReleases, latestReleaseId, type ReleaseInfo, releaseList } from "../figure/index.ts";
export { type CutOptions, cutRelease } from "./cut.ts";
export { describeReleases, type ReleaseQuestionSetView, type ReleaseView } from "./describe.ts";
export { publicationDate, publishableThrough } from "./policy.ts";
export { RELEASE_NAME_PATTERN } from "./validation.ts";
