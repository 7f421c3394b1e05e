/** What the data are, said the same way by `about`, every report and every download. */
export const SYNTHETIC_NOTICE = "SYNTHETIC DEMO DATA: generated to resemble POET's published national results. Not real survey responses; not POET results.";
export const SURVEY_NOTICE = "POET survey returns submitted by member councils and health bodies.";
export const dataNotice = (synthetic: boolean): string => (synthetic ? SYNTHETIC_NOTICE : SURVEY_NOTICE);
