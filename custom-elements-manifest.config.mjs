// `cem analyze` (npm run build): writes dist/custom-elements.json from the elements' JSDoc.
// A setting is declared once, where its feature uses it: a field with a `@setting(...)` decorator
// (src/internal/setting.ts), its doc comment and its initializer (the default). The plugin below
// reads those: every setting is an attribute in the manifest (the property's name the HTML way
// unless the decorator names one), tied to its field; `state: true` ones are internal. `password`
// and `ha1` are read from their attribute once and then removed (never reflected): listed as
// attributes too. A default taken from the core's DEFAULTS is written as its value.
import { readFileSync } from 'node:fs';

const SECRETS = ['password', 'ha1'];

/** The core's DEFAULTS (src/sip/config.ts), as the text of each value. */
const DEFAULTS = (() => {
  const text = readFileSync(new URL('./src/sip/config.ts', import.meta.url), 'utf8');
  const body = /export const DEFAULTS = \{([\s\S]*?)\n\}/.exec(text)?.[1] ?? '';
  return Object.fromEntries([...body.matchAll(/^ {2}(\w+): (.+?)(?: as [^,]+)?,$/gm)].map(m => [m[1], m[2]]));
})();

/** The name of the declaration a class belongs to: its own, or the mixin function's it is inside. */
function ownerName(ts, node) {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) return n.name.text;
    if (ts.isFunctionDeclaration(n) && n.name) return n.name.text;
  }
  return node.name?.text;
}

function settings() {
  return {
    name: 'fs-settings',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node)) return;
      const owner = ownerName(ts, node);
      const declaration = moduleDoc.declarations?.find(d => d.name === owner);
      if (!declaration) return;
      for (const member of node.members) {
        if (!ts.isPropertyDeclaration(member)) continue;
        const decorator = ts.getDecorators?.(member)?.find(d => ts.isCallExpression(d.expression) && d.expression.expression.getText() === 'setting');
        if (!decorator) continue;
        const name = member.name.getText();
        const arg = decorator.expression.arguments[0];
        const options = Object.fromEntries(
          arg && ts.isObjectLiteralExpression(arg) ? arg.properties.filter(ts.isPropertyAssignment).map(p => [p.name.getText(), p.initializer.getText().replace(/^'|'$/g, '')]) : [],
        );
        const field = declaration.members?.find(m => m.name === name);
        const initial = member.initializer?.getText();
        if (field && initial?.startsWith('DEFAULTS.')) field.default = DEFAULTS[initial.slice(9)] ?? initial;
        if (options.state === 'true') {
          if (field) field.privacy ??= 'private';
          continue;
        }
        const attribute = options.attribute === 'false' ? (SECRETS.includes(name) ? name : null) : options.attribute ?? name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);
        if (!attribute) continue;
        declaration.attributes ??= [];
        if (declaration.attributes.some(a => a.name === attribute)) continue;
        declaration.attributes.push({ name: attribute, fieldName: name, type: field?.type, default: field?.default, description: field?.description });
        if (field) field.attribute = attribute;
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts', 'src/index.ts'],
  exclude: ['src/**/*.styles.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [settings()],
};
