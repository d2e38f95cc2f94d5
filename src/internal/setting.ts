import { property } from 'lit/decorators.js';
import type { PropertyDeclaration } from 'lit';

/** A class (abstract or not) whose instances are `T`: what a feature mixin is applied to. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the mixin pattern's constructor signature
export type Constructor<T = object> = abstract new (...args: any[]) => T;

export interface SettingOptions extends PropertyDeclaration {
  /** Its changes reconfigure the phone's core (the element hands it to `Phone.configure()`). */
  config?: boolean;
}

/** The settings whose changes reconfigure the core, by property name. */
export const CONFIG_SETTINGS = new Set<string>();

/**
 * Declares a setting where it is used, once: the decorated field is a Lit reactive property, its
 * initializer the default and its doc comment the documentation (the manifest and the README's
 * tables are written from them). The attribute is the property's name the HTML way (`sipUri` is
 * `sip-uri`) unless `attribute` says otherwise; `state: true` is internal, without one.
 */
export function setting(options: SettingOptions = {}) {
  const { config, ...declaration } = options;
  return (proto: object, name: string): void => {
    if (config) CONFIG_SETTINGS.add(name);
    property({ attribute: !declaration.state && name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`), ...declaration })(proto, name);
  };
}
