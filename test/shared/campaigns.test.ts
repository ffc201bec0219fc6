import { FILTER_COLUMNS } from "../../src/core/browse/customer-index";
import {
  CAMPAIGN_PLACEHOLDERS,
  DEFAULT_DAILY_CAP,
  MAX_BODY_CHARS,
  MAX_STEPS,
  MAX_SUBJECT_CHARS,
} from "../../src/core/campaigns/campaign";
import {
  CAMPAIGN_DEFAULT_DAILY_CAP,
  CAMPAIGN_FIELDS,
  CAMPAIGN_FILTERS,
  CAMPAIGN_MAX_BODY_CHARS,
  CAMPAIGN_MAX_STEPS,
  CAMPAIGN_MAX_SUBJECT_CHARS,
} from "../../src/shared/campaigns";

it("the sidebar's campaign limits are core's", () => {
  expect(CAMPAIGN_FIELDS).toEqual(CAMPAIGN_PLACEHOLDERS);
  expect([
    CAMPAIGN_MAX_STEPS,
    CAMPAIGN_MAX_SUBJECT_CHARS,
    CAMPAIGN_MAX_BODY_CHARS,
    CAMPAIGN_DEFAULT_DAILY_CAP,
  ]).toEqual([MAX_STEPS, MAX_SUBJECT_CHARS, MAX_BODY_CHARS, DEFAULT_DAILY_CAP]);
  expect([...CAMPAIGN_FILTERS].sort()).toEqual([...FILTER_COLUMNS].sort());
});
