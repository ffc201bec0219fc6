import { ALERT_KINDS, WATCHED_STAGES } from "../../src/core/notify/alerts";
import { ALERT_KIND_LIST, WATCHED_STAGE_LIST } from "../../src/shared/alerts";

// shared may import only core's types, so the sidebar's lists are copies: they must stay core's lists.
it("the sidebar's alert rules and watched stages are core's", () => {
  expect(ALERT_KIND_LIST).toEqual(ALERT_KINDS);
  expect(WATCHED_STAGE_LIST).toEqual(WATCHED_STAGES);
});
