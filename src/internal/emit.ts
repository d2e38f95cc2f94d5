/**
 * Dispatches an `fs-*` CustomEvent from `el`: it bubbles and crosses shadow roots so a page can
 * listen anywhere above the element. Returns the event, so a cancelable one can be checked.
 */
export function emit<K extends keyof HTMLElementEventMap>(
  el: HTMLElement,
  name: K,
  detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
  options: { cancelable?: boolean } = {},
): CustomEvent {
  const event = new CustomEvent(name, { bubbles: true, composed: true, cancelable: !!options.cancelable, detail });
  el.dispatchEvent(event);
  return event;
}
