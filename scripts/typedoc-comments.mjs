// TypeDoc plugin (typedoc.json): lib/index.ts exports most tg.* functions by destructuring a kw()-wrapped table
// (`export const { sinh, cosh } = api.elementwiseMath`). TypeDoc documents such a name from its signature, so a
// function made by a factory (savingSelf('sinh', ...)) shows no comment although its const carries one. For a
// destructured export without a comment this takes the comment of the table's member it destructures, the
// same declaration scripts/doc-coverage.mjs checks (the first overload's comment for an overloaded function).
import ts from 'typescript';

export function load(app) {
  app.converter.on(app.converter.constructor.EVENT_CREATE_DECLARATION, (context, reflection) => {
    const hasComment = reflection.comment || reflection.signatures?.some((s) => s.comment);
    if (hasComment) return;
    const symbol = context.getSymbolFromReflection(reflection);
    const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (!decl || !ts.isBindingElement(decl) || !ts.isVariableDeclaration(decl.parent.parent) || !decl.parent.parent.initializer) return;
    const checker = context.checker;
    const key = (decl.propertyName ?? decl.name).getText();
    let prop = checker.getTypeAtLocation(decl.parent.parent.initializer).getProperty(key);
    if (prop && prop.flags & ts.SymbolFlags.Alias) prop = checker.getAliasedSymbol(prop);
    const short = prop?.valueDeclaration;
    if (short && ts.isShorthandPropertyAssignment(short)) prop = checker.getShorthandAssignmentValueSymbol(short) ?? prop;
    if (!prop) return;
    let comment = context.getComment(prop, reflection.kind);
    // An overloaded function (max, min, median, nonzero, where) carries its comment on the first overload.
    for (const d of prop.declarations ?? []) {
      if (comment) break;
      if (ts.isFunctionDeclaration(d)) comment = context.getSignatureComment(d);
    }
    if (comment) reflection.comment = comment;
  });
}
