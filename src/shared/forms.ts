/** The form-intake feature's entry points (menu items and the form-submit trigger) and its sidebar data. */
export const FORMS_HANDLERS = [
  "menuCreateSignupForm",
  "menuCreateSurvey",
  "menuSendConfirmDetails",
  "menuShowFormReview",
  "handleFormSubmit",
] as const;

/** One submission waiting for review, as the review list shows it. */
export interface FormReviewItem {
  /** ISO instant it arrived. */
  readonly receivedAt: string;
  readonly form: "signup" | "survey";
  readonly reason: string;
  readonly answers: string;
  /** Where the raw response is ("<tab>!<row>"). */
  readonly response: string;
}
