import type { NotifyBook, NotifyCustomer } from "../../../src/core/notify/book";

/** A customer with neutral defaults; tests override what they exercise. */
export function customer(id: string, extra: Partial<NotifyCustomer> = {}): NotifyCustomer {
  return {
    id,
    name: `Customer ${id}`,
    contactName: "",
    email: "",
    owner: "",
    type: "regular",
    status: "won",
    region: "",
    segment: "",
    abc: "",
    lifecycle: "",
    row: 2,
    ...extra,
  };
}

export function book(extra: Partial<NotifyBook>): NotifyBook {
  return { customers: [], orders: [], interactions: [], history: [], ...extra };
}
