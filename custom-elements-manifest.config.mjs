// `cem analyze` (npm run build): writes dist/custom-elements.json from the elements' JSDoc.
// Our elements declare their reactive properties through `reactive({...})` (src/internal/reactive.ts),
// which names each attribute the HTML way; the plugin below reads those declarations so that every
// attribute is in the manifest, tied to its property. `password` and `ha1` are read from their
// attribute once and then removed (never reflected): listed as attributes too.
const SECRETS = ['password', 'ha1'];

function reactiveAttributes() {
  return {
    name: 'fs-reactive-attributes',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const declaration = moduleDoc.declarations?.find(d => d.name === node.name.text);
      if (!declaration) return;
      for (const member of node.members) {
        const isProperties = ts.isPropertyDeclaration(member) && member.name.getText() === 'properties' && member.modifiers?.some(m => m.kind === ts.SyntaxKind.StaticKeyword);
        const call = isProperties ? member.initializer : null;
        if (!call || !ts.isCallExpression(call) || call.expression.getText() !== 'reactive') continue;
        const spec = call.arguments[0];
        if (!ts.isObjectLiteralExpression(spec)) continue;
        declaration.attributes ??= [];
        for (const prop of spec.properties) {
          if (!ts.isPropertyAssignment(prop)) continue;
          const name = prop.name.getText().replace(/['"]/g, '');
          const options = Object.fromEntries(
            ts.isObjectLiteralExpression(prop.initializer)
              ? prop.initializer.properties.filter(ts.isPropertyAssignment).map(p => [p.name.getText(), p.initializer.getText().replace(/^'|'$/g, '')])
              : [],
          );
          const field = declaration.members?.find(m => m.name === name);
          if (options.state === 'true') {
            if (field) field.privacy ??= 'private';
            continue;
          }
          const attribute = options.attribute === 'false' ? (SECRETS.includes(name) ? name : null) : options.attribute ?? name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);
          if (!attribute || declaration.attributes.some(a => a.name === attribute)) continue;
          declaration.attributes.push({ name: attribute, fieldName: name, type: field?.type, default: field?.default, description: field?.description });
          if (field) field.attribute = attribute;
        }
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts', 'src/index.ts'],
  exclude: ['src/**/*.styles.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [reactiveAttributes()],
};
