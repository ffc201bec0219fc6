/**
 * What a validation of user input gives back: the cleaned value, or every problem found (for a form to show
 * them all at once). `P` names where each problem is (an e-mail, a field path) and what is wrong.
 */
export type Checked<T, P> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly P[] };
