import type { CartItem, JourneyState, VisitorState } from "@waymark/shared";

/**
 * The customer's state after taking in one device's anonymous history (called once per device, so nothing is
 * counted twice): counters add up, the cart is the union (the device's items the customer lacks), traits keep
 * the customer's values. Per journey, a position past the start stage beats one at the start, and between two
 * such, the more recent one wins; the customer's branch assignment is kept when it has one.
 */
export function mergeStates(
  customer: VisitorState,
  device: VisitorState,
  startOf: (journey: string) => string | undefined,
): VisitorState {
  const journeys: Record<string, JourneyState> = { ...customer.journeys };
  for (const [id, js] of Object.entries(device.journeys)) {
    const mine = journeys[id];
    if (!mine) {
      journeys[id] = { ...js };
      continue;
    }
    const start = startOf(id);
    const moved = (s: JourneyState) => (s.stage !== start ? 1 : 0);
    const deviceWins =
      moved(js) > moved(mine) || (moved(js) === moved(mine) && moved(js) === 1 && js.stageSince > mine.stageSince);
    // The customer's enrolment stays with their group: their metric facts keep adding to the group they were counted in.
    const enrolment = mine.enrolment ?? js.enrolment;
    if (deviceWins)
      journeys[id] = { ...js, branch: mine.branch, holdout: mine.holdout, ...(enrolment ? { enrolment } : {}) };
  }
  const items: CartItem[] = customer.cart.items.map((i) => ({ ...i }));
  for (const it of device.cart.items) if (!items.some((i) => i.id === it.id)) items.push({ ...it });
  const count = items.reduce((n, i) => n + i.quantity, 0);
  const value = Math.round(items.reduce((v, i) => v + i.price * i.quantity, 0) * 100) / 100;
  const newerCart = (device.cart.updatedAt ?? 0) > (customer.cart.updatedAt ?? 0);
  const interests = { ...device.scores.interests };
  for (const [k, v] of Object.entries(customer.scores.interests)) interests[k] = (interests[k] ?? 0) + v;
  return {
    ...customer,
    createdAt: Math.min(customer.createdAt, device.createdAt),
    lastSeenAt: Math.max(customer.lastSeenAt, device.lastSeenAt),
    visits: customer.visits + device.visits,
    sessionStartedAt: Math.max(customer.sessionStartedAt, device.sessionStartedAt),
    pageViews: customer.pageViews + device.pageViews,
    eventCount: customer.eventCount + device.eventCount,
    cart: {
      items,
      count,
      value,
      lastItem: (newerCart ? device.cart.lastItem : customer.cart.lastItem) ?? items[items.length - 1] ?? null,
      updatedAt: Math.max(customer.cart.updatedAt ?? 0, device.cart.updatedAt ?? 0) || null,
    },
    traits: { ...device.traits, ...customer.traits },
    scores: {
      engagement: customer.scores.engagement + device.scores.engagement,
      interests,
      updatedAt: Math.max(customer.scores.updatedAt, device.scores.updatedAt),
    },
    journeys,
    recentPaths: [...device.recentPaths, ...customer.recentPaths].slice(-20),
    ...mergeTouches(customer, device),
  };
}

/** The earlier first touch, and the session touch of whichever session is current (the later one). */
function mergeTouches(customer: VisitorState, device: VisitorState): Pick<VisitorState, "touch"> {
  const a = customer.touch;
  const b = device.touch;
  if (!a || !b) return a || b ? { touch: a ?? b } : {};
  const earlier = !a.first || (b.first && b.first.at < a.first.at) ? b.first : a.first;
  const later = !a.session || (b.session && b.session.at > a.session.at) ? b.session : a.session;
  return { touch: { first: earlier, session: later } };
}
