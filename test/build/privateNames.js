// Which property names the build may rename (esbuild mangleProps): TypeScript `private` members that src/
// uses for nothing else. After minifying they are the longest names left in the bundle, and they are
// safe to shorten: TypeScript lets only the class itself read them, as `this.<name>`.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/**
 * The names of `sources` ({ file, text }) that are declared `private` in a class and occur nowhere else: every
 * declaration of the name is a private member, every use is `this.<name>` in a class declaring it private, and
 * no string, no other object's property, no object-literal key or destructuring, no type member and no
 * base-class member (a class that `extends` another class) shares it. Sorted.
 */
function privateOnlyNames(sources) {
  const ts = require('typescript');
  const isPrivate = (node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
  const privateUses = new Set();
  const otherUses = new Set();
  const memberName = (node) => (node.name && ts.isIdentifier(node.name) ? node.name.text : undefined);
  for (const { file, text } of sources) {
    const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const classes = [];
    const visit = (node) => {
      if (ts.isClassLike(node)) {
        const own = new Set();
        for (const member of node.members) {
          const params = ts.isConstructorDeclaration(member) ? member.parameters : [member];
          for (const declared of params) {
            const name = memberName(declared);
            if (name === undefined || (ts.isParameter(declared) && (ts.getModifiers(declared) ?? []).length === 0)) continue;
            // A private member of a subclass may meet a base class's own (unseen) properties: left alone.
            (isPrivate(declared) && !node.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword) ? own : otherUses).add(name);
          }
        }
        for (const name of own) privateUses.add(name);
        classes.push(own);
        ts.forEachChild(node, visit);
        classes.pop();
        return;
      }
      // Exported names may become properties of a module's namespace object (a stand-in reads them by name).
      if (ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
        const declared = ts.isVariableStatement(node) ? node.declarationList.declarations.map((d) => d.name) : [node.name];
        for (const name of declared) if (name && ts.isIdentifier(name)) otherUses.add(name.text);
      }
      if (ts.isExportSpecifier(node) || ts.isImportSpecifier(node)) {
        otherUses.add(node.name.text);
        if (node.propertyName && ts.isIdentifier(node.propertyName)) otherUses.add(node.propertyName.text);
      }
      if (ts.isPropertyAccessExpression(node)) {
        const name = node.name.text;
        const own = classes[classes.length - 1];
        if (!(node.expression.kind === ts.SyntaxKind.ThisKeyword && own?.has(name))) otherUses.add(name);
      } else if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
        for (const word of node.text.match(/[A-Za-z_$][\w$]*/g) ?? []) otherUses.add(word);
      } else if (ts.isBindingElement(node)) {
        const name = node.propertyName ?? node.name;
        if (ts.isIdentifier(name)) otherUses.add(name.text);
      } else if (ts.isQualifiedName(node)) {
        otherUses.add(node.right.text);
      } else if (
        (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isPropertySignature(node) || ts.isMethodSignature(node) || ts.isEnumMember(node)) &&
        ts.isIdentifier(node.name)
      ) {
        otherUses.add(node.name.text);
      } else if (ts.isObjectLiteralExpression(node)) {
        for (const property of node.properties) if (property.name && ts.isIdentifier(property.name)) otherUses.add(property.name.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return [...privateUses].filter((name) => !otherUses.has(name)).sort();
}

/** src/'s TypeScript files (generated types left out: they hold no classes). */
function sourceTexts(srcRoot) {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'generated') walk(full);
      } else if (entry.name.endsWith('.ts')) {
        files.push({ file: full, text: fs.readFileSync(full, 'utf8') });
      }
    }
  };
  walk(srcRoot);
  return files;
}

module.exports = { privateOnlyNames, sourceTexts };
