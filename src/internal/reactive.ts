import type { PropertyDeclaration } from 'lit';

/**
 * Lit reactive property declarations with the attribute names spelled the HTML way: `sipUri` is
 * the `sip-uri` attribute. `state: true` entries are internal and have no attribute.
 */
export function reactive(spec: Record<string, PropertyDeclaration>): Record<string, PropertyDeclaration> {
  const out: Record<string, PropertyDeclaration> = {};
  for (const [name, declaration] of Object.entries(spec)) {
    out[name] = { attribute: !declaration.state && name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`), ...declaration };
  }
  return out;
}
